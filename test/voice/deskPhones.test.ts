// Desk phones' long-lived SIP credentials on both databases: issued (the password shown once, only the
// sealed HA1 kept), regenerated, revoked, each audited; the HA1 the edge reads for a REGISTER; who may
// (the counsellor their own, a supervisor or head their service's: another service 404, a colleague 403);
// bad input. The policy rule on its own first. Real REGISTERs: test/voice/edge/deskPhone.test.ts.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policy, type Grant } from '../../src/domain/auth/policy.js';
import { sipUserOf } from '../../src/domain/voice/sipUsers.js';
import { A, admin, analyst, B, counsellorA, headA, headB, methodologistA, ME, OTHER, supervisorA } from '../helpers/policyActors.js';
import type { SignedIn } from '../helpers/testApp.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { VOICE_TOKEN, voiceConfig } from './voiceApi.js';

const REALM = 'sip.doverie.test';
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('policy.manageDeskPhone', () => {
  const counsellorOfA: Grant[] = [{ serviceId: A, role: 'counsellor' }];
  it('the counsellor their own; a supervisor or head for those who take calls in their service', () => {
    expect(policy.manageDeskPhone(counsellorA, ME, counsellorA.grants)).toBe('allow');
    expect(policy.manageDeskPhone(headA, ME, headA.grants)).toBe('allow');
    expect(policy.manageDeskPhone(supervisorA, OTHER, counsellorOfA)).toBe('allow');
    expect(policy.manageDeskPhone(headA, OTHER, counsellorOfA)).toBe('allow');
    expect(policy.manageDeskPhone(headA, OTHER, [{ serviceId: B, role: 'counsellor' }, ...counsellorOfA])).toBe('allow');
  });
  it("a colleague is refused (403); another service's staff are invisible (404)", () => {
    expect(policy.manageDeskPhone(counsellorA, OTHER, counsellorOfA)).toBe('forbidden');
    expect(policy.manageDeskPhone(methodologistA, OTHER, counsellorOfA)).toBe('forbidden');
    expect(policy.manageDeskPhone(headB, OTHER, counsellorOfA)).toBe('not_found');
    expect(policy.manageDeskPhone(admin, OTHER, counsellorOfA)).toBe('not_found');
    expect(policy.manageDeskPhone(analyst, OTHER, counsellorOfA)).toBe('not_found');
  });
  it('nobody has one for someone who takes no calls (403)', () => {
    expect(policy.manageDeskPhone(analyst, ME, analyst.grants)).toBe('forbidden');
    expect(policy.manageDeskPhone(methodologistA, ME, methodologistA.grants)).toBe('forbidden');
    expect(policy.manageDeskPhone(headA, OTHER, [{ serviceId: A, role: 'methodologist' }])).toBe('forbidden');
  });
});

