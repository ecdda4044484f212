// Staff-facing routing commands: authorise with the policy, read what the command needs (the
// counsellor's profile), and hand one engine command to the single writer. Routes call these.
import type { Database } from '../../../db/database.js';
import { AppError } from '../../../errors.js';
import { enforce, policy, type Actor } from '../../auth/policy.js';
import type { Channel, CounsellorProfile, Risk, SettablePresence, TransferTarget } from '../types.js';
import type { RoutingEngine } from '../engine.js';
import { languageOf } from './ingress.js';
import type { RoutingRuntime } from './routingRuntime.js';
import { contactView, workstationView } from './views.js';

export interface RoutingDeps {
  db: Database;
  routing: RoutingRuntime;
  clock: () => Date;
}

export interface CommandMeta {
  commandId: string;
}

/** A contact's routing facts, open or recently closed; 404 when unknown. */
function contactFacts(engine: RoutingEngine, contactId: string) {
  const open = engine.state.contacts.get(contactId);
  if (open) return { staffId: open.staffId, serviceId: open.serviceId, answeredByServiceId: open.answeredByServiceId };
  const closed = engine.state.closedContacts.get(contactId);
  if (closed) return { staffId: closed.staffId, serviceId: closed.serviceId, answeredByServiceId: null };
  throw new AppError('routing.contact_not_found');
}

/** 404 unless the actor may handle the contact (its counsellor, or a supervisor of its service or the one answering it). */
export function enforceHandles(engine: RoutingEngine, actor: Actor, contactId: string): void {
  enforce(policy.handleContact(actor, contactFacts(engine, contactId)), 'routing.contact_not_found');
}

