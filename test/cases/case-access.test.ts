// Who sees a case: the counsellor it is assigned to, the service's supervisors and head. Another
// counsellor of the service, another service's head, the national analyst and the admin get 404 for
// the case and everything in it. Every read of personal data is audited with the fields it opened;
// the data are sealed at rest, each field on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPersonal } from '../../src/domain/cases/caseStore.js';
import { SealedTextError } from '../../src/domain/privacy/sealedText.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { manual, team } from '../records/recordApi.js';
import { ok, outcome } from '../routing/routingApi.js';
import { auditOf, caseOfTeam, PERSONAL, type CaseSummary } from './caseApi.js';

describe.each(DATABASES)('case access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('personal data are sealed field by field at rest; the assignee reads them back', async () => {
    const tm = await caseOfTeam(t);
    const row = await t.db.selectFrom('cases').selectAll().where('id', '=', tm.caseId).executeTakeFirstOrThrow();
    for (const column of ['child_name_sealed', 'child_age_sealed', 'address_sealed', 'school_sealed', 'family_sealed'] as const)
      expect(row[column]).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('Петров');
    expect(JSON.stringify(row)).not.toContain('Ковров');
    // A value moved to another field, or to another case, does not open (each is bound to its case and field name).
    const key = t.config.secrets.encryptionKey;
    expect(openPersonal(key, row, ['childName'])).toEqual({ childName: PERSONAL.childName });
    expect(() => openPersonal(key, { ...row, school_sealed: row.child_name_sealed }, ['school'])).toThrow(SealedTextError);
    expect(() => openPersonal(key, { ...row, id: tm.recordId }, ['childName'])).toThrow(SealedTextError);
    const view = await ok<{ personal: Record<string, unknown> }>(t.request(tm.counsellor, 'GET', `/api/cases/${tm.caseId}`));
    expect(view.personal).toEqual(PERSONAL);
  });

  it('another counsellor, another service, the analyst and the admin get 404 for the case and all in it, and change nothing', async () => {
    const tm = await caseOfTeam(t);
    const other = await team(t);
    const [analyst, admin] = await Promise.all([t.as([{ role: 'analyst' }]), t.as([{ role: 'admin' }])]);
    const before = await t.db.selectFrom('cases').selectAll().where('id', '=', tm.caseId).executeTakeFirstOrThrow();
    const auditBefore = (await auditOf(t, tm.caseId)).length;
    for (const who of [tm.colleague, other.head, other.counsellor, analyst, admin]) {
      const calls = [
        t.request(who, 'GET', `/api/cases/${tm.caseId}`),
        t.request(who, 'PATCH', `/api/cases/${tm.caseId}`, { version: 1, personal: { childName: 'Чужой' } }),
        t.request(who, 'POST', `/api/cases/${tm.caseId}/notes`, { text: 'заметка' }),
        t.request(who, 'POST', `/api/cases/${tm.caseId}/close`, { version: 1, reason: 'resolved' }),
        t.request(who, 'GET', `/api/cases/${tm.caseId}/candidates`),
      ];
      for (const res of await Promise.all(calls)) expect(outcome(res)).toEqual({ status: 404, code: 'case.not_found' });
      // Nor do they see it in a list.
      const list = await t.request(who, 'GET', `/api/cases?serviceId=${tm.serviceId}`);
      if (who === tm.colleague) expect((await ok<{ items: unknown[] }>(list)).items).toEqual([]);
      else expect(outcome(list)).toEqual({ status: 404, code: 'service.not_found' });
    }
    expect(await t.db.selectFrom('cases').selectAll().where('id', '=', tm.caseId).executeTakeFirstOrThrow()).toEqual(before);
    expect(await auditOf(t, tm.caseId)).toHaveLength(auditBefore);
    // The service's supervisor and head do see it.
    for (const who of [tm.supervisor, tm.head]) expect((await t.request(who, 'GET', `/api/cases/${tm.caseId}`)).statusCode).toBe(200);
    const listed = await ok<{ items: CaseSummary[] }>(t.request(tm.supervisor, 'GET', `/api/cases?serviceId=${tm.serviceId}`));
    expect(listed.items.map((c) => c.id)).toContain(tm.caseId);
  });

  it('every read is in the audit log with who read which fields; lists hold no personal data', async () => {
    const tm = await caseOfTeam(t);
    await ok(t.request(tm.counsellor, 'POST', `/api/cases/${tm.caseId}/notes`, { text: 'Договорились о звонке в пятницу' }), 201);
    await ok(t.request(tm.counsellor, 'GET', `/api/cases/${tm.caseId}?fields=childName,address`));
    await ok(t.request(tm.supervisor, 'GET', `/api/cases/${tm.caseId}`));
    await ok(t.request(tm.head, 'GET', `/api/cases/${tm.caseId}?fields=`));
    const reads = (await auditOf(t, tm.caseId)).filter((a) => a.action === 'case.read');
    expect(reads.map((r) => ({ actor: r.actor_id, details: r.details }))).toEqual([
      { actor: tm.counsellor.userId, details: { fields: ['childName', 'address'], notes: 1, tasks: 0 } },
      { actor: tm.supervisor.userId, details: { fields: ['childName', 'childAge', 'address', 'school', 'family'], notes: 1, tasks: 0 } },
      { actor: tm.head.userId, details: { fields: [], notes: 1, tasks: 0 } },
    ]);
    // Nothing personal in the audit, the list or a change's answer.
    const audit = JSON.stringify(await auditOf(t, tm.caseId));
    for (const word of ['Петров', 'Ковров', 'пятницу']) expect(audit).not.toContain(word);
    const list = await t.request(tm.supervisor, 'GET', `/api/cases?serviceId=${tm.serviceId}`);
    expect(list.body).not.toContain('Петров');
    const changed = await t.request(tm.counsellor, 'PATCH', `/api/cases/${tm.caseId}`, { version: 1, status: 'in_work' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.body).not.toContain('Петров');
    expect(changed.json()).toMatchObject({
      status: 'in_work',
      version: 2,
      filledFields: ['childName', 'childAge', 'address', 'school', 'family'],
    });
  });

  it('a counsellor cannot give a case to someone else; a supervisor can, to staff of the service only', async () => {
    const tm = await caseOfTeam(t);
    const other = await team(t);
    const refused = await t.request(tm.counsellor, 'PATCH', `/api/cases/${tm.caseId}`, { version: 1, assignedTo: tm.colleague.userId });
    expect(outcome(refused)).toEqual({ status: 403, code: 'auth.forbidden' });
    const outsider = await t.request(tm.supervisor, 'PATCH', `/api/cases/${tm.caseId}`, {
      version: 1,
      assignedTo: other.counsellor.userId,
    });
    expect(outcome(outsider)).toEqual({ status: 422, code: 'case.assignee_invalid' });
    const given = await ok<CaseSummary>(
      t.request(tm.supervisor, 'PATCH', `/api/cases/${tm.caseId}`, { version: 1, assignedTo: tm.colleague.userId }),
    );
    expect(given.assignedTo).toBe(tm.colleague.userId);
    // Now the colleague sees it and the first counsellor does not.
    expect((await t.request(tm.colleague, 'GET', `/api/cases/${tm.caseId}`)).statusCode).toBe(200);
    expect(outcome(await t.request(tm.counsellor, 'GET', `/api/cases/${tm.caseId}`))).toEqual({ status: 404, code: 'case.not_found' });
  });

  it("the people a case can be given to: the service's active staff who take contacts, for its supervisors and head", async () => {
    const tm = await caseOfTeam(t);
    const other = await team(t);
    const [methodologist, disabled] = await Promise.all([
      t.as([{ role: 'methodologist', serviceId: tm.serviceId }]),
      t.as([{ role: 'counsellor', serviceId: tm.serviceId }]),
    ]);
    await t.db.updateTable('staff_users').set({ disabled: true }).where('id', '=', disabled.userId).execute();
    const listed = async (who: typeof tm.head) =>
      (await ok<{ items: { id: string; pseudonym: string }[] }>(t.request(who, 'GET', `/api/cases/${tm.caseId}/assignees`))).items;
    const expected = [tm.counsellor, tm.colleague, tm.supervisor, tm.head].map((p) => p.userId).sort();
    for (const who of [tm.supervisor, tm.head]) expect((await listed(who)).map((p) => p.id).sort()).toEqual(expected);
    expect(JSON.stringify(await listed(tm.head))).not.toContain(methodologist.userId);
    expect(outcome(await t.request(tm.counsellor, 'GET', `/api/cases/${tm.caseId}/assignees`))).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });
    for (const who of [tm.colleague, other.head, methodologist])
      expect(outcome(await t.request(who, 'GET', `/api/cases/${tm.caseId}/assignees`))).toEqual({ status: 404, code: 'case.not_found' });
  });

  it("a repeat caller's earlier records are offered through the caller key and linked only when confirmed", async () => {
    const tm = await caseOfTeam(t);
    const [earlier, unrelated] = [await manual(t, tm.colleague, tm.serviceId), await manual(t, tm.colleague, tm.serviceId)];
    await t.db
      .updateTable('contact_records')
      .set({ caller_key: 'key-of-the-child' })
      .where('id', 'in', [tm.recordId, earlier.id])
      .execute();
    await t.db.updateTable('contact_records').set({ caller_key: 'someone-else' }).where('id', '=', unrelated.id).execute();
    const candidates = await ok<{ items: { recordId: string; linkedAt: string | null }[] }>(
      t.request(tm.counsellor, 'GET', `/api/cases/${tm.caseId}/candidates`),
    );
    expect(candidates.items.map((c) => c.recordId)).toEqual([earlier.id]);
    // Offered only: nothing is linked until the counsellor confirms.
    expect(await t.db.selectFrom('case_contacts').select('record_id').where('case_id', '=', tm.caseId).execute()).toEqual([
      { record_id: tm.recordId },
    ]);
    // Someone else's record that is not a candidate cannot be linked by the counsellor.
    const notTheirs = await t.request(tm.counsellor, 'POST', `/api/cases/${tm.caseId}/contacts`, { recordId: unrelated.id });
    expect(outcome(notTheirs)).toEqual({ status: 404, code: 'record.not_found' });
    const linked = await ok<{ items: { recordId: string }[] }>(
      t.request(tm.counsellor, 'POST', `/api/cases/${tm.caseId}/contacts`, { recordId: earlier.id }),
    );
    expect(linked.items.map((c) => c.recordId).sort()).toEqual([tm.recordId, earlier.id].sort());
    expect((await auditOf(t, tm.caseId)).find((a) => a.action === 'case.link_contact')?.details).toEqual({
      recordId: earlier.id,
      byCallerKey: true,
    });
    expect((await ok<{ items: unknown[] }>(t.request(tm.counsellor, 'GET', `/api/cases/${tm.caseId}/candidates`))).items).toEqual([]);
  });
});
