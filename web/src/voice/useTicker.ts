// The browser's clock, re-rendering every `ms` while `on` (a call's timer).
import { useEffect, useState } from 'react';

export function useTicker(on: boolean, ms = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [on, ms]);
  return now;
}
