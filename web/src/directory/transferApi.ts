// A service's directory in and out through react-query: importing an HSDS file (JSON or a CSV data
// package), exporting it, following either job's progress, and whether it is readable without login.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { DIRECTORY_KEY } from './directoryApi';
import type { ExportJob, ImportJob, TransferFormat } from './types';

const POLL_MS = 400;
const running = (status: string | undefined) => status === undefined || status === 'running';

export interface ImportRequest {
  tenantId: string;
  file: File;
  format: TransferFormat;
  skipBadRows: boolean;
}

/** The file's format by its name: a .zip is a CSV data package, anything else JSON. */
export const formatOf = (file: File): TransferFormat => (/\.zip$/i.test(file.name) ? 'csv' : 'json');

export const useStartImport = () =>
  useMutation({
    mutationFn: ({ tenantId, file, format, skipBadRows }: ImportRequest) =>
      api.upload<{ jobId: string }>(
        `/api/services/${tenantId}/directory/imports?format=${format}&skipBadRows=${skipBadRows}`,
        file,
        format === 'csv' ? 'application/zip' : 'application/json',
      ),
  });

/** The import's progress, polled while it runs; when it ends, searches are read again. */
export function useImportJob(jobId: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['directory-import', jobId],
    queryFn: async () => {
      const job = await api.get<ImportJob>(`/api/directory/imports/${jobId}`);
      if (job.status === 'done') void queryClient.invalidateQueries({ queryKey: DIRECTORY_KEY });
      return job;
    },
    enabled: jobId !== null,
    refetchInterval: (query) => (running(query.state.data?.status) ? POLL_MS : false),
  });
}

export const useStartExport = () =>
  useMutation({
    mutationFn: ({ tenantId, format }: { tenantId: string; format: TransferFormat }) =>
      api.post<{ jobId: string }>(`/api/services/${tenantId}/directory/exports`, { format }),
  });

export const useExportJob = (jobId: string | null) =>
  useQuery({
    queryKey: ['directory-export', jobId],
    queryFn: () => api.get<ExportJob>(`/api/directory/exports/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (running(query.state.data?.status) ? POLL_MS : false),
  });

export const exportFileUrl = (jobId: string) => `/api/directory/exports/${jobId}/file`;

const settingsKey = (tenantId: string) => [...DIRECTORY_KEY, 'settings', tenantId] as const;

export const useDirectorySettings = (tenantId: string | null) =>
  useQuery({
    queryKey: settingsKey(tenantId ?? ''),
    queryFn: () => api.get<{ public: boolean }>(`/api/services/${tenantId}/directory/settings`),
    enabled: tenantId !== null,
  });

export function useSetDirectorySettings(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: { public: boolean }) => api.put<{ public: boolean }>(`/api/services/${tenantId}/directory/settings`, settings),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey(tenantId), saved),
    onError: () => void queryClient.invalidateQueries({ queryKey: settingsKey(tenantId) }),
  });
}
