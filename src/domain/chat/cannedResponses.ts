// Canned responses: a service's ready-made chat phrases (greeting, closing, "are you safe right now?").
// Every new service starts with the Russian defaults; its supervisors and head edit them.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor } from '../auth/policy.js';

export const DEFAULT_CANNED_RESPONSES: readonly { title: string; body: string }[] = [
  { title: 'Приветствие', body: 'Здравствуй! Это детский телефон доверия. Я рядом и готов(а) тебя выслушать. Что случилось?' },
  { title: 'Ты в безопасности?', body: 'Ты сейчас в безопасности? Рядом есть кто-то, кто может тебе навредить?' },
  { title: 'Мысли о смерти', body: 'Бывает ли, что тебе хочется умереть или причинить себе вред?' },
  { title: 'Я слышу тебя', body: 'Спасибо, что написал(а). Это важно, и ты правильно сделал(а), что обратился(-ась).' },
  {
    title: 'Завершение',
    body: 'Спасибо, что написал(а) нам. Если захочешь поговорить ещё — пиши или звони 8-800-2000-122, бесплатно и круглосуточно.',
  },
];

const text = (max: number) => z.string().trim().min(1).max(max);
export const newCannedSchema = z.object({ title: text(100), body: text(2000) }).strict();
export const cannedPatchSchema = z
  .object({
    version: z.number().int().min(1).max(2_147_483_647),
    title: text(100).optional(),
    body: text(2000).optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict();
export const cannedViewSchema = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  title: z.string(),
  body: z.string(),
  position: z.number().int(),
  version: z.number().int(),
});
export type CannedView = z.infer<typeof cannedViewSchema>;

type Row = { id: string; service_id: string; title: string; body: string; position: number; version: number };
const viewOf = (r: Row): CannedView => ({
  id: r.id,
  serviceId: r.service_id,
  title: r.title,
  body: r.body,
  position: r.position,
  version: r.version,
});

export async function seedCannedResponses(tx: Transaction<DB>, serviceId: string, now: Date): Promise<void> {
  await tx
    .insertInto('canned_responses')
    .values(
      DEFAULT_CANNED_RESPONSES.map((c, i) => ({
        id: randomUUID(),
        service_id: serviceId,
        title: c.title,
        body: c.body,
        position: i,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

const COLUMNS = ['id', 'service_id', 'title', 'body', 'position', 'version'] as const;

export async function listCanned(deps: UnitDeps, actor: Actor, serviceId: string): Promise<CannedView[]> {
  enforce(policy.useCanned(actor, serviceId), 'service.not_found');
  const rows = await deps.db
    .selectFrom('canned_responses')
    .select(COLUMNS)
    .where('service_id', '=', serviceId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map(viewOf);
}

export async function createCanned(
  deps: UnitDeps,
  actor: Actor,
  serviceId: string,
  input: z.infer<typeof newCannedSchema>,
): Promise<CannedView> {
  enforce(policy.manageCanned(actor, serviceId), 'service.not_found');
  return inUnit(deps, async (u) => {
    const last = await u.tx
      .selectFrom('canned_responses')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('service_id', '=', serviceId)
      .executeTakeFirst();
    const row = await u.tx
      .insertInto('canned_responses')
      .values({
        id: randomUUID(),
        service_id: serviceId,
        title: input.title,
        body: input.body,
        position: (last?.p ?? -1) + 1,
        created_at: u.now,
        updated_at: u.now,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId,
      action: 'canned.create',
      targetType: 'canned_response',
      targetId: row.id,
    });
    u.emit({ topic: `service:${serviceId}`, name: 'canned.changed', data: { serviceId } });
    return viewOf(row);
  });
}

async function ownedRow(deps: UnitDeps, actor: Actor, id: string): Promise<Row> {
  const row = await deps.db.selectFrom('canned_responses').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('canned.not_found');
  enforce(policy.manageCanned(actor, row.service_id), 'canned.not_found');
  return row;
}

export async function updateCanned(
  deps: UnitDeps,
  actor: Actor,
  id: string,
  patch: z.infer<typeof cannedPatchSchema>,
): Promise<CannedView> {
  const before = await ownedRow(deps, actor, id);
  return inUnit(deps, async (u) => {
    const row = await u.tx
      .updateTable('canned_responses')
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        version: patch.version + 1,
        updated_at: u.now,
      })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!row) throw new AppError('resource.version_conflict');
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: before.service_id,
      action: 'canned.update',
      targetType: 'canned_response',
      targetId: id,
    });
    u.emit({ topic: `service:${before.service_id}`, name: 'canned.changed', data: { serviceId: before.service_id } });
    return viewOf(row);
  });
}

export async function deleteCanned(deps: UnitDeps, actor: Actor, id: string): Promise<void> {
  const before = await ownedRow(deps, actor, id);
  await inUnit(deps, async (u) => {
    await u.tx.deleteFrom('canned_responses').where('id', '=', id).execute();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: before.service_id,
      action: 'canned.delete',
      targetType: 'canned_response',
      targetId: id,
      details: { title: before.title },
    });
    u.emit({ topic: `service:${before.service_id}`, name: 'canned.changed', data: { serviceId: before.service_id } });
  });
}
