// One long-running child (kamailio or rtpengine): its own process group, output kept as the last
// lines (secrets masked) for error messages, stopped by PID and waited for.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type EdgeLog = (source: string, line: string) => void;

export interface Child {
  name: string;
  pid: number;
  /** The last lines it wrote (stdout and stderr), secrets masked. */
  lastLines(): string[];
  /** Resolves with the exit code (or signal) once it has exited. */
  exited: Promise<string>;
  isRunning(): boolean;
  stop(graceMs?: number): Promise<void>;
}

const KEEP = 200;

export function startChild(name: string, bin: string, args: string[], secrets: string[], log?: EdgeLog): Child {
  const proc: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (proc.pid === undefined) throw new Error(`${name} did not start (${bin})`);
  const pid = proc.pid;
  const lines: string[] = [];
  const mask = (line: string) => secrets.reduce((l, sec) => (sec ? l.split(sec).join('***') : l), line);
  for (const stream of [proc.stdout, proc.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (raw) => {
      const line = mask(raw);
      lines.push(line);
      if (lines.length > KEEP) lines.shift();
      log?.(name, line);
    });
  }
  let running = true;
  const exited = new Promise<string>((resolve) => {
    proc.once('exit', (code, signal) => {
      running = false;
      resolve(signal ?? String(code));
    });
    proc.once('error', (e) => {
      running = false;
      lines.push(`${name}: ${e.message}`);
      resolve('error');
    });
  });

  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* the group is gone */
    }
  };

  return {
    name,
    pid,
    lastLines: () => [...lines],
    exited,
    isRunning: () => running,
    async stop(graceMs = 5000) {
      if (running) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
        if ((await Promise.race([exited, timer])) === 'timeout') {
          signalGroup('SIGKILL');
          await exited;
        }
      }
      // children it forked (Kamailio's workers) go with it
      signalGroup('SIGKILL');
    },
  };
}
