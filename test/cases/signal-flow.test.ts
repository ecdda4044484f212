// A signal from start to end: addressees from the referral directory (an entry tagged опека) and
// from the service's list, the letter's data (letterhead, number, date, addressees, text, the chosen
// child data, signature), an automatic channel through the SignalSender interface with its result
// recorded (a failure is retried), reads audited with their fields, and the signals report —
// aggregates, small counts hidden from the national analyst.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/auth/policy.js';
import { putRows, type HsdsRow } from '../../src/domain/directory/directoryStore.js';
import { reindexServices } from '../../src/domain/directory/serviceIndex.js';
import { termId } from '../../src/domain/directory/taxonomySeed.js';
import type { SignalLetter } from '../../src/domain/signals/signalLetter.js';
import type { SignalSender } from '../../src/domain/signals/signalSender.js';
import { sendSignal } from '../../src/domain/signals/signalSending.js';
import type { SignalDeps } from '../../src/domain/signals/signalStore.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { ok, outcome } from '../routing/routingApi.js';
import { agency, auditOf, caseOfTeam, draftSignal, PERSONAL, signalAction, type SignalSummary } from './caseApi.js';

describe.each(DATABASES)('signal flow on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  /** A directory entry of the service (an HSDS organization and service with an e-mail and a fax) tagged with a national term. */
  async function directoryEntry(serviceId: string, termCode: string, org: string, name: string): Promise<string> {
    const [organization, service] = [randomUUID(), randomUUID()];
    const rows: HsdsRow[] = [
      { kind: 'organization', data: { id: organization, name: org } },
      { kind: 'service', data: { id: service, organization_id: organization, name, email: 'pdn@example.ru', status: 'active' } },
      { kind: 'phone', data: { id: randomUUID(), service_id: service, number: '+7 49232 3-33-33', type: 'fax' } },
      {
        kind: 'attribute',
        data: { id: randomUUID(), link_id: service, link_type: 'service', link_entity: 'service', taxonomy_term_id: termId(termCode) },
      },
    ];
    await t.db.transaction().execute(async (tx) => {
      await putRows(tx, { tenantId: serviceId, actorId: null, at: t.clock.now() }, rows);
      await reindexServices(tx, [service], t.clock.now());
    });
    return service;
  }

  it('from the directory and the list, approved by a second person, sent, its letter and reads audited', async () => {
    const tm = await caseOfTeam(t);
    const pdn = await directoryEntry(tm.serviceId, 'pdn.inspector', 'ОМВД России по Коврову', 'Отделение ПДН');
    const opeka = await agency(t, tm.supervisor, tm.serviceId, 'guardianship', { name: 'Управление опеки г. Коврова', email: null });
    // The choices the counsellor sees: the service's list and the directory's agency entries.
    const choices = await ok<{ agencies: { id: string }[]; directory: { directoryServiceId: string; agencyType: string }[] }>(
      t.request(tm.counsellor, 'GET', `/api/services/${tm.serviceId}/signal-agencies`),
    );
    expect(choices.agencies.map((a) => a.id)).toEqual([opeka]);
    expect(choices.directory).toEqual([{ directoryServiceId: pdn, name: 'ОМВД России по Коврову — Отделение ПДН', agencyType: 'police' }]);

    const drafted = await ok<SignalSummary>(
      draftSignal(t, tm.counsellor, tm.caseId, {
        addressees: [
          { source: 'list', agencyId: opeka },
          { source: 'directory', directoryServiceId: pdn },
        ],
        childFields: ['childName', 'childAge', 'address'],
      }),
      201,
    );
    // Without an e-mail the list's agency goes by phone; the directory entry by e-mail, its fax known.
    expect(drafted.addressees).toMatchObject([
      { agencyType: 'guardianship', channel: 'phone', sendStatus: 'pending' },
      { agencyType: 'police', channel: 'email', sendStatus: 'pending' },
    ]);
    const approved = await ok<SignalSummary>(signalAction(t, tm.supervisor, drafted.id, 'approve', { version: drafted.version }));
    const sent = await ok<SignalSummary>(signalAction(t, tm.counsellor, drafted.id, 'send', { version: approved.version }));
    expect(sent.addressees.map((a) => a.sendStatus)).toEqual(['sent', 'sent']);

    const letter = await ok<SignalLetter>(t.request(tm.counsellor, 'GET', `/api/signals/${drafted.id}/letter`));
    expect(letter).toMatchObject({
      number: approved.number,
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      reason: { code: 'physical_abuse', label: { ru: 'Физическое насилие' } },
      facts: 'Ребёнок сообщил о побоях со стороны отчима.',
      childFields: ['childName', 'childAge', 'address'],
      child: { childName: PERSONAL.childName, childAge: PERSONAL.childAge, address: PERSONAL.address },
      signature: { fullName: 'Тестов Тест Тестович', role: 'supervisor', sentWithoutApproval: false },
    });
    expect(letter.letterhead.name).toMatch(/^Служба /);
    expect(letter.addressees.map((a) => [a.name, a.agencyTypeLabel.ru, a.fax])).toEqual([
      ['Управление опеки г. Коврова', 'Орган опеки и попечительства', null],
      ['ОМВД России по Коврову — Отделение ПДН', 'Полиция (ПДН)', '+7 49232 3-33-33'],
    ]);
    expect(letter.child).not.toHaveProperty('family');

    const view = await ok<{ facts: string; child: Record<string, unknown> }>(t.request(tm.supervisor, 'GET', `/api/signals/${drafted.id}`));
    expect(view.child).toEqual({ childName: PERSONAL.childName, childAge: PERSONAL.childAge, address: PERSONAL.address });
    const reads = (await auditOf(t, drafted.id)).filter((a) => a.action.endsWith('read'));
    expect(reads.map((r) => [r.action, r.actor_id, r.details])).toEqual([
      ['signal.letter_read', tm.counsellor.userId, { fields: ['facts', 'childName', 'childAge', 'address'] }],
      ['signal.read', tm.supervisor.userId, { fields: ['facts', 'childName', 'childAge', 'address'] }],
    ]);
    expect(JSON.stringify(await auditOf(t, drafted.id))).not.toContain('Петров');
    // Another counsellor of the service does not see the signal.
    expect(outcome(await t.request(tm.colleague, 'GET', `/api/signals/${drafted.id}`))).toEqual({ status: 404, code: 'signal.not_found' });
  });

  it('a channel with a SignalSender sends by itself with the letter; its result is recorded and a failure is retried', async () => {
    const tm = await caseOfTeam(t);
    const opeka = await agency(t, tm.supervisor, tm.serviceId);
    const police = await agency(t, tm.supervisor, tm.serviceId, 'police', { email: null });
    const drafted = await ok<SignalSummary>(
      draftSignal(t, tm.counsellor, tm.caseId, {
        addressees: [
          { source: 'list', agencyId: opeka },
          { source: 'list', agencyId: police, channel: 'phone' },
        ],
      }),
      201,
    );
    const approved = await ok<SignalSummary>(signalAction(t, tm.supervisor, drafted.id, 'approve', { version: drafted.version }));
    const seen: { number: string | null; to: string; facts: string | null }[] = [];
    let fail = true;
    const email: SignalSender = {
      channel: 'email',
      send: async (letter, to) => {
        seen.push({ number: letter.number, to: to.email ?? '', facts: letter.facts });
        return fail ? { ok: false, detail: '451 try again later' } : { ok: true, detail: '250 queued as A1B2' };
      },
    };
    const deps: SignalDeps = {
      db: t.db,
      publish: () => {},
      clock: t.clock.now,
      key: t.config.secrets.encryptionKey,
      syncRecords: async () => {},
      senders: { email },
    };
    const actor: Actor = { userId: tm.counsellor.userId, grants: [{ serviceId: tm.serviceId, role: 'counsellor' }] };
    const first = await sendSignal(deps, actor, drafted.id, approved.version);
    expect(first.status).toBe('approved');
    expect(first.addressees.map((a) => [a.channel, a.sendStatus, a.sendDetail])).toEqual([
      ['email', 'failed', '451 try again later'],
      ['phone', 'sent', 'recorded by hand'],
    ]);
    fail = false;
    const second = await sendSignal(deps, actor, drafted.id, first.version);
    expect(second.status).toBe('sent');
    expect(second.addressees.map((a) => [a.sendStatus, a.sendDetail])).toEqual([
      ['sent', '250 queued as A1B2'],
      ['sent', 'recorded by hand'],
    ]);
    // Only the e-mail addressee went through the sender, with the letter's number and text, each time.
    expect(seen).toEqual([
      { number: approved.number, to: 'opeka@example.ru', facts: 'Ребёнок сообщил о побоях со стороны отчима.' },
      { number: approved.number, to: 'opeka@example.ru', facts: 'Ребёнок сообщил о побоях со стороны отчима.' },
    ]);
    const sends = (await auditOf(t, drafted.id)).filter((a) => a.action === 'signal.send').map((a) => a.details);
    expect(sends).toMatchObject([
      { complete: false, results: [{ channel: 'phone', status: 'sent' }] },
      { complete: false, results: [{ channel: 'email', status: 'failed' }] },
      { complete: true, results: [{ channel: 'email', status: 'sent' }] },
    ]);
  });

  it('the report counts signals by addressee type, reason and outcome; the national analyst sees aggregates with small counts hidden', async () => {
    const tm = await caseOfTeam(t);
    const opeka = await agency(t, tm.supervisor, tm.serviceId);
    const police = await agency(t, tm.supervisor, tm.serviceId, 'police');
    for (let i = 0; i < 6; i++) {
      const addressees =
        i < 2
          ? [
              { source: 'list', agencyId: opeka },
              { source: 'list', agencyId: police },
            ]
          : [{ source: 'list', agencyId: opeka }];
      const d = await ok<SignalSummary>(
        draftSignal(t, tm.counsellor, tm.caseId, { addressees, reason: i < 5 ? 'physical_abuse' : 'neglect' }),
        201,
      );
      await ok(signalAction(t, tm.supervisor, d.id, 'approve', { version: d.version }));
    }
    const period = `from=2020-01-01&to=2035-12-31`;
    type Report = { total: number; suppressed: boolean; byAddresseeType: Row[]; byReason: Row[]; byOutcome: Row[] };
    type Row = { key: string; n: number | string };
    const pick = (rows: Row[], key: string) => rows.find((r) => r.key === key)?.n;
    const own = await ok<Report>(t.request(tm.head, 'GET', `/api/reports/signals?serviceId=${tm.serviceId}&${period}`));
    expect(own).toMatchObject({ total: 6, suppressed: false });
    expect([pick(own.byAddresseeType, 'guardianship'), pick(own.byAddresseeType, 'police')]).toEqual([6, 2]);
    expect([pick(own.byReason, 'physical_abuse'), pick(own.byReason, 'neglect'), pick(own.byOutcome, 'pending')]).toEqual([5, 1, 6]);
    const analyst = await t.as([{ role: 'analyst' }]);
    const national = await ok<Report>(t.request(analyst, 'GET', `/api/reports/signals?serviceId=${tm.serviceId}&${period}`));
    expect(national).toMatchObject({ total: 6, suppressed: true });
    expect([pick(national.byAddresseeType, 'guardianship'), pick(national.byAddresseeType, 'police')]).toEqual([6, '<5']);
    expect([pick(national.byReason, 'physical_abuse'), pick(national.byReason, 'neglect'), pick(national.byReason, 'runaway')]).toEqual([
      5,
      '<5',
      0,
    ]);
    // Nothing but counts: no ids, numbers or text.
    expect(Object.keys(national).sort()).toEqual([
      'byAddresseeType',
      'byOutcome',
      'byReason',
      'byUrgency',
      'from',
      'scope',
      'suppressed',
      'to',
      'total',
    ]);
    // The whole network is the analyst's (and the admin's) alone.
    expect((await t.request(analyst, 'GET', `/api/reports/signals?scope=network&${period}`)).statusCode).toBe(200);
    expect(outcome(await t.request(tm.head, 'GET', `/api/reports/signals?scope=network&${period}`))).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });
    // The analyst reaches no signal itself.
    const one = (await t.db.selectFrom('signals').select('id').where('service_id', '=', tm.serviceId).executeTakeFirstOrThrow()).id;
    expect(outcome(await t.request(analyst, 'GET', `/api/signals/${one}`))).toEqual({ status: 404, code: 'signal.not_found' });
    expect(outcome(await t.request(analyst, 'GET', `/api/signals?serviceId=${tm.serviceId}`))).toEqual({
      status: 404,
      code: 'service.not_found',
    });
  });
});
