// Kysely table types. They mirror the migrations in ./migrations; the migration test compares the two worlds.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string, string>;

export type RoleName = 'counsellor' | 'supervisor' | 'head' | 'analyst' | 'admin';

export interface ServiceSettings {
  /** Seconds an offer waits for the counsellor before it goes to someone else. */
  offerTimeoutSeconds?: number;
  /** Seconds of after-contact work before the counsellor is available again. */
  wrapUpSeconds?: number;
  /** How many chats one counsellor handles at once. */
  chatCapacity?: number;
  /** The rest of the routing settings (defaults and meaning in src/domain/routing/settings.ts). */
  voiceBlocksText?: boolean;
  partnerServiceIds?: string[];
  partnerAfterSeconds?: number;
  nationalBackupAfterSeconds?: number | null;
  nationalBackup?: boolean;
  carePlanSeconds?: number;
  maxWaitSeconds?: number;
  declineCooldownSeconds?: number;
  /** Web chat (defaults and meaning in src/domain/chat/chatSettings.ts). */
  chatEnabled?: boolean;
  chatRetentionDays?: number;
  chatMessagesPerMinute?: number;
  chatNewPerHour?: number;
  chatHours?: { from: string; to: string } | null;
  publicPhones?: string[];
}

export interface ServicesTable {
  id: Generated<string>;
  name: string;
  name_key: string;
  short_name: string | null;
  region: string;
  time_zone: string;
  settings: Json<ServiceSettings>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface StaffUsersTable {
  id: Generated<string>;
  login: string;
  pseudonym: string;
  full_name: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  disabled: Generated<boolean>;
  disabled_at: Date | null;
  last_login_at: Date | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RoleGrantsTable {
  user_id: string;
  service_id: string | null;
  role: RoleName;
  created_at: CreatedAt;
}

export interface SessionsTable {
  /** HMAC of the session token: the token itself lives only in the browser's cookie. */
  id: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface LoginAttemptsTable {
  login_key: string;
  failures: number;
  last_failure_at: Date;
  locked_until: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  chain: string;
  seq: number;
  at: Date;
  actor_id: string | null;
  service_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface RoutingEventsTable {
  seq: Generated<number>;
  at: Date;
  service_id: string;
  contact_id: string | null;
  staff_id: string | null;
  type: string;
  data: Json<Record<string, unknown>>;
  command_id: string | null;
}

export interface RoutingContactsTable {
  id: string;
  service_id: string;
  channel: 'voice' | 'chat' | 'messenger';
  origin: 'channel' | 'offline' | 'transfer';
  transferred_from: string | null;
  state: 'queued' | 'offered' | 'active' | 'wrapup' | 'completed' | 'abandoned' | 'expired' | 'transferred';
  risk: string;
  caller_key: string | null;
  arrived_at: Date;
  queued_at: Date;
  accepted_at: Date | null;
  ended_at: Date | null;
  closed_at: Date | null;
  staff_id: string | null;
  answered_by_service_id: string | null;
  abandoned_stage: string | null;
  after_greeting: boolean | null;
}

export interface RoutingPresenceTable {
  staff_id: string;
  service_id: string;
  presence: 'offline' | 'available' | 'break' | 'not_responding';
  since: Date;
  idle_since: Date;
  profile: Json<Record<string, unknown>>;
}

export interface RoutingCommandsTable {
  command_id: string;
  fingerprint: string;
  result: Json<Record<string, unknown>>;
  at: Date;
}

export interface CarePlansTable {
  id: Generated<string>;
  service_id: string;
  caller_key: string;
  preferred_staff_id: string;
  from_contact_id: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface CounsellorProfilesTable {
  staff_id: string;
  languages: string[];
  skills: string[];
  updated_at: Date;
}

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

export interface ChatSessionsTable {
  id: string;
  service_id: string;
  caller_key: string | null;
  resume_hash: string;
  pre_chat: ColumnType<Record<string, unknown>, string | undefined, string>;
  state: 'waiting' | 'active' | 'ended';
  staff_id: string | null;
  answered_by_service_id: string | null;
  ended_by: 'child' | 'counsellor' | 'system' | null;
  last_seq: Generated<number>;
  child_read_seq: Generated<number>;
  staff_read_seq: Generated<number>;
  child_messages: Generated<number>;
  staff_messages: Generated<number>;
  feedback_rating: number | null;
  feedback_comment: string | null;
  feedback_at: Date | null;
  created_at: Date;
  ended_at: Date | null;
  transcript_deleted_at: Date | null;
}

export interface ChatMessagesTable {
  chat_id: string;
  seq: number;
  sender: 'child' | 'counsellor' | 'system';
  staff_id: string | null;
  client_id: string;
  /** Sealed (AES-GCM), associated data `chat:<chat_id>:<sender>:<client_id>`. */
  body: string;
  created_at: Date;
}

export interface ChatBlocksTable {
  id: string;
  service_id: string;
  caller_key: string;
  chat_id: string | null;
  /** Sealed, associated data `chat-block:<id>`. */
  reason: string;
  blocked_until: Date;
  created_by: string;
  created_at: Date;
  lifted_at: Date | null;
  lifted_by: string | null;
}

export interface CannedResponsesTable {
  id: string;
  service_id: string;
  title: string;
  body: string;
  position: number;
  version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export interface VoiceNumbersTable {
  number: string;
  service_id: string;
  created_at: Date;
}

export interface VoiceCallsTable {
  contact_id: string;
  call_key: string;
  service_id: string;
  arrived_at: Date;
  ringing_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  staff_id: string | null;
  attempts: Generated<number>;
  outcome: 'answered' | 'abandoned' | 'failed' | 'rejected' | null;
  abandoned_stage: 'queued' | 'ringing' | null;
  ended_by: 'caller' | 'counsellor' | 'system' | null;
  greeting_done: Generated<boolean>;
}

export interface VoiceEventsTable {
  id_hash: string;
  received_at: Date;
}

export interface DB {
  services: ServicesTable;
  staff_users: StaffUsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  routing_events: RoutingEventsTable;
  routing_contacts: RoutingContactsTable;
  routing_presence: RoutingPresenceTable;
  routing_commands: RoutingCommandsTable;
  care_plans: CarePlansTable;
  counsellor_profiles: CounsellorProfilesTable;
  classification_versions: ClassificationVersionsTable;
  reason_categories: ReasonCategoriesTable;
  reason_codes: ReasonCodesTable;
  contact_records: ContactRecordsTable;
  contact_record_reasons: ContactRecordReasonsTable;
  risk_alerts: RiskAlertsTable;
  record_stats_daily: RecordStatsDailyTable;
  record_stats_monthly: RecordStatsMonthlyTable;
  records_sync: RecordsSyncTable;
  chat_sessions: ChatSessionsTable;
  chat_messages: ChatMessagesTable;
  chat_blocks: ChatBlocksTable;
  canned_responses: CannedResponsesTable;
  voice_numbers: VoiceNumbersTable;
  voice_calls: VoiceCallsTable;
  voice_events: VoiceEventsTable;
}

export type ServiceRow = Selectable<ServicesTable>;
export type StaffUserRow = Selectable<StaffUsersTable>;
export type NewStaffUser = Insertable<StaffUsersTable>;
export type StaffUserUpdate = Updateable<StaffUsersTable>;
export type AuditRow = Selectable<AuditLogTable>;
