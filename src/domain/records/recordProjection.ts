// What the routing projector writes into a contact's record, computed without I/O: the columns
// routing decides, a new record's values, a transfer's carried-over fields, and how a closed contact
// settles (its status and the statistics keys it adds or takes back). routingSync.ts does the writing.
import type { Insertable, Selectable } from 'kysely';
import type { ContactRecordsTable, RoutingContactsTable } from '../../db/schema.js';
import { recordFieldsOfPreChat } from '../chat/preChatRecord.js';
import type { PreChat } from '../chat/chatStore.js';
import { open, seal } from '../privacy/sealedText.js';
import { CURRENT_NATIONAL_VERSION } from './classificationSeed.js';
import { classify, routedKeys, storedKeys } from './recordStats.js';
import type { RecordRow } from './recordStore.js';
import type { StatDelta } from './statsRollup.js';
import { localParts } from './statsKeys.js';

export type RoutedRow = Selectable<RoutingContactsTable>;

const OUTCOME = { completed: 'answered', abandoned: 'abandoned', expired: 'expired', transferred: 'transferred' } as const;

const ms = (from: Date | null, to: Date | null) => (from && to ? Math.max(0, to.getTime() - from.getTime()) : null);

/** The record's columns that routing decides. A transfer's continuation carries the caller's wait and, until answered, the first counsellor. */
export function routingFacts(c: RoutedRow, pred: RecordRow | undefined, before: RecordRow | undefined) {
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

export type RoutingFacts = ReturnType<typeof routingFacts>;

/** What a new record starts with, besides routing's facts. */
export interface Opening {
  /** The transfer's first half, whose fields continue in this record. */
  pred: RecordRow | undefined;
  /** Language and region the channel gave on arrival. */
  arrival: { language: string | null; region: string | null } | undefined;
  /** An earlier record of the same caller at this service exists. */
  repeat: boolean;
  /** A chat's pre-chat answers (never over what a transfer carried over). */
  preChat: PreChat | undefined;
  now: Date;
}

/** A new record's row as the projector opens it. */
export function newRecordValues(key: Buffer, c: RoutedRow, o: Opening): Insertable<ContactRecordsTable> {
  const { pred } = o;
  const fromChat = !pred && o.preChat ? recordFieldsOfPreChat(o.preChat) : undefined;
  return {
    id: c.id,
    service_id: c.service_id,
    origin: 'routing',
    status: 'open',
    classification_version: pred?.classification_version ?? CURRENT_NATIONAL_VERSION,
    channel: c.channel,
    language: pred?.language ?? o.arrival?.language ?? null,
    region: pred?.region ?? fromChat?.region ?? o.arrival?.region ?? null,
    caller_type: fromChat?.caller_type ?? null,
    child_age: fromChat?.child_age ?? null,
    age_group: fromChat?.age_group ?? null,
    child_gender: fromChat?.child_gender ?? null,
    caller_key: c.caller_key,
    repeat_contact: pred?.repeat_contact ?? o.repeat,
    arrived_at: c.arrived_at,
    created_at: o.now,
    updated_at: o.now,
    ...routingFacts(c, pred, undefined),
    ...(pred ? carriedOver(key, pred, c.id) : {}),
  };
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

/** How a closed contact's record settles: the columns it ends with. */
export interface Settled {
  routing_counted: true;
  status: RecordRow['status'];
  contact_type: string | null;
  finalized_at: Date | null;
  stats_day: string | null;
  stats_keys: RecordRow['stats_keys'];
}

/**
 * The contact closed: its routing figures go into the rollups once (`deltas`), and its status is
 * settled — a draft if answered, a final "missed" record if nobody answered, void for the first half
 * of a transfer (anything counted for it taken back: its continuation is the record).
 */
export function settlement(
  c: RoutedRow,
  row: RecordRow,
  pred: RecordRow | undefined,
  timeZone: string,
): { set: Settled; deltas: StatDelta[] } {
  const queued = c.origin === 'channel' || (c.origin === 'transfer' && pred?.wait_ms !== null && pred?.wait_ms !== undefined);
  // A continuation stands for the caller's whole contact, which its first half answered.
  const outcome = c.origin === 'transfer' && row.outcome !== 'transferred' ? 'answered' : row.outcome;
  const serviceId = row.service_id;
  const deltas: StatDelta[] = [
    { serviceId, day: localParts(row.arrived_at, timeZone).day, keys: routedKeys({ ...row, outcome }, queued), sign: 1 },
  ];
  const set: Settled = {
    routing_counted: true,
    status: row.status,
    contact_type: row.contact_type,
    finalized_at: row.finalized_at,
    stats_day: row.stats_day,
    stats_keys: row.stats_keys,
  };
  if (row.outcome === 'transferred') {
    if (row.status === 'final' && row.stats_day) deltas.push({ serviceId, day: row.stats_day, keys: storedKeys(row), sign: -1 });
    Object.assign(set, { status: 'void', stats_day: null, stats_keys: null });
  } else if (row.status === 'open' && (row.answered_at !== null || c.origin === 'transfer')) {
    set.status = 'draft';
  } else if (row.status === 'open') {
    // Nobody answered: the record is complete as it is, a missed contact.
    const stats = classify({ ...row, contact_type: 'missed' }, [], timeZone);
    deltas.push({ serviceId, day: stats.day, keys: stats.keys, sign: 1 });
    Object.assign(set, {
      status: 'final',
      contact_type: 'missed',
      finalized_at: row.closed_at,
      stats_day: stats.day,
      stats_keys: stats.keys,
    });
  }
  return { set, deltas };
}
