// The statistics report and its XLSX export through react-query: the report for chosen parameters,
// starting an export, and following its progress until the file is ready.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { ContactReport, ExportView, ReportParams } from './types';

export function reportQuery(p: ReportParams): string {
  const q = new URLSearchParams({ scope: p.scope, from: p.from, to: p.to });
  if (p.scope === 'service' && p.serviceId) q.set('serviceId', p.serviceId);
  if (p.scope === 'region' && p.region) q.set('region', p.region);
  return q.toString();
}

const body = (p: ReportParams) => ({
  scope: p.scope,
  from: p.from,
  to: p.to,
  ...(p.scope === 'service' ? { serviceId: p.serviceId } : {}),
  ...(p.scope === 'region' ? { region: p.region } : {}),
});

export const useReport = (params: ReportParams | null) =>
  useQuery({
    queryKey: ['reports', 'contacts', params],
    queryFn: () => api.get<ContactReport>(`/api/reports/contacts?${reportQuery(params!)}`),
    enabled: params !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

export const useStartExport = () =>
  useMutation({ mutationFn: (p: ReportParams) => api.post<ExportView>('/api/reports/contacts/exports', body(p)) });

const POLL_MS = 400;

/** The export's progress, polled while it runs. */
export const useExportProgress = (exportId: string | null) =>
  useQuery({
    queryKey: ['reports', 'export', exportId],
    queryFn: () => api.get<ExportView>(`/api/reports/exports/${exportId}`),
    enabled: exportId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? POLL_MS : false),
  });

export const exportFileUrl = (exportId: string) => `/api/reports/exports/${exportId}/file`;
