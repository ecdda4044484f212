// Kysely table types of the web chat and the phone line; part of ./schema.ts's DB, mirroring the migrations.
import type { ColumnType, Generated } from 'kysely';

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

export interface VoiceDeskPhonesTable {
  staff_id: string;
  ha1_sealed: string;
  realm: string;
  issued_at: Date;
  issued_by: string;
}

export interface VoiceEventsTable {
  id_hash: string;
  received_at: Date;
}
