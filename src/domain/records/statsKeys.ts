// What one record adds to the statistics rollups: a list of (dimension, value, weight) keys on the
// service's local day of its arrival. Pure, so the rollups can be proved equal to the records by
// recomputing these keys from the records themselves (test/records/stats-consistency.test.ts).
//
// Two independent parts:
// - classification keys (with the record's referrals by taxonomy term), counted when the record is final
//   (and taken back and re-added on correction, or when a referral is added to or removed from it);
// - routing keys, counted once when the contact closes (wait, answer, abandon, handling time), final or not.

/** [dimension, value, weight]: the rollup row (service, day, dimension, value) grows by weight. */
export type StatKey = [dim: string, value: string, weight: number];

/** Service level threshold T and the short-abandon threshold (DOMAIN.md "Operating metrics"). */
export const SERVICE_LEVEL_SECONDS = 20;
export const SHORT_ABANDON_SECONDS = 5;

export interface ClassifiedRecord {
  contactType: string;
  channel: string;
  callerType: string | null;
  ageGroup: string | null;
  childGender: string | null;
  riskLevel: string;
  repeatContact: boolean;
  /** Reason codes with the national row each is counted in. */
  reasons: readonly { code: string; nationalRow: string }[];
  localHour: number;
  /** ISO weekday, 1 = Monday. */
  localWeekday: number;
  /** The record's referrals to the directory: each one's taxonomy term ids (as snapshotted). */
  referralTerms?: readonly (readonly string[])[];
}

export function classificationKeys(r: ClassifiedRecord): StatKey[] {
  const keys: StatKey[] = [
    ['contacts', 'all', 1],
    ['type', r.contactType, 1],
    ['channel', r.channel, 1],
    ['hour', String(r.localHour), 1],
    ['weekday', String(r.localWeekday), 1],
  ];
  // Referrals are counted whatever the contact type (a question about other services is one too):
  // how many, and per taxonomy term how many of them carry it.
  const referrals = r.referralTerms ?? [];
  if (referrals.length > 0) {
    keys.push(['referral', 'all', referrals.length]);
    const perTerm = new Map<string, number>();
    for (const terms of referrals) for (const t of new Set(terms)) perTerm.set(t, (perTerm.get(t) ?? 0) + 1);
    for (const [term, n] of [...perTerm].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) keys.push(['referral.term', term, n]);
  }
  if (r.contactType !== 'counselling') return keys;
  keys.push(
    ['c.channel', r.channel, 1],
    ['c.caller', r.callerType ?? 'unknown', 1],
    ['c.age', r.ageGroup ?? 'unknown', 1],
    ['c.gender', r.childGender ?? 'unknown', 1],
    ['c.risk', r.riskLevel, 1],
    ['c.hour', String(r.localHour), 1],
    ['c.weekday', String(r.localWeekday), 1],
  );
  if (r.repeatContact) keys.push(['c.repeat', 'yes', 1]);
  // A record is counted once per national row, however many of its reasons fall in that row.
  for (const row of new Set(r.reasons.map((x) => x.nationalRow))) keys.push(['c.row', row, 1]);
  for (const code of new Set(r.reasons.map((x) => x.code))) keys.push(['c.reason', code, 1]);
  return keys;
}

export interface RoutedContact {
  /** Contacts made by hand (offline) never waited in a queue. */
  queued: boolean;
  outcome: 'answered' | 'abandoned' | 'expired' | 'transferred';
  waitMs: number | null;
  talkMs: number | null;
  wrapMs: number | null;
  afterGreeting: boolean | null;
  answeredByPartner: boolean;
}

export function routingKeys(c: RoutedContact): StatKey[] {
  // The first half of a transfer is counted in its second half (the contact that continues).
  if (!c.queued || c.outcome === 'transferred') return [];
  const keys: StatKey[] = [['routing', 'offered', 1]];
  const wait = c.waitMs ?? 0;
  if (c.outcome === 'answered') {
    keys.push(['routing', 'answered', 1], ['routing', 'wait_ms', wait]);
    if (wait <= SERVICE_LEVEL_SECONDS * 1000) keys.push(['routing', 'answered_in_sl', 1]);
    if (c.answeredByPartner) keys.push(['routing', 'answered_by_partner', 1]);
    if (c.talkMs !== null) keys.push(['routing', 'handled', 1], ['routing', 'handle_ms', c.talkMs + (c.wrapMs ?? 0)]);
  } else if (c.outcome === 'expired') {
    keys.push(['routing', 'expired', 1]);
  } else if (wait < SHORT_ABANDON_SECONDS * 1000) {
    keys.push(['routing', 'short_abandoned', 1]);
  } else {
    keys.push(['routing', 'abandoned', 1]);
    if (c.afterGreeting) keys.push(['routing', 'abandoned_after_greeting', 1]);
  }
  return keys;
}

/** The service-local calendar day, hour and ISO weekday of an instant. */
export function localParts(at: Date, timeZone: string): { day: string; hour: number; weekday: number } {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = Number(get('hour')) % 24;
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour, weekday: WEEKDAYS.indexOf(get('weekday')) + 1 };
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}
