// A service's settings for cases and signals (`/api/services/:id/case-settings`, caseSettings.ts on the
// server): retention periods, the signals' working-day deadlines and the service's additions to the
// production calendar. Read by the service's staff, set by its head (policy.viewCaseSettings /
// editCaseSettings); a save sends every field, the calendar's lists whole.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { Me } from '../types';

export interface CaseSettings {
  retentionConsentDays: number;
  retentionDutyDays: number;
  retentionSignalDays: number;
  ackWorkingDays: number;
  outcomeWorkingDays: number;
  /** ISO days ('2026-11-03'), sorted. */
  extraDaysOff: string[];
  extraWorkingDays: string[];
  /** When they were last saved (null: never, the defaults); sent back with a save as its version. */
  updatedAt: string | null;
}

export const caseSettingsPath = (serviceId: string) => `/cases/settings/${serviceId}`;
const settingsKey = (serviceId: string) => ['cases', 'settings', serviceId] as const;

/** Who reads them: the service's counsellors, supervisors and head. */
export const canViewCaseSettings = (me: Me, serviceId: string) => me.permissions.dutyServiceIds.includes(serviceId);

/** Who sets them: the service's head (policy.editCaseSettings, sent as permissions.caseSettingsServiceIds). */
export const canEditCaseSettings = (me: Me, serviceId: string) => me.permissions.caseSettingsServiceIds.includes(serviceId);

export const useCaseSettings = (serviceId: string) =>
  useQuery({
    queryKey: settingsKey(serviceId),
    queryFn: () => api.get<CaseSettings>(`/api/services/${serviceId}/case-settings`),
  });

export function useSaveCaseSettings(serviceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CaseSettings) => api.put<CaseSettings>(`/api/services/${serviceId}/case-settings`, input),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey(serviceId), saved),
  });
}
