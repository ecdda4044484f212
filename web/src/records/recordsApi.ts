// Contact records through react-query: one record, the classification of a service, creating a
// record by hand, the journal (paged by cursor) and a service's open risk alerts.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, newCommandId } from '../api';
import type { Classification, JournalPage, RecordView, RiskAlert } from './types';
import type { RecordChannel } from './vocabulary';

export const recordKey = (id: string) => ['records', 'record', id] as const;
export const alertsKey = (serviceId: string) => ['records', 'alerts', serviceId] as const;

export const useRecord = (id: string) =>
  useQuery({
    queryKey: recordKey(id),
    queryFn: () => api.get<RecordView>(`/api/records/${id}`),
    // Read afresh when the form opens; after that the form owns the record and no background
    // refetch may overwrite what is being typed (every save puts the server's answer here).
    staleTime: Infinity,
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
    // A routed contact's record is written by the server a moment after the contact arrives.
    retry: (failures, err) => isApiError(err, 'record.not_found') && failures < 4,
    retryDelay: 750,
  });

export const useClassification = (serviceId: string | null) =>
  useQuery({
    queryKey: ['records', 'classification', serviceId],
    queryFn: () => api.get<Classification>(`/api/records/classification?serviceId=${serviceId}`),
    enabled: serviceId !== null,
    staleTime: 10 * 60_000,
  });

export interface ManualRecordInput {
  serviceId: string;
  channel: RecordChannel;
  arrivedAt?: string;
}

export const useCreateRecord = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ManualRecordInput) => api.post<RecordView>('/api/records', { id: newCommandId(), ...input }),
    onSuccess: (view) => queryClient.setQueryData(recordKey(view.id), view),
  });
};

/** Journal filters as the API takes them; empty strings are left out of the query. */
export interface JournalFilters {
  serviceId: string;
  from: string;
  to: string;
  channel: string;
  type: string;
  reason: string;
  risk: string;
  staffId: string;
  region: string;
  callerType: string;
  ageGroup: string;
  status: string;
}

const PAGE_SIZE = 50;

export function journalQuery(filters: JournalFilters, cursor: string | null): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) q.set(name, value);
  q.set('limit', String(PAGE_SIZE));
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

export const useJournal = (filters: JournalFilters | null) =>
  useInfiniteQuery({
    queryKey: ['records', 'journal', filters],
    queryFn: ({ pageParam }) => api.get<JournalPage>(`/api/records?${journalQuery(filters!, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: filters !== null && filters.serviceId !== '',
  });

export const useRiskAlerts = (serviceId: string) =>
  useQuery({
    queryKey: alertsKey(serviceId),
    queryFn: () => api.get<{ items: RiskAlert[] }>(`/api/records/alerts?serviceId=${serviceId}`).then((r) => r.items),
    // Realtime `risk.alert` events drive refetches; the poll is a safety net.
    refetchInterval: 30_000,
  });

export const useAcknowledgeAlert = (serviceId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (alertId: string) => api.post(`/api/records/alerts/${alertId}/acknowledge`, {}),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: alertsKey(serviceId) }),
  });
};
