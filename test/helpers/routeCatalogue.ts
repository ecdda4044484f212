// The explicit catalogue of every HTTP route the app serves, with who may call it and the shapes it
// accepts. The unauthorised-access and bad-input suites are driven by it, and both check it against
// the routes the app really registers (parsed from printRoutes), so a new route cannot slip in untested.
import { z } from 'zod';
import { PASSWORD_MAX } from '../../src/domain/auth/passwords.js';
import { journalQuerySchema } from '../../src/domain/records/journalSchemas.js';
import { reportParamsSchema } from '../../src/domain/records/reportSchemas.js';
import { newReasonCodeSchema } from '../../src/domain/records/classificationQueries.js';
import { newRecordSchema } from '../../src/domain/records/manualRecord.js';
import { recordFieldsSchema } from '../../src/domain/records/recordSchemas.js';
import { riskAnswersSchema } from '../../src/domain/records/risk.js';
import { routingProfileSchema } from '../../src/domain/staff/routingProfile.js';
import { newStaffSchema, staffPatchSchema } from '../../src/domain/staff/staffSchemas.js';
import { newServiceSchema, servicePatchSchema } from '../../src/domain/tenants/serviceSchemas.js';
import type { ErrorCode } from '../../src/errors.js';
import type { App } from '../../src/http/types.js';
import { CHAT_ROUTES } from '../chat/chatRouteCatalogue.js';
import { VOICE_ROUTES } from '../voice/voiceRouteCatalogue.js';
import { CASE_ROUTES } from '../cases/caseRouteCatalogue.js';
import { DIRECTORY_TRANSFER_ROUTES } from '../directory/transferRouteCatalogue.js';
import { HSDS_ROUTES } from '../directory/hsdsRouteCatalogue.js';
import { DIRECTORY_ROUTES } from '../directory/directoryRouteCatalogue.js';
import { REFERRAL_ROUTES } from '../records/referralRouteCatalogue.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/**
 * `ingress`: channel adapters, with the configured ingress token instead of a staff session.
 * `edge`: the SIP edge, with the phone line's own token (`config.voice.token`); 404 voice.disabled without telephony.
 */
export type Access = 'public' | 'staff' | 'staff-pending' | 'ingress' | 'edge';
/** Path parameters (always UUIDs), and what an unknown one answers. */
export type Param =
  | 'serviceId'
  | 'userId'
  | 'staffId'
  | 'offerId'
  | 'contactId'
  | 'carePlanId'
  | 'exportId'
  | 'recordId'
  /** A referral to the directory in a record. */
  | 'referralId'
  | 'alertId'
  | 'chatId'
  | 'blockId'
  | 'cannedId'
  /** A phone call: its routing contact id. */
  | 'callId'
  /** A directory import or export job. */
  | 'jobId'
  /** A directory entry (an HSDS service) and a taxonomy term, as staff edit them. */
  | 'entryId'
  | 'termId'
  /** Cases and signals: a case, its task, a signal, one of its addressees, an agency of a service's list. */
  | 'caseId'
  | 'taskId'
  | 'signalId'
  | 'addresseeId'
  | 'agencyId'
  /** An HSDS API object (service, organization, service_at_location, taxonomy, taxonomy term). */
  | 'id';
export const PARAM_NOT_FOUND: Readonly<Record<Param, ErrorCode>> = {
  serviceId: 'service.not_found',
  userId: 'staff.not_found',
  staffId: 'staff.not_found',
  offerId: 'routing.offer_not_found',
  contactId: 'routing.contact_not_found',
  carePlanId: 'routing.care_plan_not_found',
  exportId: 'report.export_not_found',
  recordId: 'record.not_found',
  referralId: 'record.referral_not_found',
  alertId: 'risk_alert.not_found',
  chatId: 'chat.not_found',
  blockId: 'chat.block_not_found',
  cannedId: 'canned.not_found',
  callId: 'voice.call_not_found',
  jobId: 'directory.job_not_found',
  entryId: 'directory.not_found',
  termId: 'directory.term_not_found',
  caseId: 'case.not_found',
  taskId: 'case.task_not_found',
  signalId: 'signal.not_found',
  addresseeId: 'signal.addressee_not_found',
  agencyId: 'signal.agency_not_found',
  id: 'directory.not_found',
};

