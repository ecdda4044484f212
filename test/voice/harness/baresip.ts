// A baresip user agent in a test namespace: a counsellor's desk phone (registers, auto or manual answer)
// or a caller. It plays a WAV as its microphone (and hangs up when the WAV ends), records what it hears
// with the sndfile module (dump-<time>-dec.wav; what it sent is -enc.wav), and is driven over ctrl_tcp.
// Ports: SIP on sipPort (UDP+TCP), TLS on sipPort+1 (baresip always binds it), ctrl_tcp on sipPort+2;
// space instances by 10.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BaresipCtrl, type BaresipEvent } from './baresipCtrl.js';
import type { Netns } from './netns.js';
import type { ManagedProcess } from './processes.js';

export interface BaresipOptions {
  ns: Netns;
  /** Label, and the sub-folder of `dir` for its config and recordings. */
  name: string;
  dir: string;
  sipPort: number;
  /** RTP port range; default 20000 + (sipPort % 1000) * 4 .. +39. */
  rtpPorts?: [number, number];
  /** The AOR user: a counsellor's SIP user (c-3f9a1b2c) or a caller's number. */
  user: string;
  /** The AOR host (the registrar's realm); default `<nsAddress>:<sipPort>` (a phone that does not register). */
  domain?: string;
  /** Registrar / outbound proxy, e.g. `sip:10.213.4.2:5060;transport=udp`. The phone registers only when set. */
  registrar?: string;
  /** Digest credentials; the user may be an ephemeral one, e.g. "1767225600:c-3f9a1b2c". */
  authUser?: string;
  password?: string;
  /** Incoming calls: answered at once ('auto') or only on answer() ('manual', the default). */
  answer?: 'auto' | 'manual';
  /** What it says into the call (8 kHz mono WAV). The call ends when the file ends. */
  wav: string;
  regint?: number;
  codecs?: string[];
  transport?: 'udp' | 'tcp';
  /** Print every SIP message (baresip -s) into the captured output. */
  sipTrace?: boolean;
}

export interface Recordings {
  /** What the phone heard (decoder side), oldest first. */
  heard: string[];
  /** What the phone sent (encoder side). */
  sent: string[];
}

export interface Baresip {
  proc: ManagedProcess;
  ctrl: BaresipCtrl;
  /** sip:<user>@<nsAddress>:<sipPort>, to call it directly without a proxy. */
  directUri: string;
  accountLine: string;
  /** Resolves on a successful registration printed after output line `since` (proc.mark()); rejects on a failure. */
  waitRegistered(timeoutMs?: number, since?: number): Promise<void>;
  dial(uri: string): Promise<void>;
  answer(): Promise<void>;
  hangup(): Promise<void>;
  /** Waits for a call event (CALL_INCOMING, CALL_RINGING, CALL_ESTABLISHED, CALL_CLOSED, ...). */
  waitEvent(type: string | string[], timeoutMs?: number, since?: number): Promise<BaresipEvent>;
  recordings(): Promise<Recordings>;
  stop(): Promise<void>;
}

