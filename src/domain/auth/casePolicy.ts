// The policy's decisions on cases and signals (part of `policy` in ./policy.ts, which callers use):
// who sees a case and its personal data, who opens, assigns and lists cases, who approves, closes and
// lists signals, who keeps a service's list of agencies. Import `policy` from ./policy.ts, never this
// file: the two import each other, and ./policy.ts must be the one loaded first.
import { hasRoleIn, memberOf, policy, SERVICE_ROLES, SUPERVISING, type Actor, type Decision } from './policy.js';

/** What the policy needs to know of a case: its service and whom it is assigned to. */
export interface CaseFacts {
  serviceId: string;
  assignedTo: string | null;
}

/** What the policy needs to know of a signal: its service, its author and whom its case (if any) is assigned to. */
export interface SignalFacts {
  serviceId: string;
  createdBy: string;
  caseAssignedTo: string | null;
}

export const casePolicy = {
  /**
   * A case and its personal data: the counsellor it is assigned to (while they work in its service),
   * the service's supervisors and head. Nobody else — a colleague, the admin, the national analyst —
   * learns that it exists.
   */
  viewCase(a: Actor, c: CaseFacts): Decision {
    if (hasRoleIn(a, c.serviceId, SUPERVISING)) return 'allow';
    return c.assignedTo === a.userId && hasRoleIn(a, c.serviceId, SERVICE_ROLES) ? 'allow' : 'not_found';
  },

  /** Opening a case from a contact record: whoever may read the record and works in its service. */
  openCase(a: Actor, record: { staffId: string | null; serviceId: string }): Decision {
    if (policy.viewRecord(a, record) !== 'allow') return 'not_found';
    return hasRoleIn(a, record.serviceId, SERVICE_ROLES) ? 'allow' : 'not_found';
  },

  /** Giving a case to someone else: the service's supervisors and head. */
  assignCase(a: Actor, c: CaseFacts): Decision {
    const seen = policy.viewCase(a, c);
    if (seen !== 'allow') return seen;
    return hasRoleIn(a, c.serviceId, SUPERVISING) ? 'allow' : 'forbidden';
  },

  /** Cases of a service in a list: supervisors and the head all of them, a counsellor those assigned to them. */
  listCases(a: Actor, serviceId: string): 'all' | 'own' | 'not_found' {
    if (hasRoleIn(a, serviceId, SUPERVISING)) return 'all';
    if (hasRoleIn(a, serviceId, ['counsellor'])) return 'own';
    return 'not_found';
  },

  /** Retention periods and signal deadlines: read by the service's staff, set by its head. */
  viewCaseSettings(a: Actor, serviceId: string): Decision {
    return hasRoleIn(a, serviceId, SERVICE_ROLES) ? 'allow' : 'not_found';
  },

  editCaseSettings(a: Actor, serviceId: string): Decision {
    if (hasRoleIn(a, serviceId, ['head'])) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },

  /** A signal: its author and whoever has its case (while they work in its service), the service's supervisors and head. */
  viewSignal(a: Actor, s: SignalFacts): Decision {
    if (hasRoleIn(a, s.serviceId, SUPERVISING)) return 'allow';
    if (!hasRoleIn(a, s.serviceId, SERVICE_ROLES)) return 'not_found';
    return s.createdBy === a.userId || (s.caseAssignedTo !== null && s.caseAssignedTo === a.userId) ? 'allow' : 'not_found';
  },

  /**
   * Four eyes: a supervisor or the head of the service who is not the signal's author approves it
   * before sending, or reviews it after an urgent send. The author is told so ('own_signal').
   */
  approveSignal(a: Actor, s: SignalFacts): Decision | 'own_signal' {
    const seen = policy.viewSignal(a, s);
    if (seen !== 'allow') return seen;
    if (!hasRoleIn(a, s.serviceId, SUPERVISING)) return 'forbidden';
    return s.createdBy === a.userId ? 'own_signal' : 'allow';
  },

  /** Closing a signal once its outcome is in: the service's supervisors and head. */
  closeSignal(a: Actor, s: SignalFacts): Decision {
    const seen = policy.viewSignal(a, s);
    if (seen !== 'allow') return seen;
    return hasRoleIn(a, s.serviceId, SUPERVISING) ? 'allow' : 'forbidden';
  },

  /** The register and the overdue board: supervisors and the head see all signals, a counsellor their own. */
  listSignals(a: Actor, serviceId: string): 'all' | 'own' | 'not_found' {
    if (hasRoleIn(a, serviceId, SUPERVISING)) return 'all';
    if (hasRoleIn(a, serviceId, ['counsellor'])) return 'own';
    return 'not_found';
  },

  /** The service's list of agencies signals go to: read by its staff, kept by its supervisors and head. */
  useSignalAgencies(a: Actor, serviceId: string): Decision {
    return hasRoleIn(a, serviceId, SERVICE_ROLES) ? 'allow' : 'not_found';
  },

  manageSignalAgencies(a: Actor, serviceId: string): Decision {
    if (hasRoleIn(a, serviceId, SUPERVISING)) return 'allow';
    return memberOf(a, serviceId) ? 'forbidden' : 'not_found';
  },
};
