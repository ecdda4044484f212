// Operating statistics of one service over a window [from, to), computed from the routing log.
// A pure function of the logged events: no clock, no state object, no I/O. The definitions follow
// DOMAIN.md "Operating metrics" (define once, use everywhere); where DOMAIN.md leaves a choice
// open, the choice is written down here and nowhere else.
//
// Events and time
// - Times are milliseconds (the log's `at`); durations are reported in seconds, ratios as 0..1.
// - `events` are in log order. Events at or after `to` are ignored: every figure is "as of `to`".
//   Events before `from` are look-back: they only rebuild who was working, on what and for which
//   service at `from` (for occupancy). The caller passes enough of them (at least since the
//   oldest contact still active or in wrap-up at `from` and each counsellor's last presence change);
//   a contact or counsellor whose history starts before the first event passed is partly unknown.
//
// Which contacts count
// - A contact belongs to the window by its arrival (`contact.arrived` with `at` in [from, to)) and
//   to the service by its home service (`contact.arrived.serviceId`), wherever it was answered.
// - Only contacts that came from a channel (`origin.kind === 'channel'`) are offered to the queue.
//   Contacts created by a transfer (`transferredIn`, they continue a contact already counted) and
//   contacts recorded by hand (`offline`, never queued) are counted apart and take no part in the
//   queue figures below (nor in AHT, which is taken over answered queue contacts).
// - Queue entry is the `at` of `contact.arrived` (for channel contacts it equals `arrivedAt`).
//
// Outcomes of the offered contacts (each offered contact has exactly one, as of `to`)
// - answered: a `contact.accepted` event. `answeredByPartner` (a subset) counts those accepted by a
//   counsellor of another service (the event's serviceId ≠ home): a partner or the national backup.
// - abandoned: `contact.abandoned` with wait = abandon.at − queue entry ≥ short threshold
//   (default 5 s; a wait of exactly 5 s is NOT short). Split by the stage the caller left in
//   (queued / offered to a counsellor) and by whether `contact.greeting_done` came before the abandon.
// - shortAbandoned: `contact.abandoned` with wait < short threshold: counted apart and left out of
//   both SL and the abandonment rate (misdials, instant hang-ups). No splits.
// - expired: `contact.expired` (waited the service's maxWaitSeconds): never answered.
// - waitingAtEnd: none of the above by `to` (still queued or offered). Left out of SL and of the
//   abandonment rate (not decided yet); `longestWaitingSeconds` is the longest of their waits at `to`.
// - transferredOut (a subset of answered): answered contacts that were then transferred.
//
// Queue figures
// - wait of an answered contact = accepted.at − queue entry.
// - SL(T) = answered with wait ≤ T ÷ (answered + abandoned + expired), T = slSeconds (default 20).
//   DOMAIN.md's denominator is "answered + abandoned after the short-abandon threshold"; an expired
//   contact is a caller the helpline never answered, so it counts as not answered within T, like an
//   abandon. null when the denominator is 0.
// - ASA = mean wait of answered contacts; p90 wait by nearest rank (the ⌈0.9·n⌉-th smallest wait);
//   longest answered wait. null when nothing was answered.
// - abandonRate = abandoned ÷ (offered − shortAbandoned). Expired and still waiting contacts stay in
//   the denominator, not in the numerator. null when the denominator is 0.
// - offeredByChannel and contactsPerHourByChannel = offered ÷ window length in hours.
// - offeredByRisk: offered contacts by their risk as last set by `to` (assessment may raise it).
//
// Handling figures
// - AHT = talk + hold + wrap-up, averaged over the answered queue contacts of the window that
//   completed (`contact.completed`) by `to`: talk = accepted → ended, hold = 0 (there are no hold
//   events yet), wrap-up = ended → completed. Contacts transferred or still active are not in it.
//   talkSeconds, holdSeconds, wrapUpSeconds are the means of the parts. null when none completed.
// - Occupancy = handling ÷ (handling + available idle), summed over counsellors while they work for
//   this service (the profile.serviceId of their latest `presence.changed`), time clipped to the
//   window. Handling = time with ≥ 1 contact accepted and not yet closed (active or in wrap-up), of
//   any home service, whatever the presence. Available idle = time with presence `available` and no
//   such contact; a pending offer does not count as handling. Break, offline and not_responding
//   time without contacts is in neither. null when the denominator is 0.
import { foldWindow } from './metricsFold.js';
import { CHANNELS, RISKS, type Channel, type LoggedEvent, type Risk } from './types.js';

