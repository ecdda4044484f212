// Unauthorised access around sign-in and the session: the public routes answer without a session,
// sign-in from a cross-site page is refused and creates none, and the session's own routes (who am
// I, sign out, change password) refuse a missing or forged session and a broken CSRF token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { SESSION_CASES } from './cases/session.js';
import { runCase } from './runCase.js';
import { call, outcome, SAME_ORIGIN } from './world.js';

describe.each(DATABASES)('unauthorised access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  for (const c of SESSION_CASES) it(`${c.route} — ${c.title}`, () => runCase(t, c));

  it('public routes answer without a session; sign-in from a cross-site page is refused and creates no session', async () => {
    for (const url of ['/api/health', '/api/ready', '/api/openapi.json'])
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    const svc = await t.service();
    const user = await t.user([{ role: 'counsellor', serviceId: svc.id }]);
    const state = () =>
      Promise.all([
        t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute(),
        t.db.selectFrom('audit_log').selectAll().where('target_id', '=', user.id).execute(),
        t.db.selectFrom('staff_users').selectAll().where('id', '=', user.id).execute(),
      ]);
    const before = await state();
    for (const origin of ['https://evil.example', 'null']) {
      const res = await call(t, 'POST', '/api/auth/login', { login: user.login, password: user.password }, undefined, { origin });
      expect({ origin, ...outcome(res) }).toEqual({ origin, status: 403, code: 'auth.csrf_failed', hasMessage: true });
      expect(res.cookies).toEqual([]);
    }
    expect(await state()).toEqual(before);
    const ok = await call(t, 'POST', '/api/auth/login', { login: user.login, password: user.password }, undefined, { origin: SAME_ORIGIN });
    expect(ok.statusCode).toBe(204);
    expect(await state()).not.toEqual(before);
  });
});
