// Refusal cases for the routing routes: the counsellor's workstation and commands (presence, offers,
// contacts in hand, offline contacts) and the supervisor's board, statistics, assign / take, presence
// of others and care plans. An offer or contact of service A is its counsellor's (or A's supervisors')
// alone: B's staff get the not-found of what they name, A's staff without the role get 403.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/testApp.js';
import { forbidden, nf, stable, type Case } from '../runCase.js';
import { call, type World } from '../world.js';
import { arriveDirect } from './routingIngress.js';

/** What a case's `prepare` made in its world, for its URL and payload. */
interface Made {
  offerId: string;
  contactId: string;
  carePlanId: string;
}
const made = new WeakMap<World, Partial<Made>>();
const get = (w: World, k: keyof Made): string => {
  const v = made.get(w)?.[k];
  if (!v) throw new Error(`prepare made no ${k}`);
  return v;
};
const remember = (w: World, m: Partial<Made>) => made.set(w, { ...made.get(w), ...m });
const cmd = () => ({ commandId: randomUUID() });

async function ok(res: Promise<LightMyRequestResponse>, status = 200): Promise<LightMyRequestResponse> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r;
}

const onDuty = (t: TestApp, w: World, who: 'counsellorA' | 'targetA') =>
  ok(call(t, 'PUT', '/api/routing/workstation/presence', { ...cmd(), serviceId: w.A, presence: 'available' }, w.people[who]));

/** counsellorA on duty in A, and a contact of A offered to them. */
async function offered(t: TestApp, w: World): Promise<void> {
  await onDuty(t, w, 'counsellorA');
  const contactId = await arriveDirect(t, w.A);
  const offers = (await ok(call(t, 'GET', '/api/routing/workstation', undefined, w.people.counsellorA))).json().offers as { id: string }[];
  expect(offers).toHaveLength(1);
  remember(w, { contactId, offerId: offers[0]!.id });
}

/** …which counsellorA accepted: active. */
async function active(t: TestApp, w: World): Promise<void> {
  await offered(t, w);
  await ok(call(t, 'POST', `/api/routing/offers/${get(w, 'offerId')}/accept`, cmd(), w.people.counsellorA));
}

/** …and ended: in wrap-up (60 s by default, and the test clock stands still). */
async function wrapUp(t: TestApp, w: World): Promise<void> {
  await active(t, w);
  await ok(call(t, 'POST', `/api/routing/contacts/${get(w, 'contactId')}/end`, cmd(), w.people.counsellorA));
}

/** A contact of A waiting in the queue (nobody on duty), with a caller key. */
async function queued(t: TestApp, w: World): Promise<void> {
  remember(w, { contactId: await arriveDirect(t, w.A, `key-${randomUUID()}`) });
}

const contactUrl = (action: string) => (w: World) => `/api/routing/contacts/${get(w, 'contactId')}/${action}`;
const offerUrl = (action: string) => (w: World) => `/api/routing/offers/${get(w, 'offerId')}/${action}`;
const notContact = (who: Parameters<typeof nf>[0]) => nf(who, 'routing.contact_not_found');
const notOffer = (who: Parameters<typeof nf>[0]) => nf(who, 'routing.offer_not_found');

/** Refusals of a command on A's contact in counsellorA's hands: B's staff and admins see nothing, A's other counsellors 403. */
const handOfA = [notContact('headB'), notContact('counsellorB'), notContact('admin'), notContact('analyst'), forbidden('targetA')];
/** Refusals of a supervisor's page or action in A. */
const supervisingA = [nf('headB'), nf('counsellorB'), nf('analyst'), nf('admin'), forbidden('counsellorA'), forbidden('targetAB')];

