// Bad input case by case, where a property would hide the detail: an empty or mistyped sign-in, an
// unknown time zone, a weak password, a stale version, malformed and prototype-poisoning JSON, an
// unsupported media type, unknown methods or paths under /api; and the regressions, inputs that once
// reached a 5xx or a raw framework error (NUL characters, grants in unknown services, upper-case
// UUIDs, over-long or badly encoded path parameters). Each names its status and code.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { BadInputApp, type Fixture } from './fixture.js';
import { wellFormed } from './oracle.js';

describe.each(DATABASES)('bad input on %s', (kind) => {
  let t: TestApp;
  let fx: Fixture;
  beforeAll(async () => {
    ({ t, fx } = await BadInputApp.start(kind));
  });
  afterAll(() => t.close());

  describe('readable cases', () => {
    const post = (who: SignedIn | undefined, method: 'POST' | 'PATCH', url: string, body: string, contentType = 'application/json') =>
      t.app.inject({
        method,
        url,
        headers: { 'content-type': contentType, ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}) },
        payload: body,
      });
    const outcomeOf = (res: LightMyRequestResponse) => ({ status: res.statusCode, code: (res.json() as { code?: string }).code });

    it('sign-in with {} is 400 request.invalid', async () => {
      expect(outcomeOf(await post(undefined, 'POST', '/api/auth/login', '{}'))).toEqual({ status: 400, code: 'request.invalid' });
    });

    it('sign-in with {"login": 1} is 400 request.invalid', async () => {
      const res = await post(undefined, 'POST', '/api/auth/login', '{"login": 1}');
      expect(outcomeOf(res)).toEqual({ status: 400, code: 'request.invalid' });
      expect(res.json().details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['/login', '/password']));
    });

    it('a service in time zone Mars/Olympus is 400 request.invalid', async () => {
      const name = `Служба ${randomUUID()}`;
      const res = await post(fx.admin, 'POST', '/api/services', JSON.stringify({ name, region: 'Марс', timeZone: 'Mars/Olympus' }));
      expect(outcomeOf(res)).toEqual({ status: 400, code: 'request.invalid' });
      expect(res.json().details.issues).toEqual([{ path: '/timeZone', message: 'unknown IANA time zone' }]);
      expect(await t.db.selectFrom('services').select('id').where('name', '=', name).execute()).toEqual([]);
    });

    it('a staff member with password "short" is 400 password.too_weak naming too_short', async () => {
      const login = `weak${Date.now()}`;
      const res = await post(
        fx.admin,
        'POST',
        '/api/staff',
        JSON.stringify({
          login,
          pseudonym: 'П',
          fullName: 'Пароль Короткий',
          password: 'short',
          grants: [{ serviceId: fx.svc, role: 'counsellor' }],
        }),
      );
      expect(outcomeOf(res)).toEqual({ status: 400, code: 'password.too_weak' });
      expect(res.json().details.problems).toContain('too_short');
      expect(res.json().message).toContain('не короче 12 символов'); // the problem, in the user's language
      expect(await t.db.selectFrom('staff_users').select('id').where('login', '=', login).execute()).toEqual([]);
    });

    it('a PATCH with a stale version is 409 resource.version_conflict and changes nothing', async () => {
      const svc = await t.service();
      const ok = await post(fx.admin, 'PATCH', `/api/services/${svc.id}`, JSON.stringify({ version: 1, region: 'Первая' }));
      expect(ok.statusCode).toBe(200);
      const stale = await post(fx.admin, 'PATCH', `/api/services/${svc.id}`, JSON.stringify({ version: 1, region: 'Вторая' }));
      expect(outcomeOf(stale)).toEqual({ status: 409, code: 'resource.version_conflict' });
      expect(stale.json().details).toEqual({ currentVersion: 2 });
      expect(await t.db.selectFrom('services').select(['region', 'version']).where('id', '=', svc.id).executeTakeFirstOrThrow()).toEqual({
        region: 'Первая',
        version: 2,
      });

      const member = await t.user([{ role: 'counsellor', serviceId: svc.id }]);
      const staleStaff = await post(fx.admin, 'PATCH', `/api/staff/${member.id}`, JSON.stringify({ version: 7, pseudonym: 'Другой' }));
      expect(outcomeOf(staleStaff)).toEqual({ status: 409, code: 'resource.version_conflict' });
      expect(staleStaff.json().details).toEqual({ currentVersion: 1 });
    });

    it('malformed JSON {"a": is 400 request.malformed', async () => {
      expect(outcomeOf(await post(fx.admin, 'POST', '/api/services', '{"a":'))).toEqual({ status: 400, code: 'request.malformed' });
      expect(outcomeOf(await post(undefined, 'POST', '/api/auth/login', '{"a":'))).toEqual({ status: 400, code: 'request.malformed' });
    });

    it('prototype-poisoning JSON is refused as malformed', async () => {
      const body = '{"__proto__":{"isAdmin":true},"name":"x","region":"y","timeZone":"UTC"}';
      expect(outcomeOf(await post(fx.admin, 'POST', '/api/services', body))).toEqual({ status: 400, code: 'request.malformed' });
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });

    it('an unsupported media type is 415 request.unsupported_media_type', async () => {
      for (const ct of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
        expect(outcomeOf(await post(fx.admin, 'POST', '/api/services', 'name=x', ct)), ct).toEqual({
          status: 415,
          code: 'request.unsupported_media_type',
        });
      }
      expect(outcomeOf(await post(fx.admin, 'POST', '/api/services', '{"name":"x"}', 'text/plain'))).toEqual({
        status: 400,
        code: 'request.invalid',
      });
    });

    it('an unknown method or path under /api is a JSON 404 route.not_found', async () => {
      for (const [method, url] of [
        ['DELETE', '/api/services'],
        ['PUT', `/api/staff/${fx.target}`],
        ['GET', '/api/nope'],
        ['OPTIONS', '/api/services'],
      ] as const) {
        const res = await t.app.inject({ method, url, headers: { cookie: fx.admin.cookie, 'x-csrf-token': fx.admin.csrf } });
        expect({ method, url, ...wellFormed(res, `${method} ${url}`) }).toEqual({ method, url, status: 404, code: 'route.not_found' });
      }
    });
  });

  describe('regressions: inputs that once reached a 5xx or a raw framework error', () => {
    const json = (who: SignedIn | undefined, method: 'POST' | 'PATCH' | 'GET', url: string, body?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: {
          ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });

    it.each([
      ['POST /api/auth/login, login with NUL', undefined, 'POST', '/api/auth/login', { login: 'ad\u0000min', password: 'whatever-1' }],
      [
        'POST /api/services, name with NUL',
        'admin',
        'POST',
        '/api/services',
        { name: 'Служба\u0000 доверия', region: 'Тверская область', timeZone: 'Europe/Moscow' },
      ],
      [
        'POST /api/services, region with NUL',
        'admin',
        'POST',
        '/api/services',
        { name: `Служба ${randomUUID()}`, region: 'Тверская\u0000', timeZone: 'Europe/Moscow' },
      ],
      ['PATCH /api/services/:id, region with NUL', 'admin', 'PATCH', 'svc', { region: 'a\u0000b' }],
      [
        'POST /api/staff, pseudonym with NUL',
        'admin',
        'POST',
        '/api/staff',
        { login: `nul${Date.now()}`, pseudonym: 'А\u0000', fullName: 'Б', grants: [{ serviceId: 'svc', role: 'counsellor' }] },
      ],
      ['PATCH /api/staff/:id, fullName with NUL', 'admin', 'PATCH', 'target', { fullName: 'Иванов\u0000' }],
    ] as const)('a NUL character in text is a 400 request.invalid, not a 500 — %s', async (_label, who, method, where, body) => {
      const url = where === 'svc' ? `/api/services/${fx.svc}` : where === 'target' ? `/api/staff/${fx.target}` : where;
      const payload = JSON.parse(JSON.stringify(body).replaceAll('"svc"', JSON.stringify(fx.svc))) as Record<string, unknown>;
      // PATCHes carry the current version, so the text really reaches the database.
      if (where === 'svc')
        payload.version = (await t.db.selectFrom('services').select('version').where('id', '=', fx.svc).executeTakeFirstOrThrow()).version;
      if (where === 'target')
        payload.version = (
          await t.db.selectFrom('staff_users').select('version').where('id', '=', fx.target).executeTakeFirstOrThrow()
        ).version;
      const res = await json(who === 'admin' ? fx.admin : undefined, method, url, payload);
      const outcome = { status: res.statusCode, code: (res.json() as { code: string }).code };
      expect(outcome).toEqual({ status: 400, code: 'request.invalid' });
    });

    it('granting a role in a service that does not exist is 404 service.not_found on POST and PATCH /api/staff', async () => {
      const ghost = randomUUID();
      const created = await json(fx.admin, 'POST', '/api/staff', {
        login: `ghost${Date.now()}`,
        pseudonym: 'П',
        fullName: 'Призрак',
        grants: [{ serviceId: ghost, role: 'counsellor' }],
      });
      expect({ status: created.statusCode, code: created.json().code }).toEqual({ status: 404, code: 'service.not_found' });
      const member = await t.user([{ role: 'counsellor', serviceId: fx.svc }]);
      const res = await json(fx.admin, 'PATCH', `/api/staff/${member.id}`, {
        version: 1,
        grants: [{ serviceId: ghost, role: 'counsellor' }],
      });
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 404, code: 'service.not_found' });
    });

    it('grants naming one service in upper and lower case count as one grant on POST and PATCH /api/staff', async () => {
      const grants = [
        { serviceId: fx.svc, role: 'counsellor' },
        { serviceId: fx.svc.toUpperCase(), role: 'counsellor' },
      ];
      const created = await json(fx.admin, 'POST', '/api/staff', {
        login: `case${Date.now()}`,
        pseudonym: 'П',
        fullName: 'Регистр',
        grants,
      });
      const member = await t.user([{ role: 'supervisor', serviceId: fx.svc }]);
      const patched = await json(fx.admin, 'PATCH', `/api/staff/${member.id}`, { version: 1, grants });
      const outcome = (res: LightMyRequestResponse) => `${res.statusCode} ${(res.json() as { code?: string }).code ?? ''}`;
      const report = `POST → ${outcome(created)}, PATCH → ${outcome(patched)}`;
      expect(created.statusCode, report).toBe(201);
      expect(patched.statusCode, report).toBe(200);
      expect(created.json().staff.grants).toEqual([{ serviceId: fx.svc, role: 'counsellor' }]);
      expect(patched.json().grants).toEqual([{ serviceId: fx.svc, role: 'counsellor' }]);
    });

    it('a member may name their own service by an upper-case UUID, like an admin', async () => {
      const head = await t.as([{ role: 'head', serviceId: fx.svc }]);
      const upper = fx.svc.toUpperCase();
      expect((await json(fx.admin, 'GET', `/api/services/${upper}`)).statusCode).toBe(200);
      expect((await json(head, 'GET', `/api/services/${fx.svc}`)).statusCode).toBe(200);
      expect({
        service: (await json(head, 'GET', `/api/services/${upper}`)).statusCode,
        staff: (await json(head, 'GET', `/api/staff?serviceId=${upper}`)).statusCode,
      }).toEqual({ service: 200, staff: 200 });
    });

    it('a path parameter over 200 characters gets a table error, not a raw Fastify body', async () => {
      const res = await json(fx.admin, 'GET', `/api/services/${'a'.repeat(201)}`);
      expect(() => wellFormed(res, 'admin GET /api/services/<201 × a>')).not.toThrow();
    });

    it('a badly percent-encoded path is 400 request.malformed', async () => {
      const res = await json(undefined, 'GET', '/api/services/%E0%A4%A');
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 400, code: 'request.malformed' });
    });

    it('channel ingress without its token is 401 before the body or path is read (was 400/413/415: checked after validation)', async () => {
      const cases: [string, string, string | undefined, string][] = [
        ['an empty object', '/api/routing/ingress/contacts', 'application/json', '{}'],
        ['invalid JSON', '/api/routing/ingress/contacts', 'application/json', '{"a":'],
        ['a form body', '/api/routing/ingress/contacts', 'application/x-www-form-urlencoded', 'a=1'],
        ['over 1 MiB', '/api/routing/ingress/contacts', 'application/json', JSON.stringify({ a: 'я'.repeat(600_000) })],
        ['a path id that is not a UUID', '/api/routing/ingress/contacts/not-a-uuid/caller-left', undefined, ''],
      ];
      for (const [label, url, contentType, body] of cases) {
        for (const authorization of [undefined, 'Bearer wrong-token']) {
          const res = await t.app.inject({
            method: 'POST',
            url,
            headers: { ...(contentType ? { 'content-type': contentType } : {}), ...(authorization ? { authorization } : {}) },
            payload: body,
          });
          expect({ label, authorization, ...wellFormed(res, `${label} ${authorization ?? ''}`) }).toEqual({
            label,
            authorization,
            status: 401,
            code: 'auth.unauthenticated',
          });
        }
      }
    });

    it('a signed-in plain GET /api/ws (no upgrade) is 426 realtime.upgrade_required', async () => {
      const res = await json(fx.admin, 'GET', '/api/ws');
      expect(() => wellFormed(res, 'admin GET /api/ws without upgrade')).not.toThrow();
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 426, code: 'realtime.upgrade_required' });
    });
  });
});
