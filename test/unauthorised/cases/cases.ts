// Refusal cases for cases. A case of service A is counsellorA's (its assignee) and A's supervisors'
// and head's alone: another counsellor of A, B's staff, the analyst and the admin get 404
// case.not_found and change nothing. A's retention and deadline settings are set by its head.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { forbidden, nf, stable, type Case } from '../runCase.js';
import type { Who } from '../world.js';
import {
  caseCase,
  caseOfA,
  caseRows,
  caseUrl,
  get,
  must,
  notCase,
  notService,
  recordOfA,
  remember,
  settings,
  taskOfA,
} from './caseWorld.js';

export const CASE_CASES: Case[] = [
  {
    route: 'POST /api/cases',
    title: "open a case on counsellorA's record",
    url: () => '/api/cases',
    prepare: recordOfA,
    payload: stable('case', (w) => ({ id: randomUUID(), recordId: get(w, 'recordId'), basis: { kind: 'legal_duty', reason: 'abuse' } })),
    watch: caseRows,
    refusals: ['targetA', 'targetAB', 'headB', 'counsellorB', 'analyst', 'admin'].map((who) => nf(who as Who, 'record.not_found')),
    allowed: 'counsellorA',
    okStatus: 201,
    verify: (res) => expect(res.json()).toMatchObject({ status: 'open', basis: { kind: 'legal_duty' } }),
  },
  {
    route: 'GET /api/cases',
    title: "A's cases (a list without personal data)",
    url: (w) => `/api/cases?serviceId=${w.A}`,
    prepare: caseOfA,
    watch: caseRows,
    refusals: notService('headB', 'counsellorB', 'analyst', 'admin'),
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json().items.map((c: { id: string }) => c.id)).toEqual([get(w, 'caseId')]),
  },
  caseCase('GET /api/cases/:caseId', 'read a case of A with its personal data (audited)', { auditedRead: true }),
  caseCase('PATCH /api/cases/:caseId', 'change a case of A', {
    payload: () => ({ version: 1, status: 'in_work', personal: { address: 'ул. Мира' } }),
  }),
  caseCase('POST /api/cases/:caseId/close', 'close a case of A', {
    url: caseUrl('/close'),
    payload: () => ({ version: 1, reason: 'resolved' }),
  }),
  caseCase('POST /api/cases/:caseId/notes', 'add a note to a case of A', {
    url: caseUrl('/notes'),
    payload: () => ({ text: 'Заметка' }),
    okStatus: 201,
  }),
  caseCase('POST /api/cases/:caseId/tasks', 'add a task to a case of A', {
    url: caseUrl('/tasks'),
    payload: () => ({ title: 'Задача', dueOn: '2030-02-01' }),
    okStatus: 201,
  }),
  caseCase('PATCH /api/cases/:caseId/tasks/:taskId', 'mark a task of a case of A done', {
    url: (w) => `/api/cases/${get(w, 'caseId')}/tasks/${get(w, 'taskId')}`,
    prepare: taskOfA,
    payload: () => ({ done: true }),
  }),
  caseCase('GET /api/cases/:caseId/candidates', "the same caller's other contacts", { url: caseUrl('/candidates') }),
  caseCase('GET /api/cases/:caseId/assignees', 'whom a case of A can be given to', {
    url: caseUrl('/assignees'),
    // Its assignee sees the case but does not give it away.
    refusals: [...notCase, forbidden('counsellorA')],
    allowed: 'supervisorA',
    verify: (res, w) => expect(res.json().items.map((s: { id: string }) => s.id)).toContain(w.people.counsellorA.userId),
  }),
  caseCase('POST /api/cases/:caseId/contacts', 'link a record to a case of A', {
    url: caseUrl('/contacts'),
    prepare: async (t, w) => {
      await caseOfA(t, w);
      remember(w, {
        otherRecordId: (await must(t, w, 'counsellorA', 'POST', '/api/records', { id: randomUUID(), serviceId: w.A, channel: 'letter' }))
          .id,
      });
    },
    payload: (w) => ({ recordId: get(w, 'otherRecordId') }),
  }),
  {
    route: 'GET /api/services/:serviceId/case-settings',
    title: "A's retention and deadlines",
    url: (w) => `/api/services/${w.A}/case-settings`,
    watch: caseRows,
    refusals: notService('headB', 'counsellorB', 'analyst', 'admin'),
    allowed: 'counsellorA',
    okStatus: 200,
  },
  {
    route: 'PUT /api/services/:serviceId/case-settings',
    title: "set A's retention and deadlines",
    url: (w) => `/api/services/${w.A}/case-settings`,
    payload: () => settings,
    watch: caseRows,
    refusals: [
      forbidden('counsellorA'),
      forbidden('supervisorA'),
      forbidden('targetAB'),
      ...notService('headB', 'counsellorB', 'analyst', 'admin'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toEqual({ ...settings, extraDaysOff: [], extraWorkingDays: [], updatedAt: expect.any(String) }),
  },
];
