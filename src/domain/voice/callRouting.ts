// Kamailio asks where a call goes: on arrival (attempt 1) and again whenever a branch ended without an
// answer (the counsellor's phone rang out, was busy, or the queue's greeting ran its time). The call is
// a voice contact of the routing engine; the answer is the engine's decision at that moment: ring the
// counsellor it is offered to (for what is left of the offer), or hold the caller on the queue's early
// media, or refuse.
import { isAppError } from '../../errors.js';
import { PHONE_SKILL } from '../routing/live/phoneEndpoints.js';
import { callerEvent, receiveContact } from '../routing/live/ingress.js';
import type { RoutingEngine } from '../routing/engine.js';
import type { Command } from '../routing/types.js';
import { callKeyOf, contactIdOfCall, contactOfTransferUser } from './callIds.js';
import { refreshProfile } from './callEvents.js';
import { openCall, recordFacts, type CallRow } from './callFacts.js';
import { sipUserOf, staffIdOfSipUser } from './sipUsers.js';
import type { VoiceDeps } from './voiceDeps.js';

export interface RouteRequest {
  callId: string;
  /** The caller key the edge made (HMAC of the E.164 number), or '' for a withheld number. */
  caller: string;
  to: string;
  attempt: number;
  lastTarget: string;
  lastCode: number;
}

export type RouteAnswer =
  | { action: 'route'; target: string; timeout: number }
  | { action: 'queue'; target: string; timeout: number }
  | { action: 'reject'; code: number; reason: string };

const reject = (code: number, reason: string): RouteAnswer => ({ action: 'reject', code, reason });
/** A counsellor's phone rings at least this long, even if the offer has less left (the offer then lapses). */
const MIN_RING_SECONDS = 5;

export async function routeCall(deps: VoiceDeps, req: RouteRequest): Promise<RouteAnswer> {
  const transferred = contactOfTransferUser(deps.pepper, req.to);
  if (transferred) return routeTransferred(deps, req, transferred);
  const serviceId = await deps.numbers.serviceOf(req.to);
  if (!serviceId) return reject(404, 'Not Found');
  const callKey = callKeyOf(deps.pepper, req.callId);
  const contactId = contactIdOfCall(deps.pepper, req.callId);
  const now = deps.clock();
  const opening = openCall(deps.db, { contactId, callKey, serviceId, at: now, attempt: req.attempt });
  let call: CallRow;
  let answer: RouteAnswer | undefined;
  const known = deps.routing.engine.state.contacts.has(contactId);
  // Asked again about a call the engine has open: it arrived already (the arrival is idempotent, but costs a batch).
  if (req.attempt === 1 || !known) {
    // The call's row and the arrival are written side by side (not one round trip after the other), and a
    // first ask is answered from the arrival's own turn of the writer (no second turn to wait for).
    const also = req.attempt === 1 ? (engine: RoutingEngine) => answerFor(deps, engine, contactId, false) : undefined;
    const [opened, arrived] = await Promise.allSettled([opening, arrive(deps, contactId, serviceId, req.caller, also)]);
    if (opened.status === 'rejected') {
      // No row for the call: it must not wait in the queue as a contact nobody can ring.
      if (!known && arrived.status === 'fulfilled' && !('refused' in arrived.value)) await leave(deps, contactId).catch(() => undefined);
      throw opened.reason;
    }
    if (arrived.status === 'rejected') throw arrived.reason;
    call = opened.value;
    if ('refused' in arrived.value) return arrived.value.refused;
    // A first ask retried after the greeting played is answered again below, with that fact.
    if (!call.greeting_done) answer = arrived.value.answer;
  } else call = await opening;
  if (!answer) {
    const greetingDone = (req.attempt > 1 && (await branchEnded(deps, contactId, req))) || call.greeting_done;
    answer = (
      await deps.routing.submit({
        command: null,
        present: (engine) => ({ answer: answerFor(deps, engine, contactId, greetingDone) }),
      })
    ).answer;
  }
  // Refused while waiting (no queue to hold the caller on): the caller is told so and is gone.
  if (answer.action === 'reject') await leave(deps, contactId);
  return answer;
}

/**
 * The caller's side of a transferred call calling again (the edge referred it to the transfer URI): this
 * new call is the contact the transfer made, already offered to whom it was transferred to. No greeting.
 */
