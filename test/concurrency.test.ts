// Races that only show under parallel requests: the sign-in throttle, the last admin, audit chains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/domain/audit/verifyAuditChain.js';
import { DATABASES } from './helpers/testDatabase.js';
import { TestApp } from './helpers/testApp.js';

describe.each(DATABASES)('concurrency on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // A database of its own: these tests reason about all admins and all audit chains.
    t = await TestApp.start(kind, {}, { isolated: true });
  });
  afterAll(() => t.close());

  it('parallel wrong passwords cannot slip past the throttle: at most the free attempts are checked', async () => {
    const user = await t.user([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.request(undefined, 'POST', '/api/auth/login', { login: user.login, password: 'wrong-password-1' }),
      ),
    );
    const codes = results.map((r) => r.json().code as string);
    expect(codes.filter((c) => c === 'auth.invalid_credentials').length).toBeLessThanOrEqual(3);
    expect(codes.filter((c) => c === 'auth.too_many_attempts').length).toBeGreaterThanOrEqual(27);
    const row = await t.db.selectFrom('login_attempts').select('failures').where('login_key', '=', user.login).executeTakeFirstOrThrow();
    expect(row.failures).toBe(codes.filter((c) => c === 'auth.invalid_credentials').length);
  });

  it('two admins disabling each other at once never leave the deployment without an active admin', async () => {
    for (let round = 0; round < 5; round++) {
      // Earlier rounds leave one admin enabled: disable it so these two are the last.
      await t.db.updateTable('staff_users').set({ disabled: true }).execute();
      const a = await t.as([{ role: 'admin' }]);
      const b = await t.as([{ role: 'admin' }]);
      const [ra, rb] = await Promise.all([
        t.request(a, 'POST', `/api/staff/${b.userId}/disable`, {}),
        t.request(b, 'POST', `/api/staff/${a.userId}/disable`, {}),
      ]);
      const statuses = [ra.statusCode, rb.statusCode].sort();
      expect(statuses).not.toEqual([200, 200]);
      const active = await t.db
        .selectFrom('staff_users')
        .select('id')
        .where('id', 'in', [a.userId, b.userId])
        .where('disabled', '=', false)
        .execute();
      expect(active.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('changes to members of two services in opposite orders do not deadlock their audit chains', async () => {
    const a = await t.service();
    const b = await t.service();
    const admin = await t.as([{ role: 'admin' }]);
    const x = await t.user([
      { role: 'counsellor', serviceId: a.id },
      { role: 'supervisor', serviceId: b.id },
    ]);
    const y = await t.user([
      { role: 'supervisor', serviceId: a.id },
      { role: 'counsellor', serviceId: b.id },
    ]);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.request(admin, 'POST', `/api/staff/${i % 2 ? x.id : y.id}/${i % 4 < 2 ? 'disable' : 'enable'}`, {}),
      ),
    );
    expect(results.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
