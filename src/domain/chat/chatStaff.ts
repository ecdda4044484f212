// What staff do with a chat: read it (audited), write in it (a supervisor stepping in is audited),
// say they are typing or have read, end it (the routing contact goes to wrap-up), block its caller.
import { inUnit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor, type ChatFacts } from '../auth/policy.js';
import { open } from '../privacy/sealedText.js';
import { actOnContact } from '../routing/live/routingCommands.js';
import { contactNow, deliver, withinRate } from './chatLive.js';
import type { ChatService } from './chatService.js';
import { chatSettingsOf, checkText } from './chatSettings.js';
import { loadChat, markRead, messagesAfter, type ChatMessage, type PreChat, type StoredChat } from './chatStore.js';

export interface StaffChatView {
  chat: {
    id: string;
    serviceId: string;
    state: StoredChat['state'];
    endedBy: StoredChat['endedBy'];
    preChat: PreChat;
    createdAt: string;
    endedAt: string | null;
    /** The routing contact carrying it now (its record, wrap-up and transfer use this id). */
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
  };
  messages: ChatMessage[];
  /** Whether this reader may write (the holder, or a supervisor stepping in). */
  canWrite: boolean;
}

/** The chat as stored, and who may see it now (from the routing engine while its contact is open, else as stored). */
export async function factsOf(svc: ChatService, chatId: string) {
  const stored = await loadChat(svc.deps.db, chatId);
  if (!stored) throw new AppError('chat.not_found');
  const c = contactNow(svc.deps.routing, chatId);
  const inHand = c.state === 'offered' || c.state === 'active' || c.state === 'wrapup';
  const facts: ChatFacts = {
    serviceId: stored.serviceId,
    answeredByServiceId: inHand ? c.answeredByServiceId : stored.answeredByServiceId,
    holder: inHand ? c.staffId : stored.staffId,
    offeredTo: c.offeredTo,
  };
  return { stored, facts, contact: c };
}

export async function readChat(svc: ChatService, actor: Actor, chatId: string, afterSeq = 0): Promise<StaffChatView> {
  const { stored, facts, contact } = await factsOf(svc, chatId);
  enforce(policy.readChat(actor, facts), 'chat.not_found');
  const as = facts.holder === actor.userId ? 'holder' : facts.offeredTo === actor.userId ? 'offer' : 'supervisor';
  const live = svc.live.get(chatId);
  const engineContact = svc.deps.routing.engine.state.contacts.get(contact.contactId);
  const [messages, extra] = await Promise.all([
    stored.transcriptDeletedAt ? Promise.resolve([]) : messagesAfter(svc.deps.db, svc.deps.key, chatId, afterSeq),
    svc.deps.db
      .selectFrom('chat_sessions as s')
      .leftJoin('staff_users as u', 'u.id', 's.staff_id')
      .select(['s.feedback_rating', 's.feedback_comment', 'u.pseudonym'])
      .where('s.id', '=', chatId)
      .executeTakeFirstOrThrow(),
  ]);
  await inUnit(svc.deps, async (u) =>
    appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: stored.serviceId,
      action: 'chat.read',
      targetType: 'chat',
      targetId: chatId,
      details: { as, state: stored.state },
    }),
  );
  const now = svc.deps.clock().getTime();
  return {
    chat: {
      id: chatId,
      serviceId: stored.serviceId,
      state: live?.state ?? stored.state,
      endedBy: live?.endedBy ?? stored.endedBy,
      preChat: stored.preChat,
      createdAt: stored.createdAt.toISOString(),
      endedAt: stored.endedAt?.toISOString() ?? null,
      contactId: contact.contactId,
      risk: engineContact?.risk ?? 'unknown',
      waitedSeconds: engineContact ? Math.max(0, Math.round(((engineContact.acceptedAt ?? now) - engineContact.queuedAt) / 1000)) : null,
      holderPseudonym: extra.pseudonym ?? null,
      childOnline: (live?.children.size ?? 0) > 0,
      lastSeq: stored.lastSeq,
      childReadSeq: stored.childReadSeq,
      staffReadSeq: stored.staffReadSeq,
      feedback:
        stored.feedbackAt === null
          ? null
          : {
              rating: extra.feedback_rating,
              comment: extra.feedback_comment === null ? null : open(svc.deps.key, extra.feedback_comment, `chat-feedback:${chatId}`),
            },
      transcriptDeleted: stored.transcriptDeletedAt !== null,
    },
    messages,
    canWrite: (live?.state ?? stored.state) !== 'ended' && policy.writeChat(actor, facts) === 'allow',
  };
}

