// What a record adds to the rollups, computed from its row: the classification keys (once final)
// on the service-local day of its arrival, and the routing keys (once its contact closed).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ReasonFacts, RecordRow } from './recordStore.js';
import { applyStatDeltas, type StatDelta } from './statsRollup.js';
import { classificationKeys, localParts, routingKeys, type StatKey } from './statsKeys.js';

export interface Classified {
  day: string;
  keys: StatKey[];
}

/** The record's classification keys, as the row (with its reasons and its referrals' term ids) stands. */
export function classify(
  row: RecordRow,
  reasons: readonly ReasonFacts[],
  timeZone: string,
  referralTerms: readonly (readonly string[])[] = [],
): Classified {
  const at = localParts(row.arrived_at, timeZone);
  const keys = classificationKeys({
    contactType: row.contact_type ?? 'unknown',
    channel: row.channel,
    callerType: row.caller_type,
    ageGroup: row.age_group,
    childGender: row.child_gender,
    riskLevel: row.risk_level,
    repeatContact: row.repeat_contact,
    reasons,
    localHour: at.hour,
    localWeekday: at.weekday,
    referralTerms,
  });
  return { day: at.day, keys };
}

/** Routing keys of a closed routed contact; `queued`: it came from a channel (or continues one that did). */
export function routedKeys(row: RecordRow, queued: boolean): StatKey[] {
  if (row.outcome === null) return [];
  return routingKeys({
    queued,
    outcome: row.outcome,
    waitMs: row.wait_ms,
    talkMs: row.talk_ms,
    wrapMs: row.wrap_ms,
    afterGreeting: row.after_greeting,
    answeredByPartner: row.answered_by_service_id !== null && row.answered_by_service_id !== row.service_id,
  });
}

export const storedKeys = (row: RecordRow): StatKey[] => (row.stats_keys ?? []) as unknown as StatKey[];

/**
 * Replaces what a record has in the rollups: takes back `before` (on its day) and adds `after`, in one
 * statement that first takes the service's rollup lock (see lockRollups); a key unchanged on the same
 * day cancels out and is not written.
 */
export async function replaceKeys(
  tx: Transaction<DB>,
  serviceId: string,
  before: Classified | null,
  after: Classified | null,
): Promise<void> {
  const deltas: StatDelta[] = [];
  if (before) deltas.push({ serviceId, day: before.day, keys: before.keys, sign: -1 });
  if (after) deltas.push({ serviceId, day: after.day, keys: after.keys, sign: 1 });
  await applyStatDeltas(tx, deltas, serviceId);
}
