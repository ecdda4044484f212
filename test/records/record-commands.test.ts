// Record commands: drafts saved on the server and read back, optimistic concurrency, finalize
// validation (a silent contact needs only its type), records made by hand (idempotent by id),
// and bad input refused with its code and nothing saved.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { outcome } from '../routing/routingApi.js';
import { COUNSELLING, figure, finalize, getRecord, manual, patchRecord, team, view } from './recordApi.js';

describe.each(DATABASES)('record commands on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  const row = (id: string) => t.db.selectFrom('contact_records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a draft is saved in parts, sealed at rest, and read back whole', async () => {
    const { serviceId, counsellor } = await team(t);
    const rec = await manual(t, counsellor, serviceId);
    expect(rec).toMatchObject({ origin: 'manual', status: 'draft', version: 1, staffId: counsellor.userId, canEdit: true });
    const v2 = await view(
      patchRecord(t, counsellor, rec.id, 1, { contactType: 'counselling', childAge: 12, summary: 'Ребёнок рассказал о ссоре' }),
    );
    const v3 = await view(
      patchRecord(t, counsellor, rec.id, v2.version, { reasons: ['school.performance', 'peers.friendship'], childGender: 'girl' }),
    );
    expect(v3.version).toBe(3);
    const again = await view(getRecord(t, counsellor, rec.id));
    expect(again.fields).toMatchObject({
      contactType: 'counselling',
      childAge: 12,
      ageGroup: '10_14',
      childGender: 'girl',
      reasons: ['school.performance', 'peers.friendship'],
      summary: 'Ребёнок рассказал о ссоре',
    });
    const stored = await row(rec.id);
    expect(stored.summary_sealed).toMatch(/^v1\./);
    expect(stored.summary_sealed).not.toContain('ссоре');
    // null clears a field; an absent one stays.
    const cleared = await view(patchRecord(t, counsellor, rec.id, 3, { childAge: null }));
    expect(cleared.fields).toMatchObject({ childAge: null, ageGroup: null, childGender: 'girl' });
  });

  it('a stale version is 409 resource.version_conflict and saves nothing', async () => {
    const { serviceId, counsellor } = await team(t);
    const rec = await manual(t, counsellor, serviceId);
    await view(patchRecord(t, counsellor, rec.id, 1, { region: 'Первая вкладка' }));
    const stale = await patchRecord(t, counsellor, rec.id, 1, { region: 'Вторая вкладка' });
    expect(outcome(stale)).toEqual({ status: 409, code: 'resource.version_conflict' });
    expect(stale.json().details).toEqual({ currentVersion: 2 });
    expect(await row(rec.id)).toMatchObject({ region: 'Первая вкладка', version: 2 });
    expect(outcome(await finalize(t, counsellor, rec.id, 1, { contactType: 'silent' }))).toEqual({
      status: 409,
      code: 'resource.version_conflict',
    });
    expect((await row(rec.id)).status).toBe('draft');
  });

  it('finalize names what is missing; a silent contact needs only its type', async () => {
    const { serviceId, counsellor } = await team(t);
    const rec = await manual(t, counsellor, serviceId);
    const empty = await finalize(t, counsellor, rec.id, 1);
    expect(outcome(empty)).toEqual({ status: 422, code: 'record.incomplete' });
    expect(empty.json().details.problems).toEqual([{ field: 'contactType', code: 'record.type_required' }]);
    expect(empty.json().message).toBe('Запись нельзя завершить: укажите тип обращения.');
    const counselling = await finalize(t, counsellor, rec.id, 1, { contactType: 'counselling' });
    expect(counselling.json().details.problems).toEqual([
      { field: 'callerType', code: 'record.caller_type_required' },
      { field: 'reasons', code: 'record.reason_required' },
    ]);
    expect(await row(rec.id)).toMatchObject({ status: 'draft', version: 1, contact_type: null });

    const silent = await manual(t, counsellor, serviceId, 'voice');
    const done = await view(finalize(t, counsellor, silent.id, 1, { contactType: 'silent' }));
    expect(done).toMatchObject({ status: 'final', version: 2 });
    expect(done.finalizedAt).not.toBeNull();
    expect(await figure(t, serviceId, 'type', 'silent')).toBe(1);
    expect(await figure(t, serviceId, 'c.channel', 'voice')).toBe(0);
    expect(outcome(await finalize(t, counsellor, silent.id, 2))).toEqual({ status: 409, code: 'record.not_editable' });

    const full = await view(finalize(t, counsellor, rec.id, 1, COUNSELLING));
    expect(full.status).toBe('final');
    expect(await figure(t, serviceId, 'c.reason', 'school.performance')).toBe(1);
    expect(await figure(t, serviceId, 'c.row', 'school')).toBe(1);
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', rec.id).execute();
    expect(audit.map((a) => a.action)).toContain('record.finalize');
  });

  it('bad input is refused with its code and nothing is saved', async () => {
    const { serviceId, counsellor } = await team(t);
    const rec = await manual(t, counsellor, serviceId);
    const before = await row(rec.id);
    const refused = async (fields: Record<string, unknown>) => outcome(await patchRecord(t, counsellor, rec.id, 1, fields));
    expect(await refused({ contactType: 'counselling', reasons: ['school.no_such_code'] })).toEqual({
      status: 422,
      code: 'record.unknown_reason',
    });
    expect(await refused({ contactType: 'silent', reasons: ['school.performance'] })).toEqual({
      status: 422,
      code: 'record.reasons_not_allowed',
    });
    expect(await refused({ childAge: -1 })).toEqual({ status: 400, code: 'request.invalid' });
    expect(await refused({ contactType: 'missed' })).toEqual({ status: 400, code: 'request.invalid' });
    expect(await refused({ summary: 'я'.repeat(25_000) })).toEqual({ status: 400, code: 'request.invalid' });
    const huge = await patchRecord(t, counsellor, rec.id, 1, { summary: 'x'.repeat(10 * 1024 * 1024) });
    expect(outcome(huge)).toEqual({ status: 413, code: 'request.too_large' });
    // Another service's own code is unknown here.
    const other = await team(t);
    const own = await t.request(other.head, 'POST', '/api/records/classification/codes', {
      serviceId: other.serviceId,
      categoryCode: 'school',
      labelRu: 'Особая причина',
      labelEn: 'Special reason',
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(await refused({ contactType: 'counselling', reasons: [own.json().code] })).toEqual({
      status: 422,
      code: 'record.unknown_reason',
    });
    expect(await row(rec.id)).toEqual(before);
    expect(await t.db.selectFrom('contact_record_reasons').select('code').where('record_id', '=', rec.id).execute()).toEqual([]);
  });

  it('a stored reason the record may no longer carry stops its finalize with record.unknown_reason', async () => {
    const { serviceId, counsellor, head } = await team(t);
    const own = await t.request(head, 'POST', '/api/records/classification/codes', {
      serviceId,
      categoryCode: 'school',
      labelRu: 'Своя причина',
      labelEn: 'Own reason',
    });
    expect(own.statusCode, own.body).toBe(201);
    const code = own.json().code as string;
    const rec = await manual(t, counsellor, serviceId);
    const draft = await view(patchRecord(t, counsellor, rec.id, 1, { ...COUNSELLING, reasons: [code, 'school.performance'] }));
    // The code stops being this service's (as if moved by hand): the stored reasons are checked again, not trusted.
    const other = await team(t);
    await t.db.updateTable('reason_codes').set({ service_id: other.serviceId }).where('code', '=', code).execute();
    const refused = await finalize(t, counsellor, rec.id, draft.version);
    expect(outcome(refused)).toEqual({ status: 422, code: 'record.unknown_reason' });
    expect(refused.json().details).toEqual({ codes: [code] });
    expect(await row(rec.id)).toMatchObject({ status: 'draft', version: draft.version });
    await t.db.updateTable('reason_codes').set({ service_id: serviceId }).where('code', '=', code).execute();
    const done = await view(finalize(t, counsellor, rec.id, draft.version));
    expect(done.status).toBe('final');
    expect(await figure(t, serviceId, 'c.reason', code)).toBe(1);
    expect(await figure(t, serviceId, 'c.row', 'school')).toBe(1);
  });

  it('a record made by hand: the same request again answers the same record; another body with its id is 409', async () => {
    const { serviceId, counsellor, colleague } = await team(t);
    const body = { id: randomUUID(), serviceId, channel: 'letter', arrivedAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString() };
    const first = await view(t.request(counsellor, 'POST', '/api/records', body), 201);
    const again = await view(t.request(counsellor, 'POST', '/api/records', body), 201);
    expect(again).toEqual(first);
    expect(outcome(await t.request(counsellor, 'POST', '/api/records', { ...body, channel: 'email' }))).toEqual({
      status: 409,
      code: 'record.exists',
    });
    expect(outcome(await t.request(colleague, 'POST', '/api/records', body))).toEqual({ status: 409, code: 'record.exists' });
    expect(await t.db.selectFrom('contact_records').select('id').where('id', '=', body.id).execute()).toHaveLength(1);
    const outsider = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const res = await t.request(outsider, 'POST', '/api/records', { ...body, id: randomUUID() });
    expect(outcome(res)).toEqual({ status: 404, code: 'service.not_found' });
  });
});
