// Cases through react-query. Reading a case is audited on the server (who, when, which fields), so
// the page reads it once when it opens and after each change, never in the background.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newCommandId } from '../api';
import type { CaseBasis, CaseContact, CaseStatus, CaseSummary, CaseView, CloseReason, Personal } from './types';

export const caseKey = (id: string) => ['cases', 'case', id] as const;
const listKey = ['cases', 'list'] as const;

export const useCases = (serviceId: string | null, status: CaseStatus | '' = '') =>
  useQuery({
    queryKey: [...listKey, serviceId, status],
    queryFn: () =>
      api.get<{ items: CaseSummary[] }>(`/api/cases?serviceId=${serviceId}${status ? `&status=${status}` : ''}`).then((r) => r.items),
    enabled: serviceId !== null && serviceId !== '',
  });

export const useCase = (id: string) =>
  useQuery({
    queryKey: caseKey(id),
    queryFn: () => api.get<CaseView>(`/api/cases/${id}`),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  });

export interface OpenCaseInput {
  recordId: string;
  basis: CaseBasis | { kind: 'consent'; by: string; at: string | null; purposes: string[] };
  personal?: Personal;
}

export const useOpenCase = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OpenCaseInput) => api.post<CaseSummary>('/api/cases', { id: newCommandId(), ...input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: listKey }),
  });
};

/** Every change answers a summary; the full view (with what changed) is read again. */
function useCaseChange<I>(caseId: string, call: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: listKey });
    },
  });
}

export const useChangeCase = (caseId: string) =>
  useCaseChange(caseId, (input: { version: number; personal?: Personal; status?: 'open' | 'in_work'; assignedTo?: string }) =>
    api.patch<CaseSummary>(`/api/cases/${caseId}`, input),
  );

export const useCloseCase = (caseId: string) =>
  useCaseChange(caseId, (input: { version: number; reason: CloseReason }) => api.post<CaseSummary>(`/api/cases/${caseId}/close`, input));

export const useAddNote = (caseId: string) => useCaseChange(caseId, (text: string) => api.post(`/api/cases/${caseId}/notes`, { text }));

export const useAddTask = (caseId: string) =>
  useCaseChange(caseId, (input: { title: string; dueOn: string }) => api.post(`/api/cases/${caseId}/tasks`, input));

export const useSetTaskDone = (caseId: string) =>
  useCaseChange(caseId, (input: { taskId: string; done: boolean }) =>
    api.patch(`/api/cases/${caseId}/tasks/${input.taskId}`, { done: input.done }),
  );

export const useCandidates = (caseId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['cases', 'candidates', caseId],
    queryFn: () => api.get<{ items: CaseContact[] }>(`/api/cases/${caseId}/candidates`).then((r) => r.items),
    enabled,
  });

export const useLinkContact = (caseId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (recordId: string) => api.post<{ items: CaseContact[] }>(`/api/cases/${caseId}/contacts`, { recordId }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: ['cases', 'candidates', caseId] });
    },
  });
};
