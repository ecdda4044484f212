// Editing directory entries: the form read back as written, HSDS rows and the search index kept in
// step, a metadata row per changed field and an audit entry, optimistic concurrency, verification,
// deletion, what an imported entry has beyond the form kept, and who may edit what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { EntryView } from '../../src/domain/directory/entrySchemas.js';
import { putRows } from '../../src/domain/directory/directoryStore.js';
import { reindexServices } from '../../src/domain/directory/serviceIndex.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { card, createEntry, entry, helpline, nationalEntry, ok, outcome, search, tag, termId } from './directoryApi.js';

const FULL = {
  organizationName: 'ГБУСО «Центр»',
  name: 'Кризисный центр',
  description: 'Помощь подросткам',
  phones: [
    { number: '+7 (4922) 00-11-01', description: 'психолог' },
    { number: '8-800-2000-122', description: null },
  ],
  address: { address1: 'ул. Примерная, д. 1', city: 'Владимир', region: 'Владимирская область', postalCode: '600000' },
  schedules: [
    { days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '09:00', closes: '20:00' },
    { days: ['SA'], opens: '10:00', closes: '24:00' },
  ],
  closedDates: ['2030-01-01', '2030-01-07'],
  areaCodes: ['RU-VLA', 'RU-MOW'],
  termIds: [termId('crisis.children'), termId('ppms.children')],
  minAge: 7,
  maxAge: 18,
  free: false,
  feesDescription: 'Первая встреча бесплатно',
  email: 'centr@example.org',
  url: 'https://example.org/centr',
  referralNote: 'Скажите, что вы от телефона доверия',
  assuredDate: '2026-01-15',
};

