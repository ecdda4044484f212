// Services (tenants) through react-query: the list, creating one, changing one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { ME_KEY } from '../../auth/session';
import type { ChatServiceSettings } from '../../chat/types';
import type { Service, ServiceSettings } from '../../types';

export const SERVICES_KEY = ['services'] as const;

export interface ServiceInput {
  name: string;
  shortName: string | null;
  region: string;
  timeZone: string;
  settings: ServiceSettings & ChatServiceSettings;
}

export type ServicePatch = Partial<ServiceInput> & { version: number; active?: boolean };

export const useServices = () =>
  useQuery({ queryKey: SERVICES_KEY, queryFn: () => api.get<{ items: Service[] }>('/api/services').then((r) => r.items) });

function useServiceMutation<T>(fn: (input: T) => Promise<Service>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Refetch after failures too: a version conflict means the list on screen is out of date.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: SERVICES_KEY });
      // Service names also appear in the session (me.services), used across the app.
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export const useCreateService = () => useServiceMutation((input: ServiceInput) => api.post<Service>('/api/services', input));

export const useUpdateService = () =>
  useServiceMutation(({ id, ...patch }: ServicePatch & { id: string }) => api.patch<Service>(`/api/services/${id}`, patch));
