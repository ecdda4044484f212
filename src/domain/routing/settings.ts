// Routing settings per service: the stored (partial) settings with defaults filled in.
import type { RoutingSettings } from './types.js';

export const DEFAULT_ROUTING_SETTINGS: Readonly<RoutingSettings> = {
  offerTimeoutSeconds: 20,
  wrapUpSeconds: 60,
  chatCapacity: 2,
  voiceBlocksText: true,
  partnerServiceIds: [],
  partnerAfterSeconds: 60,
  nationalBackupAfterSeconds: 180,
  nationalBackup: false,
  carePlanSeconds: 60,
  maxWaitSeconds: 3600,
  declineCooldownSeconds: 30,
};

export function routingSettingsOf(stored: Partial<RoutingSettings> | undefined): RoutingSettings {
  const s = { ...DEFAULT_ROUTING_SETTINGS, ...(stored ?? {}) };
  return { ...s, partnerServiceIds: [...s.partnerServiceIds] };
}
