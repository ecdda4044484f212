// The SIP edge's routes for the unauthorised suite (voice.test.ts runs their token cases): each with a
// request that changes something when the edge's token is right; and what the phone-line cases prepare
// their worlds with: a number for service A (set by the admin, as in production), a call to it, and
// the rows a refused call could change.
import { randomInt, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { contactIdOfCall } from '../../../src/domain/voice/callIds.js';
import { sipUserOf } from '../../../src/domain/voice/sipUsers.js';
import type { TestApp } from '../../helpers/testApp.js';
import { event, registered, route } from '../../voice/voiceApi.js';
import { edgeOf } from '../fakeEdgeRpc.js';
import { call, type World } from '../world.js';

const numbers = new WeakMap<World, string>();

/** Service A's phone number (set once per world by the deployment admin). */
export async function numberOfA(t: TestApp, w: World): Promise<string> {
  const known = numbers.get(w);
  if (known) return known;
  const number = `7800${String(randomInt(10_000_000)).padStart(7, '0')}`;
  const res = await call(t, 'PUT', `/api/services/${w.A}/voice-numbers`, { numbers: [number] }, w.people.admin);
  expect(res.statusCode, res.body).toBe(200);
  numbers.set(w, number);
  return number;
}

export interface PhoneCall {
  /** The SIP Call-ID the edge knows the call by. */
  callId: string;
  /** The call's routing contact id (what the staff routes name it by). */
  contactId: string;
}

/**
 * A call to A, through the edge's own requests. `answeredBy`: that counsellor of A registers a phone,
 * goes on duty and picks up (the call is active with them); without it the caller waits on the greeting.
 * The fake edge holds a dialog for it.
 */
export async function callToA(t: TestApp, w: World, answeredBy?: 'counsellorA'): Promise<PhoneCall> {
  const to = await numberOfA(t, w);
  const callId = `${randomUUID()}@trunk.example`;
  if (answeredBy) {
    const who = w.people[answeredBy];
    await registered(t, who.userId);
    const duty = await call(
      t,
      'PUT',
      '/api/routing/workstation/presence',
      { commandId: randomUUID(), serviceId: w.A, presence: 'available' },
      who,
    );
    expect(duty.statusCode, duty.body).toBe(200);
    expect(await route(t, { callId, to })).toMatchObject({ action: 'route', target: sipUserOf(who.userId) });
    await event(t, { event: 'answered', callId, target: sipUserOf(who.userId) });
  } else expect(await route(t, { callId, to })).toMatchObject({ action: 'queue' });
  edgeOf(t).addDialog(callId);
  return { callId, contactId: contactIdOfCall(t.config.secrets.hmacPepper, callId) };
}

/** The phone line's rows a refused call could change: A's and B's numbers and calls, the events taken, the dialogs ended. */
export const voiceRows = async (t: TestApp, w: World) => ({
  numbers: await t.db.selectFrom('voice_numbers').selectAll().where('service_id', 'in', [w.A, w.B]).orderBy('number').execute(),
  calls: await t.db.selectFrom('voice_calls').selectAll().where('service_id', 'in', [w.A, w.B]).orderBy('contact_id').execute(),
  // Within one test nothing else writes events: all of them.
  events: await t.db.selectFrom('voice_events').select('id_hash').orderBy('id_hash').execute(),
  edgeEnded: [...edgeOf(t).ended],
});

/** Desk phones' credentials of the world's staff (the audit rows their changes write are in every snapshot). */
export const deskRows = async (t: TestApp, w: World) =>
  t.db.selectFrom('voice_desk_phones').selectAll().where('staff_id', 'in', w.ids).orderBy('staff_id').execute();

/** The edge's routes, each with a request that changes something when the token is right (or, `readOnly`, answers it). */
export const EDGE_CASES: {
  route: string;
  url: string;
  /** Runs before the snapshot; returns the body to send. */
  payload: (t: TestApp, w: World) => Promise<Record<string, unknown>>;
  ok: number;
  readOnly?: (body: unknown) => void;
}[] = [
  {
    route: 'POST /api/voice/route',
    url: '/api/voice/route',
    payload: async (t, w) => ({ callId: randomUUID(), caller: '', to: await numberOfA(t, w), attempt: 1 }),
    ok: 200,
  },
  {
    route: 'POST /api/voice/events',
    url: '/api/voice/events',
    payload: async (t, w) => {
      const { callId } = await callToA(t, w);
      return { id: `${callId}:abandoned`, event: 'abandoned', callId, target: 'sip:greeting@127.0.0.1:5090', ts: t.clock.now().getTime() };
    },
    ok: 200,
  },
  {
    route: 'POST /api/voice/desk-auth',
    url: '/api/voice/desk-auth',
    payload: async (t, w) => {
      const res = await call(t, 'POST', `/api/voice/desk-phones/${w.people.counsellorA.userId}`, undefined, w.people.counsellorA);
      expect(res.statusCode, res.body).toBe(200);
      return { user: sipUserOf(w.people.counsellorA.userId) };
    },
    ok: 200,
    // Only the token reads the HA1; nobody else learns whether there is one.
    readOnly: (body) => expect(body).toEqual({ ha1: expect.stringMatching(/^[0-9a-f]{32}$/) }),
  },
];