describe.each(DATABASES)('directory entries on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  const metadata = (id: string) =>
    t.db
      .selectFrom('directory_rows')
      .select('data')
      .where('kind', '=', 'metadata')
      .where((eb) => eb(eb.val(id), '=', eb.fn.any('links')))
      .execute()
      .then((rows) => rows.map((r) => r.data));
  const audit = (id: string) =>
    t.db.selectFrom('audit_log').select(['action', 'actor_id', 'chain', 'details']).where('target_id', '=', id).orderBy('seq').execute();
  const rowsOf = (id: string) =>
    t.db
      .selectFrom('directory_rows')
      .select(['kind', 'tenant_id'])
      .where((eb) => eb.or([eb('id', '=', id), eb(eb.val(id), '=', eb.fn.any('links'))]))
      .where('kind', '<>', 'metadata')
      .execute();

  it('an entry is read back as written, as HSDS rows of its helpline, indexed and recorded', async () => {
    const h = await helpline(t);
    const made = await entry(t, h.head, h.id, FULL);
    const { id, tenantId, updatedAt, ...form } = made;
    expect({ tenantId, form }).toEqual({ tenantId: h.id, form: FULL });
    expect(Date.parse(updatedAt)).toBe(t.clock.now().getTime());
    expect(ok<EntryView>(await t.request(h.head, 'GET', `/api/directory/entries/${id}`))).toEqual(made);
    const kinds = (await rowsOf(id)).map((r) => r.kind).sort();
    expect(kinds).toEqual(
      [
        'service',
        'phone',
        'phone',
        'schedule',
        'schedule',
        'schedule',
        'schedule',
        'service_area',
        'service_area',
        'attribute',
        'attribute',
        'cost_option',
        'service_at_location',
      ].sort(),
    );
    expect((await rowsOf(id)).every((r) => r.tenant_id === h.id)).toBe(true);
    const indexed = await t.db.selectFrom('directory_services').selectAll().where('service_id', '=', id).executeTakeFirstOrThrow();
    expect(indexed).toMatchObject({
      tenant_id: h.id,
      name: 'Кризисный центр',
      min_age: 7,
      max_age: 18,
      free: false,
      assured_date: '2026-01-15',
    });
    expect([...indexed.area_codes].sort()).toEqual(['RU-MOW', 'RU-VLA']);
    expect([...indexed.term_ids].sort()).toEqual(
      [termId('crisis'), termId('crisis.children'), termId('ppms'), termId('ppms.children')].sort(),
    );
    // Metadata: a row per field set, by the head's display name (pseudonym).
    const meta = await metadata(id);
    expect(meta.every((m) => m.last_action_type === 'create' && m.updated_by === 'Тест' && m.resource_type === 'service')).toBe(true);
    expect(meta.map((m) => m.field_name).sort()).toContain('name');
    expect(await audit(id)).toEqual([expect.objectContaining({ action: 'directory_entry.create', actor_id: h.head.userId, chain: h.id })]);
  });

  it('an update writes what changed, removes what is gone, and search follows', async () => {
    const h = await helpline(t);
    const w = tag();
    const made = await entry(t, h.head, h.id, { ...FULL, name: `Кризисный центр ${w}` });
    const before = (await metadata(made.id)).length;
    const res = await t.request(h.head, 'PUT', `/api/directory/entries/${made.id}`, {
      ...FULL,
      name: `Центр опеки ${w}`,
      phones: [{ number: '112', description: null }],
      address: null,
      areaCodes: ['RU-SPE'],
      termIds: [termId('opeka')],
      free: true,
      updatedAt: made.updatedAt,
    });
    const updated = ok<EntryView>(res);
    expect(updated).toMatchObject({ name: `Центр опеки ${w}`, phones: [{ number: '112', description: null }], address: null, free: true });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(made.updatedAt));
    const kinds = (await rowsOf(made.id)).map((r) => r.kind);
    expect(kinds.filter((k) => k === 'phone')).toHaveLength(1);
    expect(kinds).not.toContain('service_at_location');
    const changes = (await metadata(made.id)).slice(before);
    expect(changes.every((m) => m.last_action_type === 'update')).toBe(true);
    expect(changes.map((m) => m.field_name).sort()).toEqual(
      ['address', 'attribute', 'cost_option', 'name', 'phone', 'service_area'].sort(),
    );
    expect(changes.find((m) => m.field_name === 'name')).toMatchObject({
      previous_value: `Кризисный центр ${w}`,
      replacement_value: `Центр опеки ${w}`,
    });
    expect((await search(t, h.counsellor, { q: `опека ${w}`, area: 'RU-SPE', free: true })).total).toBe(1);
    expect((await search(t, h.counsellor, { q: `кризисный ${w}` })).total).toBe(0);
    expect((await audit(made.id)).map((a) => a.action)).toEqual(['directory_entry.create', 'directory_entry.update']);
  });

  it('a stale updatedAt is 409 directory.conflict and changes nothing (a frozen clock too)', async () => {
    const h = await helpline(t);
    const made = await entry(t, h.head, h.id, { name: 'Первая версия' });
    const first = ok<EntryView>(
      await t.request(h.head, 'PUT', `/api/directory/entries/${made.id}`, { name: 'Вторая', updatedAt: made.updatedAt }),
    );
    const stale = await t.request(h.head, 'PUT', `/api/directory/entries/${made.id}`, { name: 'Третья', updatedAt: made.updatedAt });
    expect(outcome(stale)).toEqual({ status: 409, code: 'directory.conflict' });
    expect(stale.json().details).toEqual({ updatedAt: first.updatedAt });
    expect((await card(t, h.counsellor, made.id)).name).toBe('Вторая');
    expect((await metadata(made.id)).filter((m) => m.last_action_type === 'update')).toHaveLength(1);
  });

  it('verify sets the assured date to today in the helpline and clears the stale flag', async () => {
    const h = await helpline(t, 'Asia/Vladivostok');
    t.clock.advance(Date.parse('2026-06-30T20:00:00Z') - t.clock.now().getTime());
    const who = await t.as([{ role: 'head', serviceId: h.id }]);
    const made = await entry(t, who, h.id, { name: 'Давно не проверяли', assuredDate: '2024-01-01' });
    expect((await card(t, who, made.id)).stale).toBe(true);
    const verified = ok<EntryView>(await t.request(who, 'POST', `/api/directory/entries/${made.id}/verify`));
    // 20:00 UTC on 30 June is 1 July in Vladivostok.
    expect(verified.assuredDate).toBe('2026-07-01');
    expect(await card(t, who, made.id)).toMatchObject({ stale: false, assuredDate: '2026-07-01' });
    expect((await metadata(made.id)).filter((m) => m.last_action_type === 'verify')).toEqual([
      expect.objectContaining({ field_name: 'assured_date', previous_value: '2024-01-01', replacement_value: '2026-07-01' }),
    ]);
  });

  it('delete removes the rows and the index, keeps the history', async () => {
    const h = await helpline(t);
    const made = await entry(t, h.head, h.id, FULL);
    ok(await t.request(h.head, 'DELETE', `/api/directory/entries/${made.id}`), 204);
    expect(await rowsOf(made.id)).toEqual([]);
    expect(await t.db.selectFrom('directory_services').select('service_id').where('service_id', '=', made.id).execute()).toEqual([]);
    expect(
      await t.db
        .selectFrom('directory_rows')
        .select('kind')
        .where('tenant_id', '=', h.id)
        .where('kind', 'in', ['organization', 'location', 'address'])
        .execute(),
    ).toEqual([]);
    expect((await metadata(made.id)).filter((m) => m.last_action_type === 'delete')).toHaveLength(1);
    expect(outcome(await t.request(h.counsellor, 'GET', `/api/directory/services/${made.id}`))).toEqual({
      status: 404,
      code: 'directory.not_found',
    });
    expect((await audit(made.id)).map((a) => a.action)).toEqual(['directory_entry.create', 'directory_entry.delete']);
  });

  it('an imported entry keeps what the form does not show', async () => {
    const h = await helpline(t);
    const service = randomUUID();
    const contact = randomUUID();
    const area = randomUUID();
    await t.db.transaction().execute(async (tx) => {
      await putRows(tx, { tenantId: h.id, actorId: null, at: t.clock.now() }, [
        { kind: 'service', data: { id: service, name: 'Импорт', status: 'active', alert: 'Ремонт до мая', wait_time: '2 дня' } },
        { kind: 'contact', data: { id: contact, service_id: service, name: 'Иванова И.И.' } },
        { kind: 'service_area', data: { id: area, service_id: service, name: 'Микрорайон Юго-Западный' } },
      ]);
      await reindexServices(tx, [service], t.clock.now());
    });
    const form = ok<EntryView>(await t.request(h.head, 'GET', `/api/directory/entries/${service}`));
    expect(form).toMatchObject({ name: 'Импорт', areaCodes: [], phones: [], organizationName: null });
    ok(
      await t.request(h.head, 'PUT', `/api/directory/entries/${service}`, {
        name: 'Импорт 2',
        areaCodes: ['RU-VLA'],
        updatedAt: form.updatedAt,
      }),
    );
    const svc = await t.db.selectFrom('directory_rows').select('data').where('id', '=', service).executeTakeFirstOrThrow();
    expect(svc.data).toMatchObject({ name: 'Импорт 2', alert: 'Ремонт до мая', wait_time: '2 дня' });
    const ids = (await t.db.selectFrom('directory_rows').select('id').where('id', 'in', [contact, area]).execute()).map((r) => r.id).sort();
    expect(ids).toEqual([contact, area].sort());
    expect((await card(t, h.counsellor, service)).areas.sort()).toEqual(['Владимирская область', 'Микрорайон Юго-Западный'].sort());
  });

  it('terms must be national or the helpline’s own: another helpline’s term is 404 directory.term_not_found', async () => {
    const a = await helpline(t);
    const b = await helpline(t);
    const theirs = ok<{ id: string }>(
      await t.request(b.head, 'POST', `/api/services/${b.id}/directory/terms`, { name: 'Своя рубрика Б', parentId: null }),
      201,
    );
    const mine = ok<{ id: string }>(
      await t.request(a.head, 'POST', `/api/services/${a.id}/directory/terms`, { name: 'Своя рубрика А', parentId: termId('crisis') }),
      201,
    );
    for (const termIds of [[theirs.id], [randomUUID()]]) {
      const res = await createEntry(t, a.head, a.id, { name: 'С чужой рубрикой', termIds });
      expect(outcome(res)).toEqual({ status: 404, code: 'directory.term_not_found' });
    }
    const made = await entry(t, a.head, a.id, { name: `С своей ${tag()}`, termIds: [mine.id] });
    // Filtering by the national parent finds entries under a helpline's own sub-term.
    expect((await search(t, a.counsellor, { q: made.name, term: termId('crisis') })).total).toBe(1);
  });

  it('who may edit: the head of the owner (and the admin); others are refused and nothing changes', async () => {
    const a = await helpline(t);
    const b = await helpline(t);
    const admin = await t.as([{ role: 'admin' }]);
    const made = await entry(t, a.head, a.id, { name: 'Запись А' });
    const national = await nationalEntry(t, { name: 'Общая запись' });
    const put = (who: typeof a.head, id: string, updatedAt: string) =>
      t.request(who, 'PUT', `/api/directory/entries/${id}`, { name: 'Изменено', updatedAt });
    const natForm = ok<EntryView>(await t.request(admin, 'GET', `/api/directory/entries/${national}`));
    const check = async (label: string, res: Parameters<typeof outcome>[0], expected: { status: number; code: string }) =>
      expect({ label, ...outcome(res) }).toEqual({ label, ...expected });
    const notFound = { status: 404, code: 'directory.not_found' };
    const forbidden = { status: 403, code: 'auth.forbidden' };
    await check('B head PUT', await put(b.head, made.id, made.updatedAt), notFound);
    await check('B head GET form', await t.request(b.head, 'GET', `/api/directory/entries/${made.id}`), notFound);
    await check('B head DELETE', await t.request(b.head, 'DELETE', `/api/directory/entries/${made.id}`), notFound);
    await check('B head verify', await t.request(b.head, 'POST', `/api/directory/entries/${made.id}/verify`), notFound);
    await check('A counsellor PUT', await put(a.counsellor, made.id, made.updatedAt), forbidden);
    await check('A counsellor create', await createEntry(t, a.counsellor, a.id, { name: 'x' }), forbidden);
    await check('B head create in A', await createEntry(t, b.head, a.id, { name: 'x' }), { status: 404, code: 'service.not_found' });
    await check('A head PUT national', await put(a.head, national, natForm.updatedAt), forbidden);
    await check('admin create in a missing helpline', await createEntry(t, admin, randomUUID(), { name: 'x' }), {
      status: 404,
      code: 'service.not_found',
    });
    expect((await card(t, a.counsellor, made.id)).name).toBe('Запись А');
    expect((await card(t, a.counsellor, national)).name).toBe('Общая запись');
    expect(await metadata(national)).toEqual([]);
    ok(await put(admin, national, natForm.updatedAt));
    ok(await put(admin, made.id, made.updatedAt));
    expect((await card(t, a.counsellor, national)).name).toBe('Изменено');
    expect((await audit(national)).map((x) => [x.action, x.chain])).toEqual([['directory_entry.update', 'global']]);
  });

  it("a methodologist keeps the service's entries but neither opens the directory to the public nor edits another service's", async () => {
    const a = await helpline(t);
    const b = await helpline(t);
    const [methodologist, methodologistB] = await Promise.all([
      t.as([{ role: 'methodologist', serviceId: a.id }]),
      t.as([{ role: 'methodologist', serviceId: b.id }]),
    ]);
    const made = await entry(t, methodologist, a.id, { name: 'Запись методиста' });
    const changed = ok<EntryView>(
      await t.request(methodologist, 'PUT', `/api/directory/entries/${made.id}`, {
        name: 'Запись методиста, изменена',
        updatedAt: made.updatedAt,
      }),
    );
    expect((await card(t, a.counsellor, made.id)).name).toBe('Запись методиста, изменена');
    ok(await t.request(methodologist, 'POST', `/api/directory/entries/${made.id}/verify`));
    const put = (who: typeof a.head) =>
      t.request(who, 'PUT', `/api/directory/entries/${made.id}`, { name: 'Чужая правка', updatedAt: changed.updatedAt });
    expect(outcome(await put(methodologistB))).toEqual({ status: 404, code: 'directory.not_found' });
    expect(outcome(await t.request(methodologist, 'PUT', `/api/services/${a.id}/directory/settings`, { public: true }))).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });
    expect((await t.request(a.head, 'GET', `/api/services/${a.id}/directory/settings`)).json()).toEqual({ public: false });
    // No contacts and no records: the journal is not theirs.
    expect(outcome(await t.request(methodologist, 'GET', `/api/records?serviceId=${a.id}`)).status).toBe(404);
    expect((await card(t, a.counsellor, made.id)).name).toBe('Запись методиста, изменена');
  });

  it('bad input is 400 request.invalid naming the field and a stable code', async () => {
    const h = await helpline(t);
    const bad: [Record<string, unknown>, string, string][] = [
      [{ name: '' }, '/name', 'directory.name_required'],
      [{ name: 'x', phones: [{ number: 'позвоните', description: null }] }, '/phones/0/number', 'directory.phone_invalid'],
      [{ name: 'x', phones: [{ number: '1' }] }, '/phones/0/number', 'directory.phone_invalid'],
      [{ name: 'x', schedules: [{ days: ['MO'], opens: '9:00', closes: '18:00' }] }, '/schedules/0/opens', 'directory.time_invalid'],
      [{ name: 'x', schedules: [{ days: ['MO'], opens: '24:00', closes: '18:00' }] }, '/schedules/0/opens', 'directory.time_invalid'],
      [{ name: 'x', schedules: [{ days: ['MO'], opens: '09:00', closes: '18:60' }] }, '/schedules/0/closes', 'directory.time_invalid'],
      [{ name: 'x', schedules: [{ days: [], opens: '09:00', closes: '18:00' }] }, '/schedules/0/days', 'directory.days_required'],
      [{ name: 'x', minAge: 26 }, '/minAge', 'directory.age_invalid'],
      [{ name: 'x', maxAge: -1 }, '/maxAge', 'directory.age_invalid'],
      [{ name: 'x', minAge: 2.5 }, '/minAge', 'directory.age_invalid'],
      [{ name: 'x', minAge: 15, maxAge: 10 }, '/maxAge', 'directory.age_range_invalid'],
      [{ name: 'x', areaCodes: ['RU-XXX'] }, '/areaCodes/0', 'directory.area_unknown'],
      [{ name: 'x', closedDates: ['2026-02-30'] }, '/closedDates/0', 'directory.date_invalid'],
      [
        { name: 'x', address: { address1: 'ул. 1', city: 'Владимир', postalCode: '6000' } },
        '/address/postalCode',
        'directory.postal_code_invalid',
      ],
      [{ name: 'x', email: 'не почта' }, '/email', 'directory.email_invalid'],
      [{ name: 'x', url: 'javascript:alert(1)' }, '/url', 'directory.url_invalid'],
    ];
    for (const [body, path, message] of bad) {
      const res = await createEntry(t, h.head, h.id, body);
      expect({ body, ...outcome(res) }).toEqual({ body, status: 400, code: 'request.invalid' });
      expect({ body, issues: res.json().details.issues }).toEqual({ body, issues: expect.arrayContaining([{ path, message }]) });
    }
    expect(await t.db.selectFrom('directory_rows').select('id').where('tenant_id', '=', h.id).execute()).toEqual([]);
  });
});
