// A helpline's directory readable without signing in (/api/hsds/public/:serviceId/…): off by default
// (404 on every route, the same as for a helpline that does not exist), opened and closed by its head
// or the admin (audited) — not by a counsellor (403) nor another helpline's staff (404) — and then
// giving that helpline's entries and the national ones, never another helpline's, never metadata,
// every answer valid against the standard's schemas.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAXONOMY_ID, termId } from '../../src/domain/directory/taxonomySeed.js';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { entry, putAll, type Entry } from './hsdsFixture.js';
import { expectValidHsds, prepareHsdsValidators } from './hsdsValidator.js';

type Page = { total_items: number; contents: Record<string, unknown>[] };

describe.each(DATABASES)('the public HSDS API on %s', (kind) => {
  let t: TestApp;
  let A: string;
  let B: string;
  let people: Record<'headA' | 'counsellorA' | 'headB' | 'counsellorB' | 'admin', SignedIn>;
  const e = {} as Record<'a' | 'b' | 'national', Entry>;

  const anon = async (tenant: string, path: string) => {
    const res = await t.request(undefined, 'GET', `/api/hsds/public/${tenant}${path}`);
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
  const settings = (who: SignedIn, tenant: string, body?: unknown) =>
    t.request(who, body === undefined ? 'GET' : 'PUT', `/api/services/${tenant}/directory/settings`, body);
  const routes = () => [
    '/',
    '/services',
    `/services/${e.a.serviceId}`,
    '/organizations',
    `/organizations/${e.a.organizationId}`,
    '/service_at_locations',
    `/service_at_locations/${e.a.serviceAtLocationId}`,
    '/taxonomies',
    `/taxonomies/${TAXONOMY_ID}`,
    '/taxonomy_terms',
    `/taxonomy_terms/${termId('crisis')}`,
  ];
  const stored = async (tenant: string) =>
    (await t.db.selectFrom('directory_settings').selectAll().where('tenant_id', '=', tenant).executeTakeFirst()) ?? null;

  beforeAll(async () => {
    prepareHsdsValidators();
    t = await TestApp.start(kind);
    [A, B] = await Promise.all([t.service().then((s) => s.id), t.service().then((s) => s.id)]);
    const [headA, counsellorA, headB, counsellorB, admin] = await Promise.all([
      t.as([{ role: 'head', serviceId: A }]),
      t.as([{ role: 'counsellor', serviceId: A }]),
      t.as([{ role: 'head', serviceId: B }]),
      t.as([{ role: 'counsellor', serviceId: B }]),
      t.as([{ role: 'admin' }]),
    ]);
    people = { headA, counsellorA, headB, counsellorB, admin };
    e.a = entry({ name: 'Кризисный центр Владимира', organization: { name: 'Центр «Надежда»' }, termIds: [termId('crisis.children')] });
    e.b = entry({ name: 'Кризисный центр Твери', organization: { name: 'Тверской центр' }, termIds: [termId('crisis.children')] });
    e.national = entry({ name: 'Детский телефон доверия', organization: { name: 'Фонд' }, termIds: [termId('hotlines.children')] });
    await putAll(t, A, [
      ...e.a.rows,
      {
        kind: 'metadata',
        data: {
          id: crypto.randomUUID(),
          resource_id: e.a.serviceId,
          resource_type: 'service',
          last_action_date: '2026-11-01',
          last_action_type: 'update',
          field_name: 'name',
          previous_value: 'Центр',
          replacement_value: 'Кризисный центр Владимира',
          updated_by: 'Консультант Иванова',
        },
      },
    ]);
    await putAll(t, B, e.b.rows);
    await putAll(t, null, e.national.rows);
  });
  afterAll(() => t.close());

  it('is closed by default: every route answers 404, as for a helpline that does not exist', async () => {
    expect((await settings(people.counsellorA, A)).json()).toEqual({ public: false });
    for (const tenant of [A, crypto.randomUUID()])
      for (const path of routes())
        expect(await anon(tenant, path), path).toMatchObject({ status: 404, body: { code: 'service.not_found' } });
  });

  it('is opened only by its head or the admin: a counsellor gets 403, another helpline 404, nothing changes', async () => {
    for (const [who, status, code] of [
      ['counsellorA', 403, 'auth.forbidden'],
      ['counsellorB', 404, 'service.not_found'],
      ['headB', 404, 'service.not_found'],
    ] as const) {
      const res = await settings(people[who], A, { public: true });
      expect({ who, status: res.statusCode, code: res.json().code }).toEqual({ who, status, code });
    }
    expect(await stored(A)).toBeNull();
    expect((await settings(people.counsellorB, A)).statusCode).toBe(404);
    for (const body of [{ public: 'yes' }, {}, { public: true, extra: 1 }, null])
      expect((await settings(people.headA, A, body)).statusCode, JSON.stringify(body)).toBe(400);
    expect(await stored(A)).toBeNull();
    expect((await settings(people.counsellorA, `${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('once open, serves the helpline and the national entries without signing in, never another helpline or metadata', async () => {
    const opened = await settings(people.headA, A, { public: true });
    expect({ status: opened.statusCode, body: opened.json() }).toEqual({ status: 200, body: { public: true } });
    expect((await settings(people.counsellorA, A)).json()).toEqual({ public: true });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', A)
      .where('action', '=', 'directory.settings_update')
      .execute();
    expect(audit.map((a) => a.details)).toEqual([{ public: true }]);

    for (const path of routes()) {
      const res = await anon(A, path);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
      expectValidHsds(path, res.body);
      expect(JSON.stringify(res.body)).not.toContain('Иванова');
    }
    const services = (await anon(A, '/services')).body as unknown as Page;
    expect(services.contents.map((c) => c.id).sort()).toEqual([e.a.serviceId, e.national.serviceId].sort());
    const found = (await anon(A, `/services?search=${encodeURIComponent('кризисный')}`)).body as unknown as Page;
    expect(found.contents.map((c) => c.id)).toEqual([e.a.serviceId]);
    for (const path of [
      `/services/${e.b.serviceId}`,
      `/organizations/${e.b.organizationId}`,
      `/service_at_locations/${e.b.serviceAtLocationId}`,
    ])
      expect(await anon(A, path), path).toMatchObject({ status: 404, body: { code: 'directory.not_found' } });
    // Signed-in staff see the metadata; the other helpline stays closed.
    const staff = await t.request(people.counsellorA, 'GET', `/api/hsds/services/${e.a.serviceId}`);
    expect(staff.json().metadata[0].updated_by).toBe('Консультант Иванова');
    expect(await anon(B, '/services')).toMatchObject({ status: 404, body: { code: 'service.not_found' } });
  });

  it('closes again when the admin says so, or when the helpline is switched off', async () => {
    expect((await settings(people.admin, B, { public: true })).statusCode).toBe(200);
    expect((await anon(B, '/services')).status).toBe(200);
    await sql`update services set active = false where id = ${B}`.execute(t.db);
    expect(await anon(B, '/services')).toMatchObject({ status: 404, body: { code: 'service.not_found' } });
    expect((await settings(people.admin, A, { public: false })).json()).toEqual({ public: false });
    expect(await anon(A, '/services')).toMatchObject({ status: 404, body: { code: 'service.not_found' } });
    expect((await stored(A))?.public).toBe(false);
  });
});
