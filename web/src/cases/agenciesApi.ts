// The service's own list of agencies signals go to (those the referral directory lacks): added and
// changed by its supervisors and head, each change with the version it was made on. The list is
// read through useAddresseeChoices (signalsApi.ts), so the signal form offers a change at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { agenciesKey } from './signalsApi';
import type { Agency, AgencyType } from './types';

export interface AgencyInput {
  name: string;
  agencyType: AgencyType;
  email: string | null;
  fax: string | null;
  phone: string | null;
}

function useAgencyMutation<I>(serviceId: string, call: (input: I) => Promise<Agency>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agenciesKey(serviceId) }),
  });
}

export const useAddAgency = (serviceId: string) =>
  useAgencyMutation(serviceId, (input: AgencyInput) => api.post<Agency>(`/api/services/${serviceId}/signal-agencies`, input));

/** A change (or switching the agency off and on) on the version it was made on; a newer one answers 409. */
export const useChangeAgency = (serviceId: string) =>
  useAgencyMutation(serviceId, ({ id, ...patch }: { id: string; version: number } & Partial<AgencyInput> & { active?: boolean }) =>
    api.patch<Agency>(`/api/services/${serviceId}/signal-agencies/${id}`, patch),
  );
