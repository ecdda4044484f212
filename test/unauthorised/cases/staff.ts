// Refusal cases for the staff-account routes: list, create, read and edit staff, where a head
// manages only the members of their own service and national roles (admin, analyst) are the admin's.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/testApp.js';
import { forbidden, nf, stable, type Case } from '../runCase.js';
import { ids, type Grant, type World } from '../world.js';

const newStaff = (name: string, grants: (w: World) => Grant[]) =>
  stable(name, (w) => ({
    login: `nu${randomBytes(6).toString('hex')}`,
    pseudonym: 'Новенький',
    fullName: 'Новиков Новик Новикович',
    password: 'тихий-вечер-2026',
    grants: grants(w).map((g) => ({ serviceId: g.serviceId ?? null, role: g.role })),
  }));
const watchLogin = (payload: (w: World) => { login: string }) => (t: TestApp, w: World) =>
  t.db.selectFrom('staff_users').selectAll().where('login', '=', payload(w).login).execute();

const staffA = newStaff('staffA', (w) => [{ role: 'counsellor', serviceId: w.A }]);
const staffAB = newStaff('staffAB', (w) => [
  { role: 'counsellor', serviceId: w.A },
  { role: 'counsellor', serviceId: w.B },
]);
const staffAdmin = newStaff('staffAdmin', () => [{ role: 'admin', serviceId: null }]);
const staffAnalystAndHeadA = newStaff('staffAnalyst', (w) => [
  { role: 'head', serviceId: w.A },
  { role: 'analyst', serviceId: null },
]);

export const STAFF_CASES: Case[] = [
  {
    route: 'GET /api/staff',
    title: 'list staff (managers only)',
    url: () => '/api/staff',
    refusals: [forbidden('counsellorA'), forbidden('supervisorA'), forbidden('analyst'), forbidden('targetAB')],
    allowed: 'headA',
    okStatus: 200,
    verify: (res, w) => {
      expect(ids(res)).toEqual(expect.arrayContaining([w.people.targetA.userId, w.people.targetAB.userId, w.people.counsellorA.userId]));
      expect(ids(res)).not.toContain(w.people.counsellorB.userId);
      expect(ids(res)).not.toContain(w.people.admin.userId);
    },
  },
  {
    route: 'GET /api/staff',
    title: 'list staff of service A',
    url: (w) => `/api/staff?serviceId=${w.A}`,
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), forbidden('supervisorA'), forbidden('counsellorA'), forbidden('targetAB')],
    allowed: 'headA',
    okStatus: 200,
    verify: (res, w) => {
      expect(ids(res)).toContain(w.people.targetA.userId);
      expect(ids(res)).not.toContain(w.people.counsellorB.userId);
    },
  },
  {
    route: 'GET /api/staff',
    title: 'list staff of service B (?serviceId= of another service)',
    url: (w) => `/api/staff?serviceId=${w.B}`,
    refusals: [nf('headA'), forbidden('headAcounsellorB'), forbidden('counsellorB'), nf('supervisorA')],
    allowed: 'headB',
    okStatus: 200,
    verify: (res, w) => expect(ids(res)).not.toContain(w.people.targetA.userId),
  },
  {
    route: 'POST /api/staff',
    title: 'create a counsellor of A',
    url: () => '/api/staff',
    payload: staffA,
    watch: watchLogin(staffA),
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), forbidden('supervisorA'), forbidden('counsellorA')],
    allowed: 'headA',
    okStatus: 201,
  },
  {
    route: 'POST /api/staff',
    title: 'create a member of A and B (head of A cannot grant in B)',
    url: () => '/api/staff',
    payload: staffAB,
    watch: watchLogin(staffAB),
    // (Not the supervisor of A: which of the two grants is checked first depends on the random ids.)
    refusals: [nf('headA'), nf('headB'), forbidden('headAcounsellorB')],
    allowed: 'admin',
    okStatus: 201,
  },
  {
    route: 'POST /api/staff',
    title: 'create an admin (national role)',
    url: () => '/api/staff',
    payload: staffAdmin,
    watch: watchLogin(staffAdmin),
    refusals: [forbidden('headA'), forbidden('headB'), forbidden('supervisorA'), forbidden('analyst')],
    allowed: 'admin',
    okStatus: 201,
  },
  {
    route: 'POST /api/staff',
    title: 'create a head of A who is also an analyst (national role)',
    url: () => '/api/staff',
    payload: staffAnalystAndHeadA,
    watch: watchLogin(staffAnalystAndHeadA),
    refusals: [forbidden('headA'), forbidden('headAcounsellorB'), forbidden('analyst')],
    allowed: 'admin',
    okStatus: 201,
  },
  {
    route: 'GET /api/staff/:userId',
    title: 'read a member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}`,
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
      nf('counsellorB', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res, w) => expect(res.json()).toMatchObject({ id: w.people.targetA.userId }),
  },
  {
    route: 'GET /api/staff/:userId',
    title: "read an analyst (national role: the admin's)",
    url: (w) => `/api/staff/${w.people.analyst.userId}`,
    refusals: [nf('headA', 'staff.not_found'), nf('headB', 'staff.not_found'), nf('counsellorA', 'staff.not_found')],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'PATCH /api/staff/:userId',
    title: 'rename a member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}`,
    payload: () => ({ version: 1, pseudonym: 'Новое имя' }),
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
      nf('targetA', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ pseudonym: 'Новое имя', version: 2 }),
  },
  {
    route: 'PATCH /api/staff/:userId',
    title: 'rename a member of both A and B (neither head manages them alone)',
    url: (w) => `/api/staff/${w.people.targetAB.userId}`,
    payload: () => ({ version: 1, fullName: 'Другая Фамилия' }),
    refusals: [
      forbidden('headA'),
      forbidden('headB'),
      forbidden('headAcounsellorB'),
      nf('supervisorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
    ],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'PATCH /api/staff/:userId',
    title: 'grant a member of A a role in B',
    url: (w) => `/api/staff/${w.people.targetA.userId}`,
    payload: (w) => ({
      version: 1,
      grants: [
        { serviceId: w.A, role: 'counsellor' },
        { serviceId: w.B, role: 'counsellor' },
      ],
    }),
    refusals: [nf('headA'), forbidden('headAcounsellorB'), nf('headB', 'staff.not_found')],
    allowed: 'admin',
    okStatus: 200,
    verify: (res) => expect(res.json().grants).toHaveLength(2),
  },
  {
    route: 'PATCH /api/staff/:userId',
    title: 'grant a member of A the admin role',
    url: (w) => `/api/staff/${w.people.targetA.userId}`,
    payload: (w) => ({
      version: 1,
      grants: [
        { serviceId: w.A, role: 'counsellor' },
        { serviceId: null, role: 'admin' },
      ],
    }),
    refusals: [forbidden('headA'), forbidden('headAcounsellorB'), nf('analyst', 'staff.not_found')],
    allowed: 'admin',
    okStatus: 200,
  },
];
