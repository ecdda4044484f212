// SIPp inside the benchmark's namespace: one scenario of bench/voice/sipp/ per process, run from its own
// folder, with its statistics (-trace_stat), response times (-trace_rtt) and unexpected messages kept
// there for the report.
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Netns } from '../../test/voice/harness/netns.js';
import type { ExitInfo, ManagedProcess } from '../../test/voice/harness/processes.js';
import { SIP_TRACE } from './options.js';

const SCENARIOS = join(import.meta.dirname, 'sipp');

export type Scenario = 'register_uac' | 'counsellor_uas' | 'trunk_uac' | 'queue_uas';

export interface SippOptions {
  scenario: Scenario;
  /** Working folder (created); a label for the logs. */
  dir: string;
  /** SIP and media address and port SIPp binds. */
  address: string;
  port: number;
  /** Its media port (-mp; only put into the SDP unless --media). */
  mediaPort: number;
  /** "host:port" to send to (UAC scenarios). */
  remote?: string;
  /** Injection file (-inf): one line per call. */
  inf?: string;
  keys?: Record<string, string>;
  /** -r: new calls per second (UAC). */
  rate?: number;
  /** -m: calls before SIPp exits; omitted = until stopped (UAS). */
  calls?: number;
  /** -d: the scenario's <pause/>, ms. */
  pauseMs?: number;
  /** -timeout: SIPp gives up (and fails) after this long, s. */
  timeoutS?: number;
  /** -au / -ap: the credentials of the scenario's [authentication]. */
  auth?: { username: string; password: string };
  /** Log every message to messages.log in `dir` (always with --sip-trace). */
  trace?: boolean;
}

export interface Sipp {
  proc: ManagedProcess;
  dir: string;
  done: Promise<ExitInfo>;
  stop(): Promise<ExitInfo>;
}

export async function startSipp(ns: Netns, o: SippOptions): Promise<Sipp> {
  await mkdir(o.dir, { recursive: true });
  const args = [
    ...(o.remote ? [o.remote] : []),
    '-sf',
    join(SCENARIOS, `${o.scenario}.xml`),
    '-i',
    o.address,
    '-mi',
    o.address,
    '-p',
    String(o.port),
    '-mp',
    String(o.mediaPort),
    '-d',
    String(o.pauseMs ?? 0),
    '-nostdin',
    '-trace_err',
    '-error_file',
    join(o.dir, 'errors.log'),
    '-trace_stat',
    '-stf',
    join(o.dir, 'stats.csv'),
    '-fd',
    '1',
    ...(SIP_TRACE || o.trace ? ['-trace_msg', '-message_file', join(o.dir, 'messages.log')] : []),
    '-trace_counts',
    '-trace_rtt',
    '-rtt_freq',
    '1',
    ...(o.inf ? ['-inf', o.inf] : []),
    ...(o.rate ? ['-r', String(o.rate), '-rp', '1000'] : []),
    ...(o.calls ? ['-m', String(o.calls)] : []),
    ...(o.timeoutS ? ['-timeout', `${o.timeoutS}s`, '-timeout_error'] : []),
    ...Object.entries(o.keys ?? {}).flatMap(([k, v]) => ['-key', k, v]),
    ...(o.auth ? ['-au', o.auth.username, '-ap', o.auth.password] : []),
  ];
  const proc = ns.spawn('sipp', args, { name: `sipp ${o.scenario}`, cwd: o.dir, maxLines: 200 });
  // Bound means the scenario loaded and SIPp can take or send calls.
  const deadline = Date.now() + 10_000;
  while (proc.running() && !(await ns.exec('ss', ['-Hlun', `src ${o.address}:${o.port}`])).stdout.trim()) {
    if (Date.now() > deadline) {
      await proc.stop(1000);
      throw new Error(`sipp ${o.scenario}: not listening on udp ${o.address}:${o.port} after 10 s:\n${proc.lines().slice(-15).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { proc, dir: o.dir, done: proc.exited, stop: () => proc.stop(3000) };
}

/** The last line of SIPp's statistics file as name → number (cumulative counters end in "(C)"). */
export function readStats(dir: string): Record<string, number> {
  const lines = readFileSync(join(dir, 'stats.csv'), 'utf8').trim().split('\n');
  const header = lines[0]!.split(';');
  const last = lines.at(-1)!.split(';');
  const out: Record<string, number> = {};
  header.forEach((name, i) => {
    const v = Number(last[i]);
    if (name && Number.isFinite(v)) out[name] = v;
  });
  return out;
}

/** SIPp's message counters (-trace_counts) at its exit, e.g. `5_200_Recv` (index in the scenario, message, what). */
export function readCounts(dir: string): { names: string[]; values: Record<string, number> } {
  const file = readdirSync(dir).find((f) => f.endsWith('_counts.csv'));
  if (!file) return { names: [], values: {} };
  const lines = readFileSync(join(dir, file), 'utf8').trim().split('\n');
  const names = lines[0]!.split(';').filter(Boolean);
  const last = lines.at(-1)!.split(';');
  return { names, values: Object.fromEntries(names.map((n, i) => [n, Number(last[i])])) };
}

/** Every response time SIPp measured (-trace_rtt), ms, by the rtd's name. */
export function readRtt(dir: string): Record<string, number[]> {
  const file = readdirSync(dir).find((f) => f.endsWith('_rtt.csv'));
  const out: Record<string, number[]> = {};
  if (!file) return out;
  // Date_ms;response_time_ms;rtd_name
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n').slice(1)) {
    const [, ms, name] = line.trim().split(';');
    if (!name || !Number.isFinite(Number(ms))) continue;
    (out[name] ??= []).push(Number(ms));
  }
  return out;
}

/** The first lines of SIPp's unexpected-message log (empty when there was none). */
export function errorLines(dir: string, n = 12): string[] {
  try {
    return readFileSync(join(dir, 'errors.log'), 'utf8').split('\n').filter(Boolean).slice(0, n);
  } catch {
    return [];
  }
}
