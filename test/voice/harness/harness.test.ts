// Proves the voice test harness without Kamailio: a private namespace with a veth to the host, real SIP
// calls between baresip and SIPp inside it, audio measured from what each side recorded, a capture that
// sees SIP, and nothing left behind afterwards.
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBaresip } from './baresip.js';
import { countOccurrences, sipMessages, sipText, startCapture } from './capture.js';
import { createNetns, listNetns, run, type Netns } from './netns.js';
import { isAlive, stopAll } from './processes.js';
import { countReceived, runSipp, startSipp } from './sipp.js';
import { analyseWav, makeTone, measureFrequency, type Tone } from './tone.js';

const CALLER_NUMBER = '89161234567';
const within5 = (measured: number, expected: number) => expect(Math.abs(measured - expected) / expected).toBeLessThan(0.05);

describe('voice test harness (namespace, baresip, SIPp, capture)', () => {
  let dir: string;
  let ns: Netns;
  let tones: { caller: Tone; desk: Tone; short: Tone; greeting: Tone };
  const pids: number[] = [];
  let hostServer: Server | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvt-harness-'));
    ns = await createNetns();
    tones = {
      caller: await makeTone(dir, 'caller', 1000, 8),
      desk: await makeTone(dir, 'desk', 600, 8),
      short: await makeTone(dir, 'short', 600, 3),
      greeting: await makeTone(dir, 'greeting', 440, 8),
    };
  });

  afterAll(async () => {
    hostServer?.close();
    await stopAll();
    await ns?.destroy();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('(a) a host server is reachable from inside the namespace, and a server inside from the host', async () => {
    expect(ns.name).toMatch(/^dvt[0-9a-f]{6}$/);
    expect((await listNetns()).includes(ns.name)).toBe(true);
    hostServer = createServer((_req, res) => res.end('host-side'));
    await new Promise<void>((resolve) => hostServer!.listen(0, ns.hostAddress, resolve));
    const hostPort = (hostServer.address() as AddressInfo).port;
    const fromInside = await ns.exec('curl', ['-sS', '--max-time', '5', `http://${ns.hostAddress}:${hostPort}/`]);
    expect(fromInside).toMatchObject({ code: 0, stdout: 'host-side' });

    const inside = ns.spawn('node', [
      '-e',
      `require('http').createServer((q,s)=>s.end('ns-side')).listen(8088,'${ns.nsAddress}',()=>console.log('listening'))`,
    ]);
    pids.push(inside.pid);
    await inside.waitFor(/^listening$/, 10_000);
    const res = await fetch(`http://${ns.nsAddress}:8088/`);
    expect(await res.text()).toBe('ns-side');
    await inside.stop();
    expect(isAlive(inside.pid)).toBe(false);
  });

  it('(b) a baresip caller calls a baresip callee directly; each hears the other tone', async () => {
    const callee = await startBaresip({ ns, name: 'callee', dir, sipPort: 5070, user: 'callee', answer: 'auto', wav: tones.short.wav });
    const caller = await startBaresip({ ns, name: 'caller', dir, sipPort: 5080, user: CALLER_NUMBER, wav: tones.caller.wav });
    pids.push(callee.proc.pid, caller.proc.pid);
    await caller.dial(callee.directUri);
    await callee.waitEvent('CALL_ESTABLISHED', 5000);
    await caller.waitEvent('CALL_ESTABLISHED', 5000);
    // the callee's 3 s file ends first: it hangs up
    await caller.waitEvent('CALL_CLOSED', 10_000);
    await callee.waitEvent('CALL_CLOSED', 5000);

    const heardByCallee = (await callee.recordings()).heard;
    const heardByCaller = (await caller.recordings()).heard;
    expect(heardByCallee).toHaveLength(1);
    expect(heardByCaller).toHaveLength(1);
    const atCallee = await analyseWav(heardByCallee[0]!);
    const atCaller = await analyseWav(heardByCaller[0]!);
    within5(atCallee.frequency, 1000);
    within5(atCaller.frequency, 600);
    expect(atCallee.activeSeconds).toBeGreaterThan(2);
    expect(atCaller.activeSeconds).toBeGreaterThan(2);
    await callee.stop();
    await caller.stop();
  });

  let pcap: string;
  const deskPort = 5090;

  it('(c) a SIPp trunk call to an auto-answering desk phone: the phone hears the 1000 Hz A-law stream', async () => {
    pcap = join(dir, 'trunk.pcapng');
    const capture = await startCapture({ ns, file: pcap });
    pids.push(capture.proc.pid);
    const desk = await startBaresip({ ns, name: 'desk', dir, sipPort: deskPort, user: 'c-3f9a1b2c', answer: 'auto', wav: tones.desk.wav });
    pids.push(desk.proc.pid);
    const sipp = await startSipp({
      ns,
      scenario: 'trunk_call',
      dir: join(dir, 'sipp-trunk'),
      port: 5160,
      rtpPort: 31000,
      remote: `${ns.nsAddress}:${deskPort}`,
      audio: { 'caller.alaw': tones.caller.alaw },
      pauseMs: 2500,
      keys: { caller: CALLER_NUMBER, to: 'c-3f9a1b2c' },
    });
    pids.push(sipp.proc.pid);
    const result = await sipp.done;
    expect(result.errors, result.output.slice(-2000)).toBe('');
    expect(result.code).toBe(0);
    expect(countReceived(result.messages, /^SIP\/2\.0 200 /)).toBe(2); // INVITE and BYE
    expect(countReceived(result.messages, /^BYE /)).toBe(0); // the caller hung up
    await desk.waitEvent('CALL_CLOSED', 5000);
    await capture.stop();
    await desk.stop();

    const heard = (await desk.recordings()).heard;
    expect(heard).toHaveLength(1);
    const a = await analyseWav(heard[0]!);
    within5(a.frequency, 1000);
    expect(a.activeSeconds).toBeGreaterThan(2);
    expect(a.rms).toBeGreaterThan(0.2);
  });

  it('(c2) a manual-answer phone answers over ctrl_tcp and hangs up first; the trunk caller takes its BYE', async () => {
    const phone = await startBaresip({
      ns,
      name: 'desk-manual',
      dir,
      sipPort: 5150,
      user: 'c-0000aaaa',
      answer: 'manual',
      wav: tones.short.wav,
    });
    pids.push(phone.proc.pid);
    const sipp = await startSipp({
      ns,
      scenario: 'trunk_call',
      dir: join(dir, 'sipp-far-bye'),
      port: 5190,
      rtpPort: 31400,
      remote: `${ns.nsAddress}:5150`,
      audio: { 'caller.alaw': tones.caller.alaw },
      pauseMs: 30_000,
      keys: { to: 'c-0000aaaa' },
    });
    pids.push(sipp.proc.pid);
    await phone.waitEvent('CALL_INCOMING', 5000);
    await new Promise((r) => setTimeout(r, 300));
    expect(phone.ctrl.events.map((e) => e.type)).not.toContain('CALL_ESTABLISHED');
    await phone.answer();
    await phone.waitEvent('CALL_ESTABLISHED', 5000);
    const result = await sipp.done; // the phone's 3 s file ends: it hangs up
    expect(result.errors).toBe('');
    expect(result.code).toBe(0);
    expect(countReceived(result.messages, /^BYE /)).toBe(1);
    await phone.stop();
  });

  it('(d) SIPp gives up while a manual-answer phone rings: CANCEL, 200, 487, ACK; sipp exits 0', async () => {
    const phone = await startBaresip({ ns, name: 'manual', dir, sipPort: 5100, user: 'c-1b2c3d4e', answer: 'manual', wav: tones.desk.wav });
    pids.push(phone.proc.pid);
    const started = Date.now();
    const result = await runSipp({
      ns,
      scenario: 'trunk_abandon',
      dir: join(dir, 'sipp-abandon'),
      port: 5170,
      rtpPort: 31100,
      remote: `${ns.nsAddress}:5100`,
      address: '127.0.0.2', // a trunk with an address of its own
      pauseMs: 1000,
      keys: { to: 'c-1b2c3d4e' },
    });
    expect(result.errors, result.output.slice(-2000)).toBe('');
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(countReceived(result.messages, /^SIP\/2\.0 487 /)).toBe(1);
    await phone.waitEvent('CALL_CLOSED', 5000);
    expect(phone.ctrl.events.find((e) => e.type === 'CALL_INCOMING')?.param).toBe(`sip:${CALLER_NUMBER}@127.0.0.2:5170`);
    expect(phone.ctrl.events.map((e) => e.type)).not.toContain('CALL_ESTABLISHED');
    await phone.stop();
  });

  it('(e) the capture of (c) saw the SIP: the caller number reached the desk phone there', async () => {
    const messages = await sipMessages(pcap, { sipPorts: [deskPort, 5160] });
    const firstLines = messages.map((m) => m.text.split('\r\n')[0]);
    expect(firstLines[0]).toMatch(/^INVITE sip:c-3f9a1b2c@/);
    expect(firstLines).toContain('SIP/2.0 180 Ringing');
    expect(firstLines.some((l) => l?.startsWith('BYE '))).toBe(true);
    const toDesk = await sipText(pcap, { sipPorts: [deskPort, 5160], filter: `udp.dstport == ${deskPort}` });
    // From (twice), Contact, P-Asserted-Identity and the SDP o= line of the INVITE, and the same in ACK/BYE
    expect(countOccurrences(toDesk, CALLER_NUMBER)).toBeGreaterThanOrEqual(5);
    expect(countOccurrences(toDesk, '89160000000')).toBe(0);
  });

  it('registers a desk phone with an ephemeral-style user at a registrar (401, then 200); a wrong password fails', async () => {
    const authUser = '1767225600:c-3f9a1b2c';
    const password = 'q8Zk/3+Xw1=';
    for (const [name, given, ok, port] of [
      ['reg-ok', password, true, 5110],
      ['reg-bad', 'wrong', false, 5120],
    ] as const) {
      const registrar = await startSipp({
        ns,
        scenario: 'registrar_uas',
        dir: join(dir, `sipp-${name}`),
        port,
        rtpPort: 31500 + port,
        keys: { authuser: authUser, authpass: password },
      });
      pids.push(registrar.proc.pid);
      const phone = await startBaresip({
        ns,
        name,
        dir,
        sipPort: port + 100,
        user: 'c-3f9a1b2c',
        domain: 'helpline.invalid',
        registrar: `sip:${ns.nsAddress}:${port};transport=udp`,
        authUser,
        password: given,
        wav: tones.desk.wav,
      });
      pids.push(phone.proc.pid);
      if (ok) await phone.waitRegistered(5000);
      else await expect(phone.waitRegistered(5000)).rejects.toThrow(/403 Forbidden/);
      const result = await registrar.done;
      expect(result.code).toBe(0);
      expect(result.messages).toContain(`username="${authUser}"`);
      await phone.stop();
    }
  });

  it('the queue endpoint plays its greeting as early media (183) and answers CANCEL with 200 and 487', async () => {
    const queue = await startSipp({
      ns,
      scenario: 'queue_uas',
      dir: join(dir, 'sipp-queue'),
      port: 5130,
      rtpPort: 31200,
      audio: { 'greeting.alaw': tones.greeting.alaw },
      calls: 0,
    });
    pids.push(queue.proc.pid);
    const caller = await startBaresip({ ns, name: 'queue-caller', dir, sipPort: 5140, user: CALLER_NUMBER, wav: tones.caller.wav });
    pids.push(caller.proc.pid);
    await caller.dial(`sip:queue@${ns.nsAddress}:5130`);
    await caller.waitEvent('CALL_PROGRESS', 5000);
    await new Promise((r) => setTimeout(r, 2000));
    await caller.hangup();
    await caller.waitEvent('CALL_CLOSED', 5000);
    const heard = (await caller.recordings()).heard;
    expect(heard).toHaveLength(1);
    within5(await measureFrequency(heard[0]!), 440);
    expect(caller.ctrl.events.map((e) => e.type)).not.toContain('CALL_ESTABLISHED');
    await caller.stop();

    // and a SIPp trunk caller that gives up while listening to it
    const abandon = await runSipp({
      ns,
      scenario: 'trunk_abandon',
      dir: join(dir, 'sipp-queue-abandon'),
      port: 5180,
      rtpPort: 31300,
      remote: `${ns.nsAddress}:5130`,
      pauseMs: 500,
    });
    expect(abandon.errors).toBe('');
    expect(abandon.code).toBe(0);

    const messages = await queue.messages();
    expect(countReceived(messages, /^CANCEL /)).toBe(2);
    expect(countReceived(messages, /^ACK /)).toBe(2);
    expect((messages.match(/^SIP\/2\.0 487 /gm) ?? []).length).toBe(2);
    const stopped = await queue.stop();
    expect(stopped.errors).toBe('');
  });

  it('(f) destroy() stops every process the harness started and deletes the namespace and the veth', async () => {
    const lingering = ns.spawn('sleep', ['600']);
    pids.push(lingering.pid);
    // one the harness did not start itself: a daemon left behind inside the namespace
    const daemon = await ns.exec('bash', ['-c', 'setsid sleep 600 >/dev/null 2>&1 < /dev/null & echo $!']);
    const daemonPid = Number(daemon.stdout.trim());
    expect(isAlive(daemonPid)).toBe(true);
    await ns.destroy();
    await ns.destroy(); // safe twice
    expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
    // the daemon was killed too; it is reaped by init, not by us, so give that a moment
    for (let i = 0; i < 20 && isAlive(daemonPid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(daemonPid)).toBe(false);
    expect(await listNetns()).not.toContain(ns.name);
    expect((await run('ip', ['link', 'show', ns.hostInterface])).code).not.toBe(0);
    expect(() => ns.spawn('true', [])).toThrow(/destroyed/);
  });
});
