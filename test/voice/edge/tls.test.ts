// With TLS configured, the edge takes WSS handshakes (browsers' softphones) and JSON-RPC over HTTPS on
// the TLS port, with a certificate made for the test.
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { EDGE_IP, isAlive, startTestEdge, testSettings, type TestEdge } from './edgeFixture.js';
import { freePort } from './ports.js';
import { recordingServer, type RecordingServer } from './recordingServer.js';
import { selfSignedCertificate, type TestCertificate } from './testCertificate.js';

let cert: TestCertificate;
let srv: RecordingServer;
let t: TestEdge;
let tlsPort: number;

beforeAll(async () => {
  cert = await selfSignedCertificate('127.0.0.1');
  srv = await recordingServer();
  tlsPort = await freePort();
  t = await startTestEdge(await testSettings(srv.url, { tls: cert.tls(tlsPort) }));
}, 30_000);

afterAll(async () => {
  await t?.close();
  await srv?.close();
  await cert?.remove();
  for (const pid of t?.pids() ?? []) expect(isAlive(pid), `process ${pid} still running`).toBe(false);
});

describe('TLS', () => {
  it('takes a WSS handshake with the configured certificate', async () => {
    const ws = new WebSocket(`wss://${EDGE_IP}:${tlsPort}`, 'sip', { rejectUnauthorized: false });
    const opened = await new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('error', (e) => resolve(e.message));
    });
    expect(opened).toBe('open');
    const cert = (ws as unknown as { _socket: { getPeerCertificate(): { subject: { CN: string } } } })._socket.getPeerCertificate();
    expect(cert.subject.CN).toBe('127.0.0.1');
    ws.close();
  });

  it('answers JSON-RPC over HTTPS on the TLS port, with the token', async () => {
    const status = (authorization?: string) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ jsonrpc: '2.0', method: 'core.version', id: 1 });
        const req = request(
          `https://${EDGE_IP}:${tlsPort}/RPC`,
          {
            method: 'POST',
            agent: false,
            rejectUnauthorized: false,
            headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    expect(await status(`Bearer ${t.settings.edgeToken}`)).toBe(200);
    expect(await status()).toBe(401);
  });
});
