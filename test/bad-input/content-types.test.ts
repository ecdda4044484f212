// Bodies that are not JSON against every route, as an admin and as an anonymous caller: invalid
// JSON text under Content-Type: application/json, and JSON, form or random text under the wrong
// content type. A route with a body schema accepts only JSON; a GET ignores the body and its type.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { isMutating, ROUTE_CATALOGUE, routeKey } from '../helpers/routeCatalogue.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { BadInputApp } from './fixture.js';
import { bodyRuns, invalidJson, wrongContentType } from './generators.js';
import { check, fmt, judgeJsonBody, MEDIA_CODES, sameAs, type Baseline, type Outcome } from './oracle.js';

describe.each(DATABASES)('bad input on %s', (kind) => {
  let app: BadInputApp;
  beforeAll(async () => {
    app = await BadInputApp.start(kind);
  });
  afterAll(() => app.close());

  for (const r of ROUTE_CATALOGUE) {
    const key = routeKey(r);
    describe(key, () => {
      it('invalid JSON text', async () => {
        await fc.assert(
          fc.asyncProperty(invalidJson, async (text) => {
            const b = app.base[key]!;
            const req = { method: r.method, url: b.url, contentType: 'application/json', body: text };
            await app.both(r, req, judgeJsonBody(r, text, b), (o, ctx) =>
              r.method === 'GET'
                ? check(sameAs(o, b), `a public GET ignores its body: expected ${fmt(b)}`, o, ctx)
                : check(o.status === 400 && o.code === 'request.malformed', 'invalid JSON is 400 request.malformed', o, ctx),
            );
          }),
          { numRuns: bodyRuns(r) },
        );
      });

      it('wrong content types', async () => {
        const b = app.base[key]!;
        const body = fc.oneof(
          fc.constant(JSON.stringify(b.body ?? {})),
          fc.constant('a=1&b=2'),
          fc.constant('------doverie\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n------doverie--\r\n'),
          fc.string(),
        );
        await fc.assert(
          fc.asyncProperty(wrongContentType, body, async (contentType, text) => {
            const req = { method: r.method, url: b.url, contentType, body: text };
            const judge = (bl: Baseline) => (o: Outcome, ctx: string) => {
              if (!isMutating(r)) return check(sameAs(o, bl), `a GET ignores the body and its type: expected ${fmt(bl)}`, o, ctx);
              check(
                sameAs(o, bl) || (o.status >= 400 && MEDIA_CODES.has(o.code ?? '')),
                `expected ${fmt(bl)} or 400/415 for the content type`,
                o,
                ctx,
              );
              if (r.body) check(o.status >= 400, 'a route with a body schema accepts only JSON', o, ctx);
            };
            // A public route answers an anonymous caller as anyone (the child's chat routes and the public HSDS API included).
            const asAnyone = r.url.startsWith('/api/chat/') || r.url.startsWith('/api/hsds/public/');
            await app.both(r, req, judge(b), judge(asAnyone ? b : { ...b, status: r.method === 'GET' ? 200 : 400 }));
          }),
          { numRuns: bodyRuns(r) },
        );
      });
    });
  }
});
