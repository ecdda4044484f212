// Which helpline services' directories the signed-in user may change or export, as the server's
// policy decides (src/domain/auth/policy.ts: editDirectory, exportDirectory), so the UI offers
// only what would be allowed. Each card also carries its own `editable`, computed by the server.
import type { Me, ServiceSummary } from '../types';

const isAdmin = (me: Me) => me.user.grants.some((g) => g.role === 'admin');

const servicesWith = (me: Me, ids: readonly string[]): ServiceSummary[] =>
  isAdmin(me) ? me.services : me.services.filter((s) => ids.includes(s.id));

/** Entries, taxonomy terms, import and public access: a service's head; the admin everywhere. */
export const editableServices = (me: Me): ServiceSummary[] =>
  servicesWith(
    me,
    me.user.grants.filter((g) => g.role === 'head' && g.serviceId).map((g) => g.serviceId as string),
  );

/** Export: a service's supervisors and head; the admin everywhere. */
export const exportableServices = (me: Me): ServiceSummary[] => servicesWith(me, me.permissions.superviseServiceIds);

/** National terms (tenantId null) are the admin's; a service's own terms its head's. */
export const canEditTerm = (me: Me, tenantId: string | null): boolean =>
  tenantId === null ? isAdmin(me) : editableServices(me).some((s) => s.id === tenantId);
