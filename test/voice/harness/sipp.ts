// SIPp inside a test namespace: one scenario from test/voice/sipp/, run from its own working folder (where
// the scenario's audio files are linked under fixed names: caller.alaw, greeting.alaw), with the message
// and error logs kept for assertions.
import { mkdir, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Netns } from './netns.js';
import type { ManagedProcess } from './processes.js';

export const SIPP_DIR = fileURLToPath(new URL('../sipp/', import.meta.url));

export type SippScenario = 'trunk_call' | 'trunk_abandon' | 'queue_uas' | 'registrar_uas';

export interface SippOptions {
  ns: Netns;
  scenario: SippScenario;
  /** Working folder for logs and audio links (created). */
  dir: string;
  /** SIP port SIPp listens on (inside the namespace). */
  port: number;
  /** Its SIP and media address; default ns.nsAddress. Any 127.x.y.z works too (e.g. a trunk with its own address). */
  address?: string;
  /** "host:port" to send to (UAC scenarios). */
  remote?: string;
  /** First RTP port (rtp_stream uses a pair from here; 20 ports reserved). */
  rtpPort: number;
  /** -key values: caller (From user, e.g. 89161234567), to (dialled number), authuser/authpass (registrar). */
  keys?: Record<string, string>;
  /** Audio to link into the working folder: { 'caller.alaw': '/tmp/x.alaw' }. */
  audio?: Record<string, string>;
  /** -d: the scenario's <pause/> (talk time in trunk_call, ringing time in trunk_abandon), ms. */
  pauseMs?: number;
  /** -m: number of calls before exiting (default 1; 0 = no limit, e.g. the queue endpoint). */
  calls?: number;
  /** Global timeout (SIPp fails when reached), ms; default 30 s. */
  timeoutMs?: number;
  extraArgs?: string[];
}

/**
 * The error log without SIPp's own scheduling notes: on a loaded machine it logs "Overload warning:
 * the minor watchdog timer … has been tripped" (its main loop ran late), which says nothing about
 * the SIP exchange; every other line (unexpected messages, retransmissions) stays.
 */
function unexpected(log: string): string {
  const lines = log.split('\n').filter((l) => !/Overload warning: the (minor|major) watchdog timer/.test(l));
  return lines.some((l) => l.trim() && !/^The following events occurred:$/.test(l.trim())) ? lines.join('\n') : '';
}

export interface SippResult {
  /** 0: every call succeeded; 1: some failed; 97/99/255: see `sipp -h`. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The unexpected-message log (-trace_err), empty when there was none. */
  errors: string;
  /** Every SIP message sent and received (-trace_msg). */
  messages: string;
  output: string;
}

export interface SippRun {
  proc: ManagedProcess;
  /** Resolves when SIPp exits (stop() it for scenarios that never end). */
  done: Promise<SippResult>;
  /** The message log so far. */
  messages(): Promise<string>;
  stop(): Promise<SippResult>;
}

const DEFAULT_KEYS: Record<string, string> = { caller: '89161234567', to: '8800', authuser: 'unused', authpass: 'unused' };

async function readOr(file: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => '');
}

export async function startSipp(o: SippOptions): Promise<SippRun> {
  await mkdir(o.dir, { recursive: true });
  for (const [name, file] of Object.entries(o.audio ?? {})) {
    await rm(join(o.dir, name), { force: true });
    await symlink(file, join(o.dir, name));
  }
  const errorFile = join(o.dir, `${o.scenario}.errors.log`);
  const messageFile = join(o.dir, `${o.scenario}.messages.log`);
  const keys = { ...DEFAULT_KEYS, ...o.keys };
  const timeoutS = Math.ceil((o.timeoutMs ?? 30_000) / 1000);
  const args = [
    ...(o.remote ? [o.remote] : []),
    '-sf',
    join(SIPP_DIR, `${o.scenario}.xml`),
    '-i',
    o.address ?? o.ns.nsAddress,
    '-mi',
    o.address ?? o.ns.nsAddress,
    '-p',
    String(o.port),
    '-mp',
    String(o.rtpPort),
    '-d',
    String(o.pauseMs ?? 0),
    '-timeout',
    `${timeoutS}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_err',
    '-error_file',
    errorFile,
    '-trace_msg',
    '-message_file',
    messageFile,
    ...Object.entries(keys).flatMap(([k, v]) => ['-key', k, v]),
    ...(o.calls === 0 ? [] : ['-m', String(o.calls ?? 1)]),
    ...(o.extraArgs ?? []),
  ];
  const proc = o.ns.spawn('sipp', args, { name: `sipp ${o.scenario}`, cwd: o.dir, maxLines: 500 });
  // Listening means the scenario loaded and the socket is bound (a UAS is ready for calls). A UAC may
  // also be done already: its result is in `done`.
  const deadline = Date.now() + 10_000;
  while (proc.running() && !(await o.ns.exec('ss', ['-Hlun', `sport = :${o.port}`])).stdout.trim()) {
    if (Date.now() > deadline) {
      await proc.stop(1000);
      throw new Error(`sipp ${o.scenario}: not listening on udp ${o.port} after 10 s:\n${proc.lines().slice(-15).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const done = proc.exited.then(async ({ code, signal }) => ({
    code,
    signal,
    errors: unexpected(await readOr(errorFile)),
    messages: await readOr(messageFile),
    output: proc.output(),
  }));
  return {
    proc,
    done,
    messages: () => readOr(messageFile),
    async stop() {
      await proc.stop(2000);
      return done;
    },
  };
}

/** Runs a scenario to its end. */
export async function runSipp(o: SippOptions): Promise<SippResult> {
  return (await startSipp(o)).done;
}

/** How many SIP messages starting with `firstLine` (a regex on the request or status line) SIPp received. */
export function countReceived(messages: string, firstLine: RegExp): number {
  let n = 0;
  for (const block of messages.split(/^-{5,} .*$/m)) {
    const m = /message received[^\n]*\n+([^\n]*)/.exec(block);
    if (m && firstLine.test(m[1] ?? '')) n++;
  }
  return n;
}
