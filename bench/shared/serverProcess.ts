// The built server (`node dist/server/main.js`) for the benchmarks, with bench/routing/serverProbe.mjs
// preloaded where the event loop is measured (it reports the loop's utilisation and delay once a second
// on stderr), stopping it (or a load generator), and the open-file limit the server and the load
// generator need for their sockets.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PROBE = pathToFileURL(join(import.meta.dirname, '../routing/serverProbe.mjs')).href;

export interface ProbeSample {
  elu: number;
  p50: number;
  p99: number;
  max: number;
}

export interface ServerOptions {
  /**
   * Where the event-loop probe's samples go. Without it the probe is not preloaded: the server runs
   * exactly as in production (the records benchmark, which times HTTP requests only).
   */
  probe?: ProbeSample[];
  /** Called as soon as the process is spawned, so that a clean-up stops it even if it never gets ready. */
  track?: (child: ChildProcess) => void;
  /** Extra options for node, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** How long the server may take to print its ready line (default 60 s). */
  readyTimeoutMs?: number;
}

export function startServer(
  main: string,
  env: Record<string, string>,
  { probe, track, nodeArgs = [], readyTimeoutMs = 60_000 }: ServerOptions = {},
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...(probe ? ['--import', PROBE] : []), ...nodeArgs, main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track?.(child);
  let out = '';
  let partial = '';
  child.stderr!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (probe && line.startsWith('BENCHPROBE ')) probe.push(JSON.parse(line.slice(11)) as ProbeSample);
      else process.stderr.write(`[server] ${line}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in ${readyTimeoutMs / 1000} s:\n${out}`)), readyTimeoutMs);
    let ready = false;
    child.stdout!.on('data', (d: Buffer) => {
      // After the ready line, anything the server logs (warnings, errors) is shown on stderr.
      if (ready) return void process.stderr.write(`[server] ${d.toString()}`);
      const m = /Doverie ready at (http:\/\/\S+)/.exec((out += d.toString()));
      if (m) {
        ready = true;
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`server exited with ${code} before ready:\n${out}`));
    });
  });
}

/** SIGTERM, and SIGKILL after `graceMs`; resolves once the process has exited (at once if it already has). */
export async function stopProcess(child: ChildProcess | undefined, graceMs = 15_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** This process's open-file limit (soft, hard); children inherit it. */
export function openFileLimit(): { soft: number; hard: number } {
  const m = /Max open files\s+(\S+)\s+(\S+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
  const n = (s: string | undefined) => (s === undefined || s === 'unlimited' ? Infinity : Number(s));
  return { soft: n(m?.[1]), hard: n(m?.[2]) };
}

/** Throws a clear error when the server or the load generator could not open `needed` files (sockets) each. */
export function checkOpenFiles(needed: number): void {
  const { soft, hard } = openFileLimit();
  if (soft >= needed) return;
  const how =
    hard >= needed
      ? `run \`ulimit -n ${needed}\` in this shell first (the hard limit is ${hard})`
      : `the hard limit is ${hard}: raise it (e.g. /etc/security/limits.conf or \`prlimit\`) or run with fewer --chats`;
  throw new Error(`the open-file limit (ulimit -n) is ${soft}, but the server and the load generator need about ${needed} each: ${how}`);
}

/**
 * The built server against a benchmark's PostgreSQL as in production (no demo data, warnings only,
 * any free port on loopback), with the benchmark's secrets and data directory; `env` adds settings.
 */
export function startBenchServer(
  main: string,
  db: { url: string; secrets: Record<string, string>; dataDir: string },
  env: Record<string, string>,
  options: ServerOptions,
): Promise<{ child: ChildProcess; url: string }> {
  return startServer(
    main,
    {
      ...db.secrets,
      DATABASE_URL: db.url,
      DOVERIE_DATA_DIR: db.dataDir,
      DOVERIE_DEMO: 'false',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    { readyTimeoutMs: 120_000, ...options },
  );
}
