// Refusal cases for the service routes: list, create (the admin's), read and edit a service, from
// outsiders, analysts and insiders without the role; `active` is the admin's alone.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { serviceNameKey } from '../../../src/domain/tenants/serviceSchemas.js';
import { forbidden, nf, stable, type Case } from '../runCase.js';
import { ids } from '../world.js';

const newService = stable('newService', () => ({ name: `Служба ${randomUUID()}`, region: 'Тверская область', timeZone: 'Europe/Moscow' }));

export const SERVICE_CASES: Case[] = [
  {
    route: 'GET /api/services',
    title: 'list services',
    url: () => '/api/services',
    refusals: [],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res, w) => {
      expect(ids(res)).toContain(w.A);
      expect(ids(res)).not.toContain(w.B);
    },
  },
  {
    route: 'POST /api/services',
    title: 'create a service (admin only)',
    url: () => '/api/services',
    payload: newService,
    watch: (t, w) =>
      t.db
        .selectFrom('services')
        .selectAll()
        .where('name_key', '=', serviceNameKey(newService(w).name))
        .execute(),
    refusals: [
      forbidden('headA'),
      forbidden('headB'),
      forbidden('supervisorA'),
      forbidden('counsellorA'),
      forbidden('analyst'),
      forbidden('headAcounsellorB'),
    ],
    allowed: 'admin',
    okStatus: 201,
  },
  {
    route: 'GET /api/services/:serviceId',
    title: 'read service A',
    url: (w) => `/api/services/${w.A}`,
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst')],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json()).toMatchObject({ id: w.A }),
  },
  {
    route: 'PATCH /api/services/:serviceId',
    title: 'edit service A',
    url: (w) => `/api/services/${w.A}`,
    payload: () => ({ version: 1, region: 'Другая область', settings: { chatCapacity: 2 } }),
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), forbidden('supervisorA'), forbidden('counsellorA'), forbidden('targetAB')],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ region: 'Другая область', version: 2 }),
  },
  {
    route: 'PATCH /api/services/:serviceId',
    title: 'edit service B (head of A who only counsels in B)',
    url: (w) => `/api/services/${w.B}`,
    payload: () => ({ version: 1, shortName: 'Б' }),
    refusals: [nf('headA'), forbidden('headAcounsellorB'), forbidden('counsellorB'), forbidden('targetAB')],
    allowed: 'headB',
    okStatus: 200,
  },
  {
    route: 'PATCH /api/services/:serviceId',
    title: "switch service A off (`active` is the admin's)",
    url: (w) => `/api/services/${w.A}`,
    payload: () => ({ version: 1, active: false }),
    refusals: [forbidden('headA'), forbidden('headAcounsellorB'), nf('headB'), forbidden('supervisorA'), nf('analyst')],
    allowed: 'admin',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ active: false }),
  },
];
