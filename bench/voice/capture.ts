// The edge's HTTP requests to Doverie as they cross the veth (dumpcap on its host end, only Doverie's
// TCP port), and tshark's `http.time` of each answer: from the request's last packet to the answer's,
// on the wire between Kamailio and Doverie.
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { run } from '../../test/voice/harness/netns.js';
import { startProcess, type ManagedProcess } from '../../test/voice/harness/processes.js';

export interface HttpAnswer {
  /** Unix time of the answer's packet, s. */
  at: number;
  /** Request → answer, ms. */
  ms: number;
  path: string;
  status: number;
}

export interface Capture {
  file: string;
  proc: ManagedProcess;
  /** Waits until everything sent so far is in the file, then stops dumpcap. */
  stop(): Promise<void>;
}

const MARKER_PORT = 9; // discard: the markers cross the veth toward the namespace

/** dumpcap reads the kernel's ring in blocks: a marker sent after the traffic proves the file holds it. */
async function syncMarker(file: string, to: string, proc: ManagedProcess): Promise<void> {
  const marker = `doverie-bench-voice-${randomBytes(6).toString('hex')}`;
  const sock = createSocket('udp4');
  try {
    const deadline = Date.now() + 10_000;
    for (let i = 0; Date.now() < deadline && proc.running(); i++) {
      if (i % 5 === 0) sock.send(marker, MARKER_PORT, to);
      if ((await readFile(file).catch(() => Buffer.alloc(0))).includes(marker)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    sock.close();
  }
  throw new Error(`capture ${file}: the marker never reached the file; dumpcap said:\n${proc.lines().slice(-10).join('\n')}`);
}

/** Captures Doverie's HTTP port on the host end of the veth; `nsAddress` receives the markers. */
export async function startCapture(file: string, hostInterface: string, port: number, nsAddress: string): Promise<Capture> {
  const proc = startProcess('dumpcap', ['-q', '-i', hostInterface, '-f', `tcp port ${port} or udp dst port ${MARKER_PORT}`, '-w', file], {
    name: 'dumpcap',
  });
  try {
    await syncMarker(file, nsAddress, proc);
  } catch (err) {
    await proc.stop(1000);
    throw err;
  }
  return {
    file,
    proc,
    async stop() {
      await syncMarker(file, nsAddress, proc);
      await proc.stop(3000);
    },
  };
}

/** Every HTTP answer in the capture, with its request's path and the time between them. */
export async function httpAnswers(file: string, port: number): Promise<HttpAnswer[]> {
  const fields = ['frame.time_epoch', 'http.time', 'http.response_for.uri', 'http.response.code'];
  const r = await run(
    'tshark',
    [
      '-n',
      '-r',
      file,
      '-d',
      `tcp.port==${port},http`,
      '-Y',
      'http.response',
      '-T',
      'fields',
      '-E',
      'separator=/t',
      ...fields.flatMap((f) => ['-e', f]),
    ],
    120_000,
  );
  if (r.code !== 0) throw new Error(`tshark -r ${file} failed (${r.code}): ${r.stderr.trim()}`);
  const out: HttpAnswer[] = [];
  for (const line of r.stdout.split('\n')) {
    const [at, time, uri, status] = line.split('\t');
    if (!at || !time || !uri) continue;
    out.push({ at: Number(at), ms: Number(time) * 1000, path: new URL(uri, 'http://x').pathname, status: Number(status) });
  }
  return out;
}

/** How many HTTP requests the capture holds, by path (to see requests never answered). */
export async function httpRequests(file: string, port: number): Promise<Record<string, number>> {
  const r = await run(
    'tshark',
    ['-n', '-r', file, '-d', `tcp.port==${port},http`, '-Y', 'http.request', '-T', 'fields', '-e', 'http.request.uri'],
    120_000,
  );
  if (r.code !== 0) throw new Error(`tshark -r ${file} failed (${r.code}): ${r.stderr.trim()}`);
  const out: Record<string, number> = {};
  for (const uri of r.stdout.split('\n').filter(Boolean)) out[uri] = (out[uri] ?? 0) + 1;
  return out;
}
