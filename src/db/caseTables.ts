// Kysely table types of cases and signals (settings, cases with their contacts, notes and tasks, the
// service's agencies, signals with their addressees, the register's counter, destruction acts, the
// overdue notices); part of ./schema.ts's DB, mirroring migrations 0010 and 0012.
import type { ColumnType, Generated } from 'kysely';
import type { Json } from './schema.js';

/** A SQL date ('YYYY-MM-DD'). */
type Day = ColumnType<string, string, string>;

export interface CaseSettingsTable {
  service_id: string;
  retention_consent_days: number;
  retention_duty_days: number;
  retention_signal_days: number;
  ack_working_days: number;
  outcome_working_days: number;
  /** SQL date[]: read them cast to text[] (drivers differ on date arrays). */
  extra_days_off: ColumnType<unknown, string[] | undefined, string[]>;
  extra_working_days: ColumnType<unknown, string[] | undefined, string[]>;
  updated_at: Date;
  updated_by: string | null;
}

export interface CasesTable {
  id: string;
  service_id: string;
  /** The contact record the case was opened from; null once its personal data is destroyed. */
  record_id: string | null;
  basis: 'consent' | 'legal_duty';
  consent_by: string | null;
  consent_at: Date | null;
  consent_purposes: ColumnType<string[], string[] | undefined, string[]>;
  duty_reason: string | null;
  status: 'open' | 'in_work' | 'closed';
  closed_reason: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  assigned_to: string | null;
  child_name_sealed: string | null;
  child_age_sealed: string | null;
  address_sealed: string | null;
  school_sealed: string | null;
  family_sealed: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  destroyed_at: Date | null;
}

export interface CaseContactsTable {
  case_id: string;
  record_id: string;
  service_id: string;
  linked_by: string;
  linked_at: Date;
}

export interface CaseNotesTable {
  id: string;
  case_id: string;
  service_id: string;
  author_id: string;
  created_at: Date;
  body_sealed: string;
}

export interface CaseTasksTable {
  id: string;
  case_id: string;
  service_id: string;
  title_sealed: string;
  due_on: Day;
  created_by: string;
  created_at: Date;
  done_at: Date | null;
  done_by: string | null;
}

export interface SignalAgenciesTable {
  id: string;
  service_id: string;
  name: string;
  agency_type: string;
  email: string | null;
  fax: string | null;
  phone: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export type SignalStatus = 'drafted' | 'approved' | 'sent' | 'acknowledged' | 'outcome_received' | 'closed';

export interface SignalsTable {
  id: string;
  service_id: string;
  case_id: string | null;
  record_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
  urgency: 'normal' | 'imminent';
  reason: string;
  facts_sealed: string | null;
  child_sealed: string | null;
  child_fields: ColumnType<string[], string[] | undefined, string[]>;
  status: SignalStatus;
  approved_by: string | null;
  approved_at: Date | null;
  sent_without_approval: Generated<boolean>;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  number_year: number | null;
  number_seq: number | null;
  registered_at: Date | null;
  registered_day: ColumnType<string | null, string | null | undefined, string | null>;
  sent_at: Date | null;
  sent_by: string | null;
  ack_due_at: Date | null;
  outcome_due_at: Date | null;
  acknowledged_at: Date | null;
  outcome: string | null;
  outcome_at: Date | null;
  outcome_note_sealed: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  destroyed_at: Date | null;
}

export interface SignalAddresseesTable {
  id: string;
  signal_id: string;
  service_id: string;
  position: number;
  source: 'directory' | 'list';
  directory_service_id: string | null;
  agency_id: string | null;
  agency_type: string;
  name: string;
  email: string | null;
  fax: string | null;
  phone: string | null;
  channel: 'email' | 'fax' | 'phone' | 'in_person' | 'post';
  send_status: Generated<'pending' | 'sending' | 'sent' | 'failed'>;
  send_attempted_at: Date | null;
  sent_at: Date | null;
  send_detail: string | null;
  incoming_number: string | null;
  incoming_date: ColumnType<string | null, string | null | undefined, string | null>;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

export interface SignalCountersTable {
  service_id: string;
  year: number;
  last_seq: number;
}

export interface DestructionActsTable {
  id: string;
  service_id: string;
  at: Date;
  target_type: 'case' | 'signal';
  target_id: string;
  rule: string;
  what: Json<Record<string, unknown>>;
}

/** A signal announced overdue for a kind (acknowledgement, outcome, review): once each. */
export interface SignalOverdueNoticesTable {
  signal_id: string;
  kind: 'acknowledgement' | 'outcome' | 'review';
  service_id: string;
  notified_at: Date;
}