export const ROUTING_CASES: Case[] = [
  {
    route: 'GET /api/routing/workstation',
    title: "one's own workstation",
    url: () => '/api/routing/workstation',
    refusals: [],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ onDuty: false, presence: 'offline', offers: [] }),
  },
  {
    route: 'PUT /api/routing/workstation/presence',
    title: 'go on duty in A',
    url: () => '/api/routing/workstation/presence',
    payload: stable('presence', (w) => ({ ...cmd(), serviceId: w.A, presence: 'available' })),
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), nf('admin')],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json()).toMatchObject({ onDuty: true, presence: 'available', serviceId: w.A }),
  },
  {
    route: 'POST /api/routing/offers/:offerId/accept',
    title: "accept an offer made to counsellorA (nobody else's to accept, not even A's head)",
    url: offerUrl('accept'),
    payload: stable('accept', cmd),
    prepare: offered,
    refusals: [notOffer('counsellorB'), notOffer('targetA'), notOffer('supervisorA'), notOffer('headA'), notOffer('admin')],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json().contacts).toMatchObject([{ state: 'active' }]),
  },
  {
    route: 'POST /api/routing/offers/:offerId/decline',
    title: 'decline an offer made to counsellorA',
    url: offerUrl('decline'),
    payload: stable('decline', cmd),
    prepare: offered,
    refusals: [notOffer('counsellorB'), notOffer('targetA'), notOffer('headA'), notOffer('headAcounsellorB')],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json().offers).toEqual([]),
  },
  {
    route: 'POST /api/routing/contacts/:contactId/end',
    title: 'end the contact counsellorA is handling',
    url: contactUrl('end'),
    payload: stable('end', cmd),
    prepare: active,
    refusals: handOfA,
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json().contacts).toMatchObject([{ state: 'wrapup' }]),
  },
  {
    route: 'POST /api/routing/contacts/:contactId/end',
    title: "end a contact of A as A's supervisor",
    url: contactUrl('end'),
    payload: stable('endBySupervisor', cmd),
    prepare: active,
    refusals: [notContact('headB'), notContact('counsellorB'), forbidden('targetAB')],
    allowed: 'supervisorA',
    okStatus: 200,
  },
  {
    route: 'POST /api/routing/contacts/:contactId/complete',
    title: 'finish the wrap-up of a contact of counsellorA',
    url: contactUrl('complete'),
    payload: stable('complete', cmd),
    prepare: wrapUp,
    refusals: handOfA,
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json().contacts).toEqual([]),
  },
  {
    route: 'POST /api/routing/contacts/:contactId/extend-wrap-up',
    title: 'extend the wrap-up of a contact of counsellorA',
    url: contactUrl('extend-wrap-up'),
    payload: stable('extendWrapUp', () => ({ ...cmd(), seconds: 60 })),
    prepare: wrapUp,
    refusals: handOfA,
    allowed: 'counsellorA',
    okStatus: 200,
  },
  {
    route: 'POST /api/routing/contacts/:contactId/transfer',
    title: "transfer a contact of counsellorA to A's queue",
    url: contactUrl('transfer'),
    payload: stable('transfer', (w) => ({ ...cmd(), target: { kind: 'queue', serviceId: w.A }, note: 'Просит перезвонить' })),
    prepare: active,
    refusals: handOfA,
    allowed: 'counsellorA',
    okStatus: 200,
  },
  {
    route: 'POST /api/routing/services/:serviceId/offline-contacts',
    title: 'record an offline contact in A',
    url: (w) => `/api/routing/services/${w.A}/offline-contacts`,
    payload: stable('offline', () => ({ ...cmd(), channel: 'voice' })),
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), nf('admin')],
    allowed: 'counsellorA',
    okStatus: 201,
    verify: (res, w) => expect(res.json().contact).toMatchObject({ serviceId: w.A, origin: 'offline', state: 'active' }),
  },
  {
    route: 'GET /api/routing/services/:serviceId/board',
    title: 'the live board of A',
    url: (w) => `/api/routing/services/${w.A}/board`,
    prepare: queued,
    refusals: [...supervisingA, forbidden('targetA')],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json()).toMatchObject({ serviceId: w.A, queue: { waiting: 1 } }),
  },
  {
    route: 'GET /api/routing/services/:serviceId/board',
    title: 'the live board of B (head of A who only counsels in B)',
    url: (w) => `/api/routing/services/${w.B}/board`,
    refusals: [nf('headA'), nf('supervisorA'), forbidden('headAcounsellorB'), forbidden('counsellorB'), forbidden('targetAB')],
    allowed: 'headB',
    okStatus: 200,
  },
  {
    route: 'GET /api/routing/services/:serviceId/statistics',
    title: "A's statistics, as its supervisor",
    url: (w) => `/api/routing/services/${w.A}/statistics?window=today`,
    refusals: [nf('headB'), nf('counsellorB'), forbidden('counsellorA'), forbidden('targetAB')],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json()).toMatchObject({ serviceId: w.A, offered: 0 }),
  },
  {
    route: 'GET /api/routing/services/:serviceId/statistics',
    title: "A's statistics, as a national analyst",
    url: (w) => `/api/routing/services/${w.A}/statistics`,
    refusals: [nf('headB'), forbidden('counsellorA')],
    allowed: 'analyst',
    okStatus: 200,
  },
  {
    route: 'POST /api/routing/contacts/:contactId/assign',
    title: 'assign a contact of A, offered to targetA, to counsellorA',
    url: contactUrl('assign'),
    payload: stable('assign', (w) => ({ ...cmd(), staffId: w.people.counsellorA.userId })),
    prepare: async (t, w) => {
      await onDuty(t, w, 'targetA');
      remember(w, { contactId: await arriveDirect(t, w.A) });
      await onDuty(t, w, 'counsellorA');
    },
    refusals: [notContact('headB'), notContact('counsellorB'), notContact('admin'), forbidden('counsellorA'), forbidden('targetA')],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json().contact).toMatchObject({ state: 'offered', offeredTo: w.people.counsellorA.userId }),
  },
  {
    route: 'POST /api/routing/contacts/:contactId/take',
    title: 'take a contact waiting in A',
    url: contactUrl('take'),
    payload: stable('take', cmd),
    prepare: queued,
    refusals: [notContact('headB'), notContact('counsellorB'), notContact('analyst'), forbidden('counsellorA'), forbidden('targetAB')],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res) => expect(res.json().contacts).toMatchObject([{ state: 'active' }]),
  },
  {
    route: 'PUT /api/routing/services/:serviceId/counsellors/:staffId/presence',
    title: 'send counsellorA of A on a break',
    url: (w) => `/api/routing/services/${w.A}/counsellors/${w.people.counsellorA.userId}/presence`,
    payload: stable('presenceOf', () => ({ ...cmd(), presence: 'break' })),
    prepare: (t, w) => onDuty(t, w, 'counsellorA').then(() => undefined),
    refusals: [...supervisingA, forbidden('targetA')],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ onDuty: true, presence: 'break' }),
  },
  {
    route: 'GET /api/routing/services/:serviceId/care-plans',
    title: "A's care plans",
    url: (w) => `/api/routing/services/${w.A}/care-plans`,
    refusals: supervisingA,
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toEqual({ items: [] }),
  },
  {
    route: 'POST /api/routing/services/:serviceId/care-plans',
    title: 'make a care plan from a contact of A',
    url: (w) => `/api/routing/services/${w.A}/care-plans`,
    payload: (w) => ({ contactId: get(w, 'contactId'), preferredStaffId: w.people.counsellorA.userId }),
    prepare: queued,
    refusals: supervisingA,
    allowed: 'supervisorA',
    okStatus: 201,
    verify: (res, w) => expect(res.json()).toMatchObject({ preferredStaffId: w.people.counsellorA.userId }),
  },
  {
    route: 'DELETE /api/routing/services/:serviceId/care-plans/:carePlanId',
    title: 'delete a care plan of A',
    url: (w) => `/api/routing/services/${w.A}/care-plans/${get(w, 'carePlanId')}`,
    prepare: async (t, w) => {
      await queued(t, w);
      const res = await ok(
        call(
          t,
          'POST',
          `/api/routing/services/${w.A}/care-plans`,
          { contactId: get(w, 'contactId'), preferredStaffId: w.people.counsellorA.userId },
          w.people.supervisorA,
        ),
        201,
      );
      remember(w, { carePlanId: res.json().id });
    },
    refusals: supervisingA,
    allowed: 'supervisorA',
    okStatus: 204,
  },
];
