// The unauthorised-access suite covers every route: the route catalogue matches the routes the app
// registers, every non-public route has refusal cases (and every public one is named), and every
// non-public route refuses an anonymous caller with 401 whatever its path parameter.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  catalogueEntry,
  catalogueGaps,
  fillParams,
  isMutating,
  registeredRoutes,
  ROUTE_CATALOGUE,
  routeKey,
} from '../helpers/routeCatalogue.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { voiceConfig } from '../voice/voiceApi.js';
import { CHAT_PUBLIC_ROUTES } from '../chat/chatRouteCatalogue.js';
import { CHAT_CASES } from './cases/chat.js';
import { CASE_CASES } from './cases/cases.js';
import { SIGNAL_CASES } from './cases/signals.js';
import { RECORD_CASES } from './cases/records.js';
import { REPORT_CASES } from './cases/reports.js';
import { ROUTING_CASES } from './cases/routing.js';
import { INGRESS_CASES } from './cases/routingIngress.js';
import { SERVICE_CASES } from './cases/services.js';
import { SESSION_CASES } from './cases/session.js';
import { STAFF_CASES } from './cases/staff.js';
import { STAFF_ACTION_CASES } from './cases/staffActions.js';
import { VOICE_CASES } from './cases/voice.js';
import { EDGE_CASES } from './cases/voiceEdge.js';
import { DIRECTORY_TRANSFER_CASES } from './cases/directoryTransfer.js';
import { HSDS_CASES } from './cases/hsds.js';
import { HSDS_PUBLIC_ROUTES } from '../directory/hsdsRouteCatalogue.js';
import { DIRECTORY_CASES } from './cases/directory.js';
import { REFERRAL_CASES } from './cases/referrals.js';
import { call, outcome, wsUpgrade } from './world.js';

const CASES = [
  ...SERVICE_CASES,
  ...STAFF_CASES,
  ...STAFF_ACTION_CASES,
  ...SESSION_CASES,
  ...ROUTING_CASES,
  ...REPORT_CASES,
  ...RECORD_CASES,
  ...CHAT_CASES,
  ...CASE_CASES,
  ...SIGNAL_CASES,
  ...VOICE_CASES,
  ...DIRECTORY_TRANSFER_CASES,
  ...HSDS_CASES,
  ...DIRECTORY_CASES,
  ...REFERRAL_CASES,
];

// The child's chat routes are public by design (test/unauthorised/chat.test.ts covers their token checks); so is a
// helpline's HSDS API while its directory is public (test/directory/hsds-public.test.ts: 404 otherwise).
const PUBLIC_ROUTES = [
  'GET /api/health',
  'GET /api/ready',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  ...CHAT_PUBLIC_ROUTES,
  ...HSDS_PUBLIC_ROUTES,
];

describe.each(DATABASES)('unauthorised access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // With ingress and telephony on: their routes then refuse a caller without the token (401), like the staff routes one without a session.
    t = await TestApp.start(kind, { ingressToken: 'ingress-token-for-coverage-tests-0123456789', voice: voiceConfig() });
  });
  afterAll(() => t.close());

  it('the route catalogue covers every route the app registers, and only those', () => {
    const registered = registeredRoutes(t.app).map(routeKey);
    // The parser really read the route tree (else the comparison below would be vacuous).
    expect(registered).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'HEAD /api/health',
        'PATCH /api/staff/:userId',
        'POST /api/staff/:userId/reset-password',
        'GET /api/ws',
        'PUT /api/routing/services/:serviceId/counsellors/:staffId/presence',
        'DELETE /api/routing/services/:serviceId/care-plans/:carePlanId',
        'POST /api/voice/calls/:callId/end',
        'PUT /api/services/:serviceId/voice-numbers',
      ]),
    );
    expect(catalogueGaps(t.app)).toEqual({ uncatalogued: [], stale: [] });
  });

  it('this suite has refusal cases for every non-public route, and names every public one', () => {
    const covered = new Set([
      ...CASES.map((c) => c.route),
      'GET /api/ws' /* websocket.test.ts */,
      ...INGRESS_CASES.map((c) => c.route) /* routing.test.ts: the bearer token */,
      ...EDGE_CASES.map((c) => c.route) /* voice.test.ts: the edge's bearer token */,
    ]);
    const nonPublic = ROUTE_CATALOGUE.filter((r) => r.access !== 'public').map(routeKey);
    expect(nonPublic.filter((k) => !covered.has(k))).toEqual([]);
    expect(
      ROUTE_CATALOGUE.filter((r) => r.access === 'public')
        .map(routeKey)
        .sort(),
    ).toEqual([...PUBLIC_ROUTES].sort());
    for (const c of CASES) expect(catalogueEntry(c.route).access, c.route).not.toBe('public');
  });

  it('every non-public route refuses an anonymous caller with 401, whatever the path parameters', async () => {
    for (const r of ROUTE_CATALOGUE.filter((x) => x.access !== 'public')) {
      for (const param of [randomUUID(), 'not-a-uuid']) {
        const url = fillParams(r, () => param);
        const res = await call(t, r.method, url, isMutating(r) ? {} : undefined, undefined, r.websocket ? wsUpgrade : {});
        expect({ route: routeKey(r), param, ...outcome(res) }).toEqual({
          route: routeKey(r),
          param,
          status: 401,
          code: 'auth.unauthenticated',
          hasMessage: true,
        });
      }
    }
  });
});
