// Starting and stopping the SIP edge: the cfg (0600) in the run folder, topology hiding's memory-only
// store (redis-server on a private socket), rtpengine, then Kamailio; ready once Kamailio answers core.version over JSON-RPC. Any failure stops
// whatever was started and throws with the last lines the processes wrote.
import { createSocket } from 'node:dgram';
import { mkdir, writeFile } from 'node:fs/promises';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { telephonyBinaries } from './binaries.js';
import { startChild, type Child, type EdgeLog } from './childProcess.js';
import { renderKamailioConfig } from './kamailioConfig.js';
import { kamailioRpc, type KamailioRpc } from './kamailioRpc.js';
import { parseEdgeSettings, type EdgeSettings, type EdgeSettingsInput } from './settings.js';
import { redisArgs, redisPing } from './toposStore.js';

export { checkKamailioConfig, telephonyBinaries, type TelephonyBinaries } from './binaries.js';
export type { EdgeLog } from './childProcess.js';

export interface RunningEdge {
  settings: EdgeSettings;
  pids: { kamailio: number; rtpengine: number; redis: number };
  cfgFile: string;
  /** JSON-RPC to this Kamailio, with the edge token. */
  rpc: KamailioRpc;
  /** The last lines each process wrote (secrets masked). */
  lastLines(): { kamailio: string[]; rtpengine: string[] };
  /** Stops Kamailio, rtpengine and the store by PID and waits for them to exit (the store's state is gone with it). */
  stop(): Promise<void>;
}

export interface StartEdgeOptions {
  /** How long Kamailio may take to answer core.version (default 20 s). */
  readyTimeoutMs?: number;
  /** Run both inside this network namespace (`ip netns exec`, which execs in place: the PIDs are theirs). */
  netns?: string;
}

export const rpcUrl = (s: EdgeSettings) => `http://${isIPv6(s.sipAddress) ? `[${s.sipAddress}]` : s.sipAddress}:${s.wsPort}/RPC`;

export async function startEdge(
  input: EdgeSettingsInput | EdgeSettings,
  log?: EdgeLog,
  options: StartEdgeOptions = {},
): Promise<RunningEdge> {
  const s = parseEdgeSettings(input);
  const bins = await telephonyBinaries(s);
  if (!bins.ok) throw new Error(`telephony is not available: ${bins.reason}`);
  const secrets = [s.edgeToken, s.callerKeySecret, s.ephemeralSecret];

  await mkdir(s.runDir, { recursive: true, mode: 0o700 });
  const cfgFile = join(s.runDir, 'kamailio.cfg');
  await writeFile(cfgFile, renderKamailioConfig(s), { mode: 0o600 });

  const children: Child[] = [];
  const stopAll = async () => {
    // Kamailio first (it uses the store), then the others.
    for (const c of [...children].reverse()) await c.stop();
  };
  const failure = (why: string) => {
    const tail = children.map((c) => `--- ${c.name} (last lines)\n${c.lastLines().slice(-30).join('\n')}`).join('\n');
    return new Error(`the SIP edge did not start: ${why}\n${tail}`);
  };

  try {
    const ng = `${isIPv6(s.sipAddress) ? `[${s.sipAddress}]` : s.sipAddress}:${s.rtpengine.ngPort}`;
    const inNetns = (bin: string, args: string[]): [string, string[]] =>
      options.netns ? ['ip', ['netns', 'exec', options.netns, bin, ...args]] : [bin, args];
    const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
    const redis = startChild('redis', ...inNetns(bins.redis, redisArgs(s.runDir)), secrets, log);
    children.push(redis);
    await waitFor('the topos store answers PING', deadline, children, () => redisPing(s.runDir));

    const rtpengine = startChild(
      'rtpengine',
      ...inNetns(bins.rtpengine, [
        '--config-file=none',
        `--interface=${s.sipAddress}`,
        `--listen-ng=${ng}`,
        `--port-min=${s.rtpengine.portMin}`,
        `--port-max=${s.rtpengine.portMax}`,
        `--delete-delay=${s.rtpengine.deleteDelaySeconds}`,
        '--table=-1',
        '--foreground',
        '--log-stderr',
        '--log-level=5',
      ]),
      secrets,
      log,
    );
    children.push(rtpengine);
    await waitFor('rtpengine answers ping', deadline, children, () => rtpenginePing(s.sipAddress, s.rtpengine.ngPort));

    const kamailio = startChild(
      'kamailio',
      ...inNetns(bins.kamailio, ['-f', cfgFile, '-DD', '-E', '-Y', s.runDir, '-m', '64', '-M', '8']),
      secrets,
      log,
    );
    children.push(kamailio);
    const rpc = kamailioRpc({ url: rpcUrl(s), token: s.edgeToken, timeoutMs: 1000 });
    await waitFor('Kamailio answers core.version', deadline, children, () => rpc.version().then(() => true));

    return {
      settings: s,
      pids: { kamailio: kamailio.pid, rtpengine: rtpengine.pid, redis: redis.pid },
      cfgFile,
      rpc: kamailioRpc({ url: rpcUrl(s), token: s.edgeToken }),
      lastLines: () => ({ kamailio: kamailio.lastLines(), rtpengine: rtpengine.lastLines() }),
      stop: stopAll,
    };
  } catch (e) {
    const error = e instanceof Error && e.message.startsWith('the SIP edge') ? e : failure((e as Error).message);
    await stopAll();
    throw error;
  }
}

async function waitFor(what: string, deadline: number, children: Child[], probe: () => Promise<boolean>): Promise<void> {
  for (;;) {
    const dead = children.find((c) => !c.isRunning());
    if (dead) throw new Error(`${dead.name} exited (${await dead.exited}) before ${what}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** rtpengine's ng protocol: "<cookie> d7:command4:pinge" → "<cookie> d6:result4:ponge". */
function rtpenginePing(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createSocket(isIPv6(address) ? 'udp6' : 'udp4');
    const cookie = `ping${process.pid}${Date.now()}`;
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sock.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    sock.on('error', () => done(false));
    sock.on('message', (m) => done(m.toString().startsWith(`${cookie} `) && m.toString().includes('pong')));
    sock.send(`${cookie} d7:command4:pinge`, port, address);
  });
}
