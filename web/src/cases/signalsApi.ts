// Signals through react-query: the register and the overdue list (no personal data, refreshed
// freely), one signal (audited on the server: read when the page opens and after each change), the
// actions of its life (approve, send, review, the agencies' incoming numbers, outcome, close), the
// agencies a service's signals can go to, which channels send by themselves, and the report.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newCommandId } from '../api';
import { caseKey } from './casesApi';
import type {
  AddresseeChoices,
  AddresseeInput,
  PersonalField,
  Personal,
  SignalOutcome,
  SignalReason,
  SignalReport,
  SignalStatus,
  SignalSummary,
  SignalView,
  Urgency,
} from './types';

export const signalKey = (id: string) => ['signals', 'signal', id] as const;
const listKey = ['signals', 'list'] as const;
const overdueKey = ['signals', 'overdue'] as const;

export interface RegisterFilters {
  serviceId: string;
  status: SignalStatus | '';
  year: string;
}

export const useSignals = (f: RegisterFilters | null) =>
  useQuery({
    queryKey: [...listKey, f],
    queryFn: () => {
      const q = new URLSearchParams({ serviceId: f!.serviceId });
      if (f!.status) q.set('status', f!.status);
      if (f!.year) q.set('year', f!.year);
      return api.get<{ items: SignalSummary[] }>(`/api/signals?${q.toString()}`).then((r) => r.items);
    },
    enabled: f !== null && f.serviceId !== '',
  });

/** Overdue signals of one service (the board) or of every service the person supervises (the head's view). */
export const useOverdueSignals = (serviceId: string | null) =>
  useQuery({
    queryKey: [...overdueKey, serviceId],
    queryFn: () =>
      api.get<{ items: SignalSummary[] }>(`/api/signals/overdue${serviceId ? `?serviceId=${serviceId}` : ''}`).then((r) => r.items),
    // Deadlines pass with time, not only with changes.
    refetchInterval: 60_000,
  });

export const useSignal = (id: string) =>
  useQuery({
    queryKey: signalKey(id),
    queryFn: () => api.get<SignalView>(`/api/signals/${id}`),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  });

/** The agencies a service's signals can go to; kept on «Адресаты сигналов» (agenciesApi.ts). */
export const agenciesKey = (serviceId: string | null) => ['signals', 'agencies', serviceId] as const;

export const useAddresseeChoices = (serviceId: string | null) =>
  useQuery({
    queryKey: agenciesKey(serviceId),
    queryFn: () => api.get<AddresseeChoices>(`/api/services/${serviceId}/signal-agencies`),
    enabled: serviceId !== null,
  });

export const useSignalChannels = () =>
  useQuery({
    queryKey: ['signals', 'channels'],
    queryFn: () => api.get<{ emailConfigured: boolean }>('/api/signals/channels'),
    staleTime: 10 * 60_000,
  });

export interface DraftInput {
  urgency: Urgency;
  reason: SignalReason;
  facts: string;
  addressees: AddresseeInput[];
  childFields?: PersonalField[];
  child?: Personal;
}

function useInvalidateSignals() {
  const queryClient = useQueryClient();
  return (s: SignalSummary) => {
    void queryClient.invalidateQueries({ queryKey: signalKey(s.id) });
    void queryClient.invalidateQueries({ queryKey: listKey });
    void queryClient.invalidateQueries({ queryKey: overdueKey });
    if (s.caseId) void queryClient.invalidateQueries({ queryKey: caseKey(s.caseId) });
  };
}

/** A draft from a case (the child's data: chosen fields of the case) or straight from a record. */
export const useDraftSignal = (from: { caseId: string } | { recordId: string }) => {
  const invalidate = useInvalidateSignals();
  const url = 'caseId' in from ? `/api/cases/${from.caseId}/signals` : `/api/records/${from.recordId}/signals`;
  return useMutation({
    mutationFn: (input: DraftInput) => api.post<SignalSummary>(url, { id: newCommandId(), ...input }),
    onSuccess: invalidate,
  });
};

type Action = 'approve' | 'send' | 'review' | 'close';

export const useSignalAction = (id: string) => {
  const invalidate = useInvalidateSignals();
  return useMutation({
    /** `sentAt`: for a send, when a person sent it by a channel recorded by hand (now when absent). */
    mutationFn: ({ action, version, sentAt }: { action: Action; version: number; sentAt?: string }) =>
      api.post<SignalSummary>(`/api/signals/${id}/${action}`, sentAt ? { version, sentAt } : { version }),
    onSuccess: invalidate,
  });
};

export const useAcknowledge = (id: string) => {
  const invalidate = useInvalidateSignals();
  return useMutation({
    mutationFn: (input: { addresseeId: string; incomingNumber: string; incomingDate: string }) =>
      api.post<SignalSummary>(`/api/signals/${id}/addressees/${input.addresseeId}/acknowledge`, {
        incomingNumber: input.incomingNumber,
        incomingDate: input.incomingDate,
      }),
    onSuccess: invalidate,
  });
};

export const useRecordOutcome = (id: string) => {
  const invalidate = useInvalidateSignals();
  return useMutation({
    mutationFn: (input: { version: number; outcome: SignalOutcome; note?: string }) =>
      api.post<SignalSummary>(`/api/signals/${id}/outcome`, input),
    onSuccess: invalidate,
  });
};

/** The report's parameters as the API takes them: a service's (`scope=service`) or the network's (`scope=network`). */
export type SignalReportParams =
  { scope: 'service'; serviceId: string; from: string; to: string } | { scope: 'network'; from: string; to: string };

export const useSignalReport = (params: SignalReportParams | null) =>
  useQuery({
    queryKey: ['signals', 'report', params],
    queryFn: () => api.get<SignalReport>(`/api/reports/signals?${new URLSearchParams(params!).toString()}`),
    enabled: params !== null,
  });

export const letterPdfUrl = (id: string) => `/api/signals/${id}/letter.pdf`;
