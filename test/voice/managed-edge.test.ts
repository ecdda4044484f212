// `npm start` with the phone line on and the edge managed by Doverie: the built server renders the
// config, starts Kamailio and rtpengine, says telephony is ready, and stops both when it stops. If the
// edge cannot start (here: its WebSocket port is taken), Doverie still runs and says why.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoLogins, startServerProcess } from '../helpers/serverProcess.js';
import { loadConfig } from '../../src/config.js';
import { startEdge, type RunningEdge } from '../../src/voice/edge/edgeProcesses.js';
import { edgeSettingsOf } from '../../src/voice/edgeSettings.js';
import { isAlive } from './harness/processes.js';
import { freePort, freeUdpRange } from './edge/ports.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function voiceEnv() {
  const data = mkdtempSync(join(tmpdir(), 'doverie-voice-start-'));
  dirs.push(data);
  const rtp = await freeUdpRange(20);
  return {
    DOVERIE_DATA_DIR: data,
    DOVERIE_VOICE: 'on',
    DOVERIE_VOICE_TOKEN: 'managed-edge-test-token-0123456789abcdef',
    DOVERIE_SIP_ADDRESS: '127.0.0.1',
    DOVERIE_SIP_PORT: String(await freePort()),
    DOVERIE_SIP_WS_PORT: String(await freePort()),
    DOVERIE_RTPENGINE_NG_PORT: String(await freePort()),
    DOVERIE_RTP_PORTS: `${rtp.min}-${rtp.max}`,
    DOVERIE_SIP_TRUNKS: '127.0.0.1',
    LOG_LEVEL: 'info',
  };
}

async function statusAs(url: string, output: string) {
  const login = demoLogins(output)[0]!;
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: login.login, password: login.password }),
  });
  const cookie = (res.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
  return (await fetch(`${url}/api/voice/status`, { headers: { cookie } })).json() as Promise<{
    configured: boolean;
    reason: string | null;
  }>;
}

const pidsOf = (name: string, output: string) => [...output.matchAll(new RegExp(`"${name}Pid":(\\d+)`, 'g'))].map((m) => Number(m[1]));

describe('npm start with the phone line managed by Doverie', () => {
  it('starts Kamailio and rtpengine, answers JSON-RPC, says telephony is ready, and stops them when it stops', async () => {
    const env = await voiceEnv();
    const server = await startServerProcess(env, 60_000);
    let pids: number[] = [];
    try {
      expect(await statusAs(server.url, server.output())).toEqual({ configured: true, reason: null });
      pids = [...pidsOf('kamailio', server.output()), ...pidsOf('rtpengine', server.output())];
      expect(pids).toHaveLength(2);
      for (const pid of pids) expect(isAlive(pid), `pid ${pid}`).toBe(true);
      const rpc = await fetch(`http://127.0.0.1:${env.DOVERIE_SIP_WS_PORT}/RPC`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${env.DOVERIE_VOICE_TOKEN}` },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'core.version', id: 1 }),
      });
      expect(((await rpc.json()) as { result: string }).result).toMatch(/kamailio 5\./);
    } finally {
      await server.stop();
    }
    for (const pid of pids) expect(isAlive(pid), `pid ${pid} after stop`).toBe(false);
  }, 90_000);

  it('an edge of its own (external) that is not up yet: Doverie says so, keeps trying, and is ready once the edge answers', async () => {
    const env = { ...(await voiceEnv()), DOVERIE_SIP_EDGE: 'external' };
    const server = await startServerProcess(env, 60_000);
    let edge: RunningEdge | undefined;
    try {
      expect(await statusAs(server.url, server.output())).toEqual({ configured: false, reason: 'edge_failed' });
      const { config } = loadConfig(env);
      edge = await startEdge(edgeSettingsOf(config.voice!, config.secrets.hmacPepper, server.url));
      const deadline = Date.now() + 30_000;
      while ((await statusAs(server.url, server.output())).configured !== true) {
        if (Date.now() > deadline) throw new Error('Doverie never noticed the edge');
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      await server.stop();
      await edge?.stop();
    }
    // Not Doverie's to stop: an external edge outlives it (calls go on through a restart); the test stopped it.
  }, 90_000);

  it('when the edge cannot start, Doverie runs on and says so', async () => {
    const env = await voiceEnv();
    const blocker = createServer().listen(Number(env.DOVERIE_SIP_WS_PORT), '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const server = await startServerProcess(env, 60_000);
      try {
        expect(await statusAs(server.url, server.output())).toEqual({ configured: false, reason: 'edge_failed' });
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      } finally {
        await server.stop();
      }
    } finally {
      blocker.close();
    }
  }, 90_000);
});
