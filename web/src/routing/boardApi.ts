// The supervisor's side of routing through react-query: the live board, statistics, care plans and
// the supervisor commands (assign, take, presence of a counsellor). The board stamps the server's clock.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newCommandId } from '../api';
import type { Service } from '../types';
import { WORKSTATION_KEY } from './routingApi';
import { noteServerClock } from './time';
import type { Board, CarePlan, ContactView, ServiceStatistics, SettablePresence, StatisticsWindow, Workstation } from './types';

export const boardKey = (serviceId: string) => ['routing', 'board', serviceId] as const;
export const carePlansKey = (serviceId: string) => ['routing', 'care-plans', serviceId] as const;

export const useBoard = (serviceId: string | null) =>
  useQuery({
    queryKey: boardKey(serviceId ?? ''),
    queryFn: () => api.get<Board>(`/api/routing/services/${serviceId}/board`).then(noteServerClock),
    enabled: serviceId !== null,
    staleTime: 2_000,
    // Realtime `routing.board` events drive refetches; the poll is a safety net.
    refetchInterval: 30_000,
  });

function statisticsQuery(w: StatisticsWindow): string {
  const q = new URLSearchParams({ window: w.window });
  if (w.window === 'custom') {
    q.set('from', w.from);
    q.set('to', w.to);
  }
  return q.toString();
}

/** `null`: no window chosen yet (a custom period not yet entered). */
export const useStatistics = (serviceId: string, w: StatisticsWindow | null) =>
  useQuery({
    queryKey: ['routing', 'statistics', serviceId, w],
    queryFn: () => api.get<ServiceStatistics>(`/api/routing/services/${serviceId}/statistics?${statisticsQuery(w!)}`),
    enabled: w !== null,
    placeholderData: keepPreviousData,
    refetchInterval: w?.window === 'custom' ? false : 15_000,
  });

export const useCarePlans = (serviceId: string) =>
  useQuery({
    queryKey: carePlansKey(serviceId),
    queryFn: () => api.get<{ items: CarePlan[] }>(`/api/routing/services/${serviceId}/care-plans`).then((r) => r.items),
  });

/** The engine's default (src/domain/routing/settings.ts), for a service that never set its own. */
const DEFAULT_CARE_PLAN_SECONDS = 60;

/** How long a care plan holds a contact for the preferred counsellor in this service. */
export const useCarePlanSeconds = (serviceId: string) =>
  useQuery({
    queryKey: ['services', serviceId],
    queryFn: () => api.get<Service>(`/api/services/${serviceId}`),
    select: (s) => s.settings.carePlanSeconds ?? DEFAULT_CARE_PLAN_SECONDS,
    staleTime: 60_000,
  });

export const useCreateCarePlan = (serviceId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { contactId: string; preferredStaffId: string }) =>
      api.post<CarePlan>(`/api/routing/services/${serviceId}/care-plans`, input),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: carePlansKey(serviceId) }),
  });
};

function useBoardCommand<T, R>(serviceId: string, fn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: boardKey(serviceId) });
      void queryClient.invalidateQueries({ queryKey: WORKSTATION_KEY });
    },
  });
}

export const useAssign = (serviceId: string) =>
  useBoardCommand(serviceId, ({ contactId, staffId }: { contactId: string; staffId: string }) =>
    api.post<{ contact: ContactView }>(`/api/routing/contacts/${contactId}/assign`, { commandId: newCommandId(), staffId }),
  );

export const useTake = (serviceId: string) =>
  useBoardCommand(serviceId, (contactId: string) =>
    api.post<Workstation>(`/api/routing/contacts/${contactId}/take`, { commandId: newCommandId() }),
  );

export const useSetCounsellorPresence = (serviceId: string) =>
  useBoardCommand(serviceId, ({ staffId, presence }: { staffId: string; presence: SettablePresence }) =>
    api.put<Workstation>(`/api/routing/services/${serviceId}/counsellors/${staffId}/presence`, { commandId: newCommandId(), presence }),
  );

export const useDeleteCarePlan = (serviceId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (carePlanId: string) => api.delete(`/api/routing/services/${serviceId}/care-plans/${carePlanId}`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: carePlansKey(serviceId) }),
  });
};
