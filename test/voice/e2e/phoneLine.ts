// The whole phone line for a test, inside a private network namespace: Doverie (this process, on the
// host end of the veth), the SIP edge (Kamailio + rtpengine, inside), the queue's greeting endpoint
// (SIPp, inside), and desk phones / callers (baresip, inside). Everything is stopped by `stop()`.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Selectable } from 'kysely';
import type { RoutingContactsTable } from '../../../src/db/schema.js';
import type { DatabaseKind } from '../../helpers/testDatabase.js';
import { startEdge, type RunningEdge } from '../../../src/voice/edge/edgeProcesses.js';
import type { SignedIn } from '../../helpers/testApp.js';
import { TestApp } from '../../helpers/testApp.js';
import { startBaresip, type Baresip } from '../harness/baresip.js';
import { createNetns, run, type Netns } from '../harness/netns.js';
import { startSipp, type SippRun } from '../harness/sipp.js';
import { makeTone, type Tone } from '../harness/tone.js';
import { voiceConfig } from '../voiceApi.js';

export const SIP_PORT = 5060;
export const WS_PORT = 5066;
export const GREETING_PORT = 5090;

export interface PhoneLine {
  ns: Netns;
  t: TestApp;
  edge: RunningEdge;
  dir: string;
  url: string;
  tones: { caller: Tone; counsellor: Tone; greeting: Tone };
  service: { id: string; number: string };
  phones: Baresip[];
  /** The operator trunk's address (the namespace's own, or one of its own with `separateTrunk`). */
  trunkAddress: string;
  /** Doverie's log lines (trace level, with the production redaction). */
  logLines: string[];
  /** Restarts Doverie on the same address (the edge keeps running); `whileDown` runs while it is stopped. */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  /** A counsellor of the service with a desk phone registered with credentials Doverie issued. */
  deskPhone(
    name: string,
    sipPort: number,
    answer: 'auto' | 'manual',
    onDuty?: boolean,
    role?: 'counsellor' | 'supervisor',
  ): Promise<{ who: SignedIn; phone: Baresip }>;
  /** A caller on the trunk (baresip: records what it hears), not registered, with a phone number as its user. */
  caller(name: string, sipPort: number, number: string): Promise<Baresip>;
  /** The service's routing contacts, oldest first. */
  contacts(): Promise<Selectable<RoutingContactsTable>[]>;
  /** Takes these phones' counsellors off duty (so the next call goes to others). */
  offDuty(...phones: { who: SignedIn }[]): Promise<void>;
  stop(): Promise<void>;
}

export interface PhoneLineOptions {
  offerTimeoutSeconds?: number;
  /** Doverie also serves the built SPA (dist/web: `npm run build` first), for a browser in the namespace. */
  serveWeb?: boolean;
  /**
   * The trunk (and `caller()`) on an address of its own inside the namespace, as in production, where no
   * counsellor shares the trunk's address: a browser in the namespace connects from the namespace's address,
   * which is otherwise the trunk's too, and the edge would take its registration for the trunk's traffic.
   */
  separateTrunk?: boolean;
}

/** A second address inside the namespace (10.212.x.y for its 10.213.x.y), reachable from the host; gone with the veth. */
async function addTrunkAddress(ns: Netns): Promise<string> {
  const address = ns.nsAddress.replace(/^10\.213\./, '10.212.');
  for (const args of [
    ['-n', ns.name, 'addr', 'add', `${address}/32`, 'dev', ns.nsInterface],
    ['route', 'add', `${address}/32`, 'via', ns.nsAddress, 'dev', ns.hostInterface],
  ]) {
    const r = await run('ip', args);
    if (r.code !== 0) throw new Error(`ip ${args.join(' ')} failed: ${r.stderr.trim()}`);
  }
  return address;
}

