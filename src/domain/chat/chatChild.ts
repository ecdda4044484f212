// The child's side of a chat after it started: the socket says hello (token checked) and goes away,
// messages (durable before the ack), typing, read marks, and feedback after the end. Starting and
// ending a chat, and following routing, are the service's (chatService.ts).
import { AppError } from '../../errors.js';
import { childView, deliver, liveOf, withinRate, type ChildLink, type ChildOutgoing } from './chatLive.js';
import { RESUME_AFTER_END_MS, TYPING_EVERY_MS, type ChatService } from './chatService.js';
import { checkText } from './chatSettings.js';
import { loadChat, markRead, messagesAfter, saveFeedback, tokenMatches } from './chatStore.js';

/** A child's socket says hello: checks the token and returns what the page needs to show. */
export async function attach(svc: ChatService, chatId: string, token: string, afterSeq: number, link: ChildLink): Promise<ChildOutgoing> {
  const stored = await loadChat(svc.deps.db, chatId);
  if (!stored || !tokenMatches(token, stored.resumeHash)) throw new AppError('chat.bad_token');
  if (stored.endedAt && svc.deps.clock().getTime() - stored.endedAt.getTime() > RESUME_AFTER_END_MS) throw new AppError('chat.bad_token');
  const chat = svc.live.get(chatId) ?? liveOf(stored);
  if (stored.state !== 'ended') {
    svc.live.set(chatId, chat);
    const wasAway = chat.children.size === 0;
    chat.children.add(link);
    chat.childGoneSince = null;
    if (wasAway) deliver(svc.deps.publish, chat, null, { name: 'chat.presence', data: { childOnline: true } });
  }
  const messages = stored.transcriptDeletedAt ? [] : await messagesAfter(svc.deps.db, svc.deps.key, chatId, afterSeq);
  return { type: 'welcome', chat: childView(chat, stored), messages };
}

export function detach(svc: ChatService, chatId: string, link: ChildLink): void {
  const chat = svc.live.get(chatId);
  if (!chat) return;
  if (!chat.children.delete(link) || chat.children.size > 0) return;
  chat.childGoneSince = svc.deps.clock().getTime();
  if (chat.state !== 'ended') deliver(svc.deps.publish, chat, null, { name: 'chat.presence', data: { childOnline: false } });
}

export async function childMessage(svc: ChatService, chatId: string, clientId: string, text: string): Promise<ChildOutgoing> {
  const chat = svc.openChat(chatId);
  checkText(text);
  const settings = (await svc.settingsOf(chat.serviceId))?.settings;
  if (!withinRate(chat.sent.child, svc.deps.clock().getTime(), settings?.messagesPerMinute ?? 20))
    throw new AppError('chat.too_many_messages');
  const saved = await svc.writer.append({ chatId, from: 'child', staffId: null, clientId, text, at: svc.deps.clock() });
  if (!saved.duplicate) {
    const message = { seq: saved.seq, from: 'child' as const, text, at: saved.at.toISOString(), pseudonym: null };
    deliver(svc.deps.publish, chat, null, { name: 'chat.message', data: { message } });
  }
  return { type: 'ack', clientId, seq: saved.seq, at: saved.at.toISOString() };
}

export function childTyping(svc: ChatService, chatId: string): void {
  const chat = svc.live.get(chatId);
  const now = svc.deps.clock().getTime();
  // At most one typing notice per chat every two seconds, whatever the page sends.
  if (!chat || chat.state === 'ended' || now - chat.typingAt < TYPING_EVERY_MS) return;
  chat.typingAt = now;
  deliver(svc.deps.publish, chat, null, { name: 'chat.typing', data: { from: 'child' } });
}

export async function childRead(svc: ChatService, chatId: string, seq: number): Promise<void> {
  const chat = svc.live.get(chatId);
  if (!chat) return;
  const stored = await markRead(svc.deps.db, chatId, 'child', seq);
  if (stored !== undefined) deliver(svc.deps.publish, chat, null, { name: 'chat.read', data: { by: 'child', seq: stored } });
}

export async function feedback(
  svc: ChatService,
  chatId: string,
  token: string,
  rating: number | null,
  comment: string | null,
): Promise<void> {
  const stored = await loadChat(svc.deps.db, chatId);
  if (!stored || !tokenMatches(token, stored.resumeHash)) throw new AppError('chat.bad_token');
  if (stored.state !== 'ended') throw new AppError('routing.invalid_state');
  if (stored.endedAt && svc.deps.clock().getTime() - stored.endedAt.getTime() > RESUME_AFTER_END_MS) throw new AppError('chat.bad_token');
  await saveFeedback(svc.deps.db, svc.deps.key, chatId, rating, comment, svc.deps.clock());
}
