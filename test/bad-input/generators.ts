// The inputs of the bad-input suite: fast-check arbitraries for odd values, plausible-but-wrong
// bodies per route, invalid JSON and wrong content types; and each route's baseline, a harmless admin
// request with a known outcome that several properties compare against.
import fc from 'fast-check';
import { ROLES } from '../../src/domain/auth/policy.js';
import { fillParams, isMutating, type Param, type RouteEntry } from '../helpers/routeCatalogue.js';
import { TEST_PASSWORD } from '../helpers/testApp.js';
import type { Fixture } from './fixture.js';
import { parseJson, type Baseline } from './oracle.js';
import { chatBaselines, chatShapes } from './chatGenerators.js';
import { recordBaselines, recordShapes } from './recordGenerators.js';
import { voiceBaselines, voiceShapes } from './voiceGenerators.js';
import { caseBaselines, caseShapes } from './caseGenerators.js';
import { directoryTransferBaselines, directoryTransferShapes } from './directoryTransferGenerators.js';
import { hsdsBaselines, hsdsShapes } from './hsdsGenerators.js';
import { referralBaselines, referralShapes } from './referralGenerators.js';
import { directoryBaselines, directoryShapes } from './directoryGenerators.js';

export const RUNS = 40;
/** Body properties against GET routes (the body is ignored there): a few runs suffice. */
export const GET_BODY_RUNS = 8;
export const bodyRuns = (r: RouteEntry) => (isMutating(r) ? RUNS : GET_BODY_RUNS);

// ---- building blocks for inputs ------------------------------------------------------------------

export const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    'null',
    'undefined',
    '<script>alert(1)</script>',
    "'; drop table services; --",
    '../../etc/passwd',
    '%00',
    'nul\u0000byte',
    '\u202eевил',
    'A\u0301',
    '\uFEFF',
    '\ud800',
  ),
  fc.constantFrom('ы'.repeat(301), '😀'.repeat(101), 'x'.repeat(1025), 'я'.repeat(64 * 1024)),
);
export const weirdNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, -0, 0.5, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308),
);
export const wrongValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  weirdNumber,
  anyString,
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);
/** A field that is usually plausible and sometimes of the wrong type or shape. */
export const field = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: wrongValue, weight: 1 });
export const extraKeys = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  {
    arbitrary: fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 2 }),
    weight: 1,
  },
);

/** A record over the route's keys (each may be missing), with sometimes an undeclared key or two. */
export function shaped(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, field(a)]));
  const record = fc.oneof(fc.record(model), fc.record(model, { requiredKeys: [] })) as fc.Arbitrary<Record<string, unknown>>;
  return fc.tuple(record, extraKeys).map(([r, extra]) => ({ ...r, ...(extra ?? {}) }));
}

/** Replaced before sending by the target's current version, so some PATCHes really apply. */
export const CURRENT = '\u0001current-version';