export async function profileFor(db: Database, actor: Actor, serviceId: string): Promise<CounsellorProfile> {
  const row = await db
    .selectFrom('staff_users')
    .leftJoin('counsellor_profiles', 'counsellor_profiles.staff_id', 'staff_users.id')
    .select(['staff_users.pseudonym', 'counsellor_profiles.languages', 'counsellor_profiles.skills'])
    .where('staff_users.id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const supervisor = actor.grants.some((g) => g.serviceId === serviceId && (g.role === 'supervisor' || g.role === 'head'));
  return { serviceId, pseudonym: row.pseudonym, supervisor, languages: row.languages ?? ['ru'], skills: row.skills ?? [] };
}

const fingerprint = (actor: Actor, what: string, input: unknown) => `${actor.userId}|${what}|${JSON.stringify(input)}`;

/**
 * Whether the actor is on duty for a service they no longer hold a role in (it was removed while they
 * were on duty): they see and answer nothing of it any more; its offers to them lapse.
 */
function lostTheirRole(engine: RoutingEngine, actor: Actor): boolean {
  const me = engine.state.counsellors.get(actor.userId);
  return me !== undefined && policy.goOnDuty(actor, me.serviceId) !== 'allow';
}

/** The workstation after a command: what the counsellor's screen shows. */
const workstationOf = (deps: RoutingDeps, actor: Actor) => (engine: RoutingEngine) =>
  workstationView(engine.state, lostTheirRole(engine, actor) ? null : actor.userId, deps.clock().getTime(), deps.routing.settingsOf);

export function getWorkstation(deps: RoutingDeps, actor: Actor) {
  return deps.routing.submit({ command: null, present: workstationOf(deps, actor) });
}

export async function setOwnPresence(
  deps: RoutingDeps,
  actor: Actor,
  input: CommandMeta & { serviceId: string; presence: SettablePresence },
) {
  enforce(policy.goOnDuty(actor, input.serviceId), 'service.not_found');
  const profile = await profileFor(deps.db, actor, input.serviceId);
  return deps.routing.submit({
    // The phone skill as it is when decided (a registration may be decided just before).
    command: () => ({
      type: 'setPresence',
      staffId: actor.userId,
      presence: input.presence,
      profile: deps.routing.phones.apply(actor.userId, profile),
      by: actor.userId,
    }),
    commandId: input.commandId,
    fingerprint: fingerprint(actor, 'presence', input),
    present: workstationOf(deps, actor),
  });
}

export function answerOffer(deps: RoutingDeps, actor: Actor, offerId: string, answer: 'accept' | 'decline', meta: CommandMeta) {
  return deps.routing.submit({
    command: (engine) => {
      if (lostTheirRole(engine, actor)) throw new AppError('routing.offer_not_found');
      return { type: answer, offerId, staffId: actor.userId };
    },
    commandId: meta.commandId,
    fingerprint: fingerprint(actor, answer, offerId),
    present: workstationOf(deps, actor),
  });
}

export type ContactCommand =
  | { type: 'end' }
  | { type: 'finishWrapUp' }
  | { type: 'extendWrapUp'; seconds: number }
  | { type: 'transfer'; target: TransferTarget; note: string | null; newContactId: string };

export async function actOnContact(deps: RoutingDeps, actor: Actor, contactId: string, what: ContactCommand, meta: CommandMeta) {
  // Outsiders are turned away before anything is read for them (and again in turn, below).
  enforce(policy.handleContact(actor, contactFacts(deps.routing.engine, contactId)), 'routing.contact_not_found');
  if (what.type === 'transfer' && what.target.kind === 'queue') {
    // A partner id in the settings that names no service must not reach the log: its foreign key would fail the whole batch.
    const service = await deps.db.selectFrom('services').select('id').where('id', '=', what.target.serviceId).executeTakeFirst();
    if (!service) throw new AppError('service.not_found');
  }
  return deps.routing.submit({
    // Checked in turn, against the state the command is decided on (see Submission.command).
    command: (engine) => {
      const facts = contactFacts(engine, contactId);
      enforce(policy.handleContact(actor, facts), 'routing.contact_not_found');
      const allowed = [facts.serviceId, ...deps.routing.settingsOf(facts.serviceId).partnerServiceIds];
      if (what.type === 'transfer' && what.target.kind === 'queue' && !allowed.includes(what.target.serviceId))
        throw new AppError('service.not_found');
      if (what.type === 'transfer' && what.target.kind === 'counsellor') {
        // Only colleagues the actor could see: the target must work for the contact's service or a partner.
        const target = engine.state.counsellors.get(what.target.staffId);
        if (target && !allowed.includes(target.serviceId)) throw new AppError('routing.counsellor_unavailable');
      }
      return what.type === 'transfer'
        ? { type: 'transfer' as const, contactId, newContactId: what.newContactId, target: what.target, note: what.note, by: actor.userId }
        : what.type === 'extendWrapUp'
          ? { type: 'extendWrapUp' as const, contactId, seconds: what.seconds, by: actor.userId }
          : { type: what.type, contactId, by: actor.userId };
    },
    commandId: meta.commandId,
    fingerprint: fingerprint(actor, what.type, { contactId, ...what, newContactId: undefined }),
    present: workstationOf(deps, actor),
  });
}

export async function recordOfflineContact(
  deps: RoutingDeps,
  actor: Actor,
  serviceId: string,
  input: CommandMeta & { contactId: string; channel: Channel; risk: Risk; language: string | null },
) {
  enforce(policy.goOnDuty(actor, serviceId), 'service.not_found');
  const existing = deps.routing.engine.state.counsellors.get(actor.userId);
  const profile = existing && existing.serviceId === serviceId ? null : await profileFor(deps.db, actor, serviceId);
  return deps.routing.submit({
    command: {
      type: 'recordOffline',
      contactId: input.contactId,
      serviceId,
      channel: input.channel,
      attributes: { language: languageOf(input.language), region: null, callerKey: null, skills: [] },
      risk: input.risk,
      staffId: actor.userId,
      profile: profile
        ? deps.routing.phones.apply(actor.userId, profile)
        : {
            serviceId,
            pseudonym: existing!.pseudonym,
            supervisor: existing!.supervisor,
            languages: existing!.languages,
            skills: existing!.skills,
          },
    },
    commandId: input.commandId,
    fingerprint: fingerprint(actor, 'offline', { serviceId, ...input, contactId: undefined }),
    present: (engine) => ({ contact: contactView(engine.state.contacts.get(input.contactId)!, deps.clock().getTime()) }),
  });
}

// Supervisor actions ------------------------------------------------------------------------------

function superviseContact(engine: RoutingEngine, actor: Actor, contactId: string) {
  const facts = contactFacts(engine, contactId);
  enforce(policy.superviseService(actor, facts.serviceId), 'routing.contact_not_found');
  return facts;
}

export function assignContact(deps: RoutingDeps, actor: Actor, contactId: string, input: CommandMeta & { staffId: string }) {
  return deps.routing.submit({
    // Checked in turn: where the target works is read from the state the assignment is decided on.
    command: (engine) => {
      const facts = superviseContact(engine, actor, contactId);
      const target = engine.state.counsellors.get(input.staffId);
      const allowed = [facts.serviceId, ...deps.routing.settingsOf(facts.serviceId).partnerServiceIds];
      if (!target || !allowed.includes(target.serviceId)) throw new AppError('routing.counsellor_unavailable');
      return { type: 'assign', contactId, staffId: input.staffId, by: actor.userId };
    },
    commandId: input.commandId,
    fingerprint: fingerprint(actor, 'assign', { contactId, ...input }),
    present: (engine) => ({ contact: contactView(engine.state.contacts.get(contactId)!, deps.clock().getTime()) }),
  });
}

export async function takeContact(deps: RoutingDeps, actor: Actor, contactId: string, meta: CommandMeta) {
  const facts = superviseContact(deps.routing.engine, actor, contactId);
  const profile = await profileFor(deps.db, actor, facts.serviceId);
  return deps.routing.submit({
    command: () => ({ type: 'take', contactId, staffId: actor.userId, profile: deps.routing.phones.apply(actor.userId, profile) }),
    commandId: meta.commandId,
    fingerprint: fingerprint(actor, 'take', contactId),
    present: workstationOf(deps, actor),
  });
}

export async function setPresenceOf(
  deps: RoutingDeps,
  actor: Actor,
  serviceId: string,
  staffId: string,
  input: CommandMeta & { presence: SettablePresence },
) {
  enforce(policy.superviseService(actor, serviceId), 'service.not_found');
  return deps.routing.submit({
    // Read in turn: a counsellor who has just moved to another service is no longer this supervisor's.
    command: (engine) => {
      const c = engine.state.counsellors.get(staffId);
      if (!c || c.serviceId !== serviceId) throw new AppError('staff.not_found');
      const profile = { serviceId, pseudonym: c.pseudonym, supervisor: c.supervisor, languages: c.languages, skills: c.skills };
      return { type: 'setPresence', staffId, presence: input.presence, profile, by: actor.userId };
    },
    commandId: input.commandId,
    fingerprint: fingerprint(actor, 'presenceOf', { serviceId, staffId, ...input }),
    present: (engine) => workstationView(engine.state, staffId, deps.clock().getTime(), deps.routing.settingsOf),
  });
}
