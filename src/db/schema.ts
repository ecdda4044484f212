// Kysely table types. They mirror the migrations in ./migrations; the migration test compares the two worlds.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
export type Json<T> = ColumnType<T, string, string>;

import type {
  ClassificationVersionsTable,
  ContactRecordReasonsTable,
  ContactRecordsTable,
  ReasonCategoriesTable,
  ReasonCodesTable,
  RecordsSyncTable,
  RecordStatsDailyTable,
  RecordStatsMonthlyTable,
  RiskAlertsTable,
} from './recordTables.js';
import type {
  CannedResponsesTable,
  ChatBlocksTable,
  ChatMessagesTable,
  ChatSessionsTable,
  VoiceCallsTable,
  VoiceDeskPhonesTable,
  VoiceEventsTable,
  VoiceNumbersTable,
} from './channelTables.js';
import type { DirectoryRowsTable, DirectoryServicesTable, DirectorySettingsTable, RecordReferralsTable } from './directoryTables.js';
import type {
  CaseContactsTable,
  CaseNotesTable,
  CaseSettingsTable,
  CasesTable,
  CaseTasksTable,
  DestructionActsTable,
  SignalAddresseesTable,
  SignalAgenciesTable,
  SignalCountersTable,
  SignalOverdueNoticesTable,
  SignalsTable,
} from './caseTables.js';

export type * from './recordTables.js';
export type * from './directoryTables.js';
export type * from './caseTables.js';
export type * from './channelTables.js';

export type RoleName = 'counsellor' | 'supervisor' | 'head' | 'methodologist' | 'analyst' | 'admin';

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

export interface AuditChainHeadsTable {
  chain: string;
  seq: number;
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

export interface DB {
  services: ServicesTable;
  staff_users: StaffUsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  audit_chain_heads: AuditChainHeadsTable;
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
  voice_desk_phones: VoiceDeskPhonesTable;
  directory_rows: DirectoryRowsTable;
  directory_services: DirectoryServicesTable;
  directory_settings: DirectorySettingsTable;
  record_referrals: RecordReferralsTable;
  case_settings: CaseSettingsTable;
  cases: CasesTable;
  case_contacts: CaseContactsTable;
  case_notes: CaseNotesTable;
  case_tasks: CaseTasksTable;
  signal_agencies: SignalAgenciesTable;
  signals: SignalsTable;
  signal_addressees: SignalAddresseesTable;
  signal_counters: SignalCountersTable;
  destruction_acts: DestructionActsTable;
  signal_overdue_notices: SignalOverdueNoticesTable;
}

export type ServiceRow = Selectable<ServicesTable>;
export type StaffUserRow = Selectable<StaffUsersTable>;
export type NewStaffUser = Insertable<StaffUsersTable>;
export type StaffUserUpdate = Updateable<StaffUsersTable>;
export type AuditRow = Selectable<AuditLogTable>;
