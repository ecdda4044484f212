// Creating and changing services (tenants). Every change is audited in the same transaction.
import { seedCannedResponses } from '../chat/cannedResponses.js';
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { isUniqueViolation } from '../../db/pgErrors.js';
import { serviceNameKey, type NewService, type ServicePatch, type ServiceView } from './serviceSchemas.js';
import { toServiceView } from './serviceQueries.js';

export async function createService(deps: UnitDeps, actor: Actor, input: NewService): Promise<ServiceView> {
  enforce(policy.createService(actor), 'service.not_found');
  try {
    return await inUnit(deps, async (u) => {
      const row = await u.tx
        .insertInto('services')
        .values({
          name: input.name,
          name_key: serviceNameKey(input.name),
          short_name: input.shortName ?? null,
          region: input.region,
          time_zone: input.timeZone,
          settings: JSON.stringify(input.settings),
          created_at: u.now,
          updated_at: u.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await seedCannedResponses(u.tx, row.id, u.now);
      await appendAudit(u.tx, u.now, {
        actorId: actor.userId,
        serviceId: row.id,
        action: 'service.create',
        targetType: 'service',
        targetId: row.id,
        details: { name: row.name, region: row.region, timeZone: row.time_zone },
      });
      u.emit({ topic: 'admin', name: 'service.created', data: { id: row.id } });
      return toServiceView(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'services_name_key')) throw new AppError('service.name_taken');
    throw err;
  }
}

export async function updateService(deps: UnitDeps, actor: Actor, id: string, patch: ServicePatch): Promise<ServiceView> {
  enforce(policy.editService(actor, id), 'service.not_found');
  if (patch.active !== undefined) enforce(policy.setServiceActive(actor, id), 'service.not_found');
  try {
    return await inUnit(deps, async (u) => {
      const before = await u.tx.selectFrom('services').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw new AppError('service.not_found');
      if (before.version !== patch.version) throw new AppError('resource.version_conflict', { currentVersion: before.version });
      const row = await u.tx
        .updateTable('services')
        .set({
          ...(patch.name !== undefined ? { name: patch.name, name_key: serviceNameKey(patch.name) } : {}),
          ...(patch.shortName !== undefined ? { short_name: patch.shortName } : {}),
          ...(patch.region !== undefined ? { region: patch.region } : {}),
          ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
          ...(patch.settings !== undefined ? { settings: JSON.stringify(patch.settings) } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
          version: before.version + 1,
          updated_at: u.now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const changed = changedFields(toServiceView(before), toServiceView(row));
      await appendAudit(u.tx, u.now, {
        actorId: actor.userId,
        serviceId: id,
        action: 'service.update',
        targetType: 'service',
        targetId: id,
        details: { changed },
      });
      u.emit({ topic: `service:${id}`, name: 'service.updated', data: { id, version: row.version } });
      u.emit({ topic: 'admin', name: 'service.updated', data: { id, version: row.version } });
      return toServiceView(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'services_name_key')) throw new AppError('service.name_taken');
    throw err;
  }
}

/** Before/after of the fields that changed, for the audit row. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (key === 'version' || key === 'updatedAt' || key === 'createdAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = { from: before[key], to: after[key] };
  }
  return out;
}
