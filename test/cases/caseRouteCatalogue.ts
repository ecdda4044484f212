// The routes of cases and signals in the route catalogue (test/helpers/routeCatalogue.ts), with the
// schemas the routes validate (imported from the domain: the routes declare exactly these).
import {
  caseCloseSchema,
  caseListQuerySchema,
  casePatchSchema,
  caseReadQuerySchema,
  caseSettingsInputSchema,
  linkContactSchema,
  newCaseSchema,
  newNoteSchema,
  newTaskSchema,
  taskPatchSchema,
} from '../../src/domain/cases/caseSchemas.js';
import { reportParamsSchema } from '../../src/domain/records/reportSchemas.js';
import {
  acknowledgeSchema,
  agencyPatchSchema,
  newAgencySchema,
  newCaseSignalSchema,
  newRecordSignalSchema,
  outcomeSchema,
  overdueQuerySchema,
  signalListQuerySchema,
  signalPatchSchema,
  signalSendSchema,
  signalVersionSchema,
} from '../../src/domain/signals/signalSchemas.js';
import type { RouteEntry } from '../helpers/routeCatalogue.js';

const staff = 'staff' as const;

export const CASE_ROUTES: readonly RouteEntry[] = [
  { method: 'POST', url: '/api/cases', access: staff, body: newCaseSchema },
  { method: 'GET', url: '/api/cases', access: staff, query: caseListQuerySchema },
  { method: 'GET', url: '/api/cases/:caseId', access: staff, params: ['caseId'], query: caseReadQuerySchema },
  { method: 'PATCH', url: '/api/cases/:caseId', access: staff, params: ['caseId'], body: casePatchSchema },
  { method: 'POST', url: '/api/cases/:caseId/close', access: staff, params: ['caseId'], body: caseCloseSchema },
  { method: 'POST', url: '/api/cases/:caseId/notes', access: staff, params: ['caseId'], body: newNoteSchema },
  { method: 'POST', url: '/api/cases/:caseId/tasks', access: staff, params: ['caseId'], body: newTaskSchema },
  { method: 'PATCH', url: '/api/cases/:caseId/tasks/:taskId', access: staff, params: ['caseId', 'taskId'], body: taskPatchSchema },
  { method: 'GET', url: '/api/cases/:caseId/candidates', access: staff, params: ['caseId'] },
  { method: 'GET', url: '/api/cases/:caseId/assignees', access: staff, params: ['caseId'] },
  { method: 'POST', url: '/api/cases/:caseId/contacts', access: staff, params: ['caseId'], body: linkContactSchema },
  { method: 'GET', url: '/api/services/:serviceId/case-settings', access: staff, params: ['serviceId'] },
  { method: 'PUT', url: '/api/services/:serviceId/case-settings', access: staff, params: ['serviceId'], body: caseSettingsInputSchema },
  { method: 'POST', url: '/api/cases/:caseId/signals', access: staff, params: ['caseId'], body: newCaseSignalSchema },
  { method: 'POST', url: '/api/records/:recordId/signals', access: staff, params: ['recordId'], body: newRecordSignalSchema },
  { method: 'GET', url: '/api/signals', access: staff, query: signalListQuerySchema },
  { method: 'GET', url: '/api/signals/overdue', access: staff, query: overdueQuerySchema },
  { method: 'GET', url: '/api/signals/:signalId', access: staff, params: ['signalId'] },
  { method: 'GET', url: '/api/signals/:signalId/letter', access: staff, params: ['signalId'] },
  { method: 'GET', url: '/api/signals/:signalId/letter.pdf', access: staff, params: ['signalId'] },
  { method: 'GET', url: '/api/signals/channels', access: staff },
  { method: 'PATCH', url: '/api/signals/:signalId', access: staff, params: ['signalId'], body: signalPatchSchema },
  { method: 'POST', url: '/api/signals/:signalId/approve', access: staff, params: ['signalId'], body: signalVersionSchema },
  { method: 'POST', url: '/api/signals/:signalId/send', access: staff, params: ['signalId'], body: signalSendSchema },
  { method: 'POST', url: '/api/signals/:signalId/review', access: staff, params: ['signalId'], body: signalVersionSchema },
  {
    method: 'POST',
    url: '/api/signals/:signalId/addressees/:addresseeId/acknowledge',
    access: staff,
    params: ['signalId', 'addresseeId'],
    body: acknowledgeSchema,
  },
  { method: 'POST', url: '/api/signals/:signalId/outcome', access: staff, params: ['signalId'], body: outcomeSchema },
  { method: 'POST', url: '/api/signals/:signalId/close', access: staff, params: ['signalId'], body: signalVersionSchema },
  { method: 'GET', url: '/api/services/:serviceId/signal-agencies', access: staff, params: ['serviceId'] },
  { method: 'POST', url: '/api/services/:serviceId/signal-agencies', access: staff, params: ['serviceId'], body: newAgencySchema },
  {
    method: 'PATCH',
    url: '/api/services/:serviceId/signal-agencies/:agencyId',
    access: staff,
    params: ['serviceId', 'agencyId'],
    body: agencyPatchSchema,
  },
  { method: 'GET', url: '/api/reports/signals', access: staff, query: reportParamsSchema },
];