export function bodyShapes(fx: Fixture): Record<string, fc.Arbitrary<Record<string, unknown>>> {
  /** Mostly values the schema accepts, sometimes ones just outside it. */
  const mostly = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) =>
    fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: edge, weight: 1 });
  const text = (max: number) =>
    fc.oneof(
      { arbitrary: fc.string({ minLength: 1, maxLength: max }), weight: 9 },
      { arbitrary: fc.constantFrom('nul\u0000byte', '\u0000'), weight: 1 },
    );
  const name = mostly(
    text(40).map((s) => `Фаззинг ${s}`),
    fc.constantFrom('', '   ', 'я'.repeat(301)),
  );
  const region = mostly(fc.constantFrom('Тверская область', 'Республика Саха (Якутия)'), text(60));
  const shortName = mostly(
    fc.option(
      fc.string({ minLength: 1, maxLength: 20 }).filter((x) => x.trim() !== ''),
      { nil: null },
    ),
    fc.constantFrom('', ' ', 'щ'.repeat(101)),
  );
  const timeZone = mostly(
    fc.constantFrom('Europe/Moscow', 'Asia/Vladivostok', 'UTC'),
    fc.constantFrom('Mars/Olympus', 'europe/moscow', '', 'GMT+3', 'x'.repeat(65)),
  );
  const settings = fc.record(
    {
      offerTimeoutSeconds: mostly(fc.integer({ min: 5, max: 120 }), fc.constantFrom(4, 121, 30.5)),
      wrapUpSeconds: mostly(fc.integer({ min: 0, max: 1800 }), fc.constantFrom(-1, 1801)),
      chatCapacity: mostly(fc.integer({ min: 1, max: 10 }), fc.constantFrom(0, 11)),
    },
    { requiredKeys: [] },
  );
  const version = mostly(fc.constant(CURRENT), fc.integer({ min: -2, max: 4 }));
  const validGrant = fc.oneof(
    fc.record({ serviceId: fc.constant(fx.svc), role: fc.constantFrom('counsellor', 'supervisor', 'head') }),
    fc.record({ serviceId: fc.constant(null), role: fc.constantFrom('analyst', 'admin') }),
  );
  const anyGrant = fc.record({
    // Unknown service ids in a PATCH are a known bug (500); POST /api/staff handles them.
    serviceId: fc.oneof(fc.constant(fx.svc), fc.constant(null), fc.uuid()),
    role: fc.constantFrom(...ROLES, 'owner'),
  });
  const grants = mostly(fc.array(validGrant, { minLength: 1, maxLength: 3 }), fc.array(field(anyGrant), { maxLength: 3 }));
  const password = mostly(
    text(20).map((x) => `${x}-Пароль-2026`),
    fc.constantFrom('short', 'onlyletterslong', 'qwerty123456', 'x'.repeat(600)),
  );
  return {
    'POST /api/auth/login': shaped({ login: text(40), password: text(40) }),
    'POST /api/auth/password': shaped({ currentPassword: text(40).filter((x) => x !== TEST_PASSWORD), newPassword: password }),
    'POST /api/services': shaped({ name, shortName, region, timeZone, settings }),
    'PATCH /api/services/:serviceId': shaped({ version, name, shortName, region, timeZone, settings, active: fc.boolean() }),
    'POST /api/staff': shaped({
      login: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{3,20}$/),
      pseudonym: text(30),
      fullName: text(60),
      password,
      grants,
    }),
    'PATCH /api/staff/:userId': shaped({ version, pseudonym: text(30), fullName: text(60), grants }),
    'POST /api/staff/:userId/reset-password': shaped({ password }),
    'PUT /api/staff/:userId/routing-profile': shaped({
      languages: fc.array(fc.constantFrom('ru', 'en', 'tt', 'sah', 'RU', 'русский', 'x', ''), { maxLength: 12 }),
      skills: fc.array(fc.oneof(fc.constantFrom('sign-language', 'Parents', 'a b', '-'), fc.string({ maxLength: 45 })), { maxLength: 22 }),
    }),
    ...routingShapes(fx, mostly, text),
    ...recordShapes(fx, mostly, text),
    ...chatShapes(fx, mostly, text),
    ...voiceShapes(fx, mostly, text),
    ...caseShapes(fx, mostly, text),
    ...directoryTransferShapes(fx, mostly, text),
    ...hsdsShapes(fx, mostly),
    ...referralShapes(fx, mostly),
    ...directoryShapes(fx, mostly, text),
    'POST /api/reports/contacts/exports': shaped({
      scope: mostly(fc.constantFrom('service', 'region', 'network'), fc.constantFrom('nation', 'SERVICE', '')),
      serviceId: mostly(fc.oneof(fc.constant(fx.svc), fc.uuid()), fc.constantFrom('', 'not-a-uuid')),
      region: mostly(fc.constantFrom('Тверская область', 'Нигде'), fc.constantFrom('', ' ', 'я'.repeat(201))),
      from: mostly(
        fc.constantFrom('2025-01-01', '2025-06-30', '2024-12-31'),
        fc.constantFrom('2025-02-30', '2025-13-01', '01.01.2025', ''),
      ),
      to: mostly(fc.constantFrom('2025-01-31', '2025-06-30', '2025-12-31'), fc.constantFrom('2025-04-31', '1969-12-31', '3000-01-01')),
    }),
  };
}

