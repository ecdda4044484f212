// A discrete-event simulation of one service's queue that drives the real RoutingEngine on a
// virtual clock. It answers staffing questions ("what if we have 3 counsellors at night?") and,
// with constant inputs, checks the engine against Erlang C / Erlang A: the engine is built so that
// with wrap-up 0, one voice contact per counsellor and instant accepts it behaves as M/M/N(+M).
// No I/O and no Math.random: the same input and seed give the same report.
import { isAppError } from '../../errors.js';
import { RoutingEngine } from './engine.js';
import { routingSettingsOf } from './settings.js';
import { checkSimulationInput } from './simulationInput.js';
import { EventQueue, sampler, seededRandom } from './simulationRandom.js';
import { report } from './simulationReport.js';
import { HOUR_MS, hourly, hourOfDay, mean, type Contacts, type SimulationInput, type SimulationReport } from './simulationTypes.js';
import type { Command, CounsellorProfile, LoggedEvent } from './types.js';

export * from './simulationTypes.js';
export { checkSimulationInput } from './simulationInput.js';
export { seededRandom } from './simulationRandom.js';

const SERVICE_ID = 'sim';
/** After the measured hours the run goes on without arrivals until every measured contact is answered or gone. */
const MAX_DRAIN_MS = 7 * 24 * HOUR_MS;

const EXPECTED_ERRORS = new Set(['routing.offer_closed', 'routing.offer_not_found', 'routing.contact_closed']);

