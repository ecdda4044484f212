// Reading services, always through the actor's scope: an outsider's query finds nothing.
import type { Database } from '../../db/database.js';
import type { ServiceRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { policy, visibleServices, type Actor } from '../auth/policy.js';
import type { ServiceView } from './serviceSchemas.js';

export const toServiceView = (r: ServiceRow): ServiceView => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  region: r.region,
  timeZone: r.time_zone,
  settings: r.settings,
  active: r.active,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function listServices(db: Database, actor: Actor): Promise<ServiceView[]> {
  const scope = visibleServices(actor);
  if (scope !== 'all' && scope.length === 0) return [];
  let q = db.selectFrom('services').selectAll().orderBy('name');
  if (scope !== 'all') q = q.where('id', 'in', scope);
  return (await q.execute()).map(toServiceView);
}

export async function getService(db: Database, actor: Actor, id: string): Promise<ServiceView> {
  if (policy.viewService(actor, id) !== 'allow') throw new AppError('service.not_found');
  const row = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('service.not_found');
  return toServiceView(row);
}
