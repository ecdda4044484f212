// Bad URLs against every route, as an admin and as an anonymous caller: random query strings
// (only a route with a query schema reads them), and random path parameters (not UUIDs, unknown
// UUIDs, dot segments, unicode, over-long), which must be refused with a table error, never a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { z } from 'zod';
import { fillParams, PARAM_NOT_FOUND, ROUTE_CATALOGUE, routeKey } from '../helpers/routeCatalogue.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { CHAT_PARAM_NOT_FOUND } from './chatGenerators.js';
import { BadInputApp } from './fixture.js';
import { liveParam, RUNS } from './generators.js';
import { check, fmt, sameAs, wellFormed, type Outcome } from './oracle.js';

describe.each(DATABASES)('bad input on %s', (kind) => {
  let app: BadInputApp;
  beforeAll(async () => {
    app = await BadInputApp.start(kind);
  });
  afterAll(() => app.close());

  for (const r of ROUTE_CATALOGUE) {
    const key = routeKey(r);
    describe(key, () => {
      it('query strings never break a route, and only a route with a query schema reads them', async () => {
        const { fx } = app;
        const b = app.base[key]!;
        const key_ = fc.oneof(fc.constant('serviceId'), fc.string({ minLength: 1, maxLength: 12 }));
        const val = fc.oneof(
          fc.constant(fx.svc),
          fc.uuid(),
          fc.string({ unit: 'grapheme', maxLength: 30 }),
          fc.constantFrom('', 'null', '[]', 'true', '%ZZ'),
        );
        const query = fc.oneof(
          fc
            .dictionary(key_, val, { maxKeys: 3 })
            .map((d) => ({ text: new URLSearchParams(d).toString(), parsed: d as Record<string, string> | undefined })),
          fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => ({ text: encodeURI(s), parsed: undefined })),
        );
        await fc.assert(
          fc.asyncProperty(query, async ({ text, parsed }) => {
            const req = {
              method: r.method,
              url: `${b.url}?${text}`,
              ...(b.body !== undefined ? { body: JSON.stringify(b.body), contentType: 'application/json' } : {}),
            };
            const judge = (o: Outcome, ctx: string): void => {
              if (!r.query) return check(sameAs(o, b), `a route without a query schema ignores the query: expected ${fmt(b)}`, o, ctx);
              if (parsed === undefined) return;
              const ok = r.query.safeParse(parsed).success;
              // A valid query naming a service that is not the fixture's may be refused as not found (the journal).
              const unknownService = parsed.serviceId !== fx.svc && o.status === 404 && o.code === 'service.not_found';
              // A command's valid query (an import's options) leaves its baseline's outcome as it was.
              const listed = r.method === 'GET' ? o.status === 200 || unknownService : sameAs(o, b);
              check(
                ok ? listed : o.status === 400 && o.code === 'request.invalid',
                ok
                  ? r.method === 'GET'
                    ? 'a valid query lists (200)'
                    : `a valid query keeps the baseline: ${fmt(b)}`
                  : 'an invalid query is 400 request.invalid',
                o,
                ctx,
              );
            };
            await app.both(r, req, judge, (o, ctx) =>
              // A public route with a query schema (the HSDS API without a session) reads it as for anyone.
              r.query ? judge(o, ctx) : check(sameAs(o, b), `a public route ignores the query: expected ${fmt(b)}`, o, ctx),
            );
          }),
          { numRuns: RUNS },
        );
      });

      for (const name of r.params ?? []) {
        // Each parameter in turn; the others name what exists.
        const which = r.params!.length > 1 ? ` (:${name})` : '';
        it(`random path parameters${which}: not UUIDs, unknown UUIDs, dot segments, unicode, long`, async () => {
          const { fx } = app;
          const b = app.base[key]!;
          const maxLen = 600;
          const param = fc
            .oneof(
              fc.uuid(),
              fc.uuid().map((u) => u.toUpperCase()),
              fc.string({ unit: 'binary', maxLength: 30 }),
              fc.string({ maxLength: 60 }),
              fc.constantFrom(
                '',
                '.',
                '..',
                '../',
                '../../etc/passwd',
                '..%2F',
                '%2e%2e',
                ' ',
                'null',
                '0',
                '-1',
                '1e308',
                'ы',
                '😀',
                '\u202e',
                '00000000-0000-0000-0000-000000000000',
                'ffffffff-ffff-ffff-ffff-ffffffffffff',
                `${fx.svc}x`,
                `{${fx.svc}}`,
              ),
              fc.integer({ min: 150, max: maxLen + 50 }).map((n) => 'a'.repeat(n)),
            )
            .filter((p) => {
              try {
                return encodeURIComponent(p).length <= maxLen;
              } catch {
                return false; // a lone surrogate cannot be put in a URL
              }
            });
          await fc.assert(
            fc.asyncProperty(param, async (p) => {
              const url = fillParams(r, (q) => (q === name ? encodeURIComponent(p) : liveParam(fx)(q)));
              const req = {
                method: r.method,
                url,
                ...(b.body !== undefined ? { body: JSON.stringify(b.body), contentType: 'application/json' } : {}),
              };
              const isUuid = z.uuid().safeParse(p).success;
              const dots = p === '.' || p === '..';
              const notFound = CHAT_PARAM_NOT_FOUND[key] ?? PARAM_NOT_FOUND[name];
              const { res: ra, ctx: ca } = await app.send(r, 'admin', req);
              const o = wellFormed(ra, ca);
              if (isUuid) check(o.status === 404 && o.code === notFound, `an unknown UUID must be 404 ${notFound}`, o, ca);
              else
                check(
                  (o.status === 400 && o.code === 'request.invalid') ||
                    (o.status === 404 && o.code === 'route.not_found') ||
                    // A dot segment is resolved away (RFC 3986): the URL names another path, which answers as it
                    // does (well formed, as checked above) — the public HSDS routes mirror the staff ones, so
                    // /api/hsds/public/../services is the staff list.
                    dots,
                  'a parameter that is not a UUID must be 400 request.invalid',
                  o,
                  ca,
                );
              const { res: rn, ctx: cn } = await app.send(r, 'anonymous', req);
              const on = wellFormed(rn, cn);
              // A parameter over Fastify's maxParamLength (200) is refused before routing, so before authentication.
              const overLong = encodeURIComponent(p).length > 200 && on.status === 400 && on.code === 'request.invalid';
              // A public route (the child's feedback) answers an anonymous caller as it answers anyone.
              const publicSame = r.access === 'public' && on.status === o.status && on.code === o.code;
              check(
                on.status === 401 || (dots && on.code === 'route.not_found') || overLong || publicSame,
                'an anonymous caller must get 401',
                on,
                cn,
              );
            }),
            { numRuns: RUNS },
          );
        });
      }
    });
  }
});
