import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './helpers/testDatabase.js';
import { TestApp, type SignedIn } from './helpers/testApp.js';
import type { RealtimeEvent } from '../src/db/unitOfWork.js';

describe.each(DATABASES)('services and staff administration on %s', (kind) => {
  let t: TestApp;
  let admin: SignedIn;
  const events: RealtimeEvent[] = [];
  beforeAll(async () => {
    t = await TestApp.start(kind);
    admin = await t.as([{ role: 'admin' }]);
    t.hub.listen((e) => events.push(e));
  });
  afterAll(() => t.close());

  const auditOf = (targetId: string) =>
    t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'service_id', 'details'])
      .where('target_id', '=', targetId)
      .orderBy('id')
      .execute();

  it('an admin creates and edits a service; the change is audited with before/after and announced', async () => {
    const name = `Служба ${crypto.randomUUID()}`;
    const created = await t.request(admin, 'POST', '/api/services', {
      name,
      region: 'Ленинградская область',
      timeZone: 'Europe/Moscow',
      settings: { chatCapacity: 3 },
    });
    expect(created.statusCode).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({
      name,
      region: 'Ленинградская область',
      timeZone: 'Europe/Moscow',
      settings: { chatCapacity: 3 },
      active: true,
      version: 1,
    });

    const dup = await t.request(admin, 'POST', '/api/services', { name: name.toUpperCase(), region: 'x', timeZone: 'Europe/Moscow' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('service.name_taken');

    const edited = await t.request(admin, 'PATCH', `/api/services/${s.id}`, { version: 1, timeZone: 'Asia/Yekaterinburg' });
    expect(edited.json()).toMatchObject({ timeZone: 'Asia/Yekaterinburg', version: 2 });
    const stale = await t.request(admin, 'PATCH', `/api/services/${s.id}`, { version: 1, region: 'Другая' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'resource.version_conflict', details: { currentVersion: 2 } });

    const audit = await auditOf(s.id);
    expect(audit.map((a) => a.action)).toEqual(['service.create', 'service.update']);
    expect(audit[1]).toMatchObject({
      actor_id: admin.userId,
      service_id: s.id,
      details: { changed: { timeZone: { from: 'Europe/Moscow', to: 'Asia/Yekaterinburg' } } },
    });
    expect(events).toContainEqual({ topic: `service:${s.id}`, name: 'service.updated', data: { id: s.id, version: 2 } });
  });

  it('an admin creates a counsellor with a generated temporary password that must be changed', async () => {
    const svc = await t.service();
    const res = await t.request(admin, 'POST', '/api/staff', {
      login: `  Anna.Petrova${Date.now()}  `,
      pseudonym: 'Анна',
      fullName: 'Петрова Анна Ивановна',
      grants: [{ serviceId: svc.id, role: 'counsellor' }],
    });
    expect(res.statusCode).toBe(201);
    const { staff, temporaryPassword } = res.json();
    expect(staff.login).toMatch(/^anna\.petrova\d+$/);
    expect(staff).toMatchObject({ mustChangePassword: true, disabled: false, grants: [{ serviceId: svc.id, role: 'counsellor' }] });
    expect(staff).not.toHaveProperty('passwordHash');
    expect(temporaryPassword).toMatch(/^[a-z]{4}-[a-z]{4}-[a-z]{4}-\d{2}$/);
    const row = await t.db.selectFrom('staff_users').select('password_hash').where('id', '=', staff.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(temporaryPassword);

    const login = await t.request(undefined, 'POST', '/api/auth/login', { login: staff.login, password: temporaryPassword });
    expect(login.statusCode).toBe(204);
    const audit = await auditOf(staff.id);
    expect(audit[0]).toMatchObject({ action: 'staff.create', actor_id: admin.userId, service_id: svc.id });
    expect(JSON.stringify(audit)).not.toContain(temporaryPassword);

    const taken = await t.request(admin, 'POST', '/api/staff', {
      login: staff.login,
      pseudonym: 'А',
      fullName: 'Б',
      grants: [{ serviceId: svc.id, role: 'head' }],
    });
    expect(taken.json().code).toBe('staff.login_taken');
  });

  it("a head manages their own service's staff: list, roles, disable (ending sessions), reset password", async () => {
    const svc = await t.service();
    const other = await t.service();
    const head = await t.as([{ role: 'head', serviceId: svc.id }]);
    const member = await t.user([{ role: 'counsellor', serviceId: svc.id }]);
    const outsider = await t.user([{ role: 'counsellor', serviceId: other.id }]);
    const memberSession = await t.signIn(member);

    const list = await t.request(head, 'GET', `/api/staff?serviceId=${svc.id}`);
    const ids = list.json().items.map((s: { id: string }) => s.id);
    expect(ids).toContain(member.id);
    expect(ids).not.toContain(outsider.id);
    const all = (await t.request(head, 'GET', '/api/staff')).json().items.map((s: { id: string }) => s.id);
    expect(all).toContain(member.id);
    expect(all).not.toContain(outsider.id);

    const promoted = await t.request(head, 'PATCH', `/api/staff/${member.id}`, {
      version: 1,
      pseudonym: 'Ника',
      grants: [
        { serviceId: svc.id, role: 'counsellor' },
        { serviceId: svc.id, role: 'supervisor' },
      ],
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ pseudonym: 'Ника', version: 2 });
    expect(promoted.json().grants).toHaveLength(2);

    const disabled = await t.request(head, 'POST', `/api/staff/${member.id}/disable`, {});
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await t.request(memberSession, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(events).toContainEqual({ topic: `user:${member.id}`, name: 'session.revoked', data: { reason: 'disabled' } });
    expect((await t.request(undefined, 'POST', '/api/auth/login', { login: member.login, password: member.password })).statusCode).toBe(
      401,
    );

    await t.request(head, 'POST', `/api/staff/${member.id}/enable`, {});
    const reset = await t.request(head, 'POST', `/api/staff/${member.id}/reset-password`, { password: 'новый-пароль-2026' });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ staff: { mustChangePassword: true } });
    expect(reset.json()).not.toHaveProperty('temporaryPassword');
    expect((await t.request(undefined, 'POST', '/api/auth/login', { login: member.login, password: 'новый-пароль-2026' })).statusCode).toBe(
      204,
    );

    expect((await auditOf(member.id)).map((a) => a.action)).toEqual([
      'auth.login',
      'staff.update',
      'staff.disable',
      'auth.login_failed',
      'staff.enable',
      'staff.password_reset',
      'auth.login',
    ]);
  });

  it('tells the caller, row by row, which accounts they may change', async () => {
    const a = await t.service();
    const b = await t.service();
    const head = await t.as([{ role: 'head', serviceId: a.id }]);
    const own = await t.user([{ role: 'counsellor', serviceId: a.id }]);
    const shared = await t.user([
      { role: 'counsellor', serviceId: a.id },
      { role: 'counsellor', serviceId: b.id },
    ]);
    const rows = (await t.request(head, 'GET', `/api/staff?serviceId=${a.id}`)).json().items as {
      id: string;
      canManage: boolean;
      grants: unknown[];
    }[];
    const flag = (id: string) => rows.find((r) => r.id === id)?.canManage;
    expect({ own: flag(own.id), shared: flag(shared.id), self: flag(head.userId) }).toEqual({ own: true, shared: false, self: true });
    expect((await t.request(admin, 'GET', `/api/staff/${shared.id}`)).json().canManage).toBe(true);
    // The head sees the member's role in their own service only, not where else they work.
    expect(rows.find((r) => r.id === shared.id)).toMatchObject({ grants: [{ serviceId: a.id, role: 'counsellor' }] });
    expect((await t.request(head, 'GET', `/api/staff/${shared.id}`)).json().grants).toEqual([{ serviceId: a.id, role: 'counsellor' }]);
    expect((await t.request(admin, 'GET', `/api/staff/${shared.id}`)).json().grants).toHaveLength(2);
    // The flag matches what the server then does.
    expect((await t.request(head, 'POST', `/api/staff/${shared.id}/disable`, {})).statusCode).toBe(403);
  });

  it('never leaves the deployment without an admin, and admins cannot disable themselves', async () => {
    const self = await t.request(admin, 'POST', `/api/staff/${admin.userId}/disable`, {});
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('staff.cannot_change_self');
    const me = (await t.request(admin, 'GET', `/api/staff/${admin.userId}`)).json();
    const demote = await t.request(admin, 'PATCH', `/api/staff/${admin.userId}`, {
      version: me.version,
      grants: [{ serviceId: null, role: 'analyst' }],
    });
    expect(demote.json().code).toBe('staff.cannot_change_self');
  });

  it('strips undeclared fields from responses', async () => {
    const res = await t.request(admin, 'GET', `/api/staff/${admin.userId}`);
    expect(Object.keys(res.json()).sort()).toEqual([
      'canManage',
      'createdAt',
      'disabled',
      'fullName',
      'grants',
      'id',
      'lastLoginAt',
      'login',
      'mustChangePassword',
      'pseudonym',
      'version',
    ]);
  });
});
