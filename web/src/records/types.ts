// Shapes of the records and reports API (mirror the server's response schemas in src/domain/records/).
import type {
  Action,
  AgeGroup,
  CallerType,
  ContactType,
  Gender,
  HeardFrom,
  LocalityType,
  RecordChannel,
  RiskAnswers,
  RiskLevel,
  VulnerableGroup,
} from './vocabulary';

export type RecordStatus = 'open' | 'draft' | 'final' | 'void';

/** The fields a counsellor fills in; null = not given. */
export interface RecordFields {
  contactType: ContactType | null;
  callerType: CallerType | null;
  childGender: Gender | null;
  childAge: number | null;
  ageGroup?: AgeGroup | null;
  localityType: LocalityType | null;
  region: string | null;
  vulnerable: VulnerableGroup[];
  heardFrom: HeardFrom | null;
  language: string | null;
  reasons: string[];
  riskAnswers: RiskAnswers | null;
  actions: Action[];
  referral: string | null;
  summary: string | null;
}

/** What may be sent in a PATCH (ageGroup is derived by the server). */
export type EditableFields = Omit<RecordFields, 'ageGroup'>;
export type EditableField = keyof EditableFields;

export interface RecordTimes {
  arrivedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  closedAt: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  wrapSeconds: number | null;
  outcome: string | null;
  abandonedStage: string | null;
}

/** A referral to the directory kept in a record: the entry's name and first phone when attached. */
export interface Referral {
  id: string;
  directoryServiceId: string;
  name: string;
  phone: string | null;
  termIds: string[];
  createdAt: string;
  createdBy: string | null;
}

/** The answer to attaching or removing a referral: the record's version and actions now. */
export interface ReferralChange {
  referral: Referral | null;
  record: { version: number; actions: Action[] };
}

export interface RecordView {
  id: string;
  serviceId: string;
  origin: 'routing' | 'manual';
  status: RecordStatus;
  version: number;
  classificationVersion: number;
  staffId: string | null;
  staffPseudonym: string | null;
  channel: RecordChannel;
  repeatContact: boolean;
  riskLevel: RiskLevel;
  fields: RecordFields;
  referrals: Referral[];
  times: RecordTimes;
  finalizedAt: string | null;
  editableUntil: string | null;
  canEdit: boolean;
}

export interface ReasonCode {
  code: string;
  labelRu: string;
  labelEn: string;
  nationalRow: string;
  chiCategory: string;
  own: boolean;
}

export interface ReasonCategory {
  code: string;
  labelRu: string;
  labelEn: string;
  codes: ReasonCode[];
}

export interface Classification {
  version: number;
  categories: ReasonCategory[];
}

export interface FinalizeProblem {
  field: string;
  code: string;
}

export interface JournalItem {
  id: string;
  arrivedAt: string;
  channel: RecordChannel;
  status: RecordStatus;
  contactType: ContactType | null;
  callerType: CallerType | null;
  childGender: Gender | null;
  ageGroup: AgeGroup | null;
  riskLevel: RiskLevel;
  reasons: string[];
  staffId: string | null;
  staffPseudonym: string | null;
  region: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
}

export interface JournalPage {
  items: JournalItem[];
  nextCursor: string | null;
}

export interface RiskAlert {
  id: string;
  serviceId: string;
  recordId: string;
  level: RiskLevel;
  raisedAt: string;
  counsellorPseudonym: string | null;
  acknowledgedAt: string | null;
}
