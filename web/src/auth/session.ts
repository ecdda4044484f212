// The signed-in session as the SPA knows it: /api/auth/me cached under one query key.
// `null` means "not signed in"; the route guard turns that into the login page.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../api';
import type { Me } from '../types';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (isApiError(err, 'auth.unauthenticated')) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export const useMe = () => useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });

let endedUnexpectedly = false;

/** Whether the login page should explain that the session ended (expiry, revocation); `clear` once shown. */
export const sessionEndedNotice = { get: () => endedUnexpectedly, clear: () => void (endedUnexpectedly = false) };

/** The session is gone (logout, expiry, revocation): forget every cached answer. */
export function forgetSession(queryClient: QueryClient, unexpectedly = true): void {
  if (unexpectedly && queryClient.getQueryData(ME_KEY)) endedUnexpectedly = true;
  setCsrfToken(null);
  queryClient.cancelQueries();
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  queryClient.setQueryData(ME_KEY, null);
}

export async function signIn(queryClient: QueryClient, login: string, password: string): Promise<Me | null> {
  await api.post('/api/auth/login', { login, password });
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  return queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
}

export async function signOut(queryClient: QueryClient): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } finally {
    forgetSession(queryClient, false);
  }
}

/** Where to go after signing in: only paths inside this app (never `//host` or a full URL). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/';
  return next;
}
