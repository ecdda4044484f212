// Refusal cases for the actions on a staff account: disable, enable, reset the password and the
// routing profile (languages, skills), of a member of A, of a member of both A and B (no head
// manages them alone), and of an analyst.
import { expect } from 'vitest';
import { forbidden, nf, type Case } from '../runCase.js';

export const STAFF_ACTION_CASES: Case[] = [
  {
    route: 'POST /api/staff/:userId/disable',
    title: 'disable a member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}/disable`,
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ disabled: true }),
  },
  {
    route: 'POST /api/staff/:userId/disable',
    title: 'disable a member of both A and B',
    url: (w) => `/api/staff/${w.people.targetAB.userId}/disable`,
    refusals: [forbidden('headA'), forbidden('headB'), nf('counsellorB', 'staff.not_found')],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'POST /api/staff/:userId/enable',
    title: 'enable a disabled member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}/enable`,
    prepare: async (t, w) => {
      await t.db
        .updateTable('staff_users')
        .set({ disabled: true, disabled_at: new Date() })
        .where('id', '=', w.people.targetA.userId)
        .execute();
    },
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ disabled: false }),
  },
  {
    route: 'POST /api/staff/:userId/enable',
    title: 'enable a disabled member of both A and B',
    url: (w) => `/api/staff/${w.people.targetAB.userId}/enable`,
    prepare: async (t, w) => {
      await t.db
        .updateTable('staff_users')
        .set({ disabled: true, disabled_at: new Date() })
        .where('id', '=', w.people.targetAB.userId)
        .execute();
    },
    refusals: [forbidden('headA'), forbidden('headB')],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'POST /api/staff/:userId/reset-password',
    title: 'reset the password of a member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}/reset-password`,
    payload: () => ({}),
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
      nf('targetA', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json().temporaryPassword).toMatch(/^[a-z]{4}-[a-z]{4}-[a-z]{4}-\d{2}$/),
  },
  {
    route: 'POST /api/staff/:userId/reset-password',
    title: 'reset the password of a member of both A and B',
    url: (w) => `/api/staff/${w.people.targetAB.userId}/reset-password`,
    payload: () => ({ password: 'новый-пароль-2026' }),
    refusals: [forbidden('headA'), forbidden('headB'), nf('supervisorA', 'staff.not_found')],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'POST /api/staff/:userId/reset-password',
    title: "reset the password of an analyst (national role: the admin's)",
    url: (w) => `/api/staff/${w.people.analyst.userId}/reset-password`,
    payload: () => ({}),
    refusals: [
      nf('headA', 'staff.not_found'),
      nf('headAcounsellorB', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
    ],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'GET /api/staff/:userId/routing-profile',
    title: 'read the routing profile of a member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}/routing-profile`,
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toEqual({ languages: ['ru'], skills: [] }),
  },
  {
    route: 'PUT /api/staff/:userId/routing-profile',
    title: 'set the routing profile of a member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}/routing-profile`,
    payload: () => ({ languages: ['ru', 'tt'], skills: ['sign-language'] }),
    watch: (t, w) => t.db.selectFrom('counsellor_profiles').selectAll().where('staff_id', '=', w.people.targetA.userId).execute(),
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
      nf('targetA', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toEqual({ languages: ['ru', 'tt'], skills: ['sign-language'] }),
  },
  {
    route: 'PUT /api/staff/:userId/routing-profile',
    title: 'set the routing profile of a member of both A and B',
    url: (w) => `/api/staff/${w.people.targetAB.userId}/routing-profile`,
    payload: () => ({ languages: ['en'], skills: [] }),
    watch: (t, w) => t.db.selectFrom('counsellor_profiles').selectAll().where('staff_id', '=', w.people.targetAB.userId).execute(),
    refusals: [forbidden('headA'), forbidden('headB'), nf('counsellorB', 'staff.not_found')],
    allowed: 'admin',
    okStatus: 200,
  },
];