export interface StatisticsInput {
  serviceId: string;
  /** Window start (ms, inclusive). */
  from: number;
  /** Window end (ms, exclusive); events at or after it are ignored. */
  to: number;
  /** Logged events in log order, possibly starting before `from` (look-back). */
  events: Iterable<LoggedEvent>;
  /** Abandons after a wait shorter than this are short abandons. Default 5. */
  shortAbandonSeconds?: number;
  /** The T of the service level SL(T). Default 20. */
  slSeconds?: number;
}

export interface ServiceStatistics {
  serviceId: string;
  from: number;
  to: number;
  shortAbandonSeconds: number;
  slSeconds: number;

  /** Channel contacts of this home service that arrived in the window. */
  offered: number;
  /** Offered contacts accepted by `to` (by anyone). */
  answered: number;
  /** Answered by a counsellor of another service (partner or national backup); a subset of answered. */
  answeredByPartner: number;
  /** Answered with wait ≤ slSeconds. */
  answeredWithinSl: number;
  /** Abandons after a wait ≥ shortAbandonSeconds. */
  abandoned: number;
  /** Abandons after a wait < shortAbandonSeconds: counted apart, out of SL and the abandonment rate. */
  shortAbandoned: number;
  /** `abandoned` by the stage the caller left in. */
  abandonedByStage: { queued: number; offered: number };
  /** `abandoned` by whether the greeting had finished before the caller left. */
  abandonedByGreeting: { beforeGreeting: number; afterGreeting: number };
  /** Waited the service's maximum wait without being answered. */
  expired: number;
  /** Still queued or offered at `to`. */
  waitingAtEnd: number;
  /** Answered, then transferred; a subset of answered. */
  transferredOut: number;
  /** Contacts of this home service created by a transfer in the window (not offered to the queue). */
  transferredIn: number;
  /** Contacts recorded by hand in the window (not offered to the queue). */
  offline: number;

  /** SL(T) = answeredWithinSl ÷ (answered + abandoned + expired); null when that is 0. */
  serviceLevel: number | null;
  /** abandoned ÷ (offered − shortAbandoned); null when that is 0. */
  abandonRate: number | null;
  /** Mean wait of answered contacts. */
  asaSeconds: number | null;
  /** Nearest-rank 90th percentile of the waits of answered contacts. */
  p90WaitSeconds: number | null;
  longestAnsweredWaitSeconds: number | null;
  /** Longest wait so far, at `to`, among offered contacts still waiting. */
  longestWaitingSeconds: number | null;

  /** Answered contacts of the window completed by `to`: the contacts AHT is taken over. */
  handled: number;
  /** Mean of talk + hold + wrap-up over `handled`. */
  ahtSeconds: number | null;
  talkSeconds: number | null;
  holdSeconds: number | null;
  wrapUpSeconds: number | null;

  /** handlingSeconds ÷ (handlingSeconds + availableIdleSeconds); null when that is 0. */
  occupancy: number | null;
  handlingSeconds: number;
  availableIdleSeconds: number;
  /** Counsellors with handling or available idle time for this service in the window. */
  occupancyCounsellors: number;

  offeredByChannel: Record<Channel, number>;
  /** offeredByChannel ÷ window length in hours. */
  contactsPerHourByChannel: Record<Channel, number>;
  /** Offered contacts by risk as last set by `to`. */
  offeredByRisk: Record<Risk, number>;
}

const perKey = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
const max = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => (b > a ? b : a)));

