// Every minute, a push to a service's board for each of its signals that has become overdue since
// the last pass (src/domain/signals/overdueNotices.ts). Passes run one at a time; `runOnce` lets
// tests drive one with their injected clock.
import type { UnitDeps } from '../db/unitOfWork.js';
import { announceOverdueSignals } from '../domain/signals/overdueNotices.js';

const EVERY_MS = 60_000;

export interface OverdueSignalsJob {
  /** One pass now (after the one in progress, if any); how many notices went out. Also once stopped: tests drive passes. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for the pass in progress. */
  stop(): Promise<void>;
}

export function startOverdueSignals(deps: UnitDeps, onError: (err: unknown) => void): OverdueSignalsJob {
  let last: Promise<unknown> = Promise.resolve();
  const runOnce = (): Promise<number> => {
    const pass = last.then(() => announceOverdueSignals(deps));
    last = pass.catch(() => undefined);
    return pass;
  };
  const timer = setInterval(() => void runOnce().catch(onError), EVERY_MS);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await last;
    },
  };
}
