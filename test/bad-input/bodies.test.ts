// Bad JSON bodies against every route, as an admin and as an anonymous caller: random JSON values,
// objects of about the right shape holding wrong, odd or extra values, an empty body, and bodies
// over and just under the 1 MiB limit. Only what the route's schema accepts may get through. First,
// the ground every bad-input property stands on: the route catalogue matches the app's routes, and
// each route's baseline request gets the outcome the properties compare against.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalogueGaps, isMutating, registeredRoutes, ROUTE_CATALOGUE, routeKey } from '../helpers/routeCatalogue.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { BadInputApp } from './fixture.js';
import { bodyRuns, livePath, RUNS } from './generators.js';
import { isVoiceStaffUrl } from './voiceGenerators.js';
import { anonymousPublic, BODY_LIMIT, bodyAccepted, judgeJsonBody, wellFormed } from './oracle.js';

describe.each(DATABASES)('bad input on %s', (kind) => {
  let app: BadInputApp;
  beforeAll(async () => {
    app = await BadInputApp.start(kind);
  });
  afterAll(() => app.close());

  it('the route catalogue covers every route the app registers, and only those', () => {
    const { t, base, shapes } = app;
    expect(registeredRoutes(t.app).map(routeKey)).toEqual(
      expect.arrayContaining(['POST /api/auth/login', 'GET /api/staff/:userId', 'POST /api/staff/:userId/enable']),
    );
    expect(catalogueGaps(t.app)).toEqual({ uncatalogued: [], stale: [] });
    expect(Object.keys(base).sort()).toEqual(ROUTE_CATALOGUE.map(routeKey).sort());
    expect(Object.keys(shapes).sort()).toEqual(
      ROUTE_CATALOGUE.filter((r) => r.body)
        .map(routeKey)
        .sort(),
    );
  });

  it('the baselines the properties compare against hold', async () => {
    for (const r of ROUTE_CATALOGUE) {
      if (r.websocket) continue;
      const b = app.base[routeKey(r)]!;
      const { res, ctx } = await app.send(r, 'admin', {
        method: r.method,
        url: b.url,
        ...(b.body !== undefined ? { body: JSON.stringify(b.body), contentType: 'application/json' } : {}),
      });
      const o = wellFormed(res, ctx);
      expect({ route: routeKey(r), ...o }).toEqual({ route: routeKey(r), status: b.status, ...(b.code ? { code: b.code } : {}) });
    }
  });

  for (const r of ROUTE_CATALOGUE) {
    const key = routeKey(r);
    describe(key, () => {
      it('random JSON values as the body', async () => {
        const value = fc.oneof(
          fc.jsonValue(),
          fc.anything().map((v) => (JSON.stringify(v) === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown))),
        );
        await fc.assert(
          fc.asyncProperty(value, async (v) => {
            const text = JSON.stringify(v);
            // Routes without a body schema (disable, enable, sign-out) get their harmless baseline path.
            const url = r.body ? livePath(r, app.fx) : app.base[key]!.url;
            const req = { method: r.method, url, contentType: 'application/json', body: text };
            await app.both(r, req, judgeJsonBody(r, text, app.base[key]!), anonymousPublic(r, text, app.base[key]!));
          }),
          { numRuns: bodyRuns(r) },
        );
      });

      if (r.body) {
        it('objects with the right keys holding wrong types, huge or odd strings, nulls, odd numbers and extra keys', async () => {
          // Routing and the phone line keep no version: what a refused body changed is seen in what they have written.
          const routing = r.url.startsWith('/api/routing/') || r.access === 'edge' || isVoiceStaffUrl(r.url);
          await fc.assert(
            fc.asyncProperty(app.shapes[key]!, async (value) => {
              const text = JSON.stringify(await app.withVersion(r, value));
              const req = { method: r.method, url: livePath(r, app.fx), contentType: 'application/json', body: text };
              const before = routing && !bodyAccepted(r, text) ? await app.routingMark() : undefined;
              await app.both(r, req, judgeJsonBody(r, text, app.base[key]!), anonymousPublic(r, text, app.base[key]!));
              if (before !== undefined) expect(await app.routingMark(), `a refused body changed routing: ${text}`).toEqual(before);
            }),
            { numRuns: RUNS },
          );
        });
      }
    });
  }

  it('an empty body with Content-Type: application/json is 400 request.malformed on every route that reads a body', async () => {
    for (const r of ROUTE_CATALOGUE.filter(isMutating)) {
      const { res, ctx } = await app.send(r, 'admin', {
        method: r.method,
        url: app.base[routeKey(r)]!.url,
        contentType: 'application/json',
        body: '',
      });
      expect({ route: routeKey(r), ...wellFormed(res, ctx) }).toEqual({ route: routeKey(r), status: 400, code: 'request.malformed' });
    }
  });

  // Routes with a limit of their own (file uploads) test it in their own suites (test/directory/transfer-routes.test.ts).
  it('a body over 1 MiB is 413 request.too_large (after authentication: anonymous callers get 401)', async () => {
    const huge = JSON.stringify({ name: 'я'.repeat(BODY_LIMIT / 2 + 10), region: 'x', timeZone: 'UTC' });
    expect(Buffer.byteLength(huge)).toBeGreaterThan(BODY_LIMIT);
    for (const r of ROUTE_CATALOGUE.filter((x) => isMutating(x) && !x.bodyLimit)) {
      const req = { method: r.method, url: app.base[routeKey(r)]!.url, contentType: 'application/json', body: huge };
      const a = await app.send(r, 'admin', req);
      expect({ route: routeKey(r), ...wellFormed(a.res, a.ctx) }).toEqual({ route: routeKey(r), status: 413, code: 'request.too_large' });
      const n = await app.send(r, 'anonymous', req);
      const expected = r.access === 'public' ? { status: 413, code: 'request.too_large' } : { status: 401, code: 'auth.unauthenticated' };
      expect({ route: routeKey(r), ...wellFormed(n.res, n.ctx) }).toEqual({ route: routeKey(r), ...expected });
    }
  });

  it('a body just under 1 MiB with an over-long field is a validation error, not a crash', async () => {
    // (A body that is not an object of fields — the raw file of an import — has no field to make over-long.)
    for (const r of ROUTE_CATALOGUE.filter((x) => x.body instanceof z.ZodObject)) {
      const firstKey = Object.keys((r.body as z.ZodObject).shape)[0]!;
      const body = JSON.stringify({ [firstKey]: 'я'.repeat(400_000) });
      expect(Buffer.byteLength(body)).toBeLessThan(BODY_LIMIT);
      const { res, ctx } = await app.send(r, 'admin', {
        method: r.method,
        url: livePath(r, app.fx),
        contentType: 'application/json',
        body,
      });
      expect({ route: routeKey(r), ...wellFormed(res, ctx) }).toEqual({ route: routeKey(r), status: 400, code: 'request.invalid' });
    }
  });
});
