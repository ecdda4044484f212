// Records opened from routing: a contact that arrives gets its record (open while live, a draft once
// answered and closed, a final "missed" record if no one answered, void for the first half of a
// transfer), its times and outcome from the routing log, its routing figures counted once however
// often the projector runs; offline contacts get theirs too, and a record asked for right after the
// contact is accepted is there at once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { accept, arrive, callerLeft, cmd, ok, onContact, theOffer, TOKEN } from '../routing/routingApi.js';
import { answered, figure, getRecord, patchRecord, rollups, sync, team, view, type RecordView } from './recordApi.js';

describe.each(DATABASES)('records from routing on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  it('a record is there as soon as the contact is accepted, and follows it to a draft with its times', async () => {
    const { serviceId, counsellor } = await team(t);
    const id = await answered(t, serviceId, counsellor, { language: 'ru', region: 'Татарстан' });
    // No projector run in between: the GET itself makes sure the record exists.
    const open = await view(getRecord(t, counsellor, id));
    expect(open).toMatchObject({ id, serviceId, origin: 'routing', status: 'open', staffId: counsellor.userId, channel: 'chat' });
    expect(open.fields).toMatchObject({ language: 'ru', region: 'Татарстан' });
    expect(open.times).toMatchObject({ outcome: null, closedAt: null, waitSeconds: 0 });
    expect(open.times.answeredAt).not.toBeNull();

    t.clock.advance(90_000);
    await ok(onContact(t, counsellor, id, 'end'));
    t.clock.advance(30_000);
    await ok(onContact(t, counsellor, id, 'complete'));
    await sync(t);
    const closed = await view(getRecord(t, counsellor, id));
    expect(closed.status).toBe('draft');
    expect(closed.times).toMatchObject({ outcome: 'answered', talkSeconds: 90, wrapSeconds: 30 });
    expect(await figure(t, serviceId, 'routing', 'answered')).toBe(1);
    expect(await figure(t, serviceId, 'routing', 'answered_in_sl')).toBe(1);
    expect(await figure(t, serviceId, 'routing', 'handle_ms')).toBe(120_000);
    // Not classified yet: nothing of the classification is counted before the record is final.
    expect(await figure(t, serviceId, 'contacts', 'all')).toBe(0);
  });

  it('a change saved right after the contact closed is made on the record as routing left it (the projector runs first)', async () => {
    const { serviceId, counsellor } = await team(t);
    const id = await answered(t, serviceId, counsellor);
    const open = await view(getRecord(t, counsellor, id));
    t.clock.advance(60_000);
    await ok(onContact(t, counsellor, id, 'end'));
    t.clock.advance(20_000);
    await ok(onContact(t, counsellor, id, 'complete'));
    // No projector run in between: the save finds its record behind the routing log in the same read,
    // brings it up to date, and saves on it.
    const saved = await view(patchRecord(t, counsellor, id, open.version, { contactType: 'silent' }));
    expect(saved.status).toBe('draft');
    expect(saved.fields.contactType).toBe('silent');
    expect(saved.times).toMatchObject({ outcome: 'answered', talkSeconds: 60, wrapSeconds: 20 });
    const row = await t.db.selectFrom('contact_records').select(['status', 'outcome']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'draft', outcome: 'answered' });
  });

  it('a contact nobody answered becomes a final "missed" record, counted once however often the projector runs', async () => {
    const { serviceId, supervisor } = await team(t);
    const id = await arrive(t, serviceId);
    t.clock.advance(30_000);
    await callerLeft(t, id);
    await sync(t);
    const missed = await view(getRecord(t, supervisor, id));
    expect(missed).toMatchObject({ status: 'final', staffId: null, canEdit: false });
    expect(missed.fields.contactType).toBe('missed');
    expect(missed.times).toMatchObject({ outcome: 'abandoned', abandonedStage: 'queued', waitSeconds: 30 });
    const once = await rollups(t, serviceId);
    expect(await figure(t, serviceId, 'type', 'missed')).toBe(1);
    expect(await figure(t, serviceId, 'routing', 'abandoned')).toBe(1);

    await sync(t);
    // Even with the watermark wound back to the start, the log read again counts nothing twice.
    await sql`update records_sync set last_seq = 0 where id = 1`.execute(t.db);
    await sync(t);
    expect(await rollups(t, serviceId)).toEqual(once);
  });

  it('a caller who contacted the service before is a repeat contact, also twice in one projector run; another service is new', async () => {
    const { serviceId } = await team(t);
    const other = await team(t);
    const caller = { kind: 'phone', value: `+7 900 ${Math.floor(Math.random() * 1e7)}` };
    const first = await arrive(t, serviceId, { caller });
    await sync(t);
    t.clock.advance(1_000);
    // Two more contacts of the same caller before the projector runs again: both are repeats.
    const second = await arrive(t, serviceId, { caller });
    t.clock.advance(1_000);
    const third = await arrive(t, serviceId, { caller });
    const elsewhere = await arrive(t, other.serviceId, { caller });
    const stranger = await arrive(t, serviceId, { caller: { kind: 'phone', value: '+7 900 000-00-01' } });
    await sync(t);
    const repeat = async (id: string) =>
      (await t.db.selectFrom('contact_records').select('repeat_contact').where('id', '=', id).executeTakeFirstOrThrow()).repeat_contact;
    expect([await repeat(first), await repeat(second), await repeat(third), await repeat(elsewhere), await repeat(stranger)]).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
  });

  it('the first contact of a caller and their second in the same projector run: only the second is a repeat', async () => {
    const { serviceId } = await team(t);
    const caller = { kind: 'telegram', value: String(Math.floor(Math.random() * 1e9)) };
    const first = await arrive(t, serviceId, { caller });
    t.clock.advance(1_000);
    const second = await arrive(t, serviceId, { caller });
    await sync(t);
    const rows = await t.db.selectFrom('contact_records').select(['id', 'repeat_contact']).where('id', 'in', [first, second]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.repeat_contact]))).toEqual({ [first]: false, [second]: true });
  });

  it('an offline contact of the workstation gets its record, without queue figures', async () => {
    const { serviceId, counsellor } = await team(t);
    const res = await ok<{ contact: { id: string } }>(
      t.request(counsellor, 'POST', `/api/routing/services/${serviceId}/offline-contacts`, { ...cmd(), channel: 'voice' }),
      201,
    );
    const id = res.contact.id;
    const rec = await view(getRecord(t, counsellor, id));
    expect(rec).toMatchObject({ status: 'open', staffId: counsellor.userId, channel: 'voice' });
    await ok(onContact(t, counsellor, id, 'end'));
    await ok(onContact(t, counsellor, id, 'complete'));
    await sync(t);
    expect((await view(getRecord(t, counsellor, id))).status).toBe('draft');
    expect(await figure(t, serviceId, 'routing', 'offered')).toBe(0);
    const row = await t.db
      .selectFrom('contact_records')
      .select(['routing_counted', 'wait_ms'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ routing_counted: true, wait_ms: null });
  });

  it("the first half of a transfer is void and its continuation carries the draft; the caller's contact is counted once", async () => {
    const { serviceId, counsellor, colleague } = await team(t);
    const id = await answered(t, serviceId, counsellor);
    const open = await view(getRecord(t, counsellor, id));
    await view(
      t.request(counsellor, 'PATCH', `/api/records/${id}`, {
        version: open.version,
        fields: { summary: 'Начало разговора', callerType: 'child' },
      }),
    );
    await presence(t, colleague, serviceId);
    const after = await ok<{ contacts: unknown[] }>(
      onContact(t, counsellor, id, 'transfer', { ...cmd(), target: { kind: 'counsellor', staffId: colleague.userId } }),
    );
    expect(after.contacts).toEqual([]);
    await sync(t);
    expect((await view(getRecord(t, counsellor, id))).status).toBe('void');
    const next = await t.db.selectFrom('contact_records').select('id').where('transferred_from', '=', id).executeTakeFirstOrThrow();
    const cont = await view(getRecord(t, counsellor, next.id));
    expect(cont.fields).toMatchObject({ summary: 'Начало разговора', callerType: 'child' });
    expect(await figure(t, serviceId, 'routing', 'offered')).toBe(0); // the caller's contact is not closed yet
    const offer = await theOffer(t, colleague);
    await ok(accept(t, colleague, offer.id));
    await ok(onContact(t, colleague, next.id, 'end'));
    await ok(onContact(t, colleague, next.id, 'complete'));
    await sync(t);
    expect(await view(getRecord(t, colleague, next.id))).toMatchObject({ status: 'draft', staffId: colleague.userId });
    expect([await figure(t, serviceId, 'routing', 'offered'), await figure(t, serviceId, 'routing', 'answered')]).toEqual([1, 1]);
  });
});

async function presence(t: TestApp, who: Parameters<typeof getRecord>[1], serviceId: string): Promise<void> {
  await ok(t.request(who, 'PUT', '/api/routing/workstation/presence', { ...cmd(), serviceId, presence: 'available' }));
}

export type { RecordView };
