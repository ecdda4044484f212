// Real SIP calls through the phone line, in a private network namespace: a trunk caller (baresip with
// a phone number, or SIPp) → Kamailio + rtpengine (rendered and started from Doverie's settings) →
// Doverie's routing engine → a counsellor's desk phone (baresip). Audio is checked both ways by the
// tone each side hears; the caller's number is looked for in everything the counsellor's phone
// received, in the database and in the logs.
import { sql } from 'kysely';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../../helpers/testApp.js';
import { DATABASES } from '../../helpers/testDatabase.js';
import { eventsOf, workstation } from '../../routing/routingApi.js';
import { countOccurrences, sipText, startCapture } from '../harness/capture.js';
import { startSipp } from '../harness/sipp.js';
import { analyseWav } from '../harness/tone.js';
import { SIP_PORT, startPhoneLine, waitUntil, type PhoneLine } from './phoneLine.js';

const NUMBER = '89161234567';
const DIGITS = '9161234567';
const near = (hz: number, target: number) => Math.abs(hz - target) / target < 0.05;

describe.each(DATABASES)('phone calls over real SIP on %s', (kind) => {
  let line: PhoneLine;
  beforeAll(async () => {
    // The trunk on an address of its own, as in production (phones and browsers on others).
    line = await startPhoneLine(kind, { offerTimeoutSeconds: 6, separateTrunk: true });
  }, 60_000);
  afterAll(() => line?.stop(), 60_000);

  const lastContact = async () => (await line.contacts()).at(-1)!;
  const offDuty = (...phones: { who: SignedIn }[]) => line.offDuty(...phones);

  /** SIPp as the operator's trunk calling the service's number: `trunk_call` hangs up after `pauseMs`, `trunk_abandon` cancels. */
  const trunkCall = (
    scenario: 'trunk_call' | 'trunk_abandon',
    name: string,
    port: number,
    rtpPort: number,
    pauseMs: number,
    timeoutMs?: number,
  ) =>
    startSipp({
      ns: line.ns,
      scenario,
      dir: join(line.dir, name),
      port,
      rtpPort,
      address: line.trunkAddress,
      remote: `${line.ns.nsAddress}:${SIP_PORT}`,
      keys: { caller: NUMBER, to: line.service.number },
      audio: { 'caller.alaw': line.tones.caller.alaw },
      pauseMs,
      ...(timeoutMs ? { timeoutMs } : {}),
    });

  it('a trunk call is answered on a desk phone: events in order, audio both ways, real durations, the number seen nowhere', async () => {
    const a = await line.deskPhone('a', 5070, 'auto');
    const capture = await startCapture({ ns: line.ns, file: join(line.dir, 'a.pcapng'), ports: [5070] });
    const caller = await line.caller('caller1', 5200, NUMBER);
    await caller.dial(`sip:${line.service.number}@${line.ns.nsAddress}:${SIP_PORT}`);
    await caller.waitEvent('CALL_ESTABLISHED', 15_000);
    await new Promise((r) => setTimeout(r, 4_000));
    await caller.hangup();
    await caller.waitEvent('CALL_CLOSED', 10_000);
    const contact = await lastContact();
    await waitUntil(async () => (await eventsOf(line.t, contact.id)).includes('contact.ended'), 'the end reached Doverie');
    expect(await eventsOf(line.t, contact.id)).toEqual([
      'contact.arrived',
      'offer.created',
      'contact.accepted',
      'contact.ended',
      'contact.completed',
    ]);
    expect(contact.staff_id ?? (await lastContact()).staff_id).toBe(a.who.userId);

    const heardByCounsellor = await analyseWav((await a.phone.recordings()).heard.at(-1)!);
    const heardByCaller = await analyseWav((await caller.recordings()).heard.at(-1)!);
    expect({ counsellorHeard: near(heardByCounsellor.frequency, 1000), callerHeard: near(heardByCaller.frequency, 600) }).toEqual({
      counsellorHeard: true,
      callerHeard: true,
    });
    expect(heardByCounsellor.activeSeconds).toBeGreaterThan(2.5);

    const supervisor = await line.t.as([{ role: 'supervisor', serviceId: line.service.id }]);
    const facts = (await line.t.request(supervisor, 'GET', `/api/voice/calls/${contact.id}`)).json() as Record<string, number | string>;
    expect(facts).toMatchObject({ outcome: 'answered', endedBy: 'caller' });
    expect(facts.talkMs).toBeGreaterThan(3_000);
    expect(facts.talkMs).toBeLessThan(8_000);

    await capture.stop();
    // Everything the counsellor's phone sent or received (the trunk's side of the call is on other ports).
    const seen = await sipText(capture.file, { sipPorts: [5070], filter: 'udp.port == 5070' });
    expect(countOccurrences(seen, 'INVITE sip:'), 'the capture holds the call').toBeGreaterThan(0);
    expect(countOccurrences(seen, DIGITS)).toBe(0);
    // What reached the phone names neither the caller nor the trunk's equipment.
    const received = await sipText(capture.file, { sipPorts: [5070], filter: 'udp.dstport == 5070' });
    expect(received).toMatch(/^INVITE sip:/m);
    expect(received).not.toMatch(/^a=(ssrc|tool)/m);
    expect(received.match(/^s=.*$/gm)?.map((l) => l.trim())).toEqual(['s=-']);
    expect(received).not.toContain(line.trunkAddress);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(line.t.db);
    expect(tables.rows.length, 'every table is searched').toBeGreaterThan(20);
    for (const { table_name } of tables.rows) {
      const hit = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table_name)} x where x::text like ${`%${DIGITS}%`}`.execute(line.t.db);
      expect({ table: table_name, rows: hit.rows[0]!.n }).toEqual({ table: table_name, rows: 0 });
    }
    expect(line.logLines.length).toBeGreaterThan(0);
    expect(line.logLines.filter((l) => l.includes(DIGITS))).toEqual([]);
    const edgeLines = line.edge.lastLines();
    expect([...edgeLines.kamailio, ...edgeLines.rtpengine].filter((l) => l.includes(DIGITS))).toEqual([]);
    await offDuty(a);
  });

  it('no answer: the phone rings for the offer time, then the next counsellor is rung and answers', async () => {
    const a = await line.deskPhone('noanswer', 5080, 'manual');
    line.t.clock.advance(1_000); // the engine's clock: A has been free longer, so A is rung first
    const b = await line.deskPhone('b', 5090 + 100, 'auto');
    await line.t.routing.settled();
    const sipp = await trunkCall('trunk_call', 'sipp-noanswer', 5300, 27000, 2_000, 40_000);
    const result = await sipp.done;
    expect(result.code, result.errors).toBe(0);
    const contact = await lastContact();
    await waitUntil(async () => (await eventsOf(line.t, contact.id)).includes('contact.ended'), 'the end reached Doverie');
    const events = await eventsOf(line.t, contact.id);
    expect(events).toEqual([
      'contact.arrived',
      'offer.created',
      'offer.closed',
      'offer.created',
      'contact.accepted',
      'contact.ended',
      'contact.completed',
    ]);
    expect((await lastContact()).staff_id).toBe(b.who.userId);
    expect((await workstation(line.t, a.who)).presence).toBe('not_responding');
    await offDuty(a, b);
  }, 60_000);

  it('the caller hangs up while hearing the greeting (queued) or while a phone rings: abandoned with its stage', async () => {
    const queued = await trunkCall('trunk_abandon', 'sipp-abandon-queued', 5310, 27100, 1_500);
    expect((await queued.done).code).toBe(0);
    const first = await lastContact();
    await waitUntil(async () => (await lastContact()).state === 'abandoned', 'the abandon reached Doverie');
    expect(await lastContact()).toMatchObject({ id: first.id, abandoned_stage: 'queued', after_greeting: false });

    const ringing = await line.deskPhone('ringing', 5400, 'manual');
    const offered = await trunkCall('trunk_abandon', 'sipp-abandon-ringing', 5320, 27200, 1_500);
    expect((await offered.done).code).toBe(0);
    await waitUntil(async () => (await lastContact()).id !== first.id && (await lastContact()).state === 'abandoned', 'the second abandon');
    expect(await lastContact()).toMatchObject({ abandoned_stage: 'offered' });
    expect((await workstation(line.t, ringing.who)).offers).toEqual([]);
    await offDuty(ringing);
  }, 60_000);

  it('a supervisor ends a call from Doverie: the edge hangs up both sides and the call is closed as ended by the system', async () => {
    const a = await line.deskPhone('ended', 5700, 'auto');
    const caller = await line.caller('caller3', 5800, NUMBER);
    await caller.dial(`sip:${line.service.number}@${line.ns.nsAddress}:${SIP_PORT}`);
    await caller.waitEvent('CALL_ESTABLISHED', 15_000);
    await waitUntil(async () => (await lastContact()).state === 'active', 'the answer reached Doverie');
    const contact = await lastContact();
    const supervisor = await line.t.as([{ role: 'supervisor', serviceId: line.service.id }]);
    const res = await line.t.request(supervisor, 'POST', `/api/voice/calls/${contact.id}/end`);
    expect([res.statusCode, res.json()]).toEqual([200, { ended: true }]);
    // The caller's side gets the edge's BYE first, always.
    await caller.waitEvent('CALL_CLOSED', 10_000);
    // The phone's BYE comes second, and Kamailio's dlg.end_dlg sometimes does not send it: when the caller's
    // 200 is handled before the second BYE leaves, the dialog is deleted already and the BYE is dropped
    // (kamailio/kamailio#4268, open; #4169). Then the counsellor hangs up by hand, as on a dead line.
    // Doverie's side is the same either way (below). Seen about once in ten runs under load; docs/voice.md.
    await a.phone.waitEvent('CALL_CLOSED', 10_000).catch(async () => {
      await a.phone.hangup();
      await a.phone.waitEvent('CALL_CLOSED', 10_000);
    });
    await waitUntil(async () => (await eventsOf(line.t, contact.id)).includes('contact.ended'), 'the end reached Doverie');
    const facts = (await line.t.request(supervisor, 'GET', `/api/voice/calls/${contact.id}`)).json() as Record<string, unknown>;
    expect(facts).toMatchObject({ outcome: 'answered', endedBy: 'system' });
    await offDuty(a);
  }, 60_000);

  it('Doverie restarts mid-call: the call goes on, the state is resynced; a hang-up while it is down still arrives; the record is complete', async () => {
    const a = await line.deskPhone('restart', 5500, 'auto');
    const caller = await line.caller('caller2', 5600, NUMBER);
    await caller.dial(`sip:${line.service.number}@${line.ns.nsAddress}:${SIP_PORT}`);
    await caller.waitEvent('CALL_ESTABLISHED', 15_000);
    await waitUntil(async () => (await lastContact()).state === 'active', 'the answer reached Doverie');
    const contact = await lastContact();
    await line.restart();
    // Resynced from the edge: the phone is known to be registered again, the call is still active.
    expect(line.t.routing.phones.has(a.who.userId)).toBe(true);
    expect((await workstation(line.t, a.who)).contacts.map((c) => [c.id, c.state])).toEqual([[contact.id, 'active']]);
    await new Promise((r) => setTimeout(r, 2_000));
    // The caller hangs up while Doverie is down: the edge keeps the event and sends it once Doverie is back.
    await line.restart(async () => {
      await caller.hangup();
      await caller.waitEvent('CALL_CLOSED', 10_000);
      await new Promise((r) => setTimeout(r, 500));
    });
    await waitUntil(async () => (await eventsOf(line.t, contact.id)).includes('contact.ended'), 'the end reached Doverie');
    const heard = await analyseWav((await a.phone.recordings()).heard.at(-1)!);
    expect(near(heard.frequency, 1000)).toBe(true);
    expect(heard.activeSeconds, 'the audio went on through the restart').toBeGreaterThan(1.5);
    const supervisor = await line.t.as([{ role: 'supervisor', serviceId: line.service.id }]);
    const facts = (await line.t.request(supervisor, 'GET', `/api/voice/calls/${contact.id}`)).json() as Record<string, unknown>;
    expect(facts).toMatchObject({ outcome: 'answered', endedBy: 'caller' });
    expect(facts.talkMs).toBeGreaterThan(2_000);
  }, 60_000);
});
