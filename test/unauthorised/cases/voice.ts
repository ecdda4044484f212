// Refusal cases for the phone line's staff routes: the telephony status, a phone's credentials, a
// call's facts, a supervisor ending a stuck call, and the numbers a service is dialled on. A call of
// service A is its counsellor's and A's supervisors' alone: B's staff, analysts and admins get 404
// voice.call_not_found and learn nothing; A's other staff get 403. Credentials are for whoever can go
// on duty somewhere (analysts and admins cannot); the numbers are set by the deployment admin only
// (A's head sees them, and gets 403 for a change). A desk phone's credentials are targetA's own and
// A's supervisors' and head's to see, issue and revoke: A's other counsellors get 403, outsiders 404.
import { randomInt } from 'node:crypto';
import { expect } from 'vitest';
import { sipUserOf } from '../../../src/domain/voice/sipUsers.js';
import type { TestApp } from '../../helpers/testApp.js';
import { edgeOf } from '../fakeEdgeRpc.js';
import { forbidden, nf, stable, type Case } from '../runCase.js';
import { call, type Who, type World } from '../world.js';
import { callToA, deskRows, numberOfA, voiceRows, type PhoneCall } from './voiceEdge.js';

/** The call a case's `prepare` made, and the dialogs its app's fake edge was asked to end. */
const calls = new WeakMap<World, PhoneCall & { edgeEnded: () => string[] }>();
const callOf = (w: World) => {
  const c = calls.get(w);
  if (!c) throw new Error('prepare made no call');
  return c;
};
const made = (t: TestApp, w: World, c: PhoneCall) => void calls.set(w, { ...c, edgeEnded: () => [...edgeOf(t).ended] });
const answered = async (t: TestApp, w: World) => made(t, w, await callToA(t, w, 'counsellorA'));
const waiting = async (t: TestApp, w: World) => made(t, w, await callToA(t, w));
const callUrl =
  (suffix = '') =>
  (w: World) =>
    `/api/voice/calls/${callOf(w).contactId}${suffix}`;

const OUTSIDERS: Who[] = ['headB', 'counsellorB', 'analyst', 'admin'];
const deskUrl = (w: World) => `/api/voice/desk-phones/${w.people.targetA.userId}`;
const deskRefusals = [forbidden('counsellorA'), ...OUTSIDERS.map((x) => nf(x, 'staff.not_found'))];
const issueDesk = async (t: TestApp, w: World) => {
  const res = await call(t, 'POST', deskUrl(w), undefined, w.people.targetA);
  expect(res.statusCode, res.body).toBe(200);
};
const callNf = (...who: Who[]) => who.map((x) => nf(x, 'voice.call_not_found'));

