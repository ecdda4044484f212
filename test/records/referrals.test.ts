// Referrals to the directory in contact records: attached with a snapshot (name, first phone,
// terms) that does not follow later edits of the entry, listed, removed; only entries the record's
// helpline sees (its own, national); only by who may change the record; «referred» ticked and
// unticked; audited; a final record's rollups (referrals by term) kept equal to its referrals, and
// the report counting them by kind of help.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactReport } from '../../src/domain/records/reportSchemas.js';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { accept, cmd, ok, onContact, outcome, theOffer, TOKEN } from '../routing/routingApi.js';
import { directoryEntry, renameEntry, termId } from './directoryEntries.js';
import {
  answered,
  auditOf,
  COUNSELLING,
  figure,
  finalize,
  getRecord,
  manual,
  patchRecord,
  sync,
  team,
  view,
  type RecordView,
} from './recordApi.js';

interface Referral {
  id: string;
  directoryServiceId: string;
  name: string;
  phone: string | null;
  termIds: string[];
  createdBy: string | null;
}
interface Change {
  referral: Referral | null;
  record: { version: number; actions: string[] };
}
type WithReferrals = RecordView & { referrals: Referral[]; fields: { actions: string[] } };

describe.each(DATABASES)('referrals in records on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  const attach = (who: SignedIn, recordId: string, directoryServiceId: string) =>
    t.request(who, 'POST', `/api/records/${recordId}/referrals`, { directoryServiceId });
  const detach = (who: SignedIn, recordId: string, referralId: string) =>
    t.request(who, 'DELETE', `/api/records/${recordId}/referrals/${referralId}`);
  const again = (who: SignedIn) => t.signIn({ id: who.userId, login: who.login, password: who.password });
  const stored = (recordId: string) => t.db.selectFrom('record_referrals').selectAll().where('record_id', '=', recordId).execute();

  it('attaches with a snapshot, answers a repeat with the same referral, lists and removes; «referred» follows', async () => {
    const { serviceId, counsellor } = await team(t);
    const entry = await directoryEntry(t, serviceId, {
      name: 'Кризисный центр «Надежда»',
      phones: ['+7 4922 00-00-01', '+7 4922 00-00-02'],
      terms: ['crisis.children'],
    });
    const rec = await manual(t, counsellor, serviceId);
    const first = await ok<Change>(attach(counsellor, rec.id, entry), 201);
    expect(first.referral).toMatchObject({
      directoryServiceId: entry,
      name: 'Кризисный центр «Надежда»',
      phone: '+7 4922 00-00-01',
      createdBy: counsellor.userId,
    });
    // The entry's terms with their ancestors, as the search index has them.
    expect(first.referral!.termIds).toEqual(expect.arrayContaining([termId('crisis.children'), termId('crisis')]));
    expect(first.record).toEqual({ version: 2, actions: ['referred'] });

    const again = await ok<Change>(attach(counsellor, rec.id, entry), 200);
    expect(again.referral!.id).toBe(first.referral!.id);
    expect(again.record.version).toBe(2);
    expect(await stored(rec.id)).toHaveLength(1);

    const read = (await view(getRecord(t, counsellor, rec.id))) as WithReferrals;
    expect(read.referrals).toEqual([first.referral]);
    expect(read.fields.actions).toEqual(['referred']);
    expect(await ok<{ items: Referral[] }>(t.request(counsellor, 'GET', `/api/records/${rec.id}/referrals`))).toEqual({
      items: [first.referral],
    });

    // The editor's version is the one attaching gave; the draft goes on saving with it.
    await view(patchRecord(t, counsellor, rec.id, 2, { summary: 'Дали телефон кризисного центра' }));

    const removed = await ok<Change>(detach(counsellor, rec.id, first.referral!.id));
    // No free text says where else: «referred» goes with the last referral.
    expect(removed).toEqual({ referral: null, record: { version: 4, actions: [] } });
    expect(await stored(rec.id)).toHaveLength(0);
    expect(outcome(await detach(counsellor, rec.id, first.referral!.id))).toEqual({ status: 404, code: 'record.referral_not_found' });

    const audit = await auditOf(t, rec.id);
    expect(audit.filter((a) => a.action.startsWith('record.referral_'))).toEqual([
      {
        action: 'record.referral_add',
        actor_id: counsellor.userId,
        details: expect.objectContaining({ referralId: first.referral!.id, directoryServiceId: entry, referredTicked: true }),
      },
      {
        action: 'record.referral_remove',
        actor_id: counsellor.userId,
        details: expect.objectContaining({ referralId: first.referral!.id, referredUnticked: true }),
      },
    ]);
  });

  it('keeps «referred» when free text says where else, and a referral lets a record finalize without it', async () => {
    const { serviceId, counsellor } = await team(t);
    const entry = await directoryEntry(t, null, { name: 'Детский телефон доверия', phones: ['8-800-2000-122'], terms: ['hotlines'] });
    const rec = await manual(t, counsellor, serviceId);
    const withText = await view(patchRecord(t, counsellor, rec.id, 1, { ...COUNSELLING, actions: ['referred'] }));
    const refused = await finalize(t, counsellor, rec.id, withText.version);
    expect(refused.json().details.problems).toEqual([{ field: 'referral', code: 'record.referral_required' }]);

    const attached = await ok<Change>(attach(counsellor, rec.id, entry), 201);
    expect(attached.record).toEqual({ version: withText.version, actions: ['referred'] });
    const done = await view(finalize(t, counsellor, rec.id, attached.record.version));
    expect(done.status).toBe('final');

    const other = await manual(t, counsellor, serviceId);
    const texted = await view(patchRecord(t, counsellor, other.id, 1, { actions: ['referred'], referral: 'В школу к психологу' }));
    const a = await ok<Change>(attach(counsellor, other.id, entry), 201);
    const r = await ok<Change>(detach(counsellor, other.id, a.referral!.id));
    expect(r.record).toEqual({ version: texted.version, actions: ['referred'] });
  });

  it('the snapshot stays as it was when the entry is edited later', async () => {
    const { serviceId, counsellor } = await team(t);
    const entry = await directoryEntry(t, serviceId, { name: 'Центр «Исток»', phones: ['+7 4922 11-11-11'], terms: ['ppms'] });
    const rec = await manual(t, counsellor, serviceId);
    await ok<Change>(attach(counsellor, rec.id, entry), 201);
    await renameEntry(t, entry, 'Центр «Новый исток»', '+7 4922 99-99-99');
    const card = await t.db.selectFrom('directory_services').select('name').where('service_id', '=', entry).executeTakeFirstOrThrow();
    expect(card.name).toBe('Центр «Новый исток»');
    const read = (await view(getRecord(t, counsellor, rec.id))) as WithReferrals;
    expect(read.referrals.map((x) => [x.name, x.phone])).toEqual([['Центр «Исток»', '+7 4922 11-11-11']]);
  });

  it("refuses another helpline's entry, an unknown one, and records the caller may not change, with nothing written", async () => {
    const { serviceId, counsellor, colleague, supervisor } = await team(t);
    const other = await team(t);
    const theirs = await directoryEntry(t, other.serviceId, { name: 'Чужая служба', phones: ['1'] });
    const ours = await directoryEntry(t, serviceId, { name: 'Своя служба', phones: ['2'] });
    const rec = await manual(t, counsellor, serviceId);

    expect(outcome(await attach(counsellor, rec.id, theirs))).toEqual({ status: 404, code: 'directory.not_found' });
    expect(outcome(await attach(counsellor, rec.id, randomUUID()))).toEqual({ status: 404, code: 'directory.not_found' });
    // Another helpline's staff and a colleague who does not hold the record do not see it at all.
    expect(outcome(await attach(other.supervisor, rec.id, ours))).toEqual({ status: 404, code: 'record.not_found' });
    expect(outcome(await attach(colleague, rec.id, ours))).toEqual({ status: 404, code: 'record.not_found' });
    expect(outcome(await t.request(colleague, 'GET', `/api/records/${rec.id}/referrals`))).toEqual({
      status: 404,
      code: 'record.not_found',
    });
    expect(outcome(await attach(counsellor, randomUUID(), ours))).toEqual({ status: 404, code: 'record.not_found' });
    expect(await stored(rec.id)).toHaveLength(0);
    expect((await view(getRecord(t, counsellor, rec.id))).version).toBe(1);

    // The service's supervisor may; the referral the counsellor may then not remove from another record of theirs.
    const added = await ok<Change>(attach(supervisor, rec.id, ours), 201);
    const mine = await manual(t, counsellor, serviceId);
    expect(outcome(await detach(counsellor, mine.id, added.referral!.id))).toEqual({ status: 404, code: 'record.referral_not_found' });
    expect(outcome(await detach(other.supervisor, rec.id, added.referral!.id))).toEqual({ status: 404, code: 'record.not_found' });
    expect(await stored(rec.id)).toHaveLength(1);
  });

  it('a final record follows the correction rules: the counsellor within 24 hours, the supervisor later', async () => {
    let { serviceId, counsellor, supervisor } = await team(t);
    const entry = await directoryEntry(t, serviceId, { name: 'Юридическая клиника', phones: ['3'], terms: ['legal'] });
    const rec = await manual(t, counsellor, serviceId);
    await view(finalize(t, counsellor, rec.id, 1, { contactType: 'info_services' }));
    const first = await ok<Change>(attach(counsellor, rec.id, entry), 201);
    expect(await figure(t, serviceId, 'referral', 'all')).toBe(1);
    expect(await figure(t, serviceId, 'referral.term', termId('legal'))).toBe(1);

    t.clock.advance(25 * 3600_000);
    // Sessions end when idle: both sign in again.
    [counsellor, supervisor] = [await again(counsellor), await again(supervisor)];
    expect(outcome(await detach(counsellor, rec.id, first.referral!.id))).toEqual({
      status: 403,
      code: 'record.correction_window_closed',
    });
    await ok<Change>(detach(supervisor, rec.id, first.referral!.id));
    expect(await figure(t, serviceId, 'referral', 'all')).toBe(0);
    expect(await figure(t, serviceId, 'referral.term', termId('legal'))).toBe(0);
    const audit = await auditOf(t, rec.id);
    expect(audit.find((a) => a.action === 'record.referral_remove')?.details).toMatchObject({ correction: true });
  });

  it('counts referrals of final records by kind of help in the report; small cells hidden in national views', async () => {
    const { serviceId, counsellor, supervisor } = await team(t);
    const analyst = await t.as([{ role: 'analyst' }]);
    const crisis = await directoryEntry(t, serviceId, { name: 'Кризисный центр', phones: ['4'], terms: ['crisis.children'] });
    const opeka = await directoryEntry(t, null, { name: 'Опека района', phones: ['5'], terms: ['opeka'] });
    for (const [entries, final] of [
      [[crisis, opeka], true],
      [[crisis], true],
      [[opeka], false],
    ] as const) {
      const rec = await manual(t, counsellor, serviceId);
      let version = 1;
      for (const e of entries) version = (await ok<Change>(attach(counsellor, rec.id, e), 201)).record.version;
      // Finalized after attaching for the first, before for the second: both ways count; the draft does not.
      if (final) await view(finalize(t, counsellor, rec.id, version, { contactType: 'info_services' }));
    }
    const day = t.clock.now().toISOString().slice(0, 10);
    const shift = (d: number) => new Date(Date.parse(day) + d * 86_400_000).toISOString().slice(0, 10);
    const params = { scope: 'service', serviceId, from: shift(-3), to: shift(3) };
    const own = await ok<ContactReport>(t.request(supervisor, 'GET', `/api/reports/contacts?${new URLSearchParams(params)}`));
    expect(own.referrals.total).toBe(3);
    const table = own.tables.find((x) => x.id === 'referralTerm')!;
    expect(table.title.ru).toBe('Направления по видам помощи');
    const byName = Object.fromEntries(table.rows.map((r) => [r.label.ru, [r.n, r.share]]));
    expect(byName).toEqual({
      'Кризисные центры': [2, 0.6667],
      'Кризисные центры для детей и подростков': [2, 0.6667],
      'Органы опеки и попечительства': [1, 0.3333],
    });
    const national = await ok<ContactReport>(t.request(analyst, 'GET', `/api/reports/contacts?${new URLSearchParams(params)}`));
    expect(national.referrals.total).toBe('<5');
    expect(national.tables.find((x) => x.id === 'referralTerm')!.rows.every((r) => r.n === '<5' && r.share === '<5')).toBe(true);
  });

  it("a transfer's continuation carries the referrals given in its first half", async () => {
    const { serviceId, counsellor, colleague } = await team(t);
    const entry = await directoryEntry(t, serviceId, { name: 'Центр «Доверие»', phones: ['6'], terms: ['ppms'] });
    const id = await answered(t, serviceId, counsellor);
    const given = await ok<Change>(attach(counsellor, id, entry), 201);
    await ok(t.request(colleague, 'PUT', '/api/routing/workstation/presence', { ...cmd(), serviceId, presence: 'available' }));
    await ok(onContact(t, counsellor, id, 'transfer', { ...cmd(), target: { kind: 'counsellor', staffId: colleague.userId } }));
    await sync(t);
    const next = await t.db.selectFrom('contact_records').select('id').where('transferred_from', '=', id).executeTakeFirstOrThrow();
    await ok(accept(t, colleague, (await theOffer(t, colleague)).id));
    const cont = (await view(getRecord(t, colleague, next.id))) as WithReferrals;
    expect(cont.referrals).toEqual([expect.objectContaining({ directoryServiceId: entry, name: 'Центр «Доверие»', phone: '6' })]);
    expect(cont.referrals[0]!.id).not.toBe(given.referral!.id);
    expect(cont.fields.actions).toEqual(['referred']);
  });
});