describe.each(DATABASES)('desk phone credentials on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { voice: voiceConfig({ realm: REALM, sipAddress: '10.1.2.3', sipPort: 5070 }) });
  });
  afterAll(() => t.close());

  const deskUrl = (staffId: string) => `/api/voice/desk-phones/${staffId}`;
  const deskAuth = async (user: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/voice/desk-auth',
      headers: { authorization: `Bearer ${VOICE_TOKEN}` },
      payload: { user },
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { ha1: string | null }).ha1;
  };
  const auditOf = (staffId: string) =>
    t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'service_id', 'details'])
      .where('target_id', '=', staffId)
      .where('action', 'like', 'voice.desk_phone_%')
      .orderBy('id')
      .execute();
  const rowsOf = (staffId: string) => t.db.selectFrom('voice_desk_phones').selectAll().where('staff_id', '=', staffId).execute();
  const issue = async (who: SignedIn, staffId = who.userId) => {
    const res = await t.request(who, 'POST', deskUrl(staffId));
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { issued: boolean; issuedAt: string; server: string; realm: string; username: string; password: string };
  };

  it('a counsellor issues their own: shown once, only the sealed HA1 kept, the edge reads the HA1, audited', async () => {
    const s = await t.service();
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const user = sipUserOf(c.userId);
    const before = await t.request(c, 'GET', deskUrl(c.userId));
    expect(before.json()).toEqual({ issued: false, issuedAt: null, server: '10.1.2.3:5070', realm: REALM, username: user });
    expect(await deskAuth(user)).toBeNull();

    const creds = await issue(c);
    expect(creds).toEqual({
      issued: true,
      issuedAt: t.clock.now().toISOString(),
      server: '10.1.2.3:5070',
      realm: REALM,
      username: user,
      password: expect.stringMatching(/^[A-HJ-NP-Za-km-z2-9]{24}$/),
    });
    const ha1 = md5(`${user}:${REALM}:${creds.password}`);
    expect(await deskAuth(user)).toBe(ha1);
    // At rest: neither the password nor the HA1 in the clear.
    const [row] = await rowsOf(c.userId);
    expect(row).toMatchObject({ realm: REALM, issued_by: c.userId, ha1_sealed: expect.stringMatching(/^v1\./) });
    expect(JSON.stringify(row)).not.toContain(ha1);
    expect(JSON.stringify(row)).not.toContain(creds.password);
    // The status never shows the password again.
    expect((await t.request(c, 'GET', deskUrl(c.userId))).json()).toEqual({ ...creds, password: undefined });
    expect(await auditOf(c.userId)).toEqual([
      { action: 'voice.desk_phone_issue', actor_id: c.userId, service_id: s.id, details: { replaced: false, realm: REALM } },
    ]);
  });

  it('regenerating replaces the password at once; revoking removes it (a second revoke changes nothing); each audited', async () => {
    const s = await t.service();
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const supervisor = await t.as([{ role: 'supervisor', serviceId: s.id }]);
    const user = sipUserOf(c.userId);
    const first = await issue(c);
    const second = await issue(supervisor, c.userId);
    expect(second.password).not.toBe(first.password);
    expect(await deskAuth(user)).toBe(md5(`${user}:${REALM}:${second.password}`));
    expect(await rowsOf(c.userId)).toEqual([expect.objectContaining({ issued_by: supervisor.userId })]);

    const revoked = await t.request(supervisor, 'DELETE', deskUrl(c.userId));
    expect({ status: revoked.statusCode, body: revoked.json() }).toEqual({ status: 200, body: { revoked: true } });
    expect(await deskAuth(user)).toBeNull();
    expect(await rowsOf(c.userId)).toEqual([]);
    expect((await t.request(c, 'DELETE', deskUrl(c.userId))).json()).toEqual({ revoked: false });
    expect((await t.request(c, 'GET', deskUrl(c.userId))).json()).toMatchObject({ issued: false, issuedAt: null });
    expect((await auditOf(c.userId)).map((a) => [a.action, a.actor_id, a.details])).toEqual([
      ['voice.desk_phone_issue', c.userId, { replaced: false, realm: REALM }],
      ['voice.desk_phone_issue', supervisor.userId, { replaced: true, realm: REALM }],
      ['voice.desk_phone_revoke', supervisor.userId, {}],
    ]);
  });

  it("another service's head gets 404 and a colleague 403 for every route, and nothing changes", async () => {
    const s = await t.service();
    const other = await t.service();
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const colleague = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const stranger = await t.as([{ role: 'head', serviceId: other.id }]);
    const theAdmin = await t.as([{ role: 'admin' }]);
    const creds = await issue(c);
    const rows = await rowsOf(c.userId);
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      for (const [who, status, code] of [
        [stranger, 404, 'staff.not_found'],
        [theAdmin, 404, 'staff.not_found'],
        [colleague, 403, 'auth.forbidden'],
      ] as const) {
        const res = await t.request(who, method, deskUrl(c.userId));
        expect({ method, status: res.statusCode, code: res.json().code }).toEqual({ method, status, code });
      }
    }
    expect(await rowsOf(c.userId)).toEqual(rows);
    expect(await auditOf(c.userId)).toHaveLength(1);
    expect(await deskAuth(sipUserOf(c.userId))).toBe(md5(`${sipUserOf(c.userId)}:${REALM}:${creds.password}`));
  });

  it('someone who takes no calls has none (403), and an unknown staff id is 404', async () => {
    const analystUser = await t.as([{ role: 'analyst' }]);
    const res = await t.request(analystUser, 'POST', deskUrl(analystUser.userId));
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 403, code: 'auth.forbidden' });
    const missing = await t.request(analystUser, 'GET', deskUrl('00000000-0000-4000-8000-000000000001'));
    expect({ status: missing.statusCode, code: missing.json().code }).toEqual({ status: 404, code: 'staff.not_found' });
  });

  it('the edge gets no HA1 for a disabled account, one that no longer takes calls, or a user that is no counsellor', async () => {
    const s = await t.service();
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    await issue(c);
    const user = sipUserOf(c.userId);
    expect(await deskAuth(user)).not.toBeNull();
    await t.db.updateTable('role_grants').set({ role: 'methodologist' }).where('user_id', '=', c.userId).execute();
    expect(await deskAuth(user)).toBeNull();
    await t.db.updateTable('role_grants').set({ role: 'counsellor' }).where('user_id', '=', c.userId).execute();
    await t.db.updateTable('staff_users').set({ disabled: true }).where('id', '=', c.userId).execute();
    expect(await deskAuth(user)).toBeNull();
    for (const u of ['c', `${user}x`, user.toUpperCase(), `1767225600:${user}`, 'anonymous']) expect(await deskAuth(u)).toBeNull();
  });

  it('credentials made for another realm no longer count: shown as not issued, and the edge gets no HA1', async () => {
    const s = await t.service();
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    await issue(c);
    await t.db.updateTable('voice_desk_phones').set({ realm: 'old.realm.test' }).where('staff_id', '=', c.userId).execute();
    expect((await t.request(c, 'GET', deskUrl(c.userId))).json()).toMatchObject({ issued: false, issuedAt: null, realm: REALM });
    expect(await deskAuth(sipUserOf(c.userId))).toBeNull();
  });

  it('bad input: a staff id that is no UUID, a desk-auth body without a user or with an odd one, is 400 and changes nothing', async () => {
    const s = await t.service();
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await t.request(c, method, deskUrl('not-a-uuid'));
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 400, code: 'request.invalid' });
    }
    for (const payload of [{}, { user: '' }, { user: 'x'.repeat(65) }, { user: 5 }, { user: sipUserOf(c.userId), extra: 1 }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/voice/desk-auth',
        headers: { authorization: `Bearer ${VOICE_TOKEN}` },
        payload,
      });
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 400, code: 'request.invalid' });
    }
    expect(await rowsOf(c.userId)).toEqual([]);
  });
});
