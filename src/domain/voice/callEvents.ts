// The edge's call events: each is taken once (its id hashed and kept), written as facts about the call,
// and then the routing engine is brought in line with the facts — so an event that arrives late, twice,
// or after a restart still ends in the right state (answered → active with that counsellor; hung up →
// ended or abandoned at the stage it was in).
import { isAppError } from '../../errors.js';
import type { RoutingEngine } from '../routing/engine.js';
import type { Command, SettablePresence } from '../routing/types.js';
import { callKeyOf, contactIdOfCall, eventKeyOf } from './callIds.js';
import { callByKey, recordFacts, type CallFactsPatch, type CallRow } from './callFacts.js';
import { staffIdOfSipUser } from './sipUsers.js';
import type { VoiceDeps } from './voiceDeps.js';

export const EDGE_EVENTS = [
  'arrived',
  'routed',
  'queued',
  'ringing',
  'answered',
  'offer_failed',
  'abandoned',
  'ended',
  'failed',
  'registered',
] as const;

export interface EdgeEvent {
  id: string;
  event: (typeof EDGE_EVENTS)[number];
  ts: number;
  callId?: string | undefined;
  target?: string | undefined;
  attempt?: number | undefined;
  code?: number | undefined;
  by?: 'caller' | 'counsellor' | 'system' | undefined;
  user?: string | undefined;
  contacts?: number | undefined;
  talkSeconds?: number | undefined;
}

/** Takes one event; false if it was taken before (the edge re-sends until it is answered). */
export async function takeEvent(deps: VoiceDeps, ev: EdgeEvent): Promise<boolean> {
  const idHash = eventKeyOf(deps.pepper, ev.id);
  const fresh = await deps.db
    .insertInto('voice_events')
    .values({ id_hash: idHash, received_at: deps.clock() })
    .onConflict((oc) => oc.column('id_hash').doNothing())
    .returning('id_hash')
    .executeTakeFirst();
  if (!fresh) return false;
  try {
    await apply(deps, ev);
  } catch (err) {
    // Not taken after all: the edge sends it again.
    await deps.db.deleteFrom('voice_events').where('id_hash', '=', idHash).execute();
    throw err;
  }
  return true;
}

async function apply(deps: VoiceDeps, ev: EdgeEvent): Promise<void> {
  if (ev.event === 'registered') {
    const staffId = staffIdOfSipUser(ev.user ?? '');
    if (staffId && deps.routing.phones.set(staffId, (ev.contacts ?? 0) > 0)) await refreshProfile(deps, staffId);
    return;
  }
  if (!ev.callId) return;
  // A target that is no counsellor the engine knows (a stale or forged user) is not taken as who answered.
  const target = staffIdOfSipUser(ev.target ?? '');
  const known = target !== null && deps.routing.engine.state.counsellors.has(target);
  const facts = factsOf({ ...ev, target: known ? ev.target : undefined });
  // Most calls are the contact their Call-ID derives; a transferred caller's new call belongs to the
  // contact the transfer made, which only its row knows (looked up only then: one statement per event).
  let row = await recordFacts(deps.db, contactIdOfCall(deps.pepper, ev.callId), facts);
  if (!row) {
    const call = await callByKey(deps.db, callKeyOf(deps.pepper, ev.callId));
    if (call) row = await recordFacts(deps.db, call.contact_id, facts);
  }
  // A call Doverie never routed (asked about another number, refused): nothing to follow.
  if (row) await reconcile(deps, row);
}

function factsOf(ev: EdgeEvent): CallFactsPatch {
  const at = new Date(ev.ts);
  const staffId = staffIdOfSipUser(ev.target ?? '');
  switch (ev.event) {
    case 'ringing':
      return staffId ? { ringingAt: at } : {};
    case 'answered':
      return staffId ? { answeredAt: at, staffId, outcome: 'answered' } : {};
    case 'abandoned':
      return { endedAt: at, endedBy: 'caller', outcome: 'abandoned', abandonedStage: staffId ? 'ringing' : 'queued' };
    case 'ended': {
      // Only an answered call's dialog ends (its talk time is the dialog's lifetime): if the answer has
      // not arrived yet, this says when it was, so the call is answered first and then ended.
      const answered = staffId ? { answeredAt: new Date(ev.ts - (ev.talkSeconds ?? 0) * 1000), staffId, outcome: 'answered' as const } : {};
      return { ...answered, endedAt: at, endedBy: ev.by ?? 'system' };
    }
    case 'failed':
      return { endedAt: at, endedBy: 'system', outcome: 'failed' };
    default:
      return ev.attempt ? { attempt: ev.attempt } : {};
  }
}

/** Brings the engine in line with the facts of one call: answered, then ended. */
export async function reconcile(deps: VoiceDeps, row: CallRow): Promise<void> {
  const submit = (command: (engine: RoutingEngine) => Command | null) =>
    deps.routing.submit({ command, present: () => ({}) }).catch((err: unknown) => {
      if (!isAppError(err)) throw err;
    });
  // Each call is its own contact: a transfer on the line moves the caller to a new call (and contact),
  // so the end of the first call closes nothing of the second.
  const open = (engine: RoutingEngine) => engine.state.contacts.get(row.contact_id);
  if (row.answered_at && row.staff_id) {
    const staffId = row.staff_id;
    await submit((engine) => {
      const c = open(engine);
      const me = engine.state.counsellors.get(staffId);
      if (!c || !me || (c.state !== 'queued' && c.state !== 'offered')) return null;
      // Picked up: the call is with this counsellor now, whether or not the offer was still theirs.
      const profile = {
        serviceId: me.serviceId,
        pseudonym: me.pseudonym,
        supervisor: me.supervisor,
        languages: me.languages,
        skills: me.skills,
      };
      return { type: 'take', contactId: c.id, staffId, profile };
    });
  }
  if (row.ended_at) {
    await submit((engine) => {
      const c = open(engine);
      if (!c) return null;
      if (c.state === 'active' && row.ended_by === 'counsellor' && c.staffId) return { type: 'end', contactId: c.id, by: c.staffId };
      return c.state === 'queued' || c.state === 'offered' || c.state === 'active' ? { type: 'callerLeft', contactId: c.id } : null;
    });
  }
}

/** A counsellor's phone came or went: the engine matches calls on the profile they are on duty with. */
export async function refreshProfile(deps: VoiceDeps, staffId: string): Promise<void> {
  await deps.routing
    .submit({
      command: (engine): Command | null => {
        const c = engine.state.counsellors.get(staffId);
        if (!c || (c.presence !== 'available' && c.presence !== 'break')) return null;
        const presence: SettablePresence = c.presence;
        const profile = {
          serviceId: c.serviceId,
          pseudonym: c.pseudonym,
          supervisor: c.supervisor,
          languages: c.languages,
          skills: c.skills,
        };
        return { type: 'setPresence', staffId, presence, profile: deps.routing.phones.apply(staffId, profile), by: 'system' };
      },
      present: () => ({}),
    })
    .catch((err: unknown) => {
      if (!isAppError(err)) throw err;
    });
}
