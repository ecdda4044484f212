// Which services and roles this person may hand out (mirrors policy.changeGrant on the server):
// an admin any role anywhere, a head the service roles in the services they head.
import { NATIONAL_ROLES, SERVICE_ROLES, type Grant, type Me, type Role, type ServiceSummary } from '../../types';

/** Form value for "the whole network" (national roles have serviceId null). */
export const NATIONAL = 'national';

export interface GrantRow {
  serviceId: string; // '' = not chosen yet, NATIONAL = whole network
  role: Role;
}

export function grantableServices(me: Me): ServiceSummary[] {
  if (me.permissions.allServices) return me.services;
  const managed = new Set(me.permissions.managedServiceIds);
  return me.services.filter((s) => managed.has(s.id));
}

export const canGrantNational = (me: Me): boolean => me.permissions.allServices;

export const rolesFor = (serviceId: string): readonly Role[] => (serviceId === NATIONAL ? NATIONAL_ROLES : SERVICE_ROLES);

export const toRow = (g: Grant): GrantRow => ({ serviceId: g.serviceId ?? NATIONAL, role: g.role });

export const toGrant = (r: GrantRow): Grant => ({ serviceId: r.serviceId === NATIONAL ? null : r.serviceId, role: r.role });
