// Packet capture inside a test namespace (dumpcap), and the SIP text of a capture (tshark), so a test can
// check what an endpoint received, e.g. that a caller's number never reaches a counsellor's phone.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Netns } from './netns.js';
import { run } from './netns.js';
import type { ManagedProcess } from './processes.js';

export interface CaptureOptions {
  ns: Netns;
  /** pcapng file to write. */
  file: string;
  /** Interfaces inside the namespace; default `lo` and the veth end (not `any`: it shows `lo` packets twice). */
  interfaces?: string[];
  /** Capture filter (BPF), e.g. "udp port 5070". Default: everything. */
  filter?: string;
  /** Shorthand for a filter on these UDP/TCP ports (combined with `filter` by "and" when both are given). */
  ports?: number[];
}

export interface Capture {
  file: string;
  proc: ManagedProcess;
  /** Waits until everything sent so far is in the file, then stops dumpcap. */
  stop(): Promise<void>;
}

// Markers are UDP datagrams to the discard port on the namespace address (so they cross `lo`).
const MARKER_PORT = 9;

/**
 * Sends a marker datagram and waits until dumpcap has written it to the file. dumpcap reads the kernel's
 * ring in blocks and drops what it has not read yet when it is stopped, so stop() first waits for a marker
 * sent after the traffic of interest; start() waits for one to prove the capture is live.
 */
async function syncMarker(ns: Netns, file: string, proc: ManagedProcess, label: string): Promise<void> {
  const marker = `dvt-capture-${label}-${randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + 5000;
  for (let sent = 0; Date.now() < deadline; sent++) {
    if (sent % 5 === 0) await ns.exec('bash', ['-c', `printf %s "${marker}" > /dev/udp/${ns.nsAddress}/${MARKER_PORT}`]);
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    if (bytes.includes(marker)) return;
    if (!proc.running()) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`capture ${file}: the ${label} marker never reached the file; dumpcap said:\n${proc.lines().slice(-10).join('\n')}`);
}

export async function startCapture(o: CaptureOptions): Promise<Capture> {
  const interfaces = o.interfaces ?? ['lo', o.ns.nsInterface];
  if (!interfaces.includes('lo') && !interfaces.includes('any'))
    throw new Error('startCapture: capture `lo` (or `any`): the markers travel on it');
  const portFilter = o.ports?.length ? o.ports.map((p) => `port ${p}`).join(' or ') : undefined;
  const wanted = [o.filter, portFilter].filter(Boolean).map((f) => `(${f})`);
  const filter = wanted.length ? `(${wanted.join(' and ')}) or (udp dst port ${MARKER_PORT})` : undefined;
  const args = [...interfaces.flatMap((i) => ['-i', i]), ...(filter ? ['-f', filter] : []), '-w', o.file];
  const proc = o.ns.spawn('dumpcap', args, { name: 'dumpcap' });
  try {
    await proc.waitFor(/^Capturing on /, 10_000);
    await syncMarker(o.ns, o.file, proc, 'start');
  } catch (err) {
    await proc.stop(1000);
    throw err;
  }
  return {
    file: o.file,
    proc,
    async stop() {
      if (!proc.running()) throw new Error(`dumpcap exited early:\n${proc.lines().slice(-10).join('\n')}`);
      await syncMarker(o.ns, o.file, proc, 'end');
      const { code, signal } = await proc.stop(3000);
      if (signal === 'SIGKILL' || (code !== 0 && code !== null)) {
        throw new Error(`dumpcap did not stop cleanly (${code ?? signal}):\n${proc.lines().slice(-10).join('\n')}`);
      }
    },
  };
}

export interface SipPacket {
  time: number;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  transport: 'udp' | 'tcp';
  /** The whole SIP message as sent: start line, headers and body. */
  text: string;
}

export interface SipReadOptions {
  /** Ports to decode as SIP besides 5060 (tshark only knows 5060 and heuristics). */
  sipPorts?: number[];
  /** Extra display filter, e.g. "udp.dstport == 5070" (what the phone on 5070 received). */
  filter?: string;
}

/** Every SIP message in a capture, in order. */
export async function sipMessages(pcap: string, opts: SipReadOptions = {}): Promise<SipPacket[]> {
  const decodeAs = (opts.sipPorts ?? []).flatMap((p) => ['-d', `udp.port==${p},sip`, '-d', `tcp.port==${p},sip`]);
  const fields = [
    'frame.time_epoch',
    'ip.src',
    'ip.dst',
    'udp.srcport',
    'udp.dstport',
    'tcp.srcport',
    'tcp.dstport',
    'udp.payload',
    'tcp.payload',
  ];
  const filter = opts.filter ? `sip && (${opts.filter})` : 'sip';
  const r = await run(
    'tshark',
    ['-n', '-r', pcap, ...decodeAs, '-Y', filter, '-T', 'fields', '-E', 'separator=/t', ...fields.flatMap((f) => ['-e', f])],
    30_000,
  );
  if (r.code !== 0) throw new Error(`tshark -r ${pcap} failed (${r.code}): ${r.stderr.trim()}`);
  const packets: SipPacket[] = [];
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    const [time, src, dst, uSrc, uDst, tSrc, tDst, uPayload, tPayload] = line.split('\t');
    const udp = Boolean(uPayload);
    const hex = (udp ? uPayload : tPayload) ?? '';
    packets.push({
      time: Number(time),
      src: src ?? '',
      dst: dst ?? '',
      srcPort: Number(udp ? uSrc : tSrc),
      dstPort: Number(udp ? uDst : tDst),
      transport: udp ? 'udp' : 'tcp',
      text: Buffer.from(hex.replace(/:/g, ''), 'hex').toString('utf8'),
    });
  }
  return packets;
}

/** All SIP text of a capture (optionally only what matches `filter`), one message after another. */
export async function sipText(pcap: string, opts: SipReadOptions = {}): Promise<string> {
  return (await sipMessages(pcap, opts)).map((p) => p.text).join('\n');
}

/** How many times `needle` occurs in `haystack` (case-sensitive, non-overlapping). */
export function countOccurrences(haystack: string, needle: string): number {
  if (!needle) throw new Error('countOccurrences: empty needle');
  return haystack.split(needle).length - 1;
}
