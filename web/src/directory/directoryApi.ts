// The referral directory through react-query: search, one card, the taxonomy terms and regions,
// and a service's entries and terms changed by its head. Every change refetches what it touches.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { DirectoryCard, Entry, EntryInput, Region, SearchPage, SearchParams, Term } from './types';

export const DIRECTORY_KEY = ['directory'] as const;
const TERMS_KEY = [...DIRECTORY_KEY, 'terms'] as const;
export const PER_PAGE = 20;

export const emptySearch = (): SearchParams => ({ q: '', term: '', area: '', openNow: false, age: '', free: false, page: 1 });

export function searchQuery(p: SearchParams): string {
  const q = new URLSearchParams();
  if (p.q.trim()) q.set('q', p.q.trim());
  if (p.term) q.set('term', p.term);
  if (p.area) q.set('area', p.area);
  if (p.openNow) q.set('openNow', 'true');
  if (p.age.trim()) q.set('age', p.age.trim());
  if (p.free) q.set('free', 'true');
  q.set('page', String(p.page));
  q.set('perPage', String(PER_PAGE));
  return q.toString();
}

/** A search; `enabled` false holds it (e.g. while the age typed is not a number). */
export const useDirectorySearch = (params: SearchParams, enabled = true) =>
  useQuery({
    queryKey: [...DIRECTORY_KEY, 'search', params],
    queryFn: () => api.get<SearchPage>(`/api/directory/services?${searchQuery(params)}`),
    enabled,
    // The list stays on screen while the next page or a changed filter loads.
    placeholderData: keepPreviousData,
  });

export const useDirectoryCard = (id: string | null) =>
  useQuery({
    queryKey: [...DIRECTORY_KEY, 'card', id],
    queryFn: () => api.get<DirectoryCard>(`/api/directory/services/${id}`),
    enabled: id !== null,
  });

export const useTerms = () =>
  useQuery({
    queryKey: TERMS_KEY,
    queryFn: () => api.get<{ items: Term[] }>('/api/directory/terms').then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export const useRegions = () =>
  useQuery({
    queryKey: [...DIRECTORY_KEY, 'regions'],
    queryFn: () => api.get<{ items: Region[] }>('/api/directory/regions').then((r) => r.items),
    staleTime: Infinity,
  });

export const useEntry = (id: string | null) =>
  useQuery({
    queryKey: [...DIRECTORY_KEY, 'entry', id],
    queryFn: () => api.get<Entry>(`/api/directory/entries/${id}`),
    enabled: id !== null,
    // The form owns what is typed; no background refetch may overwrite it.
    staleTime: Infinity,
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
  });

/** A mutation after which every directory query (search, cards, entries, terms) is read again. */
function useDirectoryMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // After failures too: a conflict or a deleted entry means what is on screen is out of date.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: DIRECTORY_KEY }),
  });
}

export const useCreateEntry = () =>
  useDirectoryMutation(({ tenantId, input }: { tenantId: string; input: EntryInput }) =>
    api.post<Entry>(`/api/services/${tenantId}/directory/entries`, input),
  );

export const useUpdateEntry = () =>
  useDirectoryMutation(({ id, updatedAt, input }: { id: string; updatedAt: string; input: EntryInput }) =>
    api.put<Entry>(`/api/directory/entries/${id}`, { ...input, updatedAt }),
  );

export const useDeleteEntry = () => useDirectoryMutation((id: string) => api.delete(`/api/directory/entries/${id}`));

/** «Проверено сегодня»: the entry's last-verified date becomes today. */
export const useVerifyEntry = () => useDirectoryMutation((id: string) => api.post<Entry>(`/api/directory/entries/${id}/verify`, {}));

export const useCreateTerm = () =>
  useDirectoryMutation(({ tenantId, name, parentId }: { tenantId: string; name: string; parentId: string | null }) =>
    api.post<Term>(`/api/services/${tenantId}/directory/terms`, { name, parentId }),
  );

export const useRenameTerm = () =>
  useDirectoryMutation(({ id, name }: { id: string; name: string }) => api.put<Term>(`/api/directory/terms/${id}`, { name }));

export const useDeleteTerm = () => useDirectoryMutation((id: string) => api.delete(`/api/directory/terms/${id}`));
