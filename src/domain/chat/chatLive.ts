// The open chats in memory: who holds each one, the child's open sockets, and how a chat follows its
// routing contact (accepted → the child hears the counsellor's pseudonym; ended, abandoned or
// expired → the chat ends). Messages are delivered from here to the child's sockets and to staff
// over the realtime hub: the holder's `user:<id>` topic and `chat:<serviceId>:<chatId>`, which the
// service's supervisors may subscribe to (reading a live chat).
import type { Publisher } from '../../db/unitOfWork.js';
import { compareWaiting } from '../routing/priority.js';
import { currentContactId } from '../routing/state.js';
import type { Contact, ContactState } from '../routing/types.js';
import type { RoutingRuntime } from '../routing/live/routingRuntime.js';
import type { ChatMessage, ChatState, StoredChat } from './chatStore.js';

/** What the child's page is told (the protocol of /api/chat/ws, server → child). */
export type ChildOutgoing =
  | { type: 'welcome'; chat: ChildChatView; messages: ChatMessage[] }
  | { type: 'message'; message: ChatMessage }
  | { type: 'ack'; clientId: string; seq: number; at: string }
  | { type: 'queue'; position: number; estimatedWaitSeconds: number }
  | { type: 'accepted'; pseudonym: string | null }
  | { type: 'typing' }
  | { type: 'read'; seq: number }
  | { type: 'ended'; by: 'child' | 'counsellor' | 'system' }
  | { type: 'error'; code: string; message: string; clientId?: string }
  | { type: 'pong' };

export interface ChildChatView {
  id: string;
  state: ChatState;
  endedBy: StoredChat['endedBy'];
  position: number | null;
  estimatedWaitSeconds: number | null;
  counsellor: { pseudonym: string | null } | null;
  lastSeq: number;
  /** The counsellor has read the child's messages up to here. */
  staffReadSeq: number;
  feedbackGiven: boolean;
}

export interface ChildLink {
  send(message: ChildOutgoing): void;
  close(code: number, reason: string): void;
}

export interface LiveChat {
  id: string;
  serviceId: string;
  state: ChatState;
  endedBy: StoredChat['endedBy'];
  /** The routing contact carrying the chat now (another id after a transfer). */
  contactId: string;
  holder: string | null;
  pseudonym: string | null;
  offeredTo: string | null;
  children: Set<ChildLink>;
  /** When the last child socket closed (null while one is open). */
  childGoneSince: number | null;
  /** When the routing engine was last seen not knowing the contact (to hand it in again). */
  unknownSince: number | null;
  position: number | null;
  estimatedWaitSeconds: number | null;
  /** Send times per side for the per-minute limit. */
  sent: { child: number[]; staff: number[] };
  staffReadSeq: number;
  /** When the child's last typing notice was passed on. */
  typingAt: number;
  /** Who asked to end it while routing is deciding (the sync may see the contact end first). */
  endingBy: 'child' | 'counsellor' | null;
}

/** A waiting chat's estimated wait: position in its service's queue × this many seconds ÷ free chat slots (documented in the issue note). */
export const AVERAGE_CHAT_SECONDS = 600;

export function liveOf(c: StoredChat): LiveChat {
  return {
    id: c.id,
    serviceId: c.serviceId,
    state: c.state,
    endedBy: c.endedBy,
    contactId: c.id,
    holder: null,
    pseudonym: null,
    offeredTo: null,
    children: new Set(),
    childGoneSince: null,
    unknownSince: null,
    position: null,
    estimatedWaitSeconds: null,
    sent: { child: [], staff: [] },
    staffReadSeq: c.staffReadSeq,
    typingAt: 0,
    endingBy: null,
  };
}

/** Where the chat's routing contact is, as the engine knows it now. */
export interface ContactNow {
  contactId: string;
  state: ContactState | 'unknown';
  staffId: string | null;
  offeredTo: string | null;
  serviceId: string | null;
  answeredByServiceId: string | null;
}

export function contactNow(routing: RoutingRuntime, chatId: string): ContactNow {
  const state = routing.engine.state;
  const id = currentContactId(state, chatId);
  const open = state.contacts.get(id);
  if (open)
    return {
      contactId: id,
      state: open.state,
      staffId: open.staffId,
      offeredTo: open.offer?.staffId ?? null,
      serviceId: open.serviceId,
      answeredByServiceId: open.answeredByServiceId,
    };
  const closed = state.closedContacts.get(id);
  return {
    contactId: id,
    state: closed?.state ?? 'unknown',
    staffId: null,
    offeredTo: null,
    serviceId: closed?.serviceId ?? null,
    answeredByServiceId: null,
  };
}

/** Positions (1-based) of the waiting contacts of each service, in the engine's offer order. */
export function queuePositions(routing: RoutingRuntime): Map<string, { position: number; slots: number }> {
  const state = routing.engine.state;
  const byService = new Map<string, Contact[]>();
  for (const c of state.contacts.values()) {
    if (c.state !== 'queued' && c.state !== 'offered') continue;
    let list = byService.get(c.serviceId);
    if (!list) byService.set(c.serviceId, (list = []));
    list.push(c);
  }
  const slots = new Map<string, number>();
  for (const counsellor of state.counsellors.values()) {
    if (counsellor.presence !== 'available') continue;
    const capacity = routing.settingsOf(counsellor.serviceId).chatCapacity;
    slots.set(counsellor.serviceId, (slots.get(counsellor.serviceId) ?? 0) + capacity);
  }
  const out = new Map<string, { position: number; slots: number }>();
  for (const [serviceId, list] of byService) {
    list.sort(compareWaiting);
    list.forEach((c, i) => out.set(c.id, { position: i + 1, slots: slots.get(serviceId) ?? 0 }));
  }
  return out;
}

export const estimateWaitSeconds = (position: number, slots: number) => Math.ceil(position / Math.max(1, slots)) * AVERAGE_CHAT_SECONDS;

export function childView(chat: LiveChat, stored: { lastSeq: number; feedbackAt: Date | null }): ChildChatView {
  return {
    id: chat.id,
    state: chat.state,
    endedBy: chat.endedBy,
    position: chat.state === 'waiting' ? chat.position : null,
    estimatedWaitSeconds: chat.state === 'waiting' ? chat.estimatedWaitSeconds : null,
    counsellor: chat.state === 'active' && chat.holder ? { pseudonym: chat.pseudonym } : null,
    lastSeq: stored.lastSeq,
    staffReadSeq: chat.staffReadSeq,
    feedbackGiven: stored.feedbackAt !== null,
  };
}

/** Sends one event to the chat's child sockets and to the staff who follow it. */
export function deliver(
  publish: Publisher,
  chat: LiveChat,
  child: ChildOutgoing | null,
  staff: { name: string; data: Record<string, unknown> } | null,
) {
  if (child) for (const link of chat.children) link.send(child);
  if (!staff) return;
  const data = { chatId: chat.id, ...staff.data };
  const events = [{ topic: `chat:${chat.serviceId}:${chat.id}`, name: staff.name, data }];
  if (chat.holder) events.push({ topic: `user:${chat.holder}`, name: staff.name, data });
  publish(events);
}

/** The per-minute limit: true if one more message fits, and then it is counted. */
export function withinRate(times: number[], now: number, perMinute: number): boolean {
  while (times.length > 0 && times[0]! <= now - 60_000) times.shift();
  if (times.length >= perMinute) return false;
  times.push(now);
  return true;
}