/** Nearest-rank percentile (p in (0, 1]) of unsorted values; null for none. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1]!;
}

export function computeStatistics(input: StatisticsInput): ServiceStatistics {
  const { serviceId, from, to } = input;
  const shortAbandonSeconds = input.shortAbandonSeconds ?? 5;
  const slSeconds = input.slSeconds ?? 20;
  if (!(to > from)) throw new RangeError('statistics window must have to > from');
  const shortMs = shortAbandonSeconds * 1000;
  const slMs = slSeconds * 1000;

  const { window, transferredIn, offline, counsellors } = foldWindow(input.events, serviceId, from, to);

  const offeredByChannel = perKey(CHANNELS);
  const offeredByRisk = perKey(RISKS);
  const waits: number[] = [];
  const waitingFor: number[] = [];
  const talk: number[] = [];
  const wrapUp: number[] = [];
  let answeredByPartner = 0;
  let answeredWithinSl = 0;
  let abandoned = 0;
  let shortAbandoned = 0;
  let expired = 0;
  let transferredOut = 0;
  const abandonedByStage = { queued: 0, offered: 0 };
  const abandonedByGreeting = { beforeGreeting: 0, afterGreeting: 0 };

  for (const w of window.values()) {
    offeredByChannel[w.channel]++;
    offeredByRisk[w.risk]++;
    switch (w.outcome) {
      case 'answered': {
        const wait = w.acceptedAt! - w.queuedAt;
        waits.push(wait);
        if (wait <= slMs) answeredWithinSl++;
        if (w.byPartner) answeredByPartner++;
        if (w.transferred) transferredOut++;
        else if (w.completedAt !== null) {
          const ended = w.endedAt ?? w.completedAt;
          talk.push(ended - w.acceptedAt!);
          wrapUp.push(w.completedAt - ended);
        }
        break;
      }
      case 'abandoned':
        if (w.abandonedAt! - w.queuedAt < shortMs) {
          shortAbandoned++;
          break;
        }
        abandoned++;
        abandonedByStage[w.abandonedStage ?? 'queued']++;
        if (w.abandonedAfterGreeting) abandonedByGreeting.afterGreeting++;
        else abandonedByGreeting.beforeGreeting++;
        break;
      case 'expired':
        expired++;
        break;
      case 'waiting':
        waitingFor.push(to - w.queuedAt);
        break;
    }
  }

  const offered = window.size;
  const answered = waits.length;
  const hours = (to - from) / 3_600_000;
  const contactsPerHourByChannel = perKey(CHANNELS);
  for (const ch of CHANNELS) contactsPerHourByChannel[ch] = offeredByChannel[ch] / hours;

  let handlingMs = 0;
  let idleMs = 0;
  let occupancyCounsellors = 0;
  for (const c of counsellors.values()) {
    handlingMs += c.handlingMs;
    idleMs += c.idleMs;
    if (c.handlingMs + c.idleMs > 0) occupancyCounsellors++;
  }

  const handled = talk.length;
  const talkMean = mean(talk);
  const wrapMean = mean(wrapUp);
  return {
    serviceId,
    from,
    to,
    shortAbandonSeconds,
    slSeconds,
    offered,
    answered,
    answeredByPartner,
    answeredWithinSl,
    abandoned,
    shortAbandoned,
    abandonedByStage,
    abandonedByGreeting,
    expired,
    waitingAtEnd: waitingFor.length,
    transferredOut,
    transferredIn,
    offline,
    serviceLevel: ratio(answeredWithinSl, answered + abandoned + expired),
    abandonRate: ratio(abandoned, offered - shortAbandoned),
    asaSeconds: seconds(mean(waits)),
    p90WaitSeconds: seconds(nearestRank(waits, 0.9)),
    longestAnsweredWaitSeconds: seconds(max(waits)),
    longestWaitingSeconds: seconds(max(waitingFor)),
    handled,
    ahtSeconds: talkMean === null || wrapMean === null ? null : (talkMean + 0 + wrapMean) / 1000,
    talkSeconds: seconds(talkMean),
    holdSeconds: handled > 0 ? 0 : null,
    wrapUpSeconds: seconds(wrapMean),
    occupancy: ratio(handlingMs, handlingMs + idleMs),
    handlingSeconds: handlingMs / 1000,
    availableIdleSeconds: idleMs / 1000,
    occupancyCounsellors,
    offeredByChannel,
    contactsPerHourByChannel,
    offeredByRisk,
  };
}