/** Runs the simulation. Throws SimulationInputError for bad input. */
export function simulate(input: SimulationInput): SimulationReport {
  checkSimulationInput(input);
  const warmupHours = input.warmupHours ?? 1;
  const warmupMs = warmupHours * HOUR_MS;
  const endMs = warmupMs + input.hours * HOUR_MS;
  const handleSamples = input.distribution?.handleSeconds;
  const patienceSamples = input.distribution?.patienceSeconds;
  const meanHandle = handleSamples ? mean(handleSamples) : input.handleSeconds!;
  const meanPatience = patienceSamples ? mean(patienceSamples) : (input.patienceSeconds ?? Infinity);

  const arrivalRandom = seededRandom(input.seed, 0);
  const drawHandle = sampler(seededRandom(input.seed, 1), meanHandle, handleSamples);
  const drawPatience = sampler(seededRandom(input.seed, 2), meanPatience, patienceSamples);

  // Settings that make the engine an M/M/N(+M) queue: one voice contact each, no wrap-up, nothing
  // lapses or expires within any run, no partners or backup to widen to.
  const settings = routingSettingsOf({
    wrapUpSeconds: 0,
    chatCapacity: 1,
    offerTimeoutSeconds: 1e9,
    maxWaitSeconds: 1e9,
    nationalBackupAfterSeconds: null,
    partnerServiceIds: [],
  });
  let offerCounter = 0;
  const engine = new RoutingEngine({ settingsOf: () => settings, newId: () => `o${offerCounter++}` });

  const queue = new EventQueue();
  const contacts: Contacts = { arrivedAt: [], handle: [], answeredWait: [], abandonedWait: [], talked: [] };
  let now = 0;
  let waiting = 0; // contacts queued (any arrival time)
  let unresolved = 0;

  // Staff: on duty (presence available) and busy (talking), by staff number (ids are `s<number>`).
  const onDuty: boolean[] = [];
  const busy: boolean[] = [];
  let busyCount = 0;
  let idleAvailable = 0;
  let busyMs = 0;
  let idleMs = 0;
  const hourBusyMs = new Array<number>(24).fill(0);
  const hourIdleMs = new Array<number>(24).fill(0);

  /** Adds staff time up to `t`, clipped to the measured hours (split at hour boundaries by the hour events). */
  const accrue = (t: number) => {
    const from = Math.max(now, warmupMs);
    const to = Math.min(t, endMs);
    if (to > from) {
      const h = hourOfDay(Math.floor((from - warmupMs) / HOUR_MS));
      busyMs += busyCount * (to - from);
      idleMs += idleAvailable * (to - from);
      hourBusyMs[h]! += busyCount * (to - from);
      hourIdleMs[h]! += idleAvailable * (to - from);
    }
    now = Math.max(now, t);
  };

  const profile: CounsellorProfile = { serviceId: SERVICE_ID, pseudonym: 'sim', supervisor: false, languages: [], skills: [] };

  const run = (command: Command): void => {
    let events: LoggedEvent[];
    try {
      events = engine.execute(command, now);
    } catch (err) {
      if (isAppError(err) && EXPECTED_ERRORS.has(err.code)) return;
      throw err;
    }
    const offers: { offerId: string; staffId: string }[] = [];
    for (const e of events) {
      switch (e.type) {
        case 'offer.created':
          offers.push({ offerId: e.offerId, staffId: e.staffId });
          break;
        case 'contact.accepted': {
          const i = Number(e.contactId.slice(1));
          const s = Number(e.staffId.slice(1));
          contacts.answeredWait[i] = now - contacts.arrivedAt[i]!;
          waiting--;
          if (!busy[s]) {
            busy[s] = true;
            busyCount++;
            if (onDuty[s]) idleAvailable--;
          }
          queue.push({ kind: 'end', t: now + contacts.handle[i]!, contact: i, staff: s });
          break;
        }
        case 'contact.completed': {
          const i = Number(e.contactId.slice(1));
          const c = engine.state.closedContacts.get(e.contactId);
          const s = c?.staffId ? Number(c.staffId.slice(1)) : -1;
          contacts.talked[i] = contacts.handle[i]!;
          if (s >= 0 && busy[s]) {
            busy[s] = false;
            busyCount--;
            if (onDuty[s]) idleAvailable++;
          }
          break;
        }
        case 'contact.abandoned': {
          const i = Number(e.contactId.slice(1));
          contacts.abandonedWait[i] = now - contacts.arrivedAt[i]!;
          waiting--;
          break;
        }
        case 'contact.expired':
          waiting--;
          unresolved++;
          break;
        default:
          break;
      }
    }
    // Every counsellor accepts at once: the offer's creation instant is the answer instant.
    for (const o of offers) run({ type: 'accept', offerId: o.offerId, staffId: o.staffId });
  };

  const setDuty = (s: number, available: boolean) => {
    if (onDuty[s] === available) return;
    onDuty[s] = available;
    if (!busy[s]) idleAvailable += available ? 1 : -1;
    run({ type: 'setPresence', staffId: `s${s}`, presence: available ? 'available' : 'offline', profile, by: 'sim' });
  };

  /** Brings the number on duty to `target`: idle ones go off first; those on a call finish it. */
  const staff = (target: number) => {
    let current = onDuty.filter(Boolean).length;
    for (let pass = 0; pass < 2 && current > target; pass++) {
      for (let s = onDuty.length - 1; s >= 0 && current > target; s--) {
        if (onDuty[s] && (pass === 1 || !busy[s])) {
          setDuty(s, false);
          current--;
        }
      }
    }
    for (let pass = 0; pass < 2 && current < target; pass++) {
      for (let s = 0; s < onDuty.length && current < target; s++) {
        if (!onDuty[s] && (pass === 1 || !busy[s])) {
          setDuty(s, true);
          current++;
        }
      }
    }
    while (current < target) {
      const s = onDuty.length;
      onDuty.push(false);
      busy.push(false);
      setDuty(s, true);
      current++;
    }
  };

  /** Next Poisson arrival after `from` with the hourly rate; memorylessness lets each hour restart the clock. */
  const nextArrival = (from: number): number | null => {
    let t = from;
    while (t < endMs) {
      const hourIndex = Math.floor((t - warmupMs) / HOUR_MS);
      const hourEnd = Math.min(warmupMs + (hourIndex + 1) * HOUR_MS, endMs);
      const rate = hourly(input.arrivalsPerHour, hourOfDay(hourIndex)) / HOUR_MS;
      if (rate > 0) {
        const next = t - Math.log(1 - arrivalRandom()) / rate;
        if (next < hourEnd) return next;
      }
      t = hourEnd;
    }
    return null;
  };

  // Hour boundaries of the measured clock, starting at the first one at or before time 0.
  const firstHour = Math.floor(-warmupMs / HOUR_MS);
  queue.push({ kind: 'hour', t: warmupMs + firstHour * HOUR_MS });
  const firstArrival = nextArrival(0);
  if (firstArrival !== null) queue.push({ kind: 'arrival', t: firstArrival });
  let tickAt = Infinity;

  for (let e = queue.pop(); e; e = queue.pop()) {
    if (e.t >= endMs && waiting === 0) break;
    if (e.t > endMs + MAX_DRAIN_MS) {
      unresolved += waiting;
      break;
    }
    accrue(e.t);
    switch (e.kind) {
      case 'arrival': {
        const i = contacts.arrivedAt.length;
        contacts.arrivedAt.push(now);
        contacts.handle.push(drawHandle() * 1000);
        contacts.answeredWait.push(NaN);
        contacts.abandonedWait.push(NaN);
        contacts.talked.push(NaN);
        const patience = drawPatience() * 1000;
        waiting++;
        run({
          type: 'arrive',
          contactId: `c${i}`,
          serviceId: SERVICE_ID,
          channel: 'voice',
          attributes: { language: null, region: null, callerKey: null, skills: [] },
          risk: 'unknown',
          carePlan: null,
        });
        if (Number.isFinite(patience) && Number.isNaN(contacts.answeredWait[i]!))
          queue.push({ kind: 'patience', t: now + patience, contact: i });
        const next = nextArrival(now);
        if (next !== null) queue.push({ kind: 'arrival', t: next });
        break;
      }
      case 'patience':
        if (Number.isNaN(contacts.answeredWait[e.contact]!) && Number.isNaN(contacts.abandonedWait[e.contact]!)) {
          run({ type: 'callerLeft', contactId: `c${e.contact}` });
        }
        break;
      case 'end':
        run({ type: 'end', contactId: `c${e.contact}`, by: `s${e.staff}` });
        break;
      case 'hour': {
        const hourIndex = Math.round((now - warmupMs) / HOUR_MS);
        staff(hourly(input.counsellors, hourOfDay(hourIndex)));
        // A tick each hour keeps the engine's bookkeeping pruned (it forgets contacts closed over an
        // hour ago) and would also catch anything time alone makes eligible.
        run({ type: 'tick' });
        queue.push({ kind: 'hour', t: e.t + HOUR_MS });
        // With the settings above nothing lapses within a run; should that change, tick at the deadline.
        const deadline = engine.nextDeadline(now);
        if (deadline !== null && deadline < now + HOUR_MS && deadline < tickAt) {
          tickAt = deadline;
          queue.push({ kind: 'tick', t: deadline });
        }
        break;
      }
      case 'tick':
        tickAt = Infinity;
        run({ type: 'tick' });
        break;
    }
  }
  accrue(endMs);

  return report(input, warmupHours, warmupMs, endMs, contacts, {
    busyMs,
    idleMs,
    hourBusyMs,
    hourIdleMs,
    unresolved,
    meanHandle,
    meanPatience,
  });
}
