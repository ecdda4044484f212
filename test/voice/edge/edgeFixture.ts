// What the edge tests share: settings on loopback with free ports, a started edge whose processes
// (Kamailio's forked workers too) are known by PID, counsellor credentials and the caller key as
// Doverie computes them.
import { createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEdge, type RunningEdge } from '../../../src/voice/edge/edgeProcesses.js';
import type { EdgeSettingsInput } from '../../../src/voice/edge/settings.js';
import { freePort, freeUdpRange } from './ports.js';

export const EDGE_IP = '127.0.0.1';
/** The operator trunk's address (SIPp binds it). */
export const TRUNK_IP = '127.0.0.2';
/** An address that is not the trunk. */
export const STRANGER_IP = '127.0.0.3';
/** Counsellors' phones. */
export const PHONE_IP = '127.0.0.6';
export const REALM = 'doverie.test';

const secret = () => randomBytes(24).toString('base64url');

export async function testSettings(doverieUrl: string, overrides: Partial<EdgeSettingsInput> = {}): Promise<EdgeSettingsInput> {
  const media = await freeUdpRange(60);
  return {
    runDir: await mkdtemp(join(tmpdir(), 'doverie-edge-')),
    sipAddress: EDGE_IP,
    sipPort: await freePort(),
    wsPort: await freePort(),
    realm: REALM,
    rtpengine: { ngPort: await freePort(), portMin: media.min, portMax: media.max },
    doverieUrl,
    edgeToken: secret(),
    callerKeySecret: secret(),
    ephemeralSecret: secret(),
    trunkAddresses: [TRUNK_IP],
    rpcAllowFrom: [EDGE_IP],
    ...overrides,
  };
}

export interface TestEdge {
  edge: RunningEdge;
  settings: EdgeSettingsInput;
  /** Every line Kamailio and rtpengine wrote. */
  logs: string[];
  /** host:port of the edge's SIP listener. */
  sip: string;
  /** kamailio, its forked workers (seen while it ran) and rtpengine. */
  pids(): number[];
  /** Stops the edge and removes its run folder. */
  close(): Promise<void>;
}

export async function childPidsOf(parent: number): Promise<number[]> {
  const out: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) out.push(Number(entry));
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // a zombie is gone for our purposes (exited, waiting for its parent to reap it)
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export async function startTestEdge(settings: EdgeSettingsInput): Promise<TestEdge> {
  const logs: string[] = [];
  const edge = await startEdge(settings, (source, line) => logs.push(`${source}: ${line}`));
  const workers = await childPidsOf(edge.pids.kamailio);
  return {
    edge,
    settings,
    logs,
    sip: `${EDGE_IP}:${settings.sipPort}`,
    pids: () => [edge.pids.kamailio, edge.pids.rtpengine, ...workers],
    close: async () => {
      await edge.stop();
      await rm(settings.runDir, { recursive: true, force: true });
    },
  };
}

/** The credentials Doverie issues (src/domain/voice/credentials.ts does the same). */
export function sipCredentials(ephemeralSecret: string, sipUser: string, expiry: number): { user: string; password: string } {
  const user = `${expiry}:${sipUser}`;
  return { user, password: createHmac('sha1', ephemeralSecret).update(user).digest('base64') };
}

/** Doverie's caller key of an E.164 number, with the edge's key. */
export const callerKeyOf = (callerKeySecret: string, e164: string) =>
  createHmac('sha256', callerKeySecret).update(`phone:${e164}`).digest('base64url');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns true (or throws on timeout with `what`). */
export async function waitUntil(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

/** How many calls rtpengine holds now (ng "list"). */
export function rtpengineCalls(ngPort: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = createSocket('udp4');
    const cookie = `list${Date.now()}`;
    const timer = setTimeout(() => {
      sock.close();
      reject(new Error('rtpengine did not answer "list"'));
    }, 2000);
    sock.on('message', (m) => {
      clearTimeout(timer);
      sock.close();
      // "<cookie> d5:callsl<n>:<id>...e6:result2:oke": count the ids in the list
      const text = m.toString().slice(cookie.length + 1);
      const list = /^d5:callsl(.*)e6:result/.exec(text)?.[1] ?? '';
      let n = 0;
      for (let i = 0; i < list.length; n++) {
        const colon = list.indexOf(':', i);
        i = colon + 1 + Number(list.slice(i, colon));
      }
      resolve(n);
    });
    sock.send(`${cookie} d7:command4:list5:limiti1000ee`, ngPort, EDGE_IP);
  });
}
