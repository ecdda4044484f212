// Blocking a caller: a supervisor stops the device behind a chat (its caller key) from starting chats
// in the service for a period, with a reason (sealed); blocks are listed and lifted, all audited.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { inUnit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { open, seal } from '../privacy/sealedText.js';
import type { ChatService } from './chatService.js';
import { factsOf } from './chatStaff.js';

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
