// The built server (`node dist/server/main.js`) on the benchmark's PostgreSQL, and a keep-alive HTTP
// client that calls it as a staff member's browser does (session cookie, CSRF header on writes).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { Staff } from './network.js';

export interface Server {
  child: ChildProcess;
  url: string;
}

export function startServer(main: string, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [main], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[server] ${d.toString()}`));
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in 120 s:\n${out}`)), 120_000);
    let ready = false;
    child.stdout!.on('data', (d: Buffer) => {
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

export async function stopServer(server: Server | undefined): Promise<void> {
  const child = server?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export interface Reply {
  status: number;
  body: string;
  ms: number;
}

export class Client {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(url: string, sockets: number) {
    this.base = new URL(url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  /** One request as `staff`; `ms` is from the call to the last byte of the answer. */
  request(staff: Staff, method: string, path: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { cookie: `doverie_session=${staff.token}`, origin: this.base.origin };
    if (method !== 'GET') headers['x-csrf-token'] = staff.csrf;
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request({ agent: this.agent, host: this.base.hostname, port: this.base.port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