export async function startPhoneLine(kind: DatabaseKind, opts: PhoneLineOptions = {}): Promise<PhoneLine> {
  const ns = await createNetns();
  const dir = await mkdtemp(join(tmpdir(), 'doverie-voice-'));
  const cleanups: (() => Promise<unknown>)[] = [() => ns.destroy(), () => rm(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
  };
  try {
    // What the trunk's processes see of the namespace: its own address, or the namespace's.
    const trunkNs: Netns = opts.separateTrunk ? { ...ns, nsAddress: await addTrunkAddress(ns) } : ns;
    const tones = {
      caller: await makeTone(dir, 'caller', 1000, 30),
      counsellor: await makeTone(dir, 'counsellor', 600, 30),
      greeting: await makeTone(dir, 'greeting', 440, 30),
    };
    const voice = voiceConfig({
      sipAddress: ns.nsAddress,
      realm: ns.nsAddress,
      wsUrl: `ws://${ns.nsAddress}:${WS_PORT}`,
      wsPort: WS_PORT,
      sipPort: SIP_PORT,
      trunkAddresses: [trunkNs.nsAddress],
      runDir: join(dir, 'edge'),
      greetingUri: `sip:greeting@${ns.nsAddress}:${GREETING_PORT}`,
      holdUri: null,
      greetingSeconds: 4,
      holdSeconds: 3,
    });
    const logLines: string[] = [];
    let t = await TestApp.start(kind, { voice, serveWeb: opts.serveWeb ?? false }, { logLines });
    cleanups.push(() => t.close());
    await t.app.listen({ host: ns.hostAddress, port: 0 });
    const port = (t.app.server.address() as AddressInfo).port;
    const url = `http://${ns.hostAddress}:${port}`;
    const edge = await startEdge({ ...t.app.voice.edgeSettings(url), rpcAllowFrom: [ns.hostAddress] }, undefined, { netns: ns.name });
    cleanups.push(() => edge.stop());
    await t.app.voice.start(url);
    expect(t.app.voice.status()).toEqual({ configured: true, reason: null });

    const queue: SippRun = await startSipp({
      ns,
      scenario: 'queue_uas',
      dir: join(dir, 'queue'),
      port: GREETING_PORT,
      rtpPort: 26000,
      calls: 0,
      audio: { 'greeting.alaw': tones.greeting.alaw },
      timeoutMs: 10 * 60_000,
    });
    cleanups.push(() => queue.stop());
    await ns.waitListening(GREETING_PORT, 'udp');

    const s = await t.service();
    await t.db
      .updateTable('services')
      .set({ settings: JSON.stringify({ offerTimeoutSeconds: opts.offerTimeoutSeconds ?? 20, wrapUpSeconds: 0 }) })
      .where('id', '=', s.id)
      .execute();
    await t.routing.reloadSettings(s.id);
    const number = `7800${String(Date.now() % 1e7).padStart(7, '0')}`;
    const admin = await t.as([{ role: 'admin' }]);
    expect((await t.request(admin, 'PUT', `/api/services/${s.id}/voice-numbers`, { numbers: [number] })).statusCode).toBe(200);

    const phones: Baresip[] = [];
    const line: PhoneLine = {
      ns,
      get t() {
        return t;
      },
      edge,
      dir,
      url,
      tones,
      service: { id: s.id, number },
      phones,
      trunkAddress: trunkNs.nsAddress,
      logLines,
      async restart(whileDown) {
        t = await t.restart(whileDown);
        await t.app.listen({ host: ns.hostAddress, port });
        await t.app.voice.start(url);
      },
      async deskPhone(name, sipPort, answer, onDuty = true, role = 'counsellor') {
        const who = await t.as([{ role, serviceId: s.id }]);
        const res = await t.request(who, 'POST', '/api/voice/credentials');
        expect(res.statusCode, res.body).toBe(200);
        const cred = res.json() as { sipUser: string; username: string; password: string; realm: string };
        const phone = await startBaresip({
          ns,
          name,
          dir,
          sipPort,
          user: cred.sipUser,
          domain: cred.realm,
          registrar: `sip:${ns.nsAddress}:${SIP_PORT};transport=udp`,
          authUser: cred.username,
          password: cred.password,
          answer,
          wav: tones.counsellor.wav,
        });
        phones.push(phone);
        cleanups.push(() => phone.stop());
        await phone.waitRegistered(10_000);
        if (onDuty) {
          await waitUntil(() => t.routing.phones.has(who.userId), 'the registration reached Doverie');
          const on = await t.request(who, 'PUT', '/api/routing/workstation/presence', {
            commandId: crypto.randomUUID(),
            serviceId: s.id,
            presence: 'available',
          });
          expect(on.statusCode, on.body).toBe(200);
        }
        return { who, phone };
      },
      contacts() {
        return t.db.selectFrom('routing_contacts').selectAll().where('service_id', '=', s.id).orderBy('arrived_at').execute();
      },
      async offDuty(...off) {
        for (const { who } of off) {
          const res = await t.request(who, 'PUT', '/api/routing/workstation/presence', {
            commandId: crypto.randomUUID(),
            serviceId: s.id,
            presence: 'offline',
          });
          expect(res.statusCode, res.body).toBe(200);
        }
      },
      async caller(name, sipPort, num) {
        const phone = await startBaresip({ ns: trunkNs, name, dir, sipPort, user: num, answer: 'manual', wav: tones.caller.wav });
        phones.push(phone);
        cleanups.push(() => phone.stop());
        return phone;
      },
      stop,
    };
    return line;
  } catch (err) {
    await stop();
    throw err;
  }
}

export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
