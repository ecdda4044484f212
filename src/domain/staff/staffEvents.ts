// Audit rows and realtime events for a change to a staff account, one per service it touches.
import type { Unit } from '../../db/unitOfWork.js';
import { appendAudit, lockAuditChains } from '../audit/appendAudit.js';
import type { Actor, Grant } from '../auth/policy.js';

export function servicesOf(grants: readonly Grant[]): (string | null)[] {
  const ids = [...new Set(grants.map((g) => g.serviceId))];
  return ids.length > 0 ? ids : [null];
}

export async function recordStaffChange(
  u: Unit,
  actor: Actor,
  targetId: string,
  grants: readonly Grant[],
  action: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const services = servicesOf(grants);
  await lockAuditChains(u.tx, services);
  for (const serviceId of services) {
    await appendAudit(u.tx, u.now, { actorId: actor.userId, serviceId, action, targetType: 'staff_user', targetId, details });
    if (serviceId) u.emit({ topic: `service:${serviceId}`, name: 'staff.updated', data: { id: targetId } });
  }
  u.emit({ topic: 'admin', name: 'staff.updated', data: { id: targetId } });
}
