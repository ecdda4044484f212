// Who may read and change a record, and corrections: the counsellor corrects their own final record
// for 24 hours, a supervisor later; each correction takes back the old figures and adds the new ones,
// and is audited with before and after (free text only as "changed"). Every read of a record is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { outcome } from '../routing/routingApi.js';
import { auditOf, COUNSELLING, figure, finalize, getRecord, manual, patchRecord, team, view } from './recordApi.js';

describe.each(DATABASES)('record access and corrections on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  const again = (who: SignedIn) => t.signIn({ id: who.userId, login: who.login, password: who.password });
  const snapshot = async (id: string) => ({
    record: await t.db.selectFrom('contact_records').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    audit: await auditOf(t, id),
  });

  it("a counsellor's own correction within 24 hours, refused after, while a supervisor succeeds; all audited", async () => {
    let { serviceId, counsellor, supervisor } = await team(t);
    const rec = await manual(t, counsellor, serviceId);
    await view(finalize(t, counsellor, rec.id, 1, { ...COUNSELLING, summary: 'Первая запись', childAge: 9 }));
    expect(await figure(t, serviceId, 'c.age', 'under_10')).toBe(1);

    t.clock.advance(23 * 3_600_000);
    counsellor = await again(counsellor); // sessions end when idle
    const corrected = await view(patchRecord(t, counsellor, rec.id, 2, { childAge: 15, summary: 'Исправлено' }));
    expect(corrected).toMatchObject({ status: 'final', version: 3 });
    // The old figures were taken back, the new ones added.
    expect([await figure(t, serviceId, 'c.age', 'under_10'), await figure(t, serviceId, 'c.age', '15_17')]).toEqual([0, 1]);
    expect(await figure(t, serviceId, 'contacts', 'all')).toBe(1);

    t.clock.advance(2 * 3_600_000);
    [counsellor, supervisor] = [await again(counsellor), await again(supervisor)];
    const before = await snapshot(rec.id);
    const late = await patchRecord(t, counsellor, rec.id, 3, { childAge: 16 });
    expect(outcome(late)).toEqual({ status: 403, code: 'record.correction_window_closed' });
    expect(await snapshot(rec.id)).toEqual(before);
    expect((await view(getRecord(t, counsellor, rec.id))).canEdit).toBe(false);

    const bySupervisor = await view(patchRecord(t, supervisor, rec.id, 3, { reasons: ['school.exams'], childGender: 'boy' }));
    expect(bySupervisor.version).toBe(4);
    expect([await figure(t, serviceId, 'c.reason', 'school.performance'), await figure(t, serviceId, 'c.reason', 'school.exams')]).toEqual([
      0, 1,
    ]);
    // A correction may not make a final record incomplete.
    expect(outcome(await patchRecord(t, supervisor, rec.id, 4, { callerType: null }))).toEqual({ status: 422, code: 'record.incomplete' });

    const corrections = (await auditOf(t, rec.id)).filter((a) => a.action === 'record.correct');
    expect(corrections.map((a) => [a.actor_id, a.details])).toEqual([
      [counsellor.userId, { changes: { childAge: { from: 9, to: 15 }, summary: 'changed' } }],
      [
        supervisor.userId,
        { changes: { childGender: { from: null, to: 'boy' }, reasons: { from: ['school.performance'], to: ['school.exams'] } } },
      ],
    ]);
    // The summary never appears in the audit in clear.
    expect(JSON.stringify(await auditOf(t, rec.id))).not.toMatch(/Первая запись|Исправлено/);
  });

  it('each read of a record is audited: who read which record', async () => {
    const { serviceId, counsellor, supervisor } = await team(t);
    const rec = await manual(t, counsellor, serviceId);
    await view(getRecord(t, supervisor, rec.id));
    const reads = (await auditOf(t, rec.id)).filter((a) => a.action === 'record.read');
    expect(reads.map((a) => a.actor_id)).toEqual([supervisor.userId]);
  });

  it("a counsellor cannot read or change a colleague's record, the analyst and admin no record at all, an outsider nothing", async () => {
    const { serviceId, counsellor, colleague, head } = await team(t);
    const rec = await manual(t, counsellor, serviceId);
    await view(patchRecord(t, counsellor, rec.id, 1, { summary: 'Тайна' }));
    const analyst = await t.as([{ role: 'analyst' }]);
    const admin = await t.as([{ role: 'admin' }]);
    const outsider = await t.as([{ role: 'head', serviceId: (await t.service()).id }]);
    const before = await snapshot(rec.id);
    for (const who of [colleague, analyst, admin, outsider]) {
      expect(outcome(await getRecord(t, who, rec.id))).toEqual({ status: 404, code: 'record.not_found' });
      expect(outcome(await patchRecord(t, who, rec.id, 2, { region: 'Чужой' }))).toEqual({ status: 404, code: 'record.not_found' });
      expect(outcome(await finalize(t, who, rec.id, 2, { contactType: 'prank' }))).toEqual({ status: 404, code: 'record.not_found' });
    }
    expect(await snapshot(rec.id)).toEqual(before);
    // The head of the service reads it (and that read is audited).
    expect((await view(getRecord(t, head, rec.id))).fields.summary).toBe('Тайна');
  });
});
