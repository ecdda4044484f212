// Cases and signals as the API answers them (mirrors src/domain/cases/caseViews.ts and
// src/domain/signals/signalViews.ts, signalAgencies.ts, signalReport.ts) and their vocabulary.

export const CONSENT_BY = ['child', 'caller', 'parent'] as const;
export const CONSENT_PURPOSES = ['callback', 'in_person', 'pass_to_agencies', 'referral'] as const;
export const DUTY_REASONS = ['imminent_risk', 'abuse'] as const;
export const CASE_STATUSES = ['open', 'in_work', 'closed'] as const;
export const CLOSE_REASONS = ['resolved', 'referred', 'declined', 'no_contact', 'moved', 'other'] as const;
export const PERSONAL_FIELDS = ['childName', 'childAge', 'address', 'school', 'family'] as const;
export const MAX_CHILD_AGE = 25;

export const URGENCIES = ['normal', 'imminent'] as const;
export const SIGNAL_REASONS = [
  'physical_abuse',
  'sexual_abuse',
  'psychological_abuse',
  'neglect',
  'suicide_risk',
  'runaway',
  'exploitation',
  'other',
] as const;
export const SIGNAL_STATUSES = ['drafted', 'approved', 'sent', 'acknowledged', 'outcome_received', 'closed'] as const;
export const SIGNAL_OUTCOMES = ['measures_taken', 'not_confirmed', 'forwarded', 'no_response', 'other'] as const;
export const AGENCY_TYPES = ['guardianship', 'police', 'kdn', 'prosecutor', 'health', 'education', 'social', 'other'] as const;
export const SIGNAL_CHANNELS = ['email', 'fax', 'phone', 'in_person', 'post'] as const;
export const OVERDUE_KINDS = ['acknowledgement', 'outcome', 'review'] as const;
export const SEND_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

export type ConsentBy = (typeof CONSENT_BY)[number];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type DutyReason = (typeof DUTY_REASONS)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type CloseReason = (typeof CLOSE_REASONS)[number];
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
export type Urgency = (typeof URGENCIES)[number];
export type SignalReason = (typeof SIGNAL_REASONS)[number];
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];
export type SignalOutcome = (typeof SIGNAL_OUTCOMES)[number];
export type AgencyType = (typeof AGENCY_TYPES)[number];
export type SignalChannel = (typeof SIGNAL_CHANNELS)[number];
export type OverdueKind = (typeof OVERDUE_KINDS)[number];
export type SendStatus = (typeof SEND_STATUSES)[number];

export type CaseBasis =
  { kind: 'consent'; by: ConsentBy; at: string; purposes: ConsentPurpose[] } | { kind: 'legal_duty'; reason: DutyReason };

export interface Personal {
  childName?: string | null;
  childAge?: number | null;
  address?: string | null;
  school?: string | null;
  family?: string | null;
}

export interface CaseSummary {
  id: string;
  serviceId: string;
  recordId: string | null;
  basis: CaseBasis;
  status: CaseStatus;
  closedReason: CloseReason | null;
  closedAt: string | null;
  assignedTo: string | null;
  assigneePseudonym: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  destroyedAt: string | null;
  filledFields: PersonalField[];
  canAssign: boolean;
}

export interface CaseContact {
  recordId: string;
  arrivedAt: string;
  channel: string;
  contactType: string | null;
  riskLevel: string;
  linkedAt: string | null;
}

export interface CaseView extends CaseSummary {
  personal: Personal;
  notes: { id: string; at: string; authorPseudonym: string | null; text: string }[];
  tasks: { id: string; title: string; dueOn: string; doneAt: string | null }[];
  contacts: CaseContact[];
  signals: { id: string; number: string | null; status: SignalStatus; urgency: Urgency; reason: SignalReason; createdAt: string }[];
}

export interface Addressee {
  id: string;
  position: number;
  source: 'directory' | 'list';
  directoryServiceId: string | null;
  agencyId: string | null;
  agencyType: AgencyType;
  name: string;
  email: string | null;
  fax: string | null;
  phone: string | null;
  channel: SignalChannel;
  sendStatus: SendStatus;
  sentAt: string | null;
  sendDetail: string | null;
  incomingNumber: string | null;
  incomingDate: string | null;
  acknowledgedAt: string | null;
}

export interface SignalSummary {
  id: string;
  serviceId: string;
  caseId: string | null;
  recordId: string | null;
  number: string | null;
  registeredOn: string | null;
  status: SignalStatus;
  urgency: Urgency;
  reason: SignalReason;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  sentWithoutApproval: boolean;
  reviewedBy: string | null;
  reviewedAt: string | null;
  sentAt: string | null;
  ackDueAt: string | null;
  outcomeDueAt: string | null;
  acknowledgedAt: string | null;
  outcome: SignalOutcome | null;
  outcomeAt: string | null;
  closedAt: string | null;
  destroyedAt: string | null;
  version: number;
  childFields: PersonalField[];
  addressees: Addressee[];
  overdue: OverdueKind[];
  canApprove: boolean;
}

export interface SignalView extends SignalSummary {
  facts: string | null;
  child: Personal;
  outcomeNote: string | null;
}

export interface Agency {
  id: string;
  serviceId: string;
  name: string;
  agencyType: AgencyType;
  email: string | null;
  fax: string | null;
  phone: string | null;
  active: boolean;
  version: number;
}

export interface AddresseeChoices {
  agencies: Agency[];
  directory: { directoryServiceId: string; name: string; agencyType: AgencyType }[];
}

export type AddresseeInput =
  | { source: 'directory'; directoryServiceId: string; channel?: SignalChannel }
  | { source: 'list'; agencyId: string; channel?: SignalChannel };

export interface ReportRow {
  key: string;
  label: { ru: string; en: string };
  n: number | '<5';
}

export interface SignalReport {
  scope: 'service' | 'region' | 'network';
  from: string;
  to: string;
  suppressed: boolean;
  total: number;
  byAddresseeType: ReportRow[];
  byReason: ReportRow[];
  byUrgency: ReportRow[];
  byOutcome: ReportRow[];
}
