// One phase of calls from the trunk: SIPp's trunk scenario at a rate for a number of calls, each from its
// own caller number, to the service's number; what SIPp counted and measured when it is done.
import { join } from 'node:path';
import type { Netns } from '../../test/voice/harness/netns.js';
import { SIP_PORT, TALK_MS, TRUNK_PORT } from './options.js';
import { callersFile } from './people.js';
import { errorLines, readCounts, readRtt, readStats, startSipp } from './sipp.js';

export interface Phase {
  label: string;
  rate: number;
  /** Calls SIPp was asked to make. */
  planned: number;
  /** Unix ms when SIPp started and when it exited (every call over). */
  startedAt: number;
  endedAt: number;
  exit: number | null;
  created: number;
  /** Calls whose INVITE was answered 200 (set up), and whose hang-up (BYE) was answered 200. */
  answered: number;
  hungUp: number;
  /** Calls SIPp counts as successful: the whole scenario went through. */
  successful: number;
  failed: number;
  /** Failure counters of SIPp that are not zero, e.g. FailedUnexpectedMessage. */
  failures: Record<string, number>;
  /** INVITE → first 180 as the trunk saw it, ms, per call. */
  ringMs: number[];
  numbers: string[];
  errors: string[];
}

export async function runCalls(
  ns: Netns,
  dir: string,
  label: string,
  rate: number,
  calls: number,
  firstNumber: number,
  to: string,
): Promise<Phase> {
  const phaseDir = join(dir, `trunk-${label}`);
  const inf = join(dir, `callers-${label}.csv`);
  const numbers = await callersFile(inf, calls, firstNumber);
  const startedAt = Date.now();
  const sipp = await startSipp(ns, {
    scenario: 'trunk_uac',
    dir: phaseDir,
    address: ns.nsAddress,
    port: TRUNK_PORT,
    mediaPort: 16000,
    remote: `${ns.nsAddress}:${SIP_PORT}`,
    inf,
    keys: { to },
    rate,
    calls,
    pauseMs: TALK_MS,
    timeoutS: Math.ceil(calls / rate) + 120,
  });
  const { code } = await sipp.done;
  const endedAt = Date.now();
  const stats = readStats(phaseDir);
  // trunk_uac.xml: the first "<n>_200_Recv" answers the INVITE, the last one the BYE.
  const counts = readCounts(phaseDir);
  const ok = counts.names.filter((n) => /^\d+_200_Recv$/.test(n));
  const failures = Object.fromEntries(
    Object.entries(stats).filter(([k, v]) => /^Failed.*\(C\)$/.test(k) && k !== 'FailedCall(C)' && v > 0),
  );
  return {
    label,
    rate,
    planned: calls,
    startedAt,
    endedAt,
    exit: code,
    created: stats['TotalCallCreated'] ?? 0,
    answered: counts.values[ok[0]!] ?? 0,
    hungUp: counts.values[ok.at(-1)!] ?? 0,
    successful: stats['SuccessfulCall(C)'] ?? 0,
    failed: stats['FailedCall(C)'] ?? 0,
    failures,
    ringMs: readRtt(phaseDir)['ring'] ?? [],
    numbers,
    errors: errorLines(phaseDir),
  };
}
