// Which helpline services' directories the signed-in user may change, export or open to the public,
// as the server's policy decides (src/domain/auth/policy.ts: editDirectory, exportDirectory,
// publishDirectory — sent as permissions), so the UI offers only what would be allowed. Each card
// also carries its own `editable`, computed by the server.
import type { Me, ServiceSummary } from '../types';

const isAdmin = (me: Me) => me.user.grants.some((g) => g.role === 'admin');

const servicesWith = (me: Me, ids: readonly string[]): ServiceSummary[] =>
  isAdmin(me) ? me.services : me.services.filter((s) => ids.includes(s.id));

/** Entries, taxonomy terms and import: a service's head and methodologists; the admin everywhere. */
export const editableServices = (me: Me): ServiceSummary[] => servicesWith(me, me.permissions.directoryEditServiceIds);

/** Export: a service's supervisors, head and methodologists; the admin everywhere. */
export const exportableServices = (me: Me): ServiceSummary[] => servicesWith(me, me.permissions.directoryExportServiceIds);

/** Opening the directory to readers without an account: a service's head; the admin everywhere. */
export const canPublish = (me: Me, tenantId: string): boolean =>
  servicesWith(me, me.permissions.directoryPublishServiceIds).some((s) => s.id === tenantId);

/** National terms (tenantId null) are the admin's; a service's own terms its head's and methodologists'. */
export const canEditTerm = (me: Me, tenantId: string | null): boolean =>
  tenantId === null ? isAdmin(me) : editableServices(me).some((s) => s.id === tenantId);
