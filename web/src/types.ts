// Shapes the API returns (mirrors the server's response schemas in src/domain/*/…Schemas.ts).
export const SERVICE_ROLES = ['counsellor', 'supervisor', 'head', 'methodologist'] as const;
export const NATIONAL_ROLES = ['analyst', 'admin'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];
export type NationalRole = (typeof NATIONAL_ROLES)[number];
export type Role = ServiceRole | NationalRole;

export interface Grant {
  serviceId: string | null;
  role: Role;
}

export interface ServiceSummary {
  id: string;
  name: string;
  shortName: string | null;
  /** IANA zone the service counts its days in (given by /api/me). */
  timeZone?: string;
}

export interface Me {
  user: { id: string; login: string; pseudonym: string; fullName: string; mustChangePassword: boolean; grants: Grant[] };
  services: ServiceSummary[];
  permissions: {
    manageServices: boolean;
    manageStaff: boolean;
    managedServiceIds: string[];
    allServices: boolean;
    nationalStatistics: boolean;
    dutyServiceIds: string[];
    superviseServiceIds: string[];
    directoryEditServiceIds: string[];
    directoryExportServiceIds: string[];
    directoryPublishServiceIds: string[];
    caseSettingsServiceIds: string[];
  };
  csrfToken: string;
  sessionExpiresAt: string;
}

/** Routing settings of a service (src/domain/tenants/serviceSchemas.ts); absent → the engine's default. */
export interface ServiceSettings {
  offerTimeoutSeconds?: number;
  wrapUpSeconds?: number;
  chatCapacity?: number;
  voiceBlocksText?: boolean;
  partnerServiceIds?: string[];
  partnerAfterSeconds?: number;
  nationalBackupAfterSeconds?: number | null;
  nationalBackup?: boolean;
  carePlanSeconds?: number;
  maxWaitSeconds?: number;
  declineCooldownSeconds?: number;
}

export interface Service extends ServiceSummary {
  region: string;
  timeZone: string;
  settings: ServiceSettings;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Staff {
  id: string;
  login: string;
  pseudonym: string;
  fullName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  grants: Grant[];
  version: number;
  createdAt: string;
  /** Computed by the server's policy: whether the signed-in user may change this account. */
  canManage: boolean;
}

export interface StaffWithPassword {
  staff: Staff;
  temporaryPassword?: string;
}
