// A tiny process supervisor for the voice tests: spawn with captured output (a ring buffer of the last
// lines), wait for a line, stop by PID (SIGTERM, then SIGKILL), and a registry so afterAll can stop
// everything still running. Nothing here kills by name: only the PIDs this module started.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartOptions {
  /** Label used in error messages (default: the command's name). */
  name?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How many output lines to keep (default 2000). */
  maxLines?: number;
  /** Called with every output line (stdout and stderr), e.g. to echo while debugging. */
  onLine?: (line: string) => void;
  /** Lines not worth keeping (e.g. a status line redrawn every 100 ms). */
  dropLine?: RegExp;
}

export type LineMatcher = RegExp | ((line: string) => boolean);

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitInfo>;
  running(): boolean;
  /** The retained output lines (stdout and stderr interleaved as they arrived). */
  lines(): string[];
  output(): string;
  /** Sequence number of the next line; pass it as `since` to wait only for lines printed later. */
  mark(): number;
  /** Resolves with the first retained line (from `since` on) that matches; rejects on timeout or exit. */
  waitFor(matcher: LineMatcher, timeoutMs?: number, since?: number): Promise<string>;
  /** Sends a signal if the process still runs. */
  signal(sig: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after graceMs; resolves once the process has exited. Safe to call twice. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

const registry = new Set<ManagedProcess>();
// Colour codes (baresip prints them) would break matching.
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Every process started here that has not exited yet. */
export function runningProcesses(): ManagedProcess[] {
  return [...registry].filter((p) => p.running());
}

/** Stops every process still running (afterAll); resolves when all have exited. */
export async function stopAll(graceMs = 2000): Promise<void> {
  await Promise.all([...registry].map((p) => p.stop(graceMs)));
}

// If the test process ends without its afterAll (a crash, or Ctrl-C / SIGTERM), leave nothing behind.
const lastResorts: (() => void)[] = [() => registry.forEach((p) => p.running() && safeKill(p.pid, 'SIGKILL'))];

/** Registers synchronous clean-up for when the test process exits or is stopped by a signal. */
export function atProcessEnd(fn: () => void): void {
  lastResorts.push(fn);
}

function runLastResorts(): void {
  for (const fn of lastResorts.splice(0)) {
    try {
      fn();
    } catch {
      // best effort
    }
  }
}
process.once('exit', runLastResorts);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    runLastResorts();
    process.kill(process.pid, sig); // our listener is gone: the default action (exit) applies now
  });
}

function safeKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** True while the process runs; a zombie (dead, not yet reaped by its parent or init) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export function startProcess(cmd: string, args: string[], opts: StartOptions = {}): ManagedProcess {
  const name = opts.name ?? cmd;
  const maxLines = opts.maxLines ?? 2000;
  const spawnOpts: SpawnOptions = { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] };
  const child = spawn(cmd, args, spawnOpts);
  if (child.pid === undefined) {
    child.on('error', () => {}); // reported by the throw below
    throw new Error(`${name}: could not start ${cmd} (is it installed?)`);
  }
  const pid = child.pid;
  const buffer: string[] = [];
  let firstSeq = 0; // sequence number of buffer[0]
  let exitInfo: ExitInfo | null = null;
  const listeners = new Set<() => void>();

  const push = (raw: string) => {
    const line = raw.replace(ANSI, '');
    if (opts.dropLine?.test(line)) return;
    buffer.push(line);
    if (buffer.length > maxLines) {
      buffer.shift();
      firstSeq++;
    }
    opts.onLine?.(line);
    for (const l of [...listeners]) l();
  };
  const attach = (stream: NodeJS.ReadableStream | null) => {
    if (!stream) return;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split(/\r\n|\r|\n/);
      partial = parts.pop() ?? '';
      for (const part of parts) push(part);
    });
    stream.on('end', () => {
      if (partial) push(partial);
      partial = '';
    });
  };
  attach(child.stdout);
  attach(child.stderr);

  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (err) => {
      push(`[spawn error] ${err.message}`);
      if (!exitInfo) exitInfo = { code: -1, signal: null };
      resolve(exitInfo);
    });
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  }).then((info) => {
    registry.delete(proc);
    for (const l of [...listeners]) l();
    return info;
  });

  const tail = (n = 30) => buffer.slice(-n).join('\n');

  const proc: ManagedProcess = {
    name,
    pid,
    child,
    exited,
    running: () => exitInfo === null,
    lines: () => [...buffer],
    output: () => buffer.join('\n'),
    mark: () => firstSeq + buffer.length,
    waitFor(matcher, timeoutMs = 10_000, since = 0) {
      const test = typeof matcher === 'function' ? matcher : (line: string) => matcher.test(line);
      return new Promise<string>((resolve, reject) => {
        let checked = since;
        const check = () => {
          const start = Math.max(checked, firstSeq);
          for (let i = start - firstSeq; i < buffer.length; i++) {
            const line = buffer[i] as string;
            if (test(line)) {
              finish();
              resolve(line);
              return;
            }
          }
          checked = firstSeq + buffer.length;
          if (exitInfo) {
            finish();
            reject(new Error(`${name} exited (${JSON.stringify(exitInfo)}) before printing ${String(matcher)}; last output:\n${tail()}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`${name}: no line matching ${String(matcher)} within ${timeoutMs} ms; last output:\n${tail()}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    signal(sig) {
      if (!exitInfo) safeKill(pid, sig);
    },
    async stop(graceMs = 3000) {
      if (exitInfo) return exitInfo;
      safeKill(pid, 'SIGTERM');
      const timer = setTimeout(() => safeKill(pid, 'SIGKILL'), graceMs);
      const info = await exited;
      clearTimeout(timer);
      return info;
    },
  };
  registry.add(proc);
  return proc;
}
