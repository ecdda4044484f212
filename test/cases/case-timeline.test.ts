// A case's life: notes on its timeline and tasks with due dates (sealed, read back in order), status
// open → in work → closed with a reason, and nothing changes a closed case. A draft signal is changed
// until approval (and no longer after); a retired agency of the list is no longer an addressee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { ok, outcome } from '../routing/routingApi.js';
import { agency, auditOf, caseOfTeam, draftSignal, signalAction, type CaseSummary, type SignalSummary } from './caseApi.js';

describe.each(DATABASES)('case timeline on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('notes and tasks are kept sealed and read back; a closed case takes no more changes', async () => {
    const tm = await caseOfTeam(t);
    const url = `/api/cases/${tm.caseId}`;
    await ok(t.request(tm.counsellor, 'POST', `${url}/notes`, { text: 'Первый разговор с мамой' }), 201);
    t.clock.advance(60_000);
    await ok(t.request(tm.supervisor, 'POST', `${url}/notes`, { text: 'Супервизия: звонить в опеку' }), 201);
    const later = await ok<{ id: string }>(
      t.request(tm.counsellor, 'POST', `${url}/tasks`, { title: 'Повторный звонок', dueOn: '2030-03-01' }),
      201,
    );
    const sooner = await ok<{ id: string }>(
      t.request(tm.counsellor, 'POST', `${url}/tasks`, { title: 'Письмо в школу', dueOn: '2030-02-01' }),
      201,
    );
    const done = await ok<{ doneAt: string | null }>(t.request(tm.counsellor, 'PATCH', `${url}/tasks/${sooner.id}`, { done: true }));
    expect(done.doneAt).not.toBeNull();
    // Marking it done again changes and audits nothing more.
    await ok(t.request(tm.counsellor, 'PATCH', `${url}/tasks/${sooner.id}`, { done: true }));
    expect((await auditOf(t, tm.caseId)).filter((a) => a.action === 'case.task_done')).toHaveLength(1);

    const notes = await t.db.selectFrom('case_notes').select('body_sealed').where('case_id', '=', tm.caseId).execute();
    expect(notes.every((n) => n.body_sealed.startsWith('v1.') && !n.body_sealed.includes('мамой'))).toBe(true);
    const view = await ok<{ notes: { text: string }[]; tasks: { id: string; title: string; doneAt: string | null }[] }>(
      t.request(tm.counsellor, 'GET', url),
    );
    expect(view.notes.map((n) => n.text)).toEqual(['Первый разговор с мамой', 'Супервизия: звонить в опеку']);
    expect(view.tasks.map((x) => [x.id, x.title, x.doneAt !== null])).toEqual([
      [sooner.id, 'Письмо в школу', true],
      [later.id, 'Повторный звонок', false],
    ]);
    // A task of another case is not found through this one.
    const other = await caseOfTeam(t, tm);
    expect(outcome(await t.request(tm.counsellor, 'PATCH', `/api/cases/${other.caseId}/tasks/${later.id}`, { done: true }))).toEqual({
      status: 404,
      code: 'case.task_not_found',
    });

    const inWork = await ok<CaseSummary>(t.request(tm.counsellor, 'PATCH', url, { version: 1, status: 'in_work' }));
    expect(outcome(await t.request(tm.counsellor, 'POST', `${url}/close`, { version: 1, reason: 'resolved' }))).toEqual({
      status: 409,
      code: 'resource.version_conflict',
    });
    const closed = await ok<CaseSummary & { closedReason: string }>(
      t.request(tm.counsellor, 'POST', `${url}/close`, { version: inWork.version, reason: 'referred' }),
    );
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'referred' });
    for (const res of [
      await t.request(tm.counsellor, 'PATCH', url, { version: closed.version, personal: { childName: 'Другой' } }),
      await t.request(tm.counsellor, 'POST', `${url}/notes`, { text: 'ещё' }),
      await t.request(tm.counsellor, 'POST', `${url}/tasks`, { title: 'ещё', dueOn: '2030-01-01' }),
      await draftSignal(t, tm.counsellor, tm.caseId, { addressees: [] }),
    ])
      expect(outcome(res)).toEqual({ status: 409, code: 'case.closed' });
  });

  it('a draft signal changes until approval; a retired agency is no longer an addressee', async () => {
    const tm = await caseOfTeam(t);
    const first = await agency(t, tm.supervisor, tm.serviceId);
    const second = await agency(t, tm.supervisor, tm.serviceId, 'kdn');
    const d = await ok<SignalSummary>(draftSignal(t, tm.counsellor, tm.caseId, { addressees: [{ source: 'list', agencyId: first }] }), 201);
    const changed = await ok<SignalSummary & { childFields: string[] }>(
      t.request(tm.counsellor, 'PATCH', `/api/signals/${d.id}`, {
        version: d.version,
        urgency: 'imminent',
        childFields: ['school'],
        addressees: [{ source: 'list', agencyId: second, channel: 'post' }],
      }),
    );
    expect(changed).toMatchObject({ urgency: 'imminent', childFields: ['school'], addressees: [{ agencyType: 'kdn', channel: 'post' }] });
    // A signal from a case takes the case's fields, not data typed in.
    expect(
      outcome(await t.request(tm.counsellor, 'PATCH', `/api/signals/${d.id}`, { version: changed.version, child: { childName: 'x' } })),
    ).toEqual({
      status: 422,
      code: 'signal.child_source',
    });
    const view = await ok<{ child: Record<string, unknown> }>(t.request(tm.counsellor, 'GET', `/api/signals/${d.id}`));
    expect(view.child).toEqual({ school: 'Школа № 5' });
    const approved = await ok<SignalSummary>(signalAction(t, tm.supervisor, d.id, 'approve', { version: changed.version }));
    expect(
      outcome(await t.request(tm.counsellor, 'PATCH', `/api/signals/${d.id}`, { version: approved.version, reason: 'neglect' })),
    ).toEqual({
      status: 409,
      code: 'signal.invalid_status',
    });
    // Retired from the list: refused as an addressee.
    await ok(t.request(tm.supervisor, 'PATCH', `/api/services/${tm.serviceId}/signal-agencies/${first}`, { version: 1, active: false }));
    expect(outcome(await draftSignal(t, tm.counsellor, tm.caseId, { addressees: [{ source: 'list', agencyId: first }] }))).toEqual({
      status: 422,
      code: 'signal.unknown_addressee',
    });
  });
});
