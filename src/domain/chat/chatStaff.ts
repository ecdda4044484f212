// What staff do with a chat: read it (audited), write in it (a supervisor stepping in is audited),
// say they are typing or have read, end it (the routing contact goes to wrap-up), block its caller.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { inUnit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor, type ChatFacts } from '../auth/policy.js';
import { open, seal } from '../privacy/sealedText.js';
import { actOnContact } from '../routing/live/routingCommands.js';
import { contactNow, deliver, withinRate } from './chatLive.js';
import { checkText, type ChatService } from './chatService.js';
import { chatSettingsOf } from './chatSettings.js';
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
async function factsOf(svc: ChatService, chatId: string) {
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

export const blockInputSchema = z
  .object({
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90),
    reason: z.string().trim().min(3).max(1000),
  })
  .strict();

export const chatBlockViewSchema = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  chatId: z.uuid().nullable(),
  reason: z.string(),
  blockedUntil: z.iso.datetime({ offset: true }),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string().nullable(),
  liftedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ChatBlockView = z.infer<typeof chatBlockViewSchema>;

/** A supervisor blocks the chat's caller key (the device) from starting chats in the service for a while. */
export async function blockCaller(
  svc: ChatService,
  actor: Actor,
  chatId: string,
  input: z.infer<typeof blockInputSchema>,
): Promise<ChatBlockView> {
  const { facts, stored } = await factsOf(svc, chatId);
  enforce(policy.readChat(actor, facts), 'chat.not_found');
  enforce(policy.blockChatCaller(actor, stored.serviceId), 'chat.not_found');
  if (!stored.callerKey) throw new AppError('chat.no_caller_key');
  const id = randomUUID();
  // Read before the unit: on PGlite (one connection) a read outside the open transaction would wait for it forever.
  const pseudonym = await svc.pseudonymOf(actor.userId);
  return inUnit(svc.deps, async (u) => {
    const until = new Date(u.now.getTime() + input.hours * 3600_000);
    await u.tx
      .insertInto('chat_blocks')
      .values({
        id,
        service_id: stored.serviceId,
        caller_key: stored.callerKey!,
        chat_id: chatId,
        reason: seal(svc.deps.key, input.reason, `chat-block:${id}`),
        blocked_until: until,
        created_by: actor.userId,
        created_at: u.now,
      })
      .execute();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: stored.serviceId,
      action: 'chat.block',
      targetType: 'chat_block',
      targetId: id,
      details: { chatId, hours: input.hours },
    });
    u.emit({ topic: `board:${stored.serviceId}`, name: 'chat.blocks_changed', data: { serviceId: stored.serviceId } });
    return {
      id,
      serviceId: stored.serviceId,
      chatId,
      reason: input.reason,
      blockedUntil: until.toISOString(),
      createdAt: u.now.toISOString(),
      createdBy: pseudonym,
      liftedAt: null,
    };
  });
}

export async function listBlocks(svc: ChatService, actor: Actor, serviceId: string): Promise<ChatBlockView[]> {
  enforce(policy.blockChatCaller(actor, serviceId), 'service.not_found');
  const now = svc.deps.clock();
  const rows = await svc.deps.db
    .selectFrom('chat_blocks as b')
    .leftJoin('staff_users as u', 'u.id', 'b.created_by')
    .select(['b.id', 'b.service_id', 'b.chat_id', 'b.reason', 'b.blocked_until', 'b.created_at', 'b.lifted_at', 'u.pseudonym'])
    .where('b.service_id', '=', serviceId)
    .where('b.lifted_at', 'is', null)
    .where('b.blocked_until', '>', now)
    .orderBy('b.created_at', 'desc')
    .limit(500)
    .execute();
  await inUnit(svc.deps, async (u) =>
    appendAudit(u.tx, u.now, { actorId: actor.userId, serviceId, action: 'chat.blocks_read', targetType: 'service', targetId: serviceId }),
  );
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.service_id,
    chatId: r.chat_id,
    reason: open(svc.deps.key, r.reason, `chat-block:${r.id}`),
    blockedUntil: r.blocked_until.toISOString(),
    createdAt: r.created_at.toISOString(),
    createdBy: r.pseudonym ?? null,
    liftedAt: r.lifted_at?.toISOString() ?? null,
  }));
}

export async function liftBlock(svc: ChatService, actor: Actor, blockId: string): Promise<{ liftedAt: string }> {
  const row = await svc.deps.db.selectFrom('chat_blocks').select(['service_id', 'lifted_at']).where('id', '=', blockId).executeTakeFirst();
  if (!row) throw new AppError('chat.block_not_found');
  enforce(policy.blockChatCaller(actor, row.service_id), 'chat.block_not_found');
  return inUnit(svc.deps, async (u) => {
    const r = await u.tx
      .updateTable('chat_blocks')
      .set({ lifted_at: u.now, lifted_by: actor.userId })
      .where('id', '=', blockId)
      .where('lifted_at', 'is', null)
      .returning('lifted_at')
      .executeTakeFirst();
    if (r) {
      await appendAudit(u.tx, u.now, {
        actorId: actor.userId,
        serviceId: row.service_id,
        action: 'chat.unblock',
        targetType: 'chat_block',
        targetId: blockId,
      });
      u.emit({ topic: `board:${row.service_id}`, name: 'chat.blocks_changed', data: { serviceId: row.service_id } });
    }
    return { liftedAt: (r?.lifted_at ?? row.lifted_at ?? u.now).toISOString() };
  });
}
