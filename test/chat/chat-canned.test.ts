// Canned responses: a service created through the API starts with the Russian defaults; its
// supervisors create, edit (with version conflicts) and delete them; counsellors only read; the staff
// of other services do not see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { ok } from '../routing/routingApi.js';

interface Canned {
  id: string;
  title: string;
  body: string;
  position: number;
  version: number;
}

describe.each(DATABASES)('canned responses on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  async function newService(): Promise<string> {
    const admin = await t.as([{ role: 'admin' }]);
    const res = await ok<{ id: string }>(
      t.request(admin, 'POST', '/api/services', {
        name: `Служба ${crypto.randomUUID().slice(0, 8)}`,
        region: 'Тверская область',
        timeZone: 'Europe/Moscow',
      }),
      201,
    );
    return res.id;
  }

  it('a service made through POST /api/services has the Russian defaults', async () => {
    const serviceId = await newService();
    const counsellor = await t.as([{ role: 'counsellor', serviceId }]);
    const { items } = await ok<{ items: Canned[] }>(t.request(counsellor, 'GET', `/api/services/${serviceId}/canned-responses`));
    const bodies = items.map((i) => i.body);
    expect(items.map((i) => i.title)).toEqual(expect.arrayContaining(['Приветствие', 'Завершение']));
    expect(bodies.some((b) => b.startsWith('Здравствуй'))).toBe(true);
    expect(bodies.some((b) => b.includes('Ты сейчас в безопасности?'))).toBe(true);
    expect(bodies.some((b) => b.includes('8-800-2000-122'))).toBe(true);
    expect(items.map((i) => i.position)).toEqual([...items.keys()]);
  });

  it('supervisors create, edit with version checks and delete; counsellors read only; outsiders get 404', async () => {
    const serviceId = await newService();
    const supervisor = await t.as([{ role: 'supervisor', serviceId }]);
    const counsellor = await t.as([{ role: 'counsellor', serviceId }]);
    const outsider = await t.as([{ role: 'supervisor', serviceId: await newService() }]);
    const analyst = await t.as([{ role: 'analyst' }]);
    const url = `/api/services/${serviceId}/canned-responses`;
    const made = await ok<Canned>(t.request(supervisor, 'POST', url, { title: 'Проверка', body: 'Как ты себя чувствуешь?' }), 201);
    expect(made).toMatchObject({ title: 'Проверка', version: 1, position: 5 });
    const edited = await ok<Canned>(t.request(supervisor, 'PATCH', `/api/canned-responses/${made.id}`, { version: 1, body: 'Как ты?' }));
    expect(edited).toMatchObject({ body: 'Как ты?', version: 2 });
    const stale = await t.request(supervisor, 'PATCH', `/api/canned-responses/${made.id}`, { version: 1, body: 'Старое' });
    expect({ status: stale.statusCode, code: stale.json().code }).toEqual({ status: 409, code: 'resource.version_conflict' });

    // Counsellors read but may not write.
    const read = await ok<{ items: Canned[] }>(t.request(counsellor, 'GET', url));
    expect(read.items.find((i) => i.id === made.id)?.body).toBe('Как ты?');
    for (const [method, u, body] of [
      ['POST', url, { title: 'x', body: 'y' }],
      ['PATCH', `/api/canned-responses/${made.id}`, { version: 2, body: 'z' }],
      ['DELETE', `/api/canned-responses/${made.id}`, undefined],
    ] as const) {
      const res = await t.request(counsellor, method, u, body);
      expect({ method, status: res.statusCode, code: res.json().code }).toEqual({ method, status: 403, code: 'auth.forbidden' });
    }
    // Outsiders see nothing.
    for (const who of [outsider, analyst]) {
      const list = await t.request(who, 'GET', url);
      expect({ status: list.statusCode, code: list.json().code }).toEqual({ status: 404, code: 'service.not_found' });
      const create = await t.request(who, 'POST', url, { title: 'x', body: 'y' });
      expect({ status: create.statusCode, code: create.json().code }).toEqual({ status: 404, code: 'service.not_found' });
      const patch = await t.request(who, 'PATCH', `/api/canned-responses/${made.id}`, { version: 2, body: 'z' });
      expect({ status: patch.statusCode, code: patch.json().code }).toEqual({ status: 404, code: 'canned.not_found' });
      const del = await t.request(who, 'DELETE', `/api/canned-responses/${made.id}`);
      expect({ status: del.statusCode, code: del.json().code }).toEqual({ status: 404, code: 'canned.not_found' });
    }
    const row = await t.db.selectFrom('canned_responses').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ body: 'Как ты?', version: 2 });

    const del = await t.request(supervisor, 'DELETE', `/api/canned-responses/${made.id}`);
    expect(del.statusCode).toBe(204);
    expect(await t.db.selectFrom('canned_responses').select('id').where('id', '=', made.id).execute()).toEqual([]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', made.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['canned.create', 'canned.update', 'canned.delete']);
  });
});
