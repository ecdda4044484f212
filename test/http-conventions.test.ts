import { Writable } from 'node:stream';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, ERRORS } from '../src/errors.js';
import { buildApp } from '../src/http/app.js';
import { loggerOptions } from '../src/logger.js';
import { Hub } from '../src/realtime/hub.js';
import { DATABASES, openTestDatabase } from './helpers/testDatabase.js';
import { TestApp, testConfig } from './helpers/testApp.js';
import type { DatabaseHandle } from '../src/db/database.js';

describe('the error table', () => {
  it('gives every code a 4xx/5xx status and an i18n key named after it', () => {
    for (const code of ERROR_CODES) {
      expect(ERRORS[code].status).toBeGreaterThanOrEqual(400);
      expect(ERRORS[code].key).toBe(`errors.${code}`);
    }
  });
});

describe.each(DATABASES)('HTTP conventions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/health',
      '/api/ready',
      '/api/auth/login',
      '/api/auth/me',
      '/api/services',
      '/api/services/{serviceId}',
      '/api/staff',
      '/api/staff/{userId}',
      '/api/staff/{userId}/reset-password',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const create = doc.paths['/api/staff'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['login', 'pseudonym', 'fullName', 'grants']),
    );
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '4XX']));
  });

  it('sends a strict CSP and security headers that allow nothing third-party', async () => {
    const res = await t.app.inject('/api/health');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:|\*/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers unknown API paths with the route.not_found code', async () => {
    const res = await t.app.inject('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'route.not_found', message: 'Страница или объект не найдены.' });
  });
});

describe('responses and logs', () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase('pglite');
  });
  afterAll(() => h.close());

  it('strips fields a route did not declare', async () => {
    const app = await buildApp({ config: testConfig(), db: h.db, hub: new Hub(), clock: () => new Date() }, { logger: false });
    app.get(
      '/api/test/leak',
      { config: { access: 'public' }, schema: { response: { 200: z.object({ id: z.string() }) } } },
      async () => ({ id: 'x', passwordHash: 'secret', fullName: 'Иванов' }) as never,
    );
    const res = await app.inject('/api/test/leak');
    expect(res.json()).toEqual({ id: 'x' });
    await app.close();
  });

  it('logs no password, cookie, CSRF token or IP address', async () => {
    let logs = '';
    const stream = new Writable({ write: (chunk, _enc, done) => ((logs += chunk.toString()), done()) });
    const app = await buildApp(
      { config: testConfig({ logLevel: 'trace' }), db: h.db, hub: new Hub(), clock: () => new Date() },
      { logger: { ...loggerOptions('trace'), stream } as never },
    );
    await app.inject({
      method: 'POST',
      url: '/api/auth/login?login=probe',
      payload: { login: 'someone', password: 'Очень-секретный-пароль-1' },
      remoteAddress: '203.0.113.77',
    });
    await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'doverie_session=tokentokentoken', 'x-csrf-token': 'csrfcsrfcsrf' },
      remoteAddress: '203.0.113.77',
    });
    await app.close();
    expect(logs).toContain('"path":"/api/auth/login"');
    for (const secret of ['Очень-секретный-пароль-1', 'tokentokentoken', 'csrfcsrfcsrf', '203.0.113.77', 'login=probe'])
      expect(logs).not.toContain(secret);
  });
});

describe('the staff SPA', () => {
  it('serves its files without a session, falls back to index.html for client routes, and keeps /api behind sign-in', async () => {
    const { existsSync, readdirSync } = await import('node:fs');
    const { webDistDir } = await import('../src/paths.js');
    expect(existsSync(`${webDistDir}/index.html`), 'run `npm run build` first').toBe(true);
    const h = await openTestDatabase('pglite');
    const app = await buildApp(
      { config: testConfig({ serveWeb: true }), db: h.db, hub: new Hub(), clock: () => new Date() },
      { logger: false },
    );
    try {
      const asset = readdirSync(`${webDistDir}/assets`).find((f) => f.endsWith('.js'))!;
      const js = await app.inject(`/assets/${asset}`);
      expect(js.statusCode).toBe(200);
      expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const page = await app.inject('/admin/staff');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toContain('<div id="root">');
      expect(page.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
      expect((await app.inject('/api/staff')).statusCode).toBe(401);
      expect((await app.inject('/api/nothing-here')).statusCode).toBe(404);
    } finally {
      await app.close();
      await h.close();
    }
  });
});
