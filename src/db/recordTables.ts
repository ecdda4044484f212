// Kysely table types of the contact records (classification, records, risk alerts, rollups); part of
// ./schema.ts's DB, mirroring the migrations.
import type { Generated } from 'kysely';
import type { CreatedAt, Json } from './schema.js';

export interface ClassificationVersionsTable {
  version: number;
  label: string;
  published_at: Date;
}

export interface ReasonCategoriesTable {
  code: string;
  label_ru: string;
  label_en: string;
  position: number;
}

export interface ReasonCodesTable {
  code: string;
  category_code: string;
  /** null: a national row; otherwise a subcategory the service added. */
  service_id: string | null;
  label_ru: string;
  label_en: string;
  /** The row of the national (Fund) report this code is counted in. */
  national_row: string;
  /** The CHI-style category, for international comparison. */
  chi_category: string;
  position: number;
  added_in_version: number;
  retired_in_version: number | null;
  created_at: CreatedAt;
  created_by: string | null;
}

export type RecordStatus = 'open' | 'draft' | 'final' | 'void';
export type RecordOutcome = 'answered' | 'abandoned' | 'expired' | 'transferred';

export interface ContactRecordsTable {
  /** The routing contact's id for a routed contact; a new id for a record made by hand. */
  id: string;
  service_id: string;
  origin: 'routing' | 'manual';
  status: RecordStatus;
  version: Generated<number>;
  classification_version: number;
  staff_id: string | null;
  channel: string;
  language: string | null;
  caller_key: string | null;
  repeat_contact: Generated<boolean>;
  contact_type: string | null;
  caller_type: string | null;
  child_gender: string | null;
  child_age: number | null;
  age_group: string | null;
  locality_type: string | null;
  region: string | null;
  vulnerable: Generated<string[]>;
  heard_from: string | null;
  risk_level: Generated<string>;
  risk_answers: Json<Record<string, unknown>> | null;
  actions: Generated<string[]>;
  referral_sealed: string | null;
  summary_sealed: string | null;
  arrived_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  closed_at: Date | null;
  outcome: RecordOutcome | null;
  abandoned_stage: string | null;
  after_greeting: boolean | null;
  answered_by_service_id: string | null;
  transferred_from: string | null;
  wait_ms: number | null;
  talk_ms: number | null;
  wrap_ms: number | null;
  /** The service-local day the record is counted on, and the rollup keys it added (to take back on correction). */
  stats_day: string | null;
  stats_keys: Json<[string, string, number][]> | null;
  /** Whether its routing figures (wait, answer, abandon) are in the rollups. */
  routing_counted: Generated<boolean>;
  created_at: Date;
  updated_at: Date;
  finalized_at: Date | null;
  finalized_by: string | null;
}

export interface ContactRecordReasonsTable {
  record_id: string;
  service_id: string;
  code: string;
  position: number;
}

export interface RiskAlertsTable {
  id: string;
  service_id: string;
  record_id: string;
  level: string;
  raised_by: string;
  raised_at: Date;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
}

export interface RecordStatsDailyTable {
  service_id: string;
  /** 'YYYY-MM-DD' (SQL date), the service's local day. */
  day: string;
  dim: string;
  value: string;
  n: number;
}

export interface RecordStatsMonthlyTable {
  service_id: string;
  /** 'YYYY-MM-01', the service's local month. */
  month: string;
  dim: string;
  value: string;
  n: number;
}

export interface RecordsSyncTable {
  id: number;
  last_seq: number;
}
