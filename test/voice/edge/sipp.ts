// SIPp for the edge tests: one scenario from ./sipp/, bound to a loopback address of the test's
// choosing (127.0.0.x is all loopback on Linux), with its message log kept. Stopped by PID.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCENARIOS = fileURLToPath(new URL('./sipp/', import.meta.url));

export interface SippOptions {
  scenario:
    | 'invite_final'
    | 'register'
    | 'trunk_call'
    | 'trunk_cancel'
    | 'counsellor_uas'
    | 'counsellor_ring'
    | 'queue_uas'
    | 'trunk_cancel_early'
    | 'counsellor_hangup'
    | 'trunk_reinvite'
    | 'counsellor_reinvite';
  /** Local address SIPp binds (and puts in Via/Contact). */
  ip: string;
  port: number;
  /** host:port it sends to (client scenarios). */
  remote?: string;
  keys?: Record<string, string>;
  /** -au / -ap for digest authentication. */
  auth?: { user: string; password: string };
  timeoutMs?: number;
  /** -d, the scenario's <pause/>. */
  pauseMs?: number;
}

export interface SippResult {
  code: number | null;
  /** Every message sent and received. */
  messages: string;
  output: string;
  /** Status codes of the responses SIPp received, in order. */
  received: number[];
}

export interface SippRun {
  pid: number;
  done: Promise<SippResult>;
  stop(): Promise<SippResult>;
}

/** Status codes of received responses in a -trace_msg log. */
export function receivedStatuses(messages: string): number[] {
  const out: number[] = [];
  for (const block of messages.split(/-{20,}/)) {
    if (!/message received/.test(block)) continue;
    const m = /^SIP\/2\.0 (\d{3})/m.exec(block);
    if (m) out.push(Number(m[1]));
  }
  return out;
}

export async function startSipp(o: SippOptions): Promise<SippRun> {
  const dir = await mkdtemp(join(tmpdir(), 'doverie-sipp-'));
  const messageFile = join(dir, 'messages.log');
  const timeoutS = Math.ceil((o.timeoutMs ?? 20_000) / 1000);
  const args = [
    ...(o.remote ? [o.remote] : []),
    '-sf',
    join(SCENARIOS, `${o.scenario}.xml`),
    '-i',
    o.ip,
    '-mi',
    o.ip,
    '-bind_local',
    '-p',
    String(o.port),
    '-m',
    '1',
    '-l',
    '1',
    '-nostdin',
    '-trace_msg',
    '-message_file',
    messageFile,
    '-timeout',
    `${timeoutS}s`,
    '-timeout_error',
    ...(o.pauseMs !== undefined ? ['-d', String(o.pauseMs)] : []),
    ...(o.auth ? ['-au', o.auth.user, '-ap', o.auth.password] : []),
    ...Object.entries(o.keys ?? {}).flatMap(([k, v]) => ['-key', k, v]),
  ];
  const proc = spawn('sipp', args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  if (proc.pid === undefined) throw new Error('sipp did not start');
  let output = '';
  proc.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20000)));
  proc.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20000)));
  const done = new Promise<SippResult>((resolve) => {
    proc.once('exit', async (code) => {
      const messages = await readFile(messageFile, 'utf8').catch(() => '');
      await rm(dir, { recursive: true, force: true });
      resolve({ code, messages, output, received: receivedStatuses(messages) });
    });
  });
  const pid = proc.pid;
  return {
    pid,
    done,
    async stop() {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already exited */
      }
      return done;
    },
  };
}

/** Runs a client scenario to its end (or its timeout). */
export async function runSipp(o: SippOptions): Promise<SippResult> {
  const run = await startSipp(o);
  const guard = setTimeout(() => void run.stop(), (o.timeoutMs ?? 20_000) + 5000);
  try {
    return await run.done;
  } finally {
    clearTimeout(guard);
    await run.stop();
  }
}