// Account parameters are separated by ';' and the values end at whitespace or ';'.
function paramValue(name: string, value: string): string {
  if (/[\s;"<>]/.test(value)) throw new Error(`baresip: ${name} must not contain whitespace, ';', '"', '<' or '>'`);
  return value;
}

export function accountLine(o: BaresipOptions): string {
  const domain = o.domain ?? `${o.ns.nsAddress}:${o.sipPort}`;
  const params = [`answermode=${o.answer ?? 'manual'}`, `regint=${o.registrar ? (o.regint ?? 600) : 0}`];
  params.push(`audio_codecs=${(o.codecs ?? ['PCMA', 'PCMU']).join(',')}`);
  if (o.authUser) params.push(`auth_user=${paramValue('authUser', o.authUser)}`);
  if (o.password) params.push(`auth_pass=${paramValue('password', o.password)}`);
  if (o.registrar) {
    if (/[\s"]/.test(o.registrar)) throw new Error("baresip: registrar must not contain whitespace or '\"'");
    params.push(`outbound="${o.registrar}"`);
  }
  return `<sip:${o.user}@${domain};transport=${o.transport ?? 'udp'}>;${params.join(';')}`;
}

function config(o: BaresipOptions, recDir: string, ctrlPort: number): string {
  const [rtpMin, rtpMax] = o.rtpPorts ?? [20000 + (o.sipPort % 1000) * 4, 20000 + (o.sipPort % 1000) * 4 + 39];
  const lines: [string, string][] = [
    ['poll_method', 'epoll'],
    ['sip_listen', `${o.ns.nsAddress}:${o.sipPort}`],
    ['net_interface', o.ns.nsAddress], // must be an IP address, not an interface name
    ['call_local_timeout', '120'],
    ['call_max_calls', '4'],
    ['audio_player', 'alsa,null'],
    ['audio_alert', 'alsa,null'],
    ['audio_source', `aufile,${o.wav}`],
    ['audio_level', 'no'],
    ['ausrc_format', 's16'],
    ['auplay_format', 's16'],
    ['auenc_format', 's16'],
    ['audec_format', 's16'],
    ['audio_buffer', '20-160'],
    ['rtp_ports', `${rtpMin}-${rtpMax}`],
    ['rtcp_mux', 'no'],
    ['jitter_buffer_delay', '5-10'],
    ['module_path', '/usr/lib/baresip/modules'],
    ['module', 'g711.so'],
    ['module', 'sndfile.so'],
    ['module', 'alsa.so'],
    ['module', 'aufile.so'],
    ['module_tmp', 'uuid.so'],
    ['module_tmp', 'account.so'],
    ['module_app', 'menu.so'],
    ['module_app', 'ctrl_tcp.so'],
    ['ctrl_tcp_listen', `${o.ns.nsAddress}:${ctrlPort}`],
    ['snd_path', recDir],
  ];
  return lines.map(([k, v]) => `${k}\t${v}`).join('\n') + '\n';
}

export async function startBaresip(o: BaresipOptions): Promise<Baresip> {
  const home = join(o.dir, o.name);
  const recDir = join(home, 'rec');
  const ctrlPort = o.sipPort + 2;
  await mkdir(recDir, { recursive: true });
  const account = accountLine(o);
  await writeFile(join(home, 'config'), config(o, recDir, ctrlPort));
  await writeFile(join(home, 'accounts'), `${account}\n`);
  await writeFile(join(home, 'contacts'), '');

  const proc = o.ns.spawn('baresip', ['-f', home, ...(o.sipTrace ? ['-s'] : [])], {
    name: `baresip ${o.name}`,
    dropLine: /^\[\d+:\d\d:\d\d\] audio=/,
  });
  let ctrl: BaresipCtrl;
  try {
    await proc.waitFor(/baresip is ready/, 10_000);
    ctrl = await BaresipCtrl.open(o.ns.nsAddress, ctrlPort);
  } catch (err) {
    await proc.stop(1000);
    throw err;
  }

  const waitEvent = (type: string | string[], timeoutMs = 10_000, since = 0) =>
    ctrl.waitEvent(Array.isArray(type) ? type : [type], timeoutMs, since);

  return {
    proc,
    ctrl,
    directUri: `sip:${o.user}@${o.ns.nsAddress}:${o.sipPort}`,
    accountLine: account,
    async waitRegistered(timeoutMs = 10_000, since = 0) {
      if (!o.registrar) throw new Error(`baresip ${o.name}: no registrar configured`);
      // Registration may finish before ctrl_tcp is connected, so watch the console, not the events:
      // "<aor>: 200 OK (...) [1 binding]" on success, "reg: <aor>: 403 Forbidden ()" on failure.
      const ok = /\[\d+ bindings?\]/;
      const failed = /^reg: .*: [3-6]\d\d /;
      const line = await proc.waitFor((l) => ok.test(l) || failed.test(l), timeoutMs, since);
      if (!ok.test(line)) throw new Error(`baresip ${o.name}: registration failed: ${line}`);
    },
    async dial(uri) {
      await ctrl.command('dial', uri);
    },
    async answer() {
      await ctrl.command('accept');
    },
    async hangup() {
      await ctrl.command('hangup');
    },
    waitEvent,
    async recordings() {
      const files = (await readdir(recDir)).sort();
      return {
        heard: files.filter((f) => f.endsWith('-dec.wav')).map((f) => join(recDir, f)),
        sent: files.filter((f) => f.endsWith('-enc.wav')).map((f) => join(recDir, f)),
      };
    },
    async stop() {
      // The first SIGTERM unregisters and waits for the registrar's answer (for ever if it is gone);
      // a second one makes baresip quit at once.
      proc.signal('SIGTERM');
      await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 500))]);
      proc.signal('SIGTERM');
      await proc.stop(2000);
      ctrl.close();
    },
  };
}
