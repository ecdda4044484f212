// A keep-alive HTTP client that calls the benchmarked server as a staff member's browser does (session
// cookie, CSRF header on writes).
import http from 'node:http';
import type { Staff } from './network.js';

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