export async function staffMessage(svc: ChatService, actor: Actor, chatId: string, input: { clientId: string; text: string }) {
  const { facts, stored } = await factsOf(svc, chatId);
  enforce(policy.writeChat(actor, facts), 'chat.not_found');
  const chat = svc.openChat(chatId);
  checkText(input.text);
  const service = await svc.settingsOf(stored.serviceId);
  if (
    !withinRate(
      chat.sent.staff,
      svc.deps.clock().getTime(),
      service?.settings.messagesPerMinute ?? chatSettingsOf(undefined).messagesPerMinute,
    )
  )
    throw new AppError('chat.too_many_messages');
  const steppingIn = facts.holder !== actor.userId;
  const saved = await svc.writer.append({
    chatId,
    from: 'counsellor',
    staffId: actor.userId,
    clientId: input.clientId,
    text: input.text,
    at: svc.deps.clock(),
  });
  if (steppingIn && !saved.duplicate) {
    await inUnit(svc.deps, async (u) =>
      appendAudit(u.tx, u.now, {
        actorId: actor.userId,
        serviceId: stored.serviceId,
        action: 'chat.step_in',
        targetType: 'chat',
        targetId: chatId,
        details: { seq: saved.seq },
      }),
    );
  }
  const message: ChatMessage = {
    seq: saved.seq,
    from: 'counsellor',
    text: input.text,
    at: saved.at.toISOString(),
    pseudonym: await svc.pseudonymOf(actor.userId),
  };
  if (!saved.duplicate) deliver(svc.deps.publish, chat, { type: 'message', message }, { name: 'chat.message', data: { message } });
  return { seq: saved.seq, at: saved.at.toISOString() };
}

export async function staffTyping(svc: ChatService, actor: Actor, chatId: string): Promise<void> {
  const { facts } = await factsOf(svc, chatId);
  enforce(policy.writeChat(actor, facts), 'chat.not_found');
  deliver(svc.deps.publish, svc.openChat(chatId), { type: 'typing' }, null);
}

export async function staffRead(svc: ChatService, actor: Actor, chatId: string, seq: number): Promise<{ staffReadSeq: number }> {
  const { facts } = await factsOf(svc, chatId);
  enforce(policy.writeChat(actor, facts), 'chat.not_found');
  const stored = (await markRead(svc.deps.db, chatId, 'staff', seq)) ?? 0;
  const chat = svc.live.get(chatId);
  if (chat) {
    chat.staffReadSeq = stored;
    deliver(svc.deps.publish, chat, { type: 'read', seq: stored }, { name: 'chat.read', data: { by: 'staff', seq: stored } });
  }
  return { staffReadSeq: stored };
}

/** The counsellor (or a supervisor) ends the chat: its routing contact goes to wrap-up, the child is told. */
export async function staffEnd(svc: ChatService, actor: Actor, chatId: string, commandId: string) {
  const { facts, contact } = await factsOf(svc, chatId);
  enforce(policy.writeChat(actor, facts), 'chat.not_found');
  // A chat still waiting for a counsellor is not staff's to end: its child may end it, a supervisor may block the device.
  if (contact.state === 'queued' || contact.state === 'offered') throw new AppError('routing.invalid_state');
  const live = svc.live.get(chatId);
  if (live) live.endingBy = 'counsellor';
  if (contact.state === 'active') {
    await actOnContact(
      { db: svc.deps.db, routing: svc.deps.routing, clock: svc.deps.clock },
      actor,
      contact.contactId,
      { type: 'end' },
      { commandId },
    );
  }
  await svc.endChat(chatId, 'counsellor');
  return { state: 'ended' as const };
}
