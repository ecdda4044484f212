// All authorisation decisions in one place. Routes and domain commands ask here; nothing else
// inspects roles. "Outsider" decisions say 'not_found' so that another service's data is invisible.
import type { RoleName } from '../../db/schema.js';
import { AppError, type ErrorCode } from '../../errors.js';
import { casePolicy } from './casePolicy.js';

export type { CaseFacts, SignalFacts } from './casePolicy.js';

export const ROLES = ['counsellor', 'supervisor', 'head', 'methodologist', 'analyst', 'admin'] as const satisfies readonly RoleName[];
/** The roles that take contacts in a service (go on duty, hold records and cases). */
export const SERVICE_ROLES = ['counsellor', 'supervisor', 'head'] as const;
/**
 * Who keeps a service's referral directory (entries, its taxonomy terms, import): its head and its
 * methodologists (методист: a service role that takes no contacts and reads no records).
 */
export const DIRECTORY_KEEPERS = ['head', 'methodologist'] as const satisfies readonly RoleName[];
export const GLOBAL_ROLES = ['analyst', 'admin'] as const;

export interface Grant {
  serviceId: string | null;
  role: RoleName;
}

export interface Actor {
  userId: string;
  grants: readonly Grant[];
}

export type Decision = 'allow' | 'forbidden' | 'not_found';

/** `user:<uuid>`, `service:<uuid>` or `board:<uuid>`, exactly (ids in the lower case the database uses). */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TOPIC = new RegExp(`^(user|service|board):(${UUID})$`);
/** `chat:<serviceId>:<chatId>`: a live chat as its service's supervisors follow it. */
const CHAT_TOPIC = new RegExp(`^chat:(${UUID}):(${UUID})$`);

export const isAdmin = (a: Actor): boolean => a.grants.some((g) => g.role === 'admin');
export const isAnalyst = (a: Actor): boolean => a.grants.some((g) => g.role === 'analyst');

export const hasRoleIn = (a: Actor, serviceId: string, roles: readonly RoleName[]) =>
  a.grants.some((g) => g.serviceId === serviceId && roles.includes(g.role));

export const memberOf = (a: Actor, serviceId: string) => a.grants.some((g) => g.serviceId === serviceId);

/** Services whose staff the actor manages: every service for an admin, else where they are head. */
export function managedServices(a: Actor): 'all' | string[] {
  if (isAdmin(a)) return 'all';
  return a.grants.filter((g) => g.role === 'head' && g.serviceId).map((g) => g.serviceId as string);
}

/** Services the actor may see at all (listing, details): all for admin, else where they hold a role. */
export function visibleServices(a: Actor): 'all' | string[] {
  if (isAdmin(a)) return 'all';
  return [...new Set(a.grants.filter((g) => g.serviceId).map((g) => g.serviceId as string))];
}

