// The projector from routing to records: reads the routing log after its watermark and, for every
// contact an event touched, writes the contact's record from the `routing_contacts` projection —
// opened on arrival, times and outcome as they happen, and on close its routing figures added to the
// rollups once (routing_counted), its status settled: a draft if answered, a final "missed" record
// if no one answered, void for the first half of a transfer. Records, rollups and the watermark
// change in one transaction, so a crash or a second run never counts anything twice. One projector
// runs at a time (the watermark row is locked), whichever process runs it.
import { recordFieldsOfPreChat } from '../chat/preChatRecord.js';
import type { PreChat } from '../chat/chatStore.js';
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, RoutingContactsTable } from '../../db/schema.js';
import { open, seal } from '../privacy/sealedText.js';
import { CURRENT_NATIONAL_VERSION } from './classificationSeed.js';
import { classify, replaceKeys, routedKeys, storedKeys } from './recordStats.js';
import { lockRollups, type RecordRow } from './recordStore.js';
import { applyStatKeys } from './statsRollup.js';
import { localParts } from './statsKeys.js';

type RoutedRow = Selectable<RoutingContactsTable>;

/** Events read per transaction. */
const BATCH = 1000;
const OUTCOME = { completed: 'answered', abandoned: 'abandoned', expired: 'expired', transferred: 'transferred' } as const;

export interface SyncDeps {
  db: Database;
  key: Buffer;
  clock: () => Date;
  onError?: (err: unknown) => void;
  /** How often it runs without being poked (ms). */
  intervalMs?: number;
  /** How long a poke waits for more routing batches before running (ms). */
  debounceMs?: number;
}

export class RecordsSync {
  private chain: Promise<void> = Promise.resolve();
  private debounce: NodeJS.Timeout | null = null;
  private interval: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: SyncDeps) {}

  /** Runs once now and then every few seconds. */
  start(): void {
    void this.runOnce().catch(() => {});
    this.interval = setInterval(() => void this.runOnce().catch(() => {}), this.deps.intervalMs ?? 3_000);
    this.interval.unref();
  }

  /** Something was written to the routing log: run soon, once for a burst of batches. */
  poke = (): void => {
    if (this.stopped || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.runOnce().catch(() => {});
    }, this.deps.debounceMs ?? 150);
    this.debounce.unref();
  };

  /** One run after any run in flight, until the log is read to its end. Errors are reported and thrown. */
  runOnce(): Promise<void> {
    if (this.stopped) return this.chain;
    const run = this.chain.then(async () => {
      if (this.stopped) return;
      try {
        while ((await syncBatch(this.deps)) === BATCH) {
          if (this.stopped) return;
        }
      } catch (err) {
        this.deps.onError?.(err);
        throw err;
      }
    });
    this.chain = run.catch(() => {});
    return run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.debounce) clearTimeout(this.debounce);
    if (this.interval) clearInterval(this.interval);
    await this.chain;
  }
}

/** One transaction: the next events after the watermark, their contacts' records, the new watermark. Returns how many events it read. */
export async function syncBatch(deps: Pick<SyncDeps, 'db' | 'key' | 'clock'>): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    const mark = await tx.selectFrom('records_sync').select('last_seq').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    const events = await tx
      .selectFrom('routing_events')
      .select(['seq', 'contact_id'])
      .where('seq', '>', mark.last_seq)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    if (events.length === 0) return 0;
    const ids = [...new Set(events.map((e) => e.contact_id).filter((id): id is string => id !== null))];
    if (ids.length > 0) await project(tx, deps, ids);
    await tx
      .updateTable('records_sync')
      .set({ last_seq: events.at(-1)!.seq })
      .where('id', '=', 1)
      .execute();
    return events.length;
  });
}