export interface RouteEntry {
  method: Method;
  /** Fastify's pattern, e.g. `/api/staff/:userId`. */
  url: string;
  access: Access;
  /** The path parameters, in the order of the URL. */
  params?: readonly Param[];
  /** The body the route validates; absent = the route declares no body schema (any body is ignored). */
  body?: z.ZodType;
  /** The querystring the route validates; absent = the query is ignored. */
  query?: z.ZodType;
  /** The WebSocket endpoint (its GET is an upgrade). */
  websocket?: true;
  /** A body limit other than the app's 1 MiB (a file upload), in bytes. */
  bodyLimit?: number;
}

// Bodies and queries declared inline in src/http/routes/*.ts, restated here (the tests' specification).
export const credentialsSchema = z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(1024) }).strict();
export const passwordChangeSchema = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) })
  .strict();
export const resetPasswordSchema = z
  .object({
    password: z
      .string()
      .max(PASSWORD_MAX * 4)
      .optional(),
  })
  .strict();
export const staffQuerySchema = z.object({ serviceId: z.uuid().optional() }).strict();

// Routing (src/http/routes/routing*.ts). Every staff command carries a client-chosen commandId.
const commandId = z.uuid();
const presence = z.enum(['offline', 'available', 'break']);
const channel = z.enum(['voice', 'chat', 'messenger']);
const risk = z.enum(['unknown', 'low', 'moderate', 'high', 'imminent']);
export const routingCommandSchema = z.object({ commandId }).strict();
export const ownPresenceSchema = z.object({ commandId, serviceId: z.uuid(), presence }).strict();
export const extendWrapUpSchema = z.object({ commandId, seconds: z.number().int().min(10).max(600) }).strict();
export const transferSchema = z
  .object({
    commandId,
    target: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('counsellor'), staffId: z.uuid() }).strict(),
      z.object({ kind: z.literal('supervisor') }).strict(),
      z.object({ kind: z.literal('queue'), serviceId: z.uuid() }).strict(),
    ]),
    note: z.string().trim().max(2000).nullish(),
  })
  .strict();
export const offlineContactSchema = z
  .object({ commandId, channel: channel.optional(), risk: risk.optional(), language: z.string().trim().min(2).max(10).nullish() })
  .strict();