export const VOICE_CASES: Case[] = [
  {
    route: 'GET /api/voice/status',
    title: 'whether telephony is on (any staff member)',
    url: () => '/api/voice/status',
    watch: voiceRows,
    refusals: [],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(Object.keys(res.json()).sort()).toEqual(['configured', 'reason']),
  },
  {
    route: 'POST /api/voice/credentials',
    title: "credentials for one's own phone (whoever can go on duty; not analysts or admins)",
    url: () => '/api/voice/credentials',
    watch: voiceRows,
    refusals: [forbidden('analyst'), forbidden('admin')],
    allowed: 'counsellorA',
    okStatus: 200,
    stateless: true,
    verify: (res, w) => {
      const sipUser = sipUserOf(w.people.counsellorA.userId);
      expect(res.json()).toMatchObject({ sipUser, uri: `sip:${sipUser}@127.0.0.1`, username: expect.stringMatching(`:${sipUser}$`) });
    },
  },
  {
    route: 'GET /api/voice/calls/:callId',
    title: 'the facts of a call answered by counsellorA (its counsellor)',
    prepare: answered,
    url: callUrl(),
    watch: voiceRows,
    refusals: [forbidden('targetA'), ...callNf(...OUTSIDERS)],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json()).toMatchObject({ contactId: callOf(w).contactId, outcome: 'answered', endedBy: null }),
  },
  {
    route: 'GET /api/voice/calls/:callId',
    title: "the facts of a waiting call (A's supervisors; not A's counsellors)",
    prepare: waiting,
    url: callUrl(),
    watch: voiceRows,
    refusals: [forbidden('counsellorA'), forbidden('targetA'), ...callNf(...OUTSIDERS)],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json()).toMatchObject({ contactId: callOf(w).contactId, outcome: null, talkMs: null }),
  },
  {
    route: 'POST /api/voice/calls/:callId/end',
    title: 'end a stuck call (supervisors; not the counsellor on it)',
    prepare: answered,
    url: callUrl('/end'),
    watch: voiceRows,
    refusals: [forbidden('counsellorA'), forbidden('targetA'), ...callNf(...OUTSIDERS)],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res, w) => {
      expect(res.json()).toEqual({ ended: true });
      // The edge was told to hang the call up (its dialog ended), and only by the allowed call.
      expect(
        callOf(w)
          .edgeEnded()
          .filter((id) => id === callOf(w).callId),
      ).toHaveLength(1);
    },
  },
  {
    route: 'GET /api/services/:serviceId/voice-numbers',
    title: "the service's phone numbers (its head)",
    prepare: async (t, w) => void (await numberOfA(t, w)),
    url: (w) => `/api/services/${w.A}/voice-numbers`,
    watch: voiceRows,
    refusals: [forbidden('counsellorA'), forbidden('supervisorA'), forbidden('targetA'), nf('headB'), nf('counsellorB'), nf('analyst')],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json().numbers).toHaveLength(1),
  },
  {
    route: 'PUT /api/services/:serviceId/voice-numbers',
    title: "set the service's phone numbers (the deployment admin only; not its head)",
    prepare: async (t, w) => void (await numberOfA(t, w)),
    url: (w) => `/api/services/${w.A}/voice-numbers`,
    payload: stable('numbers', () => ({ numbers: [`7801${String(randomInt(10_000_000)).padStart(7, '0')}`] })),
    watch: voiceRows,
    refusals: [
      forbidden('headA'),
      forbidden('headAcounsellorB'),
      forbidden('supervisorA'),
      forbidden('counsellorA'),
      nf('headB'),
      nf('counsellorB'),
      nf('analyst'),
    ],
    allowed: 'admin',
    okStatus: 200,
    verify: (res) => expect(res.json().numbers[0]).toMatch(/^7801\d{7}$/),
  },
  {
    route: 'GET /api/voice/desk-phones/:staffId',
    title: "whether targetA's desk phone has credentials (A's supervisors and head; not A's other counsellors)",
    prepare: issueDesk,
    url: deskUrl,
    watch: deskRows,
    refusals: deskRefusals,
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json()).toMatchObject({ issued: true, username: sipUserOf(w.people.targetA.userId) }),
  },
  {
    route: 'POST /api/voice/desk-phones/:staffId',
    title: 'desk phone credentials for oneself (targetA)',
    url: deskUrl,
    watch: deskRows,
    refusals: deskRefusals,
    allowed: 'targetA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ issued: true, password: expect.stringMatching(/^[A-Za-z0-9]{24}$/) }),
  },
  {
    route: 'POST /api/voice/desk-phones/:staffId',
    title: "desk phone credentials for targetA, issued by A's head",
    url: deskUrl,
    watch: deskRows,
    refusals: deskRefusals,
    allowed: 'headA',
    okStatus: 200,
  },
  {
    route: 'DELETE /api/voice/desk-phones/:staffId',
    title: "revoke targetA's desk phone credentials (A's supervisors)",
    prepare: issueDesk,
    url: deskUrl,
    watch: deskRows,
    refusals: deskRefusals,
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toEqual({ revoked: true }),
  },
];