/** Bodies of about the right shape for the routing routes: ids of what exists, of nothing, and not ids at all. */
function routingShapes(
  fx: Fixture,
  mostly: <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) => fc.Arbitrary<T | U>,
  text: (max: number) => fc.Arbitrary<string>,
): Record<string, fc.Arbitrary<Record<string, unknown>>> {
  const id = (...live: string[]) =>
    mostly(
      live.length > 0 ? fc.oneof(fc.constantFrom(...live), fc.uuid()) : fc.uuid(),
      fc.constantFrom('', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', `${fx.svc}0`, fx.svc.toUpperCase()),
    );
  const commandId = id();
  const presence = mostly(fc.constantFrom('offline', 'available', 'break'), fc.constantFrom('busy', 'not_responding', 'AVAILABLE', ''));
  const channel = mostly(fc.constantFrom('voice', 'chat', 'messenger'), fc.constantFrom('sms', 'Voice', ''));
  const risk = mostly(fc.constantFrom('unknown', 'low', 'moderate', 'high', 'imminent'), fc.constantFrom('critical', 'HIGH', ''));
  const language = fc.option(mostly(fc.constantFrom('ru', 'en', 'tt'), fc.constantFrom('r', ' ', 'x'.repeat(11))), { nil: null });
  const command = shaped({ commandId });
  const target = fc.oneof(
    fc.record({ kind: fc.constant('counsellor'), staffId: id(fx.target, fx.head.userId) }),
    fc.record({ kind: fc.constant('supervisor') }),
    fc.record({ kind: fc.constant('queue'), serviceId: id(fx.svc) }),
    fc.record({ kind: fc.string({ maxLength: 12 }) }, { requiredKeys: [] }),
  );
  return {
    'PUT /api/routing/workstation/presence': shaped({ commandId, serviceId: id(fx.svc), presence }),
    'POST /api/routing/offers/:offerId/accept': command,
    'POST /api/routing/offers/:offerId/decline': command,
    'POST /api/routing/contacts/:contactId/end': command,
    'POST /api/routing/contacts/:contactId/complete': command,
    'POST /api/routing/contacts/:contactId/extend-wrap-up': shaped({
      commandId,
      seconds: mostly(fc.integer({ min: 10, max: 600 }), fc.constantFrom(9, 601, 30.5, 0, -10)),
    }),
    'POST /api/routing/contacts/:contactId/transfer': shaped({ commandId, target, note: fc.option(text(40), { nil: null }) }),
    'POST /api/routing/services/:serviceId/offline-contacts': shaped({ commandId, channel, risk, language }),
    'POST /api/routing/contacts/:contactId/assign': shaped({ commandId, staffId: id(fx.target, fx.head.userId) }),
    'POST /api/routing/contacts/:contactId/take': command,
    'PUT /api/routing/services/:serviceId/counsellors/:staffId/presence': shaped({ commandId, presence }),
    'POST /api/routing/services/:serviceId/care-plans': shaped({
      contactId: id(fx.contact),
      preferredStaffId: id(fx.target, fx.head.userId),
    }),
    'POST /api/routing/ingress/contacts': shaped({
      contactId: id(),
      serviceId: id(fx.svc),
      channel,
      language,
      region: fc.option(text(30), { nil: null }),
      skills: fc.array(mostly(fc.constantFrom('sign-language', 'parents'), text(60)), { maxLength: 12 }),
      risk,
      caller: fc.option(
        fc.record({
          kind: mostly(fc.constantFrom('phone', 'telegram', 'vk', 'webchat-device'), fc.constantFrom('email', '')),
          value: mostly(fc.constantFrom('+7 900 123-45-67', '8 (900) 123 45 67', '@user'), text(30)),
        }),
        { nil: null },
      ),
    }),
  };
}

export const invalidJson = fc.oneof(
  fc.constantFrom(
    '{"a":',
    '{',
    '[',
    '{"a":1,}',
    "{'a':1}",
    'NaN',
    'undefined',
    '{"a":1}}',
    '{"a" 1}',
    '"unterminated',
    '\u0000',
    '{}{}',
    '[1,2',
    'tru',
    '{"a":01}',
    '   ',
    '',
  ),
  fc.string().filter((s) => !parseJson(s).ok),
  fc
    .jsonValue({ maxDepth: 3 })
    .map((v) => JSON.stringify(v))
    .filter((s) => s.length > 1)
    .chain((s) => fc.integer({ min: 1, max: s.length - 1 }).map((n) => s.slice(0, n)))
    .filter((s) => !parseJson(s).ok),
);

export const wrongContentType = fc
  .oneof(
    fc.constantFrom(
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=----doverie',
      'application/xml',
      'text/html',
      'application/octet-stream',
      'application/jsonp',
      'application/json-patch+json',
      'application/vnd.api+json',
      'image/png',
      'text/json',
      '*/*',
      'application/*',
      ';',
      'json',
    ),
    fc.string({ minLength: 1, maxLength: 40 }),
  )
  .filter((ct) => ct.trim() !== '' && !/^\s*application\/json\s*(;|$)/i.test(ct));

// ---- the routes' baselines -------------------------------------------------------------------------

/** Per route: a harmless admin request with a known outcome, the metamorphic anchor of several properties. */
export function baselines(fx: Fixture): Record<string, Baseline> {
  return {
    'GET /api/health': { url: '/api/health', status: 200 },
    'GET /api/ready': { url: '/api/ready', status: 200 },
    'GET /api/openapi.json': { url: '/api/openapi.json', status: 200 },
    'POST /api/auth/login': { url: '/api/auth/login', body: {}, status: 400, code: 'request.invalid' },
    'POST /api/auth/logout': { url: '/api/auth/logout', status: 204 },
    'GET /api/auth/me': { url: '/api/auth/me', status: 200 },
    'POST /api/auth/password': {
      url: '/api/auth/password',
      body: { currentPassword: 'not-the-password-1', newPassword: 'тихий-вечер-2026' },
      status: 400,
      code: 'auth.wrong_password',
    },
    'GET /api/services': { url: '/api/services', status: 200 },
    'POST /api/services': { url: '/api/services', body: {}, status: 400, code: 'request.invalid' },
    'GET /api/services/:serviceId': { url: `/api/services/${fx.svc}`, status: 200 },
    'PATCH /api/services/:serviceId': {
      url: `/api/services/${fx.svc}`,
      body: { version: 999_999 },
      status: 409,
      code: 'resource.version_conflict',
    },
    'GET /api/staff': { url: '/api/staff', status: 200 },
    'POST /api/staff': { url: '/api/staff', body: {}, status: 400, code: 'request.invalid' },
    'GET /api/staff/:userId': { url: `/api/staff/${fx.target}`, status: 200 },
    'PATCH /api/staff/:userId': {
      url: `/api/staff/${fx.target}`,
      body: { version: 999_999 },
      status: 409,
      code: 'resource.version_conflict',
    },
    'POST /api/staff/:userId/disable': { url: `/api/staff/${fx.missing}/disable`, status: 404, code: 'staff.not_found' },
    'POST /api/staff/:userId/enable': { url: `/api/staff/${fx.missing}/enable`, status: 404, code: 'staff.not_found' },
    'POST /api/staff/:userId/reset-password': {
      url: `/api/staff/${fx.missing}/reset-password`,
      body: {},
      status: 404,
      code: 'staff.not_found',
    },
    'GET /api/staff/:userId/routing-profile': { url: `/api/staff/${fx.target}/routing-profile`, status: 200 },
    'PUT /api/staff/:userId/routing-profile': {
      url: `/api/staff/${fx.missing}/routing-profile`,
      body: { languages: ['ru'], skills: [] },
      status: 404,
      code: 'staff.not_found',
    },
    // Plain HTTP (no upgrade).
    'GET /api/ws': { url: '/api/ws', status: 426, code: 'realtime.upgrade_required' },
    ...routingBaselines(fx),
    ...recordBaselines(fx),
    ...chatBaselines(fx),
    ...voiceBaselines(fx),
    ...caseBaselines(fx),
    ...directoryTransferBaselines(fx),
    ...hsdsBaselines(fx),
    ...referralBaselines(fx),
    ...directoryBaselines(fx),
    // The journal (as the head of `svc`) and the report: no query is 400; an export of a backwards period starts nothing.
    'GET /api/records': { url: '/api/records', status: 400, code: 'request.invalid' },
    'GET /api/reports/contacts': { url: '/api/reports/contacts', status: 400, code: 'request.invalid' },
    'POST /api/reports/contacts/exports': {
      url: '/api/reports/contacts/exports',
      body: { scope: 'network', from: '2025-01-02', to: '2025-01-01' },
      status: 400,
      code: 'report.period_invalid',
    },
    'GET /api/reports/exports/:exportId': { url: `/api/reports/exports/${fx.missing}`, status: 404, code: 'report.export_not_found' },
    'GET /api/reports/exports/:exportId/file': {
      url: `/api/reports/exports/${fx.missing}/file`,
      status: 404,
      code: 'report.export_not_found',
    },
  };
}

/** Routing baselines, as the head of `svc`: what exists is only read; commands name what does not exist (nothing is recorded). */
function routingBaselines(fx: Fixture): Record<string, Baseline> {
  const command = { commandId: fx.missing };
  const noContact = { status: 404, code: 'routing.contact_not_found' } as const;
  const noOffer = { status: 404, code: 'routing.offer_not_found' } as const;
  const noService = { status: 404, code: 'service.not_found' } as const;
  const contact = (action: string) => `/api/routing/contacts/${fx.missing}/${action}`;
  const ingress = (action: string) => `/api/routing/ingress/contacts/${fx.missing}/${action}`;
  return {
    'GET /api/routing/workstation': { url: '/api/routing/workstation', status: 200 },
    'PUT /api/routing/workstation/presence': {
      url: '/api/routing/workstation/presence',
      body: { ...command, serviceId: fx.missing, presence: 'available' },
      ...noService,
    },
    'POST /api/routing/offers/:offerId/accept': { url: `/api/routing/offers/${fx.missing}/accept`, body: command, ...noOffer },
    'POST /api/routing/offers/:offerId/decline': { url: `/api/routing/offers/${fx.missing}/decline`, body: command, ...noOffer },
    'POST /api/routing/contacts/:contactId/end': { url: contact('end'), body: command, ...noContact },
    'POST /api/routing/contacts/:contactId/complete': { url: contact('complete'), body: command, ...noContact },
    'POST /api/routing/contacts/:contactId/extend-wrap-up': {
      url: contact('extend-wrap-up'),
      body: { ...command, seconds: 60 },
      ...noContact,
    },
    'POST /api/routing/contacts/:contactId/transfer': {
      url: contact('transfer'),
      body: { ...command, target: { kind: 'supervisor' } },
      ...noContact,
    },
    'POST /api/routing/services/:serviceId/offline-contacts': {
      url: `/api/routing/services/${fx.missing}/offline-contacts`,
      body: command,
      ...noService,
    },
    'GET /api/routing/services/:serviceId/board': { url: `/api/routing/services/${fx.svc}/board`, status: 200 },
    'GET /api/routing/services/:serviceId/statistics': { url: `/api/routing/services/${fx.svc}/statistics`, status: 200 },
    'POST /api/routing/contacts/:contactId/assign': { url: contact('assign'), body: { ...command, staffId: fx.target }, ...noContact },
    'POST /api/routing/contacts/:contactId/take': { url: contact('take'), body: command, ...noContact },
    'PUT /api/routing/services/:serviceId/counsellors/:staffId/presence': {
      url: `/api/routing/services/${fx.svc}/counsellors/${fx.missing}/presence`,
      body: { ...command, presence: 'break' },
      status: 404,
      code: 'staff.not_found',
    },
    'GET /api/routing/services/:serviceId/care-plans': { url: `/api/routing/services/${fx.svc}/care-plans`, status: 200 },
    'POST /api/routing/services/:serviceId/care-plans': {
      url: `/api/routing/services/${fx.svc}/care-plans`,
      body: { contactId: fx.missing, preferredStaffId: fx.target },
      ...noContact,
    },
    'DELETE /api/routing/services/:serviceId/care-plans/:carePlanId': {
      url: `/api/routing/services/${fx.svc}/care-plans/${fx.missing}`,
      status: 404,
      code: 'routing.care_plan_not_found',
    },
    'POST /api/routing/ingress/contacts': {
      url: '/api/routing/ingress/contacts',
      body: { contactId: fx.missing, serviceId: fx.missing, channel: 'chat' },
      ...noService,
    },
    'POST /api/routing/ingress/contacts/:contactId/caller-left': { url: ingress('caller-left'), ...noContact },
    'POST /api/routing/ingress/contacts/:contactId/greeting-done': { url: ingress('greeting-done'), ...noContact },
  };
}

/** The value of each path parameter that names something that exists (offers and care plans come and go: none). */
export const liveParam =
  (fx: Fixture) =>
  (p: Param): string =>
    ({
      serviceId: fx.svc,
      userId: fx.target,
      staffId: fx.target,
      contactId: fx.contact,
      offerId: fx.missing,
      carePlanId: fx.missing,
      exportId: fx.missing,
      recordId: fx.contact,
      referralId: fx.missing,
      alertId: fx.missing,
      chatId: fx.chat,
      blockId: fx.missing,
      cannedId: fx.canned,
      callId: fx.call,
      caseId: fx.caseId,
      taskId: fx.taskId,
      signalId: fx.signalId,
      addresseeId: fx.addresseeId,
      agencyId: fx.agencyId,
      jobId: fx.missing,
      entryId: fx.entry,
      termId: fx.term,
      id: fx.missing,
    })[p];

/** The path whose resource exists, for body fuzzing that should sometimes succeed. */
export const livePath = (r: RouteEntry, fx: Fixture) => fillParams(r, liveParam(fx));
