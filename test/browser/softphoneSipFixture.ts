// What the softphone's test against the real SIP edge needs besides the phone line (test/voice/e2e):
// Debian's Chromium started inside the line's network namespace (so its ICE candidates are the
// namespace's), a record of everything the page received, and the WebSocket messages a capture holds
// on the SIP WebSocket port, read frame by frame (tshark gives the TCP bytes; the frames are parsed
// here, unmasked where the browser masked them).
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PhoneLine } from '../voice/e2e/phoneLine.js';
import { run, type Netns } from '../voice/harness/netns.js';
import { CHROMIUM } from './browserHarness.js';
import { launchMediaBrowser } from './softphoneFixture.js';

/** Chromium inside `ns`, with fake audio devices and `origin` (http://10.x…) treated as a secure context for getUserMedia. */
export async function launchBrowserInNamespace(ns: Netns, dir: string, origin: string): Promise<Browser> {
  const wrapper = join(dir, 'chromium-in-netns.sh');
  // `ip netns exec` and `exec` replace the process: Playwright's pipe (fds 3 and 4) reaches Chromium.
  await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${ns.name} ${CHROMIUM} "$@"\n`);
  await chmod(wrapper, 0o755);
  return launchMediaBrowser(wrapper, [`--unsafely-treat-insecure-origin-as-secure=${origin}`]);
}

export interface Received {
  /** Every HTTP response body the page got (url, then the body). */
  responses: string[];
  /** Every WebSocket message the page got, on any socket (Doverie's and the SIP edge's). */
  frames: { url: string; payload: string }[];
  /** What the page sent on its WebSockets. */
  sent: { url: string; payload: string }[];
  /** The page's console messages and uncaught errors. */
  console: string[];
}

export function recordReceived(page: Page): Received {
  const received: Received = { responses: [], frames: [], sent: [], console: [] };
  page.on('response', (r) => {
    void r.text().then(
      (body) => received.responses.push(`${r.url()}\n${body}`),
      () => received.responses.push(r.url()),
    );
  });
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => void received.frames.push({ url: ws.url(), payload: String(payload) }));
    ws.on('framesent', ({ payload }) => void received.sent.push({ url: ws.url(), payload: String(payload) }));
  });
  page.on('console', (m) => void received.console.push(m.text()));
  page.on('pageerror', (e) => void received.console.push(String(e)));
  return received;
}

/** Everything recorded, as one text to search. */
export const allReceived = (r: Received): string =>
  [...r.responses, ...r.frames.map((f) => f.payload), ...r.sent.map((f) => f.payload), ...r.console].join('\n');

/**
 * The WebSocket messages in a capture on TCP `port`, per direction: `toClient` (what the browser
 * received) and `toServer`. The TCP payloads of each connection are joined in capture order (one
 * machine, no loss), the HTTP upgrade is skipped, then the frames are read.
 */
export async function webSocketMessages(pcap: string, port: number): Promise<{ toClient: string[]; toServer: string[] }> {
  const r = await run(
    'tshark',
    ['-n', '-r', pcap, '-Y', `tcp.port == ${port} && tcp.len > 0`, '-T', 'fields', '-E', 'separator=/t'].concat(
      ['tcp.stream', 'tcp.srcport', 'tcp.payload'].flatMap((f) => ['-e', f]),
    ),
    30_000,
  );
  if (r.code !== 0) throw new Error(`tshark -r ${pcap} failed (${r.code}): ${r.stderr.trim()}`);
  const streams = new Map<string, Buffer[]>();
  for (const line of r.stdout.split('\n')) {
    const [stream, srcPort, hex] = line.split('\t');
    if (!hex) continue;
    const key = `${stream}:${Number(srcPort) === port ? 'toClient' : 'toServer'}`;
    streams.set(key, [...(streams.get(key) ?? []), Buffer.from(hex.replace(/:/g, ''), 'hex')]);
  }
  const out = { toClient: [] as string[], toServer: [] as string[] };
  for (const [key, parts] of streams) {
    const bytes = Buffer.concat(parts);
    const headerEnd = bytes.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    out[key.endsWith('toClient') ? 'toClient' : 'toServer'].push(...readFrames(bytes.subarray(headerEnd + 4)));
  }
  return out;
}

/** Text and binary frames' payloads (RFC 6455), unmasked; a truncated last frame is ignored. */
export function readFrames(bytes: Buffer): string[] {
  const messages: string[] = [];
  let pos = 0;
  while (pos + 2 <= bytes.length) {
    const opcode = bytes[pos]! & 0x0f;
    const masked = (bytes[pos + 1]! & 0x80) !== 0;
    let length = bytes[pos + 1]! & 0x7f;
    let at = pos + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(at);
      at += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(at));
      at += 8;
    }
    const key = masked ? bytes.subarray(at, at + 4) : null;
    if (masked) at += 4;
    if (at + length > bytes.length) break;
    const payload = Buffer.from(bytes.subarray(at, at + length));
    if (key) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ key[i % 4]!;
    if (opcode === 1 || opcode === 2 || opcode === 0) messages.push(payload.toString('utf8'));
    pos = at + length;
  }
  return messages;
}

/** For a failure's report: the edge's and the phones' last lines, the softphone's state, Doverie's voice requests. */
export async function whatTheEdgeSaw(line: PhoneLine, page: Page | undefined): Promise<string> {
  const edge = line.edge.lastLines();
  const state = await page?.evaluate<string>('JSON.stringify(window.__doverieSoftphone?.state())').catch((e: unknown) => String(e));
  return [
    `kamailio:\n${edge.kamailio.slice(-40).join('\n')}`,
    `rtpengine:\n${edge.rtpengine.slice(-20).join('\n')}`,
    ...line.phones.map((p) => `${p.proc.name}:\n${p.proc.lines().slice(-20).join('\n')}`),
    `softphone: ${state}`,
    `doverie:\n${line.logLines
      .filter((l) => l.includes('/api/voice/'))
      .slice(-20)
      .join('\n')}`,
  ].join('\n\n');
}