export const assignSchema = z.object({ commandId, staffId: z.uuid() }).strict();
export const othersPresenceSchema = z.object({ commandId, presence }).strict();
export const carePlanSchema = z.object({ contactId: z.uuid(), preferredStaffId: z.uuid() }).strict();
export const statisticsQuerySchema = z
  .object({
    window: z.enum(['15m', 'today', 'custom']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((q) => q.window !== 'custom' || (q.from !== undefined && q.to !== undefined));
export const ingressContactSchema = z
  .object({
    contactId: z.uuid(),
    serviceId: z.uuid(),
    channel,
    language: z.string().trim().min(2).max(10).nullish(),
    region: z.string().trim().min(1).max(200).nullish(),
    skills: z.array(z.string().trim().min(1).max(50)).max(10).optional(),
    risk: risk.optional(),
    caller: z
      .object({ kind: z.enum(['phone', 'telegram', 'vk', 'webchat-device']), value: z.string().trim().min(1).max(200) })
      .strict()
      .nullish(),
  })
  .strict();

// Contact records (src/http/routes/records.ts, recordsSupport.ts).
const recordVersion = z.number().int().min(0).max(2_147_483_647);
export const recordPatchSchema = z.object({ version: recordVersion, fields: recordFieldsSchema }).strict();
export const recordFinalizeSchema = z.object({ version: recordVersion, fields: recordFieldsSchema.optional() }).strict();
export const recordRiskSchema = z.object({ version: recordVersion, answers: riskAnswersSchema }).strict();
export const recordServiceFilterSchema = z.object({ serviceId: z.uuid().optional() }).strict();

export const ROUTE_CATALOGUE: readonly RouteEntry[] = [
  { method: 'GET', url: '/api/health', access: 'public' },
  { method: 'GET', url: '/api/ready', access: 'public' },
  { method: 'GET', url: '/api/openapi.json', access: 'public' },
  { method: 'POST', url: '/api/auth/login', access: 'public', body: credentialsSchema },
  { method: 'POST', url: '/api/auth/logout', access: 'staff-pending' },
  { method: 'GET', url: '/api/auth/me', access: 'staff-pending' },
  { method: 'POST', url: '/api/auth/password', access: 'staff-pending', body: passwordChangeSchema },
  { method: 'GET', url: '/api/services', access: 'staff' },
  { method: 'POST', url: '/api/services', access: 'staff', body: newServiceSchema },
  { method: 'GET', url: '/api/services/:serviceId', access: 'staff', params: ['serviceId'] },
  { method: 'PATCH', url: '/api/services/:serviceId', access: 'staff', params: ['serviceId'], body: servicePatchSchema },
  { method: 'GET', url: '/api/staff', access: 'staff', query: staffQuerySchema },
  { method: 'POST', url: '/api/staff', access: 'staff', body: newStaffSchema },
  { method: 'GET', url: '/api/staff/:userId', access: 'staff', params: ['userId'] },
  { method: 'PATCH', url: '/api/staff/:userId', access: 'staff', params: ['userId'], body: staffPatchSchema },
  { method: 'POST', url: '/api/staff/:userId/disable', access: 'staff', params: ['userId'] },
  { method: 'POST', url: '/api/staff/:userId/enable', access: 'staff', params: ['userId'] },
  { method: 'POST', url: '/api/staff/:userId/reset-password', access: 'staff', params: ['userId'], body: resetPasswordSchema },
  { method: 'GET', url: '/api/staff/:userId/routing-profile', access: 'staff', params: ['userId'] },
  { method: 'PUT', url: '/api/staff/:userId/routing-profile', access: 'staff', params: ['userId'], body: routingProfileSchema },
  { method: 'GET', url: '/api/ws', access: 'staff', websocket: true },
  // Routing: the counsellor's workstation and commands.
  { method: 'GET', url: '/api/routing/workstation', access: 'staff' },
  { method: 'PUT', url: '/api/routing/workstation/presence', access: 'staff', body: ownPresenceSchema },
  { method: 'POST', url: '/api/routing/offers/:offerId/accept', access: 'staff', params: ['offerId'], body: routingCommandSchema },
  { method: 'POST', url: '/api/routing/offers/:offerId/decline', access: 'staff', params: ['offerId'], body: routingCommandSchema },
  { method: 'POST', url: '/api/routing/contacts/:contactId/end', access: 'staff', params: ['contactId'], body: routingCommandSchema },
  { method: 'POST', url: '/api/routing/contacts/:contactId/complete', access: 'staff', params: ['contactId'], body: routingCommandSchema },
  {
    method: 'POST',
    url: '/api/routing/contacts/:contactId/extend-wrap-up',
    access: 'staff',
    params: ['contactId'],
    body: extendWrapUpSchema,
  },
  { method: 'POST', url: '/api/routing/contacts/:contactId/transfer', access: 'staff', params: ['contactId'], body: transferSchema },
  {
    method: 'POST',
    url: '/api/routing/services/:serviceId/offline-contacts',
    access: 'staff',
    params: ['serviceId'],
    body: offlineContactSchema,
  },
  // Routing: the supervisor's board and actions.
  { method: 'GET', url: '/api/routing/services/:serviceId/board', access: 'staff', params: ['serviceId'] },
  {
    method: 'GET',
    url: '/api/routing/services/:serviceId/statistics',
    access: 'staff',
    params: ['serviceId'],
    query: statisticsQuerySchema,
  },
  { method: 'POST', url: '/api/routing/contacts/:contactId/assign', access: 'staff', params: ['contactId'], body: assignSchema },
  { method: 'POST', url: '/api/routing/contacts/:contactId/take', access: 'staff', params: ['contactId'], body: routingCommandSchema },
  {
    method: 'PUT',
    url: '/api/routing/services/:serviceId/counsellors/:staffId/presence',
    access: 'staff',
    params: ['serviceId', 'staffId'],
    body: othersPresenceSchema,
  },
  { method: 'GET', url: '/api/routing/services/:serviceId/care-plans', access: 'staff', params: ['serviceId'] },
  { method: 'POST', url: '/api/routing/services/:serviceId/care-plans', access: 'staff', params: ['serviceId'], body: carePlanSchema },
  {
    method: 'DELETE',
    url: '/api/routing/services/:serviceId/care-plans/:carePlanId',
    access: 'staff',
    params: ['serviceId', 'carePlanId'],
  },
  // Routing: channel ingress (bearer token).
  { method: 'POST', url: '/api/routing/ingress/contacts', access: 'ingress', body: ingressContactSchema },
  { method: 'POST', url: '/api/routing/ingress/contacts/:contactId/caller-left', access: 'ingress', params: ['contactId'] },
  { method: 'POST', url: '/api/routing/ingress/contacts/:contactId/greeting-done', access: 'ingress', params: ['contactId'] },
  // The journal and the statistics report (src/http/routes/journal.ts, reports.ts).
  { method: 'GET', url: '/api/records', access: 'staff', query: journalQuerySchema },
  { method: 'GET', url: '/api/reports/contacts', access: 'staff', query: reportParamsSchema },
  { method: 'POST', url: '/api/reports/contacts/exports', access: 'staff', body: reportParamsSchema },
  { method: 'GET', url: '/api/reports/exports/:exportId', access: 'staff', params: ['exportId'] },
  { method: 'GET', url: '/api/reports/exports/:exportId/file', access: 'staff', params: ['exportId'] },
  // Contact records, risk alerts and the classification.
  { method: 'POST', url: '/api/records', access: 'staff', body: newRecordSchema },
  { method: 'GET', url: '/api/records/:recordId', access: 'staff', params: ['recordId'] },
  { method: 'PATCH', url: '/api/records/:recordId', access: 'staff', params: ['recordId'], body: recordPatchSchema },
  { method: 'POST', url: '/api/records/:recordId/finalize', access: 'staff', params: ['recordId'], body: recordFinalizeSchema },
  { method: 'POST', url: '/api/records/:recordId/risk', access: 'staff', params: ['recordId'], body: recordRiskSchema },
  { method: 'GET', url: '/api/records/alerts', access: 'staff', query: recordServiceFilterSchema },
  { method: 'POST', url: '/api/records/alerts/:alertId/acknowledge', access: 'staff', params: ['alertId'] },
  { method: 'GET', url: '/api/records/classification', access: 'staff', query: recordServiceFilterSchema },
  { method: 'POST', url: '/api/records/classification/codes', access: 'staff', body: newReasonCodeSchema },
  ...VOICE_ROUTES,
  ...CHAT_ROUTES,
  ...CASE_ROUTES,
  ...DIRECTORY_TRANSFER_ROUTES,
  ...HSDS_ROUTES,
  ...DIRECTORY_ROUTES,
  ...REFERRAL_ROUTES,
];

export const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** The route's URL with every path parameter replaced by `value(param)`. */
export const fillParams = (r: RouteEntry, value: (p: Param) => string): string =>
  (r.params ?? []).reduce((url, p) => url.replace(`:${p}`, value(p)), r.url);

export function catalogueEntry(key: string): RouteEntry {
  const found = ROUTE_CATALOGUE.find((r) => routeKey(r) === key);
  if (!found) throw new Error(`no catalogue entry for ${key}`);
  return found;
}

export const isMutating = (r: { method: string }) => r.method !== 'GET' && r.method !== 'HEAD';

/**
 * Every (method, url) the app has registered, parsed from `printRoutes({ commonPrefix: false })`,
 * a tree whose lines look like `│   └── /:userId (GET, HEAD, PATCH)`; each level indents by 4.
 */
export function registeredRoutes(app: App): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+?)(?: \(([^)]*)\))?\s*$/u.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    const url = stack.join('');
    for (const method of (m[3] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      out.push({ method, url });
  }
  return out;
}

/**
 * Registered routes the catalogue does not describe, and catalogue entries the app lacks. HEAD is
 * covered by its GET (Fastify adds it automatically and it runs the same hooks).
 */
export function catalogueGaps(app: App): { uncatalogued: string[]; stale: string[] } {
  const registered = registeredRoutes(app);
  const catalogued = new Set(ROUTE_CATALOGUE.map(routeKey));
  const uncatalogued = registered
    .filter((r) => !catalogued.has(routeKey(r)) && !(r.method === 'HEAD' && catalogued.has(routeKey({ method: 'GET', url: r.url }))))
    .map(routeKey);
  const registeredKeys = new Set(registered.map(routeKey));
  const stale = ROUTE_CATALOGUE.filter((r) => !registeredKeys.has(routeKey(r)) || !app.hasRoute({ method: r.method, url: r.url })).map(
    routeKey,
  );
  return { uncatalogued, stale };
}
