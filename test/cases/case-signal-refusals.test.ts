// Refused with clear codes, and nothing saved: a consent without its date, a signal without an
// addressee (or with one the helpline does not know, or a child field the case lacks), an approval by
// the signal's own author (four eyes), a normal signal sent without approval.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../src/domain/signals/signalDeadlines.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { manual, team } from '../records/recordApi.js';
import { ok, outcome } from '../routing/routingApi.js';
import { agency, auditOf, caseOfTeam, consent, draftSignal, PERSONAL, signalAction, type SignalSummary } from './caseApi.js';

describe.each(DATABASES)('case and signal refusals on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  const countOf = async (table: 'cases' | 'signals' | 'signal_addressees' | 'signal_counters', serviceId: string) =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('service_id', '=', serviceId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const serviceAudit = (serviceId: string) => t.db.selectFrom('audit_log').select('action').where('service_id', '=', serviceId).execute();

  it('a consent without a date is 422 case.consent_date_required and saves nothing; a future date is refused too', async () => {
    const tm = await team(t);
    const rec = await manual(t, tm.counsellor, tm.serviceId);
    const auditBefore = await serviceAudit(tm.serviceId);
    const { at: _at, ...undated } = consent(t);
    const id = randomUUID();
    for (const basis of [undated, { ...undated, at: null }]) {
      const res = await t.request(tm.counsellor, 'POST', '/api/cases', { id, recordId: rec.id, basis, personal: PERSONAL });
      expect(outcome(res)).toEqual({ status: 422, code: 'case.consent_date_required' });
      expect(res.json().message).toBe('Укажите дату и время, когда получено согласие.');
    }
    const future = { ...undated, at: new Date(t.clock.now().getTime() + 3_600_000).toISOString() };
    const res = await t.request(tm.counsellor, 'POST', '/api/cases', { id, recordId: rec.id, basis: future });
    expect(outcome(res)).toEqual({ status: 422, code: 'case.consent_date_invalid' });
    expect(await countOf('cases', tm.serviceId)).toBe(0);
    expect(await serviceAudit(tm.serviceId)).toEqual(auditBefore);
    // A legal duty needs no consent; the same id then opens the case.
    const duty = await t.request(tm.counsellor, 'POST', '/api/cases', {
      id,
      recordId: rec.id,
      basis: { kind: 'legal_duty', reason: 'abuse' },
    });
    expect(duty.statusCode, duty.body).toBe(201);
  });

  it('a signal without an addressee is 422 signal.no_addressee and saves nothing; so are unknown and doubled ones', async () => {
    const tm = await caseOfTeam(t);
    const other = await team(t);
    const mine = await agency(t, tm.supervisor, tm.serviceId);
    const theirs = await agency(t, other.supervisor, other.serviceId);
    const auditBefore = await serviceAudit(tm.serviceId);
    const refused = async (body: Record<string, unknown>) => outcome(await draftSignal(t, tm.counsellor, tm.caseId, body));
    expect(await refused({ addressees: [] })).toEqual({ status: 422, code: 'signal.no_addressee' });
    expect(await refused({ addressees: [{ source: 'list', agencyId: theirs }] })).toEqual({
      status: 422,
      code: 'signal.unknown_addressee',
    });
    expect(await refused({ addressees: [{ source: 'directory', directoryServiceId: randomUUID() }] })).toEqual({
      status: 422,
      code: 'signal.unknown_addressee',
    });
    const twice = [
      { source: 'list', agencyId: mine },
      { source: 'list', agencyId: mine },
    ];
    expect(await refused({ addressees: twice })).toEqual({ status: 422, code: 'signal.addressee_duplicate' });
    expect(await refused({ addressees: [{ source: 'list', agencyId: mine, channel: 'fax' }] })).toEqual({
      status: 422,
      code: 'signal.channel_unavailable',
    });
    // A child field the case does not hold.
    await ok(t.request(tm.counsellor, 'PATCH', `/api/cases/${tm.caseId}`, { version: 1, personal: { school: null } }));
    const lacking = await draftSignal(t, tm.counsellor, tm.caseId, {
      addressees: [{ source: 'list', agencyId: mine }],
      childFields: ['school'],
    });
    expect(outcome(lacking)).toEqual({ status: 422, code: 'signal.child_field_missing' });
    expect(lacking.json().details).toEqual({ fields: ['school'] });
    expect(lacking.json().message).toBe('В случае не заполнены выбранные сведения о ребёнке: школа.');
    expect(await countOf('signals', tm.serviceId)).toBe(0);
    expect(await countOf('signal_addressees', tm.serviceId)).toBe(0);
    expect((await serviceAudit(tm.serviceId)).filter((a) => a.action.startsWith('signal.'))).toEqual([]);
    expect((await serviceAudit(tm.serviceId)).length).toBe(auditBefore.length + 1); // the case.update above
  });

  it("an approval by the signal's own author is 403 signal.self_approval: no number, nothing changed", async () => {
    const tm = await caseOfTeam(t);
    const agencyId = await agency(t, tm.supervisor, tm.serviceId);
    // The supervisor takes the case and drafts the signal: another supervisor must approve it.
    await ok(t.request(tm.supervisor, 'PATCH', `/api/cases/${tm.caseId}`, { version: 1, assignedTo: tm.supervisor.userId }));
    const drafted = await ok<SignalSummary>(draftSignal(t, tm.supervisor, tm.caseId, { addressees: [{ source: 'list', agencyId }] }), 201);
    expect(drafted).toMatchObject({ status: 'drafted', number: null });
    const before = await t.db.selectFrom('signals').selectAll().where('id', '=', drafted.id).executeTakeFirstOrThrow();
    const own = await signalAction(t, tm.supervisor, drafted.id, 'approve', { version: drafted.version });
    expect(outcome(own)).toEqual({ status: 403, code: 'signal.self_approval' });
    expect(own.json().message).toBe('Автор сигнала не может сам его согласовать: нужен другой супервизор.');
    // A counsellor may not approve at all; the head (a second person) may.
    expect(outcome(await signalAction(t, tm.counsellor, drafted.id, 'approve', { version: drafted.version }))).toEqual({
      status: 404,
      code: 'signal.not_found',
    });
    expect(await t.db.selectFrom('signals').selectAll().where('id', '=', drafted.id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await countOf('signal_counters', tm.serviceId)).toBe(0);
    expect((await auditOf(t, drafted.id)).map((a) => a.action)).toEqual(['signal.draft']);
    const approved = await ok<SignalSummary>(signalAction(t, tm.head, drafted.id, 'approve', { version: drafted.version }));
    expect(approved).toMatchObject({ status: 'approved', number: `${localDay(t.clock.now(), 'Europe/Moscow').slice(0, 4)}/1` });
    expect((await auditOf(t, drafted.id)).map((a) => a.action)).toEqual(['signal.draft', 'signal.approve']);
  });

  it('a normal signal cannot be sent before approval; imminent danger is sent at once and reviewed afterwards', async () => {
    const tm = await caseOfTeam(t);
    const agencyId = await agency(t, tm.supervisor, tm.serviceId, 'police');
    const normal = await ok<SignalSummary>(draftSignal(t, tm.counsellor, tm.caseId, { addressees: [{ source: 'list', agencyId }] }), 201);
    expect(outcome(await signalAction(t, tm.counsellor, normal.id, 'send', { version: normal.version }))).toEqual({
      status: 409,
      code: 'signal.approval_required',
    });
    expect((await t.db.selectFrom('signals').select('status').where('id', '=', normal.id).executeTakeFirstOrThrow()).status).toBe(
      'drafted',
    );

    const urgent = await ok<SignalSummary>(
      draftSignal(t, tm.counsellor, tm.caseId, { urgency: 'imminent', reason: 'suicide_risk', addressees: [{ source: 'list', agencyId }] }),
      201,
    );
    const sent = await ok<SignalSummary>(signalAction(t, tm.counsellor, urgent.id, 'send', { version: urgent.version }));
    expect(sent).toMatchObject({ status: 'sent', sentWithoutApproval: true, overdue: ['review'] });
    expect(sent.number).toMatch(/^\d{4}\/1$/);
    expect(sent.addressees).toMatchObject([{ sendStatus: 'sent', channel: 'email', sendDetail: 'recorded by hand' }]);
    // The review is four-eyed too: not by the author, by a supervisor.
    expect(outcome(await signalAction(t, tm.counsellor, urgent.id, 'review', { version: sent.version }))).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });
    const reviewed = await ok<SignalSummary>(signalAction(t, tm.supervisor, urgent.id, 'review', { version: sent.version }));
    expect(reviewed.overdue).toEqual([]);
    expect((await auditOf(t, urgent.id)).map((a) => [a.action, a.actor_id])).toEqual([
      ['signal.draft', tm.counsellor.userId],
      ['signal.send_urgent', tm.counsellor.userId],
      ['signal.send', tm.counsellor.userId],
      ['signal.review', tm.supervisor.userId],
    ]);
  });
});