export const policy = {
  ...casePolicy,
  createService: (a: Actor): Decision => (isAdmin(a) ? 'allow' : 'forbidden'),

  viewService(a: Actor, serviceId: string): Decision {
    return isAdmin(a) || memberOf(a, serviceId) ? 'allow' : 'not_found';
  },

  /** Switching a service on or off is the deployment admin's decision, not the service's own head. */
  setServiceActive(a: Actor, serviceId: string): Decision {
    if (isAdmin(a)) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /** The numbers the operator's trunk dials for a service: set up with the trunk, by the deployment admin; its head sees them. */
  setVoiceNumbers(a: Actor, serviceId: string): Decision {
    if (isAdmin(a)) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /** A phone (softphone or desk phone) to answer calls with: whoever can go on duty in some service. */
  usePhone(a: Actor): Decision {
    return a.grants.some((g) => (SERVICE_ROLES as readonly string[]).includes(g.role)) ? 'allow' : 'forbidden';
  },

  /**
   * A desk phone's long-lived SIP credentials (issue, regenerate, revoke): the counsellor their own, a
   * supervisor or head for those who take calls in their service. Only someone who takes calls has one.
   */
  manageDeskPhone(a: Actor, targetId: string, target: readonly Grant[]): Decision {
    const callServices = target.filter((g) => (SERVICE_ROLES as readonly string[]).includes(g.role)).map((g) => g.serviceId as string);
    if (callServices.length > 0 && (a.userId === targetId || callServices.some((s) => hasRoleIn(a, s, SUPERVISING)))) return 'allow';
    return a.userId === targetId || target.some((g) => g.serviceId && memberOf(a, g.serviceId)) ? 'forbidden' : 'not_found';
  },

  editService(a: Actor, serviceId: string): Decision {
    if (isAdmin(a) || hasRoleIn(a, serviceId, ['head'])) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /** Listing staff: admins everywhere, heads in their services. */
  listStaff(a: Actor, serviceId?: string): Decision {
    if (isAdmin(a)) return 'allow';
    if (serviceId === undefined) return managedServices(a).length > 0 ? 'allow' : 'forbidden';
    if (hasRoleIn(a, serviceId, ['head'])) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /** Seeing one staff member's account: admin, or head of a service the member works in. */
  viewStaff(a: Actor, target: readonly Grant[]): Decision {
    if (isAdmin(a)) return 'allow';
    const managed = managedServices(a) as string[];
    if (target.some((g) => g.serviceId && managed.includes(g.serviceId))) return 'allow';
    return 'not_found';
  },

  /**
   * Changing an account (names, disable, password reset): admin, or a head who manages every service
   * the member works in. A member who also works elsewhere, or holds a national role, is the admin's.
   */
  manageStaff(a: Actor, target: readonly Grant[]): Decision {
    if (isAdmin(a)) return 'allow';
    const visible = policy.viewStaff(a, target);
    if (visible !== 'allow') return visible;
    const managed = managedServices(a) as string[];
    return target.every((g) => g.serviceId && managed.includes(g.serviceId)) ? 'allow' : 'forbidden';
  },

  /** Granting or removing one role: admin any; head only service roles in their own services. */
  changeGrant(a: Actor, grant: Grant): Decision {
    if (isAdmin(a)) return 'allow';
    if (grant.serviceId === null) return 'forbidden';
    if (hasRoleIn(a, grant.serviceId, ['head'])) return 'allow';
    return memberOf(a, grant.serviceId) ? 'forbidden' : 'not_found';
  },

  /** Realtime topics: `service:<id>` for its members, `user:<id>` for that user, `admin` for admins. */
  subscribe(a: Actor, topic: string): Decision {
    if (topic === 'admin') return isAdmin(a) ? 'allow' : 'forbidden';
    const m = TOPIC.exec(topic);
    if (m?.[1] === 'user') return m[2] === a.userId ? 'allow' : 'forbidden';
    if (m?.[1] === 'service') return isAdmin(a) || memberOf(a, m[2]!) ? 'allow' : 'forbidden';
    if (m?.[1] === 'board') return hasRoleIn(a, m[2]!, SUPERVISING) ? 'allow' : 'forbidden';
    // The chat's messages go to this topic only under its own service's id, so naming another service hears nothing.
    const chat = CHAT_TOPIC.exec(topic);
    if (chat) return hasRoleIn(a, chat[1]!, SUPERVISING) ? 'allow' : 'forbidden';
    return 'forbidden';
  },

  /** Going on duty (taking contacts) in a service: its counsellors, supervisors and head. */
  goOnDuty(a: Actor, serviceId: string): Decision {
    if (hasRoleIn(a, serviceId, SERVICE_ROLES)) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /** The live board and supervisor actions (assign, take, presence of others, care plans): supervisors and the head. */
  superviseService(a: Actor, serviceId: string): Decision {
    if (hasRoleIn(a, serviceId, SUPERVISING)) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /** Operating statistics (no individual contacts): the service's supervisors and head, national analysts, admins. */
  viewRoutingStatistics(a: Actor, serviceId: string): Decision {
    if (isAdmin(a) || isAnalyst(a) || hasRoleIn(a, serviceId, SUPERVISING)) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /**
   * Acting on a contact in hand (end, wrap-up, transfer): the counsellor handling it, or a supervisor of
   * its home service or of the service that answered it.
   */
  handleContact(a: Actor, contact: { staffId: string | null; serviceId: string; answeredByServiceId: string | null }): Decision {
    if (contact.staffId === a.userId) return 'allow';
    const services = [contact.serviceId, contact.answeredByServiceId].filter((s): s is string => s !== null);
    if (services.some((s) => hasRoleIn(a, s, SUPERVISING))) return 'allow';
    return services.some((s) => memberOf(a, s)) ? 'forbidden' : 'not_found';
  },

  /**
   * Reading one contact record: the counsellor who holds it, the supervisors and head of its service.
   * Nobody else — not the admin, not the national analyst (statistics only) — sees an individual record.
   */
  viewRecord(a: Actor, record: { staffId: string | null; serviceId: string }): Decision {
    // The holder may be a partner service's counsellor who answered the contact.
    if (record.staffId === a.userId) return 'allow';
    if (hasRoleIn(a, record.serviceId, SUPERVISING)) return 'allow';
    return 'not_found';
  },

  /**
   * Changing a record: its counsellor while it is a draft and for 24 hours after finalizing; the
   * service's supervisors and head at any time (each correction is audited with before and after).
   */
  editRecord(a: Actor, record: { staffId: string | null; serviceId: string; finalizedAt: Date | null }, now: Date): Decision {
    const seen = policy.viewRecord(a, record);
    if (seen !== 'allow') return seen;
    if (hasRoleIn(a, record.serviceId, SUPERVISING)) return 'allow';
    if (record.finalizedAt === null) return 'allow';
    return now.getTime() - record.finalizedAt.getTime() <= RECORD_SELF_CORRECTION_MS ? 'allow' : 'forbidden';
  },

  /** Making a record by hand (an offline contact) in a service: anyone who takes contacts there. */
  createRecord(a: Actor, serviceId: string): Decision {
    if (hasRoleIn(a, serviceId, SERVICE_ROLES)) return 'allow';
    return 'not_found';
  },

  /** The journal: counsellors see their own records, supervisors and the head the service's; analysts none. */
  listRecords(a: Actor, serviceId: string): 'all' | 'own' | 'not_found' {
    if (hasRoleIn(a, serviceId, SUPERVISING)) return 'all';
    if (hasRoleIn(a, serviceId, ['counsellor'])) return 'own';
    return 'not_found';
  },

  /** Adding the service's own subcategories to the classification: its head. */
  editClassification(a: Actor, serviceId: string): Decision {
    if (hasRoleIn(a, serviceId, ['head'])) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /** A service's statistics report: its supervisors and head, national analysts and admins. */
  viewServiceReport(a: Actor, serviceId: string): Decision {
    if (isAdmin(a) || isAnalyst(a) || hasRoleIn(a, serviceId, SUPERVISING)) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /**
   * Whether a service report shows exact counts: to the service's own supervisors and head. Anyone
   * else allowed to see it (national analysts, admins) gets small cells suppressed, as in national views.
   */
  exactServiceReport: (a: Actor, serviceId: string): boolean => hasRoleIn(a, serviceId, SUPERVISING),

  /** Reports over a region or the whole network (small cells suppressed): national analysts and admins. */
  viewNationalReport: (a: Actor): Decision => (isAdmin(a) || isAnalyst(a) ? 'allow' : 'forbidden'),

  /** Risk alerts of a service (seeing and acknowledging them): its supervisors and head. */
  handleRiskAlerts(a: Actor, serviceId: string): Decision {
    if (hasRoleIn(a, serviceId, SUPERVISING)) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },
  /**
   * Reading a chat's transcript: the counsellor holding it, the counsellor it is offered to (the first
   * message shows on the offer), the supervisors and head of its service or of the partner service
   * that answered it (a live read, audited). Nobody else learns that it exists.
   */
  readChat(a: Actor, chat: ChatFacts): Decision {
    if (chat.holder === a.userId || chat.offeredTo === a.userId) return 'allow';
    return chatServices(chat).some((s) => hasRoleIn(a, s, SUPERVISING)) ? 'allow' : 'not_found';
  },

  /** Writing in a chat: its holder; a supervisor of its service steps in (audited). Whoever has only the offer must accept first. */
  writeChat(a: Actor, chat: ChatFacts): Decision {
    if (chat.holder === a.userId) return 'allow';
    if (chatServices(chat).some((s) => hasRoleIn(a, s, SUPERVISING))) return 'allow';
    return chat.offeredTo === a.userId ? 'forbidden' : 'not_found';
  },

  /** Blocking a caller key from starting chats (and lifting blocks): the service's supervisors and head. */
  blockChatCaller(a: Actor, serviceId: string): Decision {
    if (hasRoleIn(a, serviceId, SUPERVISING)) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /** Using the service's canned responses: whoever takes its contacts. */
  useCanned(a: Actor, serviceId: string): Decision {
    return hasRoleIn(a, serviceId, SERVICE_ROLES) ? 'allow' : 'not_found';
  },

  /** Editing them: its supervisors and head. */
  manageCanned(a: Actor, serviceId: string): Decision {
    if (hasRoleIn(a, serviceId, SUPERVISING)) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /**
   * Reading the referral directory (search, cards, the HSDS API): every staff member of a service,
   * and the national roles. Entries are organisations' public data, not callers'.
   */
  readDirectory(a: Actor): Decision {
    return a.grants.length > 0 ? 'allow' : 'forbidden';
  },

  /**
   * Editing a helpline service's directory (entries, its taxonomy terms, import): its head and
   * methodologists. National entries and terms (tenantId null): the deployment admin.
   */
  editDirectory(a: Actor, tenantId: string | null): Decision {
    if (tenantId === null) return isAdmin(a) ? 'allow' : 'forbidden';
    if (isAdmin(a) || hasRoleIn(a, tenantId, DIRECTORY_KEEPERS)) return 'allow';
    return memberOf(a, tenantId) ? 'forbidden' : 'not_found';
  },

  /** Opening a service's directory to readers without an account (or closing it): its head (and the admin). */
  publishDirectory(a: Actor, tenantId: string): Decision {
    if (isAdmin(a) || hasRoleIn(a, tenantId, ['head'])) return 'allow';
    return memberOf(a, tenantId) ? 'forbidden' : 'not_found';
  },

  /** Exporting a service's directory: its supervisors, head and methodologists (and the admin). */
  exportDirectory(a: Actor, tenantId: string | null): Decision {
    if (isAdmin(a)) return 'allow';
    if (tenantId === null) return 'forbidden';
    if (hasRoleIn(a, tenantId, [...SUPERVISING, 'methodologist'])) return 'allow';
    return memberOf(a, tenantId) ? 'forbidden' : 'not_found';
  },
};

/** What the policy needs to know of a chat: its service, the partner that answered, who holds it or has its offer. */
export interface ChatFacts {
  serviceId: string;
  answeredByServiceId: string | null;
  holder: string | null;
  offeredTo: string | null;
}

const chatServices = (c: ChatFacts) => [c.serviceId, c.answeredByServiceId].filter((s): s is string => s !== null);

export const SUPERVISING = ['supervisor', 'head'] as const satisfies readonly RoleName[];
/** How long a counsellor may correct their own finalized record (then a supervisor does). */
export const RECORD_SELF_CORRECTION_MS = 24 * 3600_000;

/** The part of a staff member's roles the actor may see: admins all, others only in their own services. */
export function visibleGrants(a: Actor, grants: readonly Grant[]): Grant[] {
  const scope = visibleServices(a);
  if (scope === 'all') return [...grants];
  return grants.filter((g) => g.serviceId !== null && scope.includes(g.serviceId));
}

/** What the SPA may show: computed here so the UI hides exactly what the server would refuse. */
export function permissionsOf(a: Actor) {
  const managed = managedServices(a);
  return {
    manageServices: isAdmin(a),
    manageStaff: managed === 'all' || managed.length > 0,
    managedServiceIds: managed === 'all' ? [] : managed,
    allServices: managed === 'all',
    nationalStatistics: isAdmin(a) || isAnalyst(a),
    dutyServiceIds: servicesWhere(a, SERVICE_ROLES),
    superviseServiceIds: servicesWhere(a, SUPERVISING),
    // The directory: an admin everywhere (allServices), others where these roles say.
    directoryEditServiceIds: servicesWhere(a, DIRECTORY_KEEPERS),
    directoryExportServiceIds: servicesWhere(a, [...SUPERVISING, 'methodologist']),
    directoryPublishServiceIds: servicesWhere(a, ['head']),
    caseSettingsServiceIds: servicesWhere(a, ['head']),
  };
}

function servicesWhere(a: Actor, roles: readonly RoleName[]): string[] {
  return [...new Set(a.grants.filter((g) => g.serviceId && roles.includes(g.role)).map((g) => g.serviceId as string))];
}

/** Turns a decision into the error the caller sees: outsiders get the resource's not-found code. */
export function enforce(decision: Decision, notFound: ErrorCode): void {
  if (decision === 'not_found') throw new AppError(notFound);
  if (decision === 'forbidden') throw new AppError('auth.forbidden');
}
