// The projector from routing to records: reads the routing log after its watermark and, for every
// contact an event touched, writes the contact's record from the `routing_contacts` projection —
// opened on arrival, times and outcome as they happen, and on close its routing figures added to the
// rollups once (routing_counted), its status settled: a draft if answered, a final "missed" record
// if no one answered, void for the first half of a transfer. Records, rollups and the watermark
// change in one transaction, so a crash or a second run never counts anything twice. One projector
// runs at a time (the watermark row is locked), whichever process runs it.
import { sql, type Insertable, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ContactRecordsTable, DB } from '../../db/schema.js';
import type { PreChat } from '../chat/chatStore.js';
import { newRecordValues, routingFacts, settlement, type RoutedRow, type RoutingFacts, type Settled } from './recordProjection.js';
import { lockRollups, type RecordRow } from './recordStore.js';
import { applyStatDeltas, type StatDelta } from './statsRollup.js';

/** Events read per transaction. */
const BATCH = 1000;

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

/**
 * Writes the records of the contacts `ids`, set-based: every contact that is not a transfer's
 * continuation in a few statements for the whole batch (new records in one insert, routing's facts in
 * one update, closed contacts settled in one update, their statistics in one rollup statement); a
 * transfer's continuation (rare) after them, one by one in queue order, as it needs its first half's
 * record as just written.
 */
