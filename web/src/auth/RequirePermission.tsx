// Hides a section from people the server would refuse anyway (the navigation hides its link too).
import type { ReactNode } from 'react';
import { NotFoundPage } from '../pages/NotFoundPage';
import type { Me } from '../types';
import { useSession } from './SessionContext';

export function RequirePermission({ allow, children }: { allow: (me: Me) => boolean; children: ReactNode }) {
  const me = useSession();
  return allow(me) ? children : <NotFoundPage />;
}