async function project(tx: Transaction<DB>, deps: Pick<SyncDeps, 'key' | 'clock'>, ids: string[]): Promise<void> {
  // A transfer's second half is queued when the first half ends: in queue order, the first half comes first.
  const contacts = await tx.selectFrom('routing_contacts').selectAll().where('id', 'in', ids).orderBy('queued_at').orderBy('id').execute();
  if (contacts.length === 0) return;
  const existing = await tx.selectFrom('contact_records').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const records = new Map<string, RecordRow>(existing.map((r) => [r.id, r]));
  const arrivals = await arrivalAttributes(
    tx,
    contacts.filter((c) => !records.has(c.id)).map((c) => c.id),
  );
  const services = [...new Set(contacts.map((c) => c.service_id))];
  const zones = new Map(
    (await tx.selectFrom('services').select(['id', 'time_zone']).where('id', 'in', services).execute()).map((s) => [s.id, s.time_zone]),
  );
  await lockRollups(tx, services);
  const now = deps.clock();
  for (const c of contacts) {
    const before = records.get(c.id);
    if (before?.routing_counted) continue; // closed and settled: nothing of routing changes it any more
    const pred = c.transferred_from ? (records.get(c.transferred_from) ?? (await recordOf(tx, c.transferred_from))) : undefined;
    let row = before
      ? await tx
          .updateTable('contact_records')
          .set(routingFacts(c, pred, before))
          .where('id', '=', c.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await insertRecord(tx, deps.key, c, pred, arrivals.get(c.id), now);
    if (c.closed_at !== null) row = await settle(tx, c, row, pred, zones.get(c.service_id) ?? 'Europe/Moscow');
    records.set(c.id, row);
  }
}

async function recordOf(tx: Transaction<DB>, id: string): Promise<RecordRow | undefined> {
  return tx.selectFrom('contact_records').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Language and region the channel gave on arrival. */
async function arrivalAttributes(tx: Transaction<DB>, ids: string[]) {
  const out = new Map<string, { language: string | null; region: string | null }>();
  if (ids.length === 0) return out;
  const rows = await tx
    .selectFrom('routing_events')
    .select([
      'contact_id',
      sql<string | null>`data->'attributes'->>'language'`.as('language'),
      sql<string | null>`data->'attributes'->>'region'`.as('region'),
    ])
    .where('contact_id', 'in', ids)
    .where('type', '=', 'contact.arrived')
    .execute();
  for (const r of rows) if (r.contact_id) out.set(r.contact_id, { language: r.language, region: r.region });
  return out;
}

const ms = (from: Date | null, to: Date | null) => (from && to ? Math.max(0, to.getTime() - from.getTime()) : null);

/** The record's columns that routing decides. A transfer's continuation carries the caller's wait and, until answered, the first counsellor. */
function routingFacts(c: RoutedRow, pred: RecordRow | undefined, before: RecordRow | undefined) {
  const left = c.state === 'abandoned' || c.state === 'expired' ? c.closed_at : null;
  const wait = c.origin === 'channel' ? ms(c.arrived_at, c.accepted_at ?? left) : c.origin === 'transfer' ? (pred?.wait_ms ?? null) : null;
  return {
    staff_id: c.staff_id ?? before?.staff_id ?? pred?.staff_id ?? null,
    answered_at: c.accepted_at,
    ended_at: c.ended_at,
    closed_at: c.closed_at,
    outcome: c.state in OUTCOME ? OUTCOME[c.state as keyof typeof OUTCOME] : null,
    abandoned_stage: c.abandoned_stage,
    after_greeting: c.after_greeting,
    answered_by_service_id: c.answered_by_service_id ?? pred?.answered_by_service_id ?? null,
    transferred_from: c.transferred_from,
    wait_ms: wait,
    talk_ms: ms(c.accepted_at, c.ended_at),
    wrap_ms: c.state === 'completed' ? ms(c.ended_at, c.closed_at) : null,
  };
}

async function insertRecord(
  tx: Transaction<DB>,
  key: Buffer,
  c: RoutedRow,
  pred: RecordRow | undefined,
  arrival: { language: string | null; region: string | null } | undefined,
  now: Date,
): Promise<RecordRow> {
  const repeat = c.caller_key
    ? await tx
        .selectFrom('contact_records')
        .select('id')
        .where('service_id', '=', c.service_id)
        .where('caller_key', '=', c.caller_key)
        .where('arrived_at', '<', c.arrived_at)
        .where('status', '!=', 'void')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  // A chat's pre-chat answers start its record (never over what a transfer carried over).
  const chat =
    !pred && c.channel === 'chat'
      ? await tx.selectFrom('chat_sessions').select('pre_chat').where('id', '=', c.id).executeTakeFirst()
      : undefined;
  const fromChat = chat ? recordFieldsOfPreChat(chat.pre_chat as PreChat) : undefined;
  const row = await tx
    .insertInto('contact_records')
    .values({
      id: c.id,
      service_id: c.service_id,
      origin: 'routing',
      status: 'open',
      classification_version: pred?.classification_version ?? CURRENT_NATIONAL_VERSION,
      channel: c.channel,
      language: pred?.language ?? arrival?.language ?? null,
      region: pred?.region ?? fromChat?.region ?? arrival?.region ?? null,
      caller_type: fromChat?.caller_type ?? null,
      child_age: fromChat?.child_age ?? null,
      age_group: fromChat?.age_group ?? null,
      child_gender: fromChat?.child_gender ?? null,
      caller_key: c.caller_key,
      repeat_contact: pred?.repeat_contact ?? repeat !== undefined,
      arrived_at: c.arrived_at,
      created_at: now,
      updated_at: now,
      ...routingFacts(c, pred, undefined),
      ...(pred ? carriedOver(key, pred, c.id) : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (pred) {
    // What the first counsellor wrote continues with the contact.
    await sql`
      insert into contact_record_reasons (record_id, service_id, code, position)
      select ${c.id}::uuid, service_id, code, position from contact_record_reasons where record_id = ${pred.id}::uuid`.execute(tx);
    // So do the referrals given, as they were snapshotted, now in the continuing record's service.
    await sql`
      insert into record_referrals (id, record_id, service_id, directory_service_id, name, phone, term_ids, created_at, created_by)
      select gen_random_uuid(), ${c.id}::uuid, ${row.service_id}::uuid, directory_service_id, name, phone, term_ids, created_at, created_by
      from record_referrals where record_id = ${pred.id}::uuid`.execute(tx);
  }
  return row;
}

/** The first half's fields, for its continuation; free text sealed again for the new record (it is bound to the record's id). */
function carriedOver(key: Buffer, pred: RecordRow, id: string) {
  const reseal = (s: string | null) => (s === null ? null : seal(key, open(key, s, pred.id), id));
  return {
    contact_type: pred.contact_type === 'missed' ? null : pred.contact_type,
    caller_type: pred.caller_type,
    child_gender: pred.child_gender,
    child_age: pred.child_age,
    age_group: pred.age_group,
    locality_type: pred.locality_type,
    vulnerable: pred.vulnerable,
    heard_from: pred.heard_from,
    risk_level: pred.risk_level,
    risk_answers: pred.risk_answers === null ? null : JSON.stringify(pred.risk_answers),
    actions: pred.actions,
    referral_sealed: reseal(pred.referral_sealed),
    summary_sealed: reseal(pred.summary_sealed),
  };
}

/** The contact closed: its routing figures go into the rollups once, and its status is settled. */
async function settle(
  tx: Transaction<DB>,
  c: RoutedRow,
  row: RecordRow,
  pred: RecordRow | undefined,
  timeZone: string,
): Promise<RecordRow> {
  const queued = c.origin === 'channel' || (c.origin === 'transfer' && pred?.wait_ms !== null && pred?.wait_ms !== undefined);
  // A continuation stands for the caller's whole contact, which its first half answered.
  const outcome = c.origin === 'transfer' && row.outcome !== 'transferred' ? 'answered' : row.outcome;
  const day = localParts(row.arrived_at, timeZone).day;
  await applyStatKeys(tx, row.service_id, day, routedKeys({ ...row, outcome }, queued), 1);
  const set: Partial<Record<keyof RecordRow, unknown>> = { routing_counted: true };
  if (row.outcome === 'transferred') {
    // The first half of a transfer: its continuation is the record; anything counted for this one is taken back.
    if (row.status === 'final' && row.stats_day) await replaceKeys(tx, row.service_id, { day: row.stats_day, keys: storedKeys(row) }, null);
    Object.assign(set, { status: 'void', stats_day: null, stats_keys: null });
  } else if (row.status === 'open' && (row.answered_at !== null || c.origin === 'transfer')) {
    set.status = 'draft';
  } else if (row.status === 'open') {
    // Nobody answered: the record is complete as it is, a missed contact.
    const missed = { ...row, contact_type: 'missed', reasons: [] };
    const stats = classify(missed, [], timeZone);
    await applyStatKeys(tx, row.service_id, stats.day, stats.keys, 1);
    Object.assign(set, {
      status: 'final',
      contact_type: 'missed',
      finalized_at: row.closed_at,
      stats_day: stats.day,
      stats_keys: JSON.stringify(stats.keys),
    });
  }
  return tx
    .updateTable('contact_records')
    .set(set as never)
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
