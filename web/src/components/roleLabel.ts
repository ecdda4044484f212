// Human names of roles and of the services a grant points to.
import type { MessageKey } from '../i18n/ru';
import type { Role, ServiceSummary } from '../types';

export const roleKey = (role: Role): MessageKey => `role.${role}`;

export const serviceLabel = (s: ServiceSummary): string => s.shortName ?? s.name;
