// Guards every signed-in route: no session → the login page (remembering where the user was
// going); a password change pending → that page before anything else.
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadFailed, Loading } from '../components/LoadState';
import { AppLayout } from '../layout/AppLayout';
import { OfferAlerts } from '../routing/OfferAlerts';
import { LiveEventsContext } from './liveEvents';
import { useMe } from './session';
import { SessionContext } from './SessionContext';
import { useLiveUpdates } from './useLiveUpdates';
import type { Me } from '../types';

export const PASSWORD_PATH = '/password';

export function RequireSession() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();

  if (isPending) {
    return (
      <main>
        <Loading />
      </main>
    );
  }
  if (error && me === undefined) {
    return (
      <main>
        <LoadFailed error={error} onRetry={() => void refetch()} />
      </main>
    );
  }
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.user.mustChangePassword && location.pathname !== PASSWORD_PATH) return <Navigate to={PASSWORD_PATH} replace />;
  return <SignedIn me={me} />;
}

function SignedIn({ me }: { me: Me }) {
  const live = useLiveUpdates(me);
  return (
    <SessionContext.Provider value={me}>
      <LiveEventsContext.Provider value={live}>
        {me.permissions.dutyServiceIds.length > 0 && <OfferAlerts />}
        <AppLayout>
          <Outlet />
        </AppLayout>
      </LiveEventsContext.Provider>
    </SessionContext.Provider>
  );
}
