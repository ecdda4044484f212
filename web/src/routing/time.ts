// Clocks for live timers: the server's "now" (the browser's clock corrected by the offset seen in
// the last routing view), a hook that ticks it, seconds between instants, and a throttle for
// refetches driven by bursts of realtime events.
import { useCallback, useEffect, useRef, useState } from 'react';

/** Server clock minus browser clock in ms, as of the last view stamped with the server's `at`. */
let serverOffsetMs = 0;

/**
 * Notes the server's clock from a view stamped `at` (the workstation, the board), received now:
 * countdowns then follow the server, which closes offers and wrap-ups, not a possibly wrong local clock.
 */
export function noteServerClock<T extends { at: string }>(view: T): T {
  const at = Date.parse(view.at);
  if (Number.isFinite(at)) serverOffsetMs = at - Date.now();
  return view;
}

/** The current time on the server's clock, in ms. */
export const serverClockNow = (): number => Date.now() + serverOffsetMs;

/** The server's current time in ms, re-rendering the caller every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(serverClockNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverClockNow()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Whole seconds from `fromIso` to `now` (never negative). */
export const secondsSince = (fromIso: string, now: number): number => Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));

/** Whole seconds from `now` until `untilIso` (never negative). */
export const secondsUntil = (untilIso: string, now: number): number => Math.max(0, Math.ceil((Date.parse(untilIso) - now) / 1000));

/** Calls `fn` at most once per `ms` (first call after the quiet period, later calls merged into one). */
export function useThrottled(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  const state = useRef<{ last: number; timer: ReturnType<typeof setTimeout> | undefined }>({ last: 0, timer: undefined });
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => () => clearTimeout(state.current.timer), []);
  return useCallback(() => {
    const s = state.current;
    if (s.timer !== undefined) return;
    s.timer = setTimeout(
      () => {
        s.timer = undefined;
        s.last = Date.now();
        latest.current();
      },
      Math.max(0, s.last + ms - Date.now()),
    );
  }, [ms]);
}
