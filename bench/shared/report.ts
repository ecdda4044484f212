// How every benchmark ends: its lines of text, then its figures as one JSON line (the last line, the
// one bench/README.md quotes) and an exit status; whatever happened, what it started is stopped first.
import { percentile, round } from '../routing/stats.js';
import type { ProbeSample } from './serverProcess.js';

export const say = (line: string) => console.log(line);

/** The server's event loop over `loop` (one sample a second, bench/routing/serverProbe.mjs), for a line of text. */
export const eventLoopFigures = (loop: ProbeSample[]): string =>
  `utilisation mean ${round((loop.reduce((a, s) => a + s.elu, 0) / loop.length) * 100)} %, ` +
  `delay p99 per second median ${round(
    percentile(
      loop.map((s) => s.p99),
      50,
    ),
  )} ms, max ${round(Math.max(...loop.map((s) => s.max)))} ms`;

/** Prints the figures as the last line and returns the exit status: 1 when `failed`. */
export function lastLine(figures: Record<string, unknown>, failed: boolean): number {
  say(JSON.stringify(figures));
  return failed ? 1 : 0;
}

/** Runs `main`, then `cleanUp` whatever happened, and exits with main's status (1, the error printed, if it threw). */
export async function runBenchmark(main: () => Promise<number>, cleanUp: () => Promise<void>): Promise<never> {
  let code = 1;
  try {
    code = await main();
  } catch (err) {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  } finally {
    await cleanUp();
  }
  process.exit(code);
}

/** On Ctrl-C or SIGTERM: `cleanUp`, then exit 130. */
export function cleanUpOnSignals(cleanUp: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}
