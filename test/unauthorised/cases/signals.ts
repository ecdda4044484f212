// Refusal cases for signals. A signal of service A is its author's (counsellorA), its case's
// assignee's and A's supervisors' and head's alone (others get 404 signal.not_found); approval, review
// and closing are A's supervisors' (its author is refused); A's list of agencies is kept by its
// supervisors; the signals report is A's supervisors' and the national roles'.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { forbidden, nf, stable, type Case } from '../runCase.js';
import {
  agencyOfA,
  approvedOfA,
  caseCase,
  caseOfA,
  caseRows,
  caseUrl,
  fourEyes,
  get,
  notService,
  outcomeOfA,
  outsiders,
  recordOfA,
  sentOfA,
  signalCase,
  signalOfA,
  signalUrl,
  urgentSentOfA,
} from './caseWorld.js';

export const SIGNAL_CASES: Case[] = [
  caseCase('POST /api/cases/:caseId/signals', 'draft a signal from a case of A', {
    url: caseUrl('/signals'),
    prepare: async (t, w) => {
      await caseOfA(t, w);
      await agencyOfA(t, w);
    },
    payload: stable('signal', (w) => ({
      id: randomUUID(),
      urgency: 'normal',
      reason: 'physical_abuse',
      facts: 'Побои',
      childFields: ['childName'],
      addressees: [{ source: 'list', agencyId: get(w, 'agencyId') }],
    })),
    okStatus: 201,
  }),
  {
    route: 'POST /api/records/:recordId/signals',
    title: "draft a signal straight from counsellorA's record",
    url: (w) => `/api/records/${get(w, 'recordId')}/signals`,
    prepare: async (t, w) => {
      await recordOfA(t, w);
      await agencyOfA(t, w);
    },
    payload: stable('direct', (w) => ({
      id: randomUUID(),
      urgency: 'imminent',
      reason: 'suicide_risk',
      facts: 'Угроза жизни',
      child: { childName: 'Петя' },
      addressees: [{ source: 'list', agencyId: get(w, 'agencyId') }],
    })),
    watch: caseRows,
    refusals: outsiders.map((who) => nf(who, 'record.not_found')),
    allowed: 'counsellorA',
    okStatus: 201,
  },
  {
    route: 'GET /api/signals',
    title: "A's register",
    url: (w) => `/api/signals?serviceId=${w.A}`,
    prepare: (t, w) => signalOfA(t, w),
    watch: caseRows,
    refusals: notService('headB', 'counsellorB', 'analyst', 'admin'),
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json().items.map((s: { id: string }) => s.id)).toEqual([get(w, 'signalId')]),
  },
  {
    route: 'GET /api/signals/overdue',
    title: "A's overdue signals (the supervisors' board)",
    url: (w) => `/api/signals/overdue?serviceId=${w.A}`,
    prepare: urgentSentOfA,
    watch: caseRows,
    refusals: [forbidden('counsellorA'), forbidden('targetAB'), ...notService('headB', 'counsellorB', 'analyst', 'admin')],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json().items).toMatchObject([{ id: get(w, 'signalId'), overdue: ['review'] }]),
  },
  signalCase('GET /api/signals/:signalId', 'read a signal of A (audited)', { auditedRead: true }),
  signalCase('GET /api/signals/:signalId/letter', "a signal's letter (audited)", { url: signalUrl('/letter'), auditedRead: true }),
  signalCase('GET /api/signals/:signalId/letter.pdf', "a signal's letter as a PDF (audited)", {
    url: signalUrl('/letter.pdf'),
    auditedRead: true,
    verify: (res) => expect(res.headers['content-type']).toBe('application/pdf'),
  }),
  {
    route: 'GET /api/signals/channels',
    title: 'which channels send by themselves (any staff member)',
    url: () => '/api/signals/channels',
    watch: caseRows,
    refusals: [],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toEqual({ emailConfigured: false }),
  },
  signalCase('PATCH /api/signals/:signalId', 'change a draft of A', { payload: () => ({ version: 1, urgency: 'imminent' }) }),
  signalCase('POST /api/signals/:signalId/approve', "approve counsellorA's signal", {
    url: signalUrl('/approve'),
    payload: () => ({ version: 1 }),
    refusals: fourEyes,
    allowed: 'supervisorA',
  }),
  signalCase('POST /api/signals/:signalId/send', 'send an approved signal of A', {
    url: signalUrl('/send'),
    prepare: approvedOfA,
    payload: () => ({ version: 2 }),
  }),
  signalCase('POST /api/signals/:signalId/review', 'review a signal of A sent at once', {
    url: signalUrl('/review'),
    prepare: urgentSentOfA,
    payload: () => ({ version: 2 }),
    refusals: fourEyes,
    allowed: 'supervisorA',
  }),
  signalCase('POST /api/signals/:signalId/addressees/:addresseeId/acknowledge', "record an agency's incoming number", {
    url: (w) => `/api/signals/${get(w, 'signalId')}/addressees/${get(w, 'addresseeId')}/acknowledge`,
    prepare: sentOfA,
    payload: () => ({ incomingNumber: '15-вх', incomingDate: '2026-01-15' }),
  }),
  signalCase('POST /api/signals/:signalId/outcome', 'record the outcome of a signal of A', {
    url: signalUrl('/outcome'),
    prepare: sentOfA,
    payload: () => ({ version: 3, outcome: 'not_confirmed' }),
  }),
  signalCase('POST /api/signals/:signalId/close', 'close a signal of A', {
    url: signalUrl('/close'),
    prepare: outcomeOfA,
    payload: () => ({ version: 4 }),
    refusals: fourEyes,
    allowed: 'supervisorA',
  }),
  {
    route: 'GET /api/services/:serviceId/signal-agencies',
    title: "the agencies A's signals can go to",
    url: (w) => `/api/services/${w.A}/signal-agencies`,
    prepare: agencyOfA,
    watch: caseRows,
    refusals: notService('headB', 'counsellorB', 'analyst', 'admin'),
    allowed: 'counsellorA',
    okStatus: 200,
  },
  {
    route: 'POST /api/services/:serviceId/signal-agencies',
    title: "add an agency to A's list",
    url: (w) => `/api/services/${w.A}/signal-agencies`,
    payload: () => ({ name: 'КДН и ЗП', agencyType: 'kdn', phone: '+7 000' }),
    watch: caseRows,
    refusals: [forbidden('counsellorA'), forbidden('targetAB'), ...notService('headB', 'counsellorB', 'analyst', 'admin')],
    allowed: 'supervisorA',
    okStatus: 201,
  },
  {
    route: 'PATCH /api/services/:serviceId/signal-agencies/:agencyId',
    title: "retire an agency of A's list",
    url: (w) => `/api/services/${w.A}/signal-agencies/${get(w, 'agencyId')}`,
    prepare: agencyOfA,
    payload: () => ({ version: 1, active: false }),
    watch: caseRows,
    refusals: [forbidden('counsellorA'), forbidden('targetAB'), ...notService('headB', 'counsellorB', 'analyst', 'admin')],
    allowed: 'supervisorA',
    okStatus: 200,
  },
  {
    route: 'GET /api/reports/signals',
    title: "A's signals report (aggregates)",
    url: (w) => `/api/reports/signals?serviceId=${w.A}&from=2020-01-01&to=2035-12-31`,
    prepare: approvedOfA,
    watch: caseRows,
    refusals: [forbidden('counsellorA'), forbidden('targetAB'), ...notService('headB', 'counsellorB')],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ total: 1, suppressed: false }),
  },
];
