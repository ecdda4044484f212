// One QueryClient for the app. Auth failures are handled here, once, for every query and mutation:
// a lost session sends the user to the login page, a pending password change to that page.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api';
import { forgetSession, ME_KEY } from './auth/session';

export function createQueryClient(): QueryClient {
  const onError = (err: unknown) => {
    if (isApiError(err, 'auth.unauthenticated')) forgetSession(client);
    else if (isApiError(err, 'auth.password_change_required') || isApiError(err, 'auth.csrf_failed')) {
      void client.invalidateQueries({ queryKey: ME_KEY });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        // Client errors will not fix themselves; retry only network trouble and 5xx.
        retry: (count, err) => count < 2 && !(isApiError(err) && err.status >= 400 && err.status < 500),
      },
      mutations: { retry: false },
    },
  });
  return client;
}
