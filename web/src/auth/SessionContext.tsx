// Pages under the guard read the (non-null) signed-in session from here.
import { createContext, useContext } from 'react';
import type { Me } from '../types';

export const SessionContext = createContext<Me | null>(null);

export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside a signed-in route');
  return me;
}