async function project(tx: Transaction<DB>, deps: Pick<SyncDeps, 'key' | 'clock'>, ids: string[]): Promise<void> {
  // A transfer's second half is queued when the first half ends: in queue order, the first half comes first.
  const contacts = await tx.selectFrom('routing_contacts').selectAll().where('id', 'in', ids).orderBy('queued_at').orderBy('id').execute();
  if (contacts.length === 0) return;
  const existing = await tx.selectFrom('contact_records').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const records = new Map<string, RecordRow>(existing.map((r) => [r.id, r]));
  const open = contacts.filter((c) => !records.get(c.id)?.routing_counted); // closed and settled: nothing of routing changes it any more
  if (open.length === 0) return;
  const fresh = open.filter((c) => !records.has(c.id));
  const services = [...new Set(open.map((c) => c.service_id))];
  const arrivals = await arrivalAttributes(
    tx,
    fresh.map((c) => c.id),
  );
  const zoneRows = await tx.selectFrom('services').select(['id', 'time_zone']).where('id', 'in', services).execute();
  const zones = new Map(zoneRows.map((s) => [s.id, s.time_zone]));
  const repeats = await repeatCallers(tx, fresh);
  const preChats = await preChatsOf(
    tx,
    fresh.filter((c) => c.channel === 'chat'),
  );
  await lockRollups(tx, services);
  const now = deps.clock();
  const zoneOf = (c: RoutedRow) => zones.get(c.service_id) ?? 'Europe/Moscow';
  const plain = open.filter((c) => !c.transferred_from);
  const opening = (c: RoutedRow, pred: RecordRow | undefined) =>
    newRecordValues(deps.key, c, { pred, arrival: arrivals.get(c.id), repeat: repeats.has(c.id), preChat: preChats.get(c.id), now });

  const inserted = await insertRecords(
    tx,
    plain.filter((c) => !records.has(c.id)).map((c) => opening(c, undefined)),
  );
  const updated = await updateRoutingFacts(
    tx,
    plain.filter((c) => records.has(c.id)).map((c) => ({ id: c.id, ...routingFacts(c, undefined, records.get(c.id)) })),
  );
  for (const r of [...inserted, ...updated]) records.set(r.id, r);
  const deltas: StatDelta[] = [];
  const settles: (Settled & { id: string })[] = [];
  for (const c of plain.filter((x) => x.closed_at !== null)) {
    const s = settlement(c, records.get(c.id)!, undefined, zoneOf(c));
    settles.push({ id: c.id, ...s.set });
    deltas.push(...s.deltas);
  }
  for (const r of await settleRecords(tx, settles)) records.set(r.id, r);
  await applyStatDeltas(tx, deltas);

  for (const c of open.filter((x) => x.transferred_from)) {
    const pred = records.get(c.transferred_from!) ?? (await recordOf(tx, c.transferred_from!));
    const before = records.get(c.id);
    let row = before
      ? (await updateRoutingFacts(tx, [{ id: c.id, ...routingFacts(c, pred, before) }]))[0]!
      : (await insertRecords(tx, [opening(c, pred)]))[0]!;
    if (!before && pred) await continueFrom(tx, row, pred);
    if (c.closed_at !== null) {
      const s = settlement(c, row, pred, zoneOf(c));
      row = (await settleRecords(tx, [{ id: c.id, ...s.set }]))[0]!;
      await applyStatDeltas(tx, s.deltas);
    }
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

/**
 * The new contacts whose caller has an earlier record at the same service (not void), or an earlier
 * contact among these: a repeat contact. One query for all of them.
 */
async function repeatCallers(tx: Transaction<DB>, fresh: readonly RoutedRow[]): Promise<Set<string>> {
  const keyed = fresh.filter((c) => c.caller_key !== null);
  const out = new Set<string>();
  if (keyed.length === 0) return out;
  const { rows } = await sql<{ id: string }>`
    select c.id from unnest(${keyed.map((c) => c.id)}::uuid[], ${keyed.map((c) => c.service_id)}::uuid[],
      ${keyed.map((c) => c.caller_key)}::text[], ${keyed.map((c) => c.arrived_at.toISOString())}::timestamptz[]) as c(id, service_id, caller_key, arrived_at)
    where exists (
      select 1 from contact_records r
      where r.service_id = c.service_id and r.caller_key = c.caller_key and r.arrived_at < c.arrived_at and r.status <> 'void')`.execute(
    tx,
  );
  for (const r of rows) out.add(r.id);
  for (const c of keyed)
    if (keyed.some((o) => o !== c && o.service_id === c.service_id && o.caller_key === c.caller_key && o.arrived_at < c.arrived_at))
      out.add(c.id);
  return out;
}

/** Chats' pre-chat answers, which start their records. */
async function preChatsOf(tx: Transaction<DB>, chats: readonly RoutedRow[]): Promise<Map<string, PreChat>> {
  if (chats.length === 0) return new Map();
  const rows = await tx
    .selectFrom('chat_sessions')
    .select(['id', 'pre_chat'])
    .where(
      'id',
      'in',
      chats.map((c) => c.id),
    )
    .execute();
  return new Map(rows.map((r) => [r.id, r.pre_chat as PreChat]));
}

async function insertRecords(tx: Transaction<DB>, values: Insertable<ContactRecordsTable>[]): Promise<RecordRow[]> {
  if (values.length === 0) return [];
  return tx.insertInto('contact_records').values(values).returningAll().execute();
}

/** What the first counsellor wrote continues with the contact: its reasons, and the referrals as they were snapshotted, now in the continuing record's service. */
async function continueFrom(tx: Transaction<DB>, row: RecordRow, pred: RecordRow): Promise<void> {
  await sql`
    insert into contact_record_reasons (record_id, service_id, code, position)
    select ${row.id}::uuid, service_id, code, position from contact_record_reasons where record_id = ${pred.id}::uuid`.execute(tx);
  await sql`
    insert into record_referrals (id, record_id, service_id, directory_service_id, name, phone, term_ids, created_at, created_by)
    select gen_random_uuid(), ${row.id}::uuid, ${row.service_id}::uuid, directory_service_id, name, phone, term_ids, created_at, created_by
    from record_referrals where record_id = ${pred.id}::uuid`.execute(tx);
}

/** Routing's facts of many records in one statement. */
async function updateRoutingFacts(tx: Transaction<DB>, rows: (RoutingFacts & { id: string })[]): Promise<RecordRow[]> {
  if (rows.length === 0) return [];
  const { rows: out } = await sql<RecordRow>`
    update contact_records r set staff_id = v.staff_id, answered_at = v.answered_at, ended_at = v.ended_at, closed_at = v.closed_at,
      outcome = v.outcome, abandoned_stage = v.abandoned_stage, after_greeting = v.after_greeting,
      answered_by_service_id = v.answered_by_service_id, transferred_from = v.transferred_from,
      wait_ms = v.wait_ms, talk_ms = v.talk_ms, wrap_ms = v.wrap_ms
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, staff_id uuid, answered_at timestamptz, ended_at timestamptz,
      closed_at timestamptz, outcome text, abandoned_stage text, after_greeting boolean, answered_by_service_id uuid,
      transferred_from uuid, wait_ms int, talk_ms int, wrap_ms int)
    where r.id = v.id
    returning r.*`.execute(tx);
  return out;
}

/** Closed contacts' settled status and statistics columns, in one statement. */
async function settleRecords(tx: Transaction<DB>, rows: (Settled & { id: string })[]): Promise<RecordRow[]> {
  if (rows.length === 0) return [];
  const { rows: out } = await sql<RecordRow>`
    update contact_records r set routing_counted = v.routing_counted, status = v.status, contact_type = v.contact_type,
      finalized_at = v.finalized_at, stats_day = v.stats_day, stats_keys = v.stats_keys
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, routing_counted boolean, status text, contact_type text,
      finalized_at timestamptz, stats_day date, stats_keys jsonb)
    where r.id = v.id
    returning r.*`.execute(tx);
  return out;
}
