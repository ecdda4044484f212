// Destruction after retention: once the period after closing has run, a case loses its personal
// data, notes, tasks and linked contacts, and its signals what happened and the child's data; a
// destruction act and an audit entry say what, when and by which rule. What stays is anonymous
// statistics (basis, reasons, statuses, dates, the register). Nothing goes early, and nothing whose
// signal is still being followed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyExpired } from '../../src/domain/cases/caseRetention.js';
import { verifyAuditChain } from '../../src/domain/audit/verifyAuditChain.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { manual } from '../records/recordApi.js';
import { ok } from '../routing/routingApi.js';
import { agency, auditOf, caseOfTeam, sentSignal, signalAction, type CaseSummary, type SignalSummary } from './caseApi.js';

const DAY = 86_400_000;

describe.each(DATABASES)('case retention on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('after the period a closed case keeps only statistics, with a destruction act and an audit entry', async () => {
    const tm = await caseOfTeam(t);
    const settings = {
      retentionConsentDays: 30,
      retentionDutyDays: 90,
      retentionSignalDays: 60,
      ackWorkingDays: 1,
      outcomeWorkingDays: 10,
    };
    await ok(t.request(tm.head, 'PUT', `/api/services/${tm.serviceId}/case-settings`, settings));
    const agencyId = await agency(t, tm.supervisor, tm.serviceId);
    await ok(t.request(tm.counsellor, 'POST', `/api/cases/${tm.caseId}/notes`, { text: 'Мама Ивана обещала прийти' }), 201);
    await ok(
      t.request(tm.counsellor, 'POST', `/api/cases/${tm.caseId}/tasks`, { title: 'Позвонить в школу № 5', dueOn: '2030-01-10' }),
      201,
    );
    const earlier = await manual(t, tm.counsellor, tm.serviceId);
    await ok(t.request(tm.counsellor, 'POST', `/api/cases/${tm.caseId}/contacts`, { recordId: earlier.id }));
    // Its signal followed to the end.
    const sent = await sentSignal(t, tm, [agencyId]);
    const acked = await ok<SignalSummary>(
      t.request(tm.counsellor, 'POST', `/api/signals/${sent.id}/addressees/${sent.addressees[0]!.id}/acknowledge`, {
        incomingNumber: '12-вх',
        incomingDate: localToday(),
      }),
    );
    const out = await ok<SignalSummary>(
      signalAction(t, tm.counsellor, sent.id, 'outcome', { version: acked.version, outcome: 'measures_taken' }),
    );
    await ok(signalAction(t, tm.supervisor, sent.id, 'close', { version: out.version }));
    // A signal raised straight from a record (no case), also closed.
    const direct = await ok<SignalSummary>(
      t.request(tm.counsellor, 'POST', `/api/records/${earlier.id}/signals`, {
        id: randomUUID(),
        urgency: 'imminent',
        reason: 'neglect',
        facts: 'Ребёнок один дома третьи сутки',
        child: { childName: 'Сидорова Маша', address: 'ул. Мира, 3' },
        addressees: [{ source: 'list', agencyId, channel: 'phone' }],
      }),
      201,
    );
    const dSent = await ok<SignalSummary>(signalAction(t, tm.counsellor, direct.id, 'send', { version: direct.version }));
    const dOut = await ok<SignalSummary>(
      signalAction(t, tm.counsellor, direct.id, 'outcome', { version: dSent.version, outcome: 'no_response' }),
    );
    await ok(signalAction(t, tm.supervisor, direct.id, 'close', { version: dOut.version }));
    // A second case, closed, whose signal is still being followed: it must wait.
    const busy = await caseOfTeam(t, tm);
    await sentSignal(t, busy, [agencyId]);
    for (const id of [tm.caseId, busy.caseId])
      await ok(t.request(tm.supervisor, 'POST', `/api/cases/${id}/close`, { version: await versionOf(id), reason: 'resolved' }));

    const now = t.clock.now().getTime();
    expect(await destroyExpired(t.db, new Date(now + 29 * DAY))).toEqual({ cases: 0, signals: 0 });
    expect((await caseRow(tm.caseId)).child_name_sealed).not.toBeNull();

    const at = new Date(now + 31 * DAY);
    expect(await destroyExpired(t.db, at)).toEqual({ cases: 1, signals: 0 });
    const row = await caseRow(tm.caseId);
    expect(row).toMatchObject({
      child_name_sealed: null,
      child_age_sealed: null,
      address_sealed: null,
      school_sealed: null,
      family_sealed: null,
      record_id: null,
      consent_purposes: [],
      destroyed_at: at,
      // The statistics stay.
      basis: 'consent',
      consent_by: 'child',
      status: 'closed',
      closed_reason: 'resolved',
    });
    for (const table of ['case_notes', 'case_tasks', 'case_contacts'] as const)
      expect(await t.db.selectFrom(table).selectAll().where('case_id', '=', tm.caseId).execute()).toEqual([]);
    const sig = await t.db.selectFrom('signals').selectAll().where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(sig).toMatchObject({
      facts_sealed: null,
      child_sealed: null,
      record_id: null,
      destroyed_at: at,
      reason: 'physical_abuse',
      outcome: 'measures_taken',
    });
    expect(sig.number_seq).not.toBeNull();
    // The act: what, when, by which rule; and its audit entry (by the system).
    const acts = await t.db.selectFrom('destruction_acts').selectAll().where('service_id', '=', tm.serviceId).execute();
    expect(acts).toEqual([
      {
        id: expect.any(String),
        service_id: tm.serviceId,
        at,
        target_type: 'case',
        target_id: tm.caseId,
        rule: 'retention.consent: 30 days after closing',
        what: {
          personalFields: ['childName', 'childAge', 'address', 'school', 'family'],
          notes: 1,
          tasks: 1,
          linkedContacts: 2,
          signals: [sent.id],
        },
      },
    ]);
    const destroyed = (await auditOf(t, tm.caseId)).find((a) => a.action === 'case.destroy');
    expect(destroyed).toMatchObject({ actor_id: null, details: { actId: acts[0]!.id, rule: acts[0]!.rule } });
    // The busy case waits for its signal.
    expect((await caseRow(busy.caseId)).destroyed_at).toBeNull();

    // The direct signal after its own period.
    const later = new Date(now + 61 * DAY);
    expect(await destroyExpired(t.db, later)).toEqual({ cases: 0, signals: 1 });
    expect(
      await t.db
        .selectFrom('signals')
        .select(['facts_sealed', 'child_sealed', 'destroyed_at'])
        .where('id', '=', direct.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      facts_sealed: null,
      child_sealed: null,
      destroyed_at: later,
    });
    expect(
      await t.db
        .selectFrom('destruction_acts')
        .select(['target_type', 'rule'])
        .where('target_id', '=', direct.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ target_type: 'signal', rule: 'retention.signal: 60 days after closing' });
    expect(await destroyExpired(t.db, later)).toEqual({ cases: 0, signals: 0 });

    // Read afterwards: the case is there, its personal data are not; no personal text is left in the database rows.
    const view = await ok<CaseSummary & { personal: Record<string, unknown>; notes: unknown[]; tasks: unknown[] }>(
      t.request(tm.supervisor, 'GET', `/api/cases/${tm.caseId}`),
    );
    expect(view).toMatchObject({ destroyedAt: at.toISOString(), filledFields: [], notes: [], tasks: [], recordId: null });
    expect(Object.values(view.personal).every((v) => v === null)).toBe(true);
    // The statistics still count both signals.
    const report = await ok<{ total: number; byReason: { key: string; n: number }[] }>(
      t.request(tm.supervisor, 'GET', `/api/reports/signals?serviceId=${tm.serviceId}&from=2020-01-01&to=2035-12-31`),
    );
    expect(report.total).toBe(3);
    expect(report.byReason.find((r) => r.key === 'neglect')?.n).toBe(1);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  const caseRow = (id: string) => t.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const versionOf = async (id: string) => (await caseRow(id)).version;
  const localToday = () => new Date(t.clock.now().getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
});
