// The SIP edge for the benchmark, started by the benchmark itself inside the namespace (Doverie runs
// with DOVERIE_SIP_EDGE=external, as in production under systemd). Its settings are what Doverie's
// VoiceRuntime.edgeSettings() would render (src/voice/voiceRuntime.ts): the same token, and the caller-key
// and credential secrets derived from the same pepper, so Kamailio checks the credentials Doverie issues
// and makes the caller keys Doverie would make.
import { phoneKeySecret } from '../../src/domain/privacy/callerKey.js';
import { startEdge, type RunningEdge } from '../../src/voice/edge/edgeProcesses.js';
import { edgeSecret } from '../../src/voice/voiceConfig.js';
import type { Netns } from '../../test/voice/harness/netns.js';
import { NG_PORT, QUEUE_PORT, RTP_PORTS, SIP_PORT, WS_PORT } from './options.js';

export interface EdgeInput {
  ns: Netns;
  runDir: string;
  /** Doverie's base URL as Kamailio reaches it (the host end of the veth). */
  doverieUrl: string;
  token: string;
  /** DOVERIE_HMAC_PEPPER as given to the server (base64). */
  pepper: string;
}

/** The server's telephony environment matching `edgeFor` (external edge in the namespace). */
export function voiceEnv(ns: Netns, token: string, runDir: string): Record<string, string> {
  return {
    DOVERIE_VOICE: 'on',
    DOVERIE_VOICE_TOKEN: token,
    DOVERIE_SIP_EDGE: 'external',
    DOVERIE_SIP_ADDRESS: ns.nsAddress,
    DOVERIE_SIP_PORT: String(SIP_PORT),
    DOVERIE_SIP_WS_PORT: String(WS_PORT),
    DOVERIE_SIP_TRUNKS: ns.nsAddress,
    DOVERIE_RTP_PORTS: `${RTP_PORTS.min}-${RTP_PORTS.max}`,
    DOVERIE_RTPENGINE_NG_PORT: String(NG_PORT),
    DOVERIE_SIP_RUN_DIR: runDir,
    DOVERIE_VOICE_GREETING_URI: greetingUri(ns),
  };
}

export const greetingUri = (ns: Netns) => `sip:greeting@${ns.nsAddress}:${QUEUE_PORT}`;

/** Kamailio's warnings and errors go to stderr (and are counted); the rest is kept only as the last lines. */
export async function edgeFor(e: EdgeInput, problems: string[]): Promise<RunningEdge> {
  const pepper = Buffer.from(e.pepper, 'base64');
  const log = (source: string, line: string) => {
    if (!/\b(ERROR|CRITICAL|ALERT|WARNING)\b/.test(line)) return;
    problems.push(`${source}: ${line}`);
    if (problems.length <= 20) process.stderr.write(`[${source}] ${line}\n`);
  };
  return startEdge(
    {
      runDir: e.runDir,
      sipAddress: e.ns.nsAddress,
      sipPort: SIP_PORT,
      wsPort: WS_PORT,
      realm: e.ns.nsAddress,
      rtpengine: { ngPort: NG_PORT, portMin: RTP_PORTS.min, portMax: RTP_PORTS.max },
      doverieUrl: e.doverieUrl,
      edgeToken: e.token,
      callerKeySecret: phoneKeySecret(pepper),
      ephemeralSecret: edgeSecret(pepper, 'sip-credentials'),
      trunkAddresses: [e.ns.nsAddress],
      // Doverie calls JSON-RPC from the host end of the veth (resync); the benchmark too (queue sizes).
      rpcAllowFrom: [e.ns.nsAddress, e.ns.hostAddress, '127.0.0.1'],
    },
    log,
    { netns: e.ns.name },
  );
}

/** Events waiting in Kamailio for its sender (mqueue "ev"); 0 once Doverie has taken them all. */
export async function pendingEvents(edge: RunningEdge): Promise<number> {
  const r = (await edge.rpc.call('mqueue.get_size', ['ev'])) as { size?: number } | number;
  return typeof r === 'number' ? r : Number(r.size);
}

/** Waits until Kamailio has no event left to send (or throws after timeoutMs). */
export async function drainEvents(edge: RunningEdge, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let left = await pendingEvents(edge);
  while (left > 0) {
    if (Date.now() > deadline) throw new Error(`${left} events still queued in Kamailio after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
    left = await pendingEvents(edge);
  }
}
