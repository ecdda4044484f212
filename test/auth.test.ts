import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delaySecondsAfter } from '../src/domain/auth/loginThrottle.js';
import { passwordProblems } from '../src/domain/auth/passwords.js';
import { DATABASES } from './helpers/testDatabase.js';
import { TestApp, cookieFrom } from './helpers/testApp.js';

describe('password policy', () => {
  it('names each problem', () => {
    expect(passwordProblems('short1')).toContain('too_short');
    expect(passwordProblems('onlyletterslong')).toEqual(['too_few_kinds']);
    expect(passwordProblems('ivanov-secret-1', 'ivanov')).toEqual(['contains_login']);
    expect(passwordProblems('qwerty123456')).toContain('too_common');
    expect(passwordProblems('x'.repeat(129) + '1')).toContain('too_long');
    expect(passwordProblems('тихий-вечер-42')).toEqual([]);
  });

  it('the login delay grows after the free failures and is capped', () => {
    expect([1, 2, 3, 4, 5, 6].map(delaySecondsAfter)).toEqual([0, 0, 1, 2, 4, 8]);
    expect(delaySecondsAfter(40)).toBe(900);
  });
});

describe.each(DATABASES)('staff sign-in on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;
  beforeAll(async () => {
    t = await TestApp.start(kind);
    serviceId = (await t.service()).id;
  });
  afterAll(() => t.close());

  it('signs in with an httpOnly SameSite=Strict cookie, shows the current user, signs out', async () => {
    const user = await t.user([{ role: 'counsellor', serviceId }]);
    const res = await t.request(undefined, 'POST', '/api/auth/login', { login: user.login.toUpperCase(), password: user.password });
    expect(res.statusCode).toBe(204);
    const c = res.cookies.find((x) => x.name === 'doverie_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(res.headers['set-cookie']).toMatch(/Expires=/);
    const cookie = cookieFrom(res);

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body.user).toMatchObject({ id: user.id, login: user.login, pseudonym: 'Тест', grants: [{ serviceId, role: 'counsellor' }] });
    expect(body.services).toEqual([expect.objectContaining({ id: serviceId })]);
    expect(body.user).not.toHaveProperty('password_hash');
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);

    const stored = await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(1);
    expect(cookie).not.toContain(stored[0]!.id); // the database keeps only an HMAC of the token

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': body.csrfToken } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('auth.unauthenticated');

    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', user.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['auth.login', 'auth.logout']);
  });

  it('refuses a wrong password, an unknown login and a disabled account with the same Russian message', async () => {
    const user = await t.user([{ role: 'counsellor', serviceId }]);
    const disabled = await t.user([{ role: 'counsellor', serviceId }]);
    await t.db.updateTable('staff_users').set({ disabled: true }).where('id', '=', disabled.id).execute();
    for (const creds of [
      { login: user.login, password: 'wrong-password-1' },
      { login: 'nobody-here', password: 'whatever-123' },
      { login: disabled.login, password: disabled.password },
    ]) {
      const res = await t.request(undefined, 'POST', '/api/auth/login', creds);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'auth.invalid_credentials', message: 'Неверный логин или пароль.' });
    }
    const failed = await t.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', disabled.id).execute();
    expect(failed).toEqual([{ action: 'auth.login_failed', details: { reason: 'disabled' } }]);
  });

  it('rate-limits a login with a growing delay and a clear Russian message, survives the right password during the lock', async () => {
    const user = await t.user([{ role: 'counsellor', serviceId }]);
    const attempt = (password: string) => t.request(undefined, 'POST', '/api/auth/login', { login: user.login, password });
    for (let i = 0; i < 2; i++) expect((await attempt('wrong-password-1')).statusCode).toBe(401);
    const third = await attempt('wrong-password-1');
    expect(third.statusCode).toBe(401);
    expect(third.json().details).toEqual({ retryAfterSeconds: 1 });

    const locked = await attempt(user.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('1');
    expect(locked.json()).toMatchObject({
      code: 'auth.too_many_attempts',
      message: 'Слишком много неудачных попыток входа. Повторите через 1 с.',
    });

    t.clock.advance(1_000);
    const fourth = await attempt('wrong-password-1');
    expect(fourth.json().details).toEqual({ retryAfterSeconds: 2 });
    t.clock.advance(1_000);
    expect((await attempt(user.password)).statusCode).toBe(429);
    t.clock.advance(1_000);
    expect((await attempt(user.password)).statusCode).toBe(204);
    expect(await t.db.selectFrom('login_attempts').selectAll().where('login_key', '=', user.login).execute()).toEqual([]);
  });

  it('speaks English when the client asks for it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
      payload: { login: 'nobody', password: 'x' },
    });
    expect(res.json().message).toBe('Wrong login or password.');
  });

  it('ends a session after the idle timeout, and after the absolute limit even when active', async () => {
    const idle = await t.as([{ role: 'counsellor', serviceId }]);
    t.clock.advance(t.config.session.idleMs + 1);
    expect((await t.request(idle, 'GET', '/api/auth/me')).statusCode).toBe(401);

    const busy = await t.as([{ role: 'counsellor', serviceId }]);
    const steps = Math.ceil(t.config.session.absoluteMs / (t.config.session.idleMs / 2));
    for (let i = 0; i < steps - 1; i++) {
      t.clock.advance(t.config.session.idleMs / 2);
      expect((await t.request(busy, 'GET', '/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(t.config.session.idleMs / 2);
    expect((await t.request(busy, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('requires the CSRF token and a same-origin request for changes', async () => {
    const who = await t.as([{ role: 'counsellor', serviceId }]);
    const noToken = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: who.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('auth.csrf_failed');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: who.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.statusCode).toBe(403);
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    const crossLogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { login: who.login, password: who.password },
    });
    expect(crossLogin.statusCode).toBe(403);
    // The session is still alive after all of these.
    expect((await t.request(who, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const sameOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: 'http://localhost:80' },
    });
    expect(sameOrigin.statusCode).toBe(204);
  });

  it('forces a temporary password to be changed, enforcing the policy, and ends other sessions', async () => {
    const user = await t.user([{ role: 'counsellor', serviceId }], { mustChangePassword: true });
    const first = await t.signIn(user);
    const second = await t.signIn(user);
    expect((await t.request(first, 'GET', '/api/services')).json().code).toBe('auth.password_change_required');
    expect((await t.request(first, 'GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);

    const weak = await t.request(first, 'POST', '/api/auth/password', { currentPassword: user.password, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'password.too_weak', details: { problems: ['too_short', 'too_few_kinds'] } });
    expect(weak.json().message).toMatch(/^Пароль не соответствует требованиям: не короче 12 символов/);
    const wrongCurrent = await t.request(first, 'POST', '/api/auth/password', {
      currentPassword: 'nope-nope-123',
      newPassword: 'тихий-вечер-42',
    });
    expect(wrongCurrent.json().code).toBe('auth.wrong_password');

    const ok = await t.request(first, 'POST', '/api/auth/password', { currentPassword: user.password, newPassword: 'тихий-вечер-42' });
    expect(ok.statusCode).toBe(204);
    expect((await t.request(first, 'GET', '/api/services')).statusCode).toBe(200);
    expect((await t.request(second, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const relogin = await t.request(undefined, 'POST', '/api/auth/login', { login: user.login, password: 'тихий-вечер-42' });
    expect(relogin.statusCode).toBe(204);
  });
});

describe.each(DATABASES)('guessing the current password from a signed-in session on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('is throttled like sign-in and audited', async () => {
    const who = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const guess = () => t.request(who, 'POST', '/api/auth/password', { currentPassword: 'a-wrong-guess-1', newPassword: 'тихий-вечер-42' });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await guess()).json().code);
    expect(codes).toEqual([
      'auth.wrong_password',
      'auth.wrong_password',
      'auth.wrong_password',
      'auth.too_many_attempts',
      'auth.too_many_attempts',
    ]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', who.userId)
      .where('action', '=', 'auth.password_change_failed')
      .execute();
    expect(audit).toHaveLength(3);
  });
});

describe('behind HTTPS (DOVERIE_PUBLIC_URL=https://…)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start('pglite', { publicUrl: 'https://doverie.example.ru' });
  });
  afterAll(() => t.close());

  it('uses a Secure __Host- cookie, sends HSTS, and accepts the public origin', async () => {
    const user = await t.user([{ role: 'admin' }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://doverie.example.ru' },
      payload: { login: user.login, password: user.password },
    });
    expect(res.statusCode).toBe(204);
    expect(res.cookies[0]).toMatchObject({ name: '__Host-doverie_session', secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieFrom(res) } });
    expect(me.statusCode).toBe(200);
    // The plain cookie name is not accepted in place of the __Host- one.
    const plain = cookieFrom(res).replace('__Host-doverie_session', 'doverie_session');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: plain } })).statusCode).toBe(401);
  });
});