async function routeTransferred(deps: VoiceDeps, req: RouteRequest, contactId: string): Promise<RouteAnswer> {
  const contact = deps.routing.engine.state.contacts.get(contactId);
  if (!contact || contact.channel !== 'voice') return reject(404, 'Not Found');
  const callKey = callKeyOf(deps.pepper, req.callId);
  const call = await openCall(deps.db, { contactId, callKey, serviceId: contact.serviceId, at: deps.clock(), attempt: req.attempt });
  // The transfer's contact answers one call only: another call naming it (a replay) is refused.
  if (call.call_key !== callKey) return reject(403, 'Forbidden');
  if (!call.greeting_done) await recordFacts(deps.db, contactId, { greetingDone: true });
  if (req.attempt > 1) await branchEnded(deps, contactId, req);
  const { answer } = await deps.routing.submit({
    command: null,
    present: (engine) => ({ answer: answerFor(deps, engine, contactId, true) }),
  });
  if (answer.action === 'reject') await leave(deps, contactId);
  return answer;
}

/** The call as a routing contact (idempotent), with what `also` read in the same turn; or a refusal to give the edge when it cannot be routed. */
async function arrive(
  deps: VoiceDeps,
  contactId: string,
  serviceId: string,
  caller: string,
  also?: (engine: RoutingEngine) => RouteAnswer,
): Promise<{ answer?: RouteAnswer | undefined } | { refused: RouteAnswer }> {
  try {
    const arrival = await receiveContact(
      deps,
      {
        contactId,
        serviceId,
        channel: 'voice',
        language: null,
        region: null,
        // Only a counsellor whose phone is registered can be rung.
        skills: [PHONE_SKILL],
        risk: 'unknown',
        caller: null,
        callerKey: caller === '' ? null : caller,
      },
      also,
    );
    // This call already ended here.
    if (arrival.contact === null) return { refused: reject(480, 'Temporarily Unavailable') };
    return { answer: arrival.also };
  } catch (err) {
    if (isAppError(err) && err.code === 'service.not_found') return { refused: reject(480, 'Temporarily Unavailable') };
    if (isAppError(err) && err.code === 'service.unavailable') return { refused: reject(503, 'Service Unavailable') };
    throw err;
  }
}

async function leave(deps: VoiceDeps, contactId: string): Promise<void> {
  await callerEvent(deps, contactId, 'callerLeft').catch((err: unknown) => {
    if (!isAppError(err)) throw err;
  });
}

/** The last branch ended without an answer: tell the engine what it means. True if the greeting has now played. */
async function branchEnded(deps: VoiceDeps, contactId: string, req: RouteRequest): Promise<boolean> {
  const staffId = staffIdOfSipUser(req.lastTarget);
  if (staffId === null) {
    // The queue's greeting played to its end.
    if (req.lastTarget === deps.settings.greetingUri && (req.lastCode === 408 || req.lastCode === 0)) {
      await recordFacts(deps.db, contactId, { greetingDone: true });
      await callerEvent(deps, contactId, 'greetingDone');
      return true;
    }
    return false;
  }
  const command = (engine: RoutingEngine): Command | null => {
    const offer = engine.state.contacts.get(contactId)?.offer;
    if (offer?.staffId !== staffId) return null; // the engine has moved on already (the offer lapsed)
    // Rang out: as if the offer lapsed (the counsellor is not at the desk). Busy or refused: declined.
    const noAnswer = req.lastCode === 408 || req.lastCode === 0;
    return { type: noAnswer ? 'noAnswer' : 'decline', offerId: offer.id, staffId };
  };
  await deps.routing.submit({ command, present: () => ({}) }).catch((err: unknown) => {
    if (!isAppError(err)) throw err;
  });
  // 480/404: no phone registered for that counsellor any more — not rung again until one registers.
  if ((req.lastCode === 480 || req.lastCode === 404) && deps.routing.phones.set(staffId, false)) await refreshProfile(deps, staffId);
  return false;
}

function answerFor(deps: VoiceDeps, engine: RoutingEngine, contactId: string, greetingDone: boolean): RouteAnswer {
  const contact = engine.state.contacts.get(contactId);
  const { greetingUri, holdUri, greetingSeconds, holdSeconds } = deps.settings;
  if (!contact) return reject(480, 'Temporarily Unavailable');
  if (contact.state === 'offered' && contact.offer) {
    const left = Math.floor((contact.offer.deadline - deps.clock().getTime()) / 1000);
    return { action: 'route', target: sipUserOf(contact.offer.staffId), timeout: Math.max(MIN_RING_SECONDS, left) };
  }
  if (contact.state === 'queued') {
    if (!greetingDone && greetingUri) return { action: 'queue', target: greetingUri, timeout: greetingSeconds };
    const hold = holdUri ?? greetingUri;
    if (hold) return { action: 'queue', target: hold, timeout: holdSeconds };
    return reject(486, 'Busy Here');
  }
  // Answered or over already: nothing to ring.
  return reject(480, 'Temporarily Unavailable');
}
