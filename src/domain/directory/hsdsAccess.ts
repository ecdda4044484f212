// Who reads which part of the directory. Staff see the national entries and those of the helpline
// services they hold a role in (an admin: all). Without signing in, a helpline's entries (with the
// national ones) are readable only when its head has made its directory public — off by default; any
// other helpline id, existing or not, answers the same 404.
import type { Database } from '../../db/database.js';
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { readerScope } from './directoryAccess.js';
import type { DirectoryScope } from './directoryStore.js';
import type { ListScope } from './hsdsLists.js';
import type { DirectorySettings } from './hsdsSchemas.js';

/** A signed-in reader's scope; an admin's names every helpline too (the row store takes ids). */
export async function staffScope(db: Database, actor: Actor): Promise<ListScope> {
  enforce(policy.readDirectory(actor), 'directory.not_found');
  const services = readerScope(actor);
  if (services !== 'all') return { tenantIds: services };
  const all = await db.selectFrom('services').select('id').execute();
  return { tenantIds: all.map((s) => s.id), all: true };
}

/** The scope of the public HSDS API of helpline `tenantId`: its entries and the national ones. */
export async function publicScope(db: Database, tenantId: string): Promise<DirectoryScope> {
  const open = await db
    .selectFrom('directory_settings as d')
    .innerJoin('services as s', 's.id', 'd.tenant_id')
    .select('d.tenant_id')
    .where('d.tenant_id', '=', tenantId)
    .where('d.public', '=', true)
    .where('s.active', '=', true)
    .executeTakeFirst();
  if (!open) throw new AppError('service.not_found');
  return { tenantIds: [tenantId] };
}

export async function getDirectorySettings(db: Database, actor: Actor, tenantId: string): Promise<DirectorySettings> {
  enforce(policy.viewService(actor, tenantId), 'service.not_found');
  const row = await db
    .selectFrom('services as s')
    .leftJoin('directory_settings as d', 'd.tenant_id', 's.id')
    .select('d.public')
    .where('s.id', '=', tenantId)
    .executeTakeFirst();
  if (!row) throw new AppError('service.not_found');
  return { public: row.public ?? false };
}

/** Opens or closes a helpline's directory to readers without an account (its head; audited). */
export async function putDirectorySettings(
  deps: UnitDeps,
  actor: Actor,
  tenantId: string,
  input: DirectorySettings,
): Promise<DirectorySettings> {
  enforce(policy.publishDirectory(actor, tenantId), 'service.not_found');
  return inUnit(deps, async (u) => {
    const service = await u.tx.selectFrom('services').select('id').where('id', '=', tenantId).executeTakeFirst();
    if (!service) throw new AppError('service.not_found');
    const before = await u.tx
      .selectFrom('directory_settings')
      .select('public')
      .where('tenant_id', '=', tenantId)
      .forUpdate()
      .executeTakeFirst();
    if ((before?.public ?? false) === input.public && before) return { public: input.public };
    await u.tx
      .insertInto('directory_settings')
      .values({ tenant_id: tenantId, public: input.public, updated_at: u.now })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ public: input.public, updated_at: u.now }))
      .execute();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: tenantId,
      action: 'directory.settings_update',
      targetType: 'service',
      targetId: tenantId,
      details: { public: input.public },
    });
    return { public: input.public };
  });
}
