// Shapes of the staff chat API (mirror src/http/routes/chats.ts and src/domain/chat/*).
export type ChatState = 'waiting' | 'active' | 'ended';
export type ChatSide = 'child' | 'counsellor' | 'system';

export interface ChatMessage {
  seq: number;
  from: ChatSide;
  text: string;
  at: string;
  pseudonym: string | null;
}

export interface PreChat {
  who?: 'child' | 'teen' | 'parent' | 'adult';
  age?: number;
  gender?: 'female' | 'male' | 'other';
  region?: string;
}

export interface ChatInfo {
  id: string;
  serviceId: string;
  state: ChatState;
  endedBy: ChatSide | null;
  preChat: PreChat;
  createdAt: string;
  endedAt: string | null;
  contactId: string;
  risk: string;
  waitedSeconds: number | null;
  holderPseudonym: string | null;
  childOnline: boolean;
  lastSeq: number;
  childReadSeq: number;
  staffReadSeq: number;
  feedback: { rating: number | null; comment: string | null } | null;
  transcriptDeleted: boolean;
}

/** GET /api/chats/:chatId (messages after `after`). */
export interface StaffChatView {
  chat: ChatInfo;
  messages: ChatMessage[];
  canWrite: boolean;
}

export interface CannedResponse {
  id: string;
  serviceId: string;
  title: string;
  body: string;
  position: number;
  version: number;
}

export interface ChatBlock {
  id: string;
  serviceId: string;
  chatId: string | null;
  reason: string;
  blockedUntil: string;
  createdAt: string;
  createdBy: string | null;
  liftedAt: string | null;
}

/** The web-chat part of a service's settings (src/domain/tenants/serviceSchemas.ts). */
export interface ChatServiceSettings {
  chatEnabled?: boolean;
  chatRetentionDays?: number;
  chatMessagesPerMinute?: number;
  chatNewPerHour?: number;
  chatHours?: { from: string; to: string } | null;
  publicPhones?: string[];
}

/** Longest message either side may send (the server's MAX_MESSAGE_CHARS). */
export const MAX_MESSAGE_CHARS = 2000;
