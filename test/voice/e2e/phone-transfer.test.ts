// A call moved to the supervisor over real SIP, in a private network namespace: a caller whose side
// accepts REFER (baresip) is answered on a counsellor's desk phone; the supervisor takes the call
// (POST /api/routing/contacts/:id/transfer to themselves); the edge refers the caller's side to the
// transfer's URI and hangs up the counsellor's side; the caller's side calls that URI and the
// supervisor's phone answers it. The supervisor hears the caller, the number is in nothing their phone
// received, and Doverie has the first contact transferred, the second with the supervisor. A trunk
// whose INVITE does not allow REFER (SIPp) cannot be transferred: a clear 409, the call stays.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../../helpers/testApp.js';
import { DATABASES } from '../../helpers/testDatabase.js';
import { workstation } from '../../routing/routingApi.js';
import { countOccurrences, sipText, startCapture } from '../harness/capture.js';
import { startSipp } from '../harness/sipp.js';
import { analyseWav } from '../harness/tone.js';
import { SIP_PORT, startPhoneLine, waitUntil, type PhoneLine } from './phoneLine.js';

const NUMBER = '89161234568';
const DIGITS = '9161234568';
const near = (hz: number, target: number) => Math.abs(hz - target) / target < 0.05;

describe.each(DATABASES)('a call transferred to the supervisor over real SIP on %s', (kind) => {
  let line: PhoneLine;
  beforeAll(async () => {
    line = await startPhoneLine(kind, { offerTimeoutSeconds: 10, separateTrunk: true });
  }, 60_000);
  afterAll(() => line?.stop(), 60_000);

  const contacts = () => line.contacts();
  const transfer = async (who: SignedIn, contactId: string, staffId: string) =>
    line.t.request(who, 'POST', `/api/routing/contacts/${contactId}/transfer`, {
      commandId: randomUUID(),
      target: { kind: 'counsellor', staffId },
    });
  const offDuty = (...phones: { who: SignedIn }[]) => line.offDuty(...phones);

  it('the supervisor takes an answered call: the caller is referred to them, the counsellor’s phone hangs up', async () => {
    const a = await line.deskPhone('xfer-a', 6070, 'auto');
    const caller = await line.caller('xfer-caller', 6200, NUMBER);
    await caller.dial(`sip:${line.service.number}@${line.ns.nsAddress}:${SIP_PORT}`);
    await caller.waitEvent('CALL_ESTABLISHED', 15_000);
    await waitUntil(async () => (await contacts()).at(-1)?.state === 'active', 'the answer reached Doverie');
    const first = (await contacts()).at(-1)!;
    expect(first.staff_id).toBe(a.who.userId);

    // The supervisor's desk phone goes on duty only now, so the call could not have gone to it first.
    const s = await line.deskPhone('xfer-s', 6100, 'auto', true, 'supervisor');
    const capture = await startCapture({ ns: line.ns, file: join(line.dir, 'xfer-s.pcapng'), ports: [6100] });
    const callerEvents = caller.ctrl.events.length;
    const res = await transfer(s.who, first.id, s.who.userId);
    expect(res.statusCode, res.body).toBe(200);

    await a.phone.waitEvent('CALL_CLOSED', 10_000);
    await s.phone.waitEvent('CALL_ESTABLISHED', 15_000);
    await caller.waitEvent('CALL_ESTABLISHED', 15_000, callerEvents);
    await waitUntil(
      async () => (await contacts()).length === 2 && (await contacts())[1]!.state === 'active',
      'the new call reached the supervisor',
    );
    const [before, after] = await contacts();
    expect(before).toMatchObject({ id: first.id, state: 'transferred' });
    expect(after).toMatchObject({ origin: 'transfer', transferred_from: first.id, staff_id: s.who.userId });
    expect((await workstation(line.t, s.who)).contacts.map((c) => [c.id, c.state])).toEqual([[after!.id, 'active']]);
    expect((await workstation(line.t, a.who)).contacts).toEqual([]);
    const legs = await line.t.db.selectFrom('voice_calls').selectAll().where('contact_id', 'in', [first.id, after!.id]).execute();
    expect(legs.find((l) => l.contact_id === after!.id)).toMatchObject({ outcome: 'answered', staff_id: s.who.userId });

    await new Promise((r) => setTimeout(r, 3_000));
    await caller.hangup();
    await s.phone.waitEvent('CALL_CLOSED', 10_000);
    await waitUntil(async () => (await contacts())[1]!.state !== 'active', 'the hang-up reached Doverie');
    const heard = await analyseWav((await s.phone.recordings()).heard.at(-1)!);
    expect(near(heard.frequency, 1000), `the supervisor heard ${heard.frequency} Hz`).toBe(true);
    await capture.stop();
    const received = await sipText(capture.file, { sipPorts: [6100], filter: 'udp.dstport == 6100' });
    expect(countOccurrences(received, 'INVITE sip:'), 'the capture holds the transferred call').toBeGreaterThan(0);
    expect(countOccurrences(received, DIGITS)).toBe(0);
    await offDuty(a, s);
  }, 90_000);

  it('a trunk that does not allow REFER: the transfer is refused with a clear code and the call stays', async () => {
    const a = await line.deskPhone('xfer-b', 6300, 'auto');
    const s = await line.deskPhone('xfer-t', 6400, 'manual', false, 'supervisor');
    const trunk = await startSipp({
      ns: line.ns,
      scenario: 'trunk_call',
      dir: join(line.dir, 'xfer-sipp'),
      port: 6500,
      rtpPort: 28100,
      address: line.trunkAddress,
      remote: `${line.ns.nsAddress}:${SIP_PORT}`,
      keys: { caller: NUMBER, to: line.service.number },
      audio: { 'caller.alaw': line.tones.caller.alaw },
      pauseMs: 6_000,
    });
    await waitUntil(async () => (await contacts()).at(-1)?.state === 'active', 'the answer reached Doverie');
    const call = (await contacts()).at(-1)!;
    const res = await transfer(s.who, call.id, s.who.userId);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'voice.transfer_unsupported' });
    expect((await contacts()).at(-1)).toMatchObject({ id: call.id, state: 'active', staff_id: a.who.userId });
    expect((await trunk.done).code).toBe(0);
    await offDuty(a);
  }, 60_000);
});
