// The classification a counsellor picks reasons from: the national rows for everyone, a service's
// own subcategories (added by its head, audited) for that service only, usable in its records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../src/domain/records/classificationSeed.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { ok, outcome } from '../routing/routingApi.js';
import { figure, finalize, manual, team, view } from './recordApi.js';

interface Classification {
  version: number;
  categories: { code: string; codes: { code: string; nationalRow: string; own: boolean }[] }[];
}
const codesOf = (c: Classification) => c.categories.flatMap((x) => x.codes);

describe.each(DATABASES)('classification on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it("a head adds a subcategory of the service's own; it is shown and usable there only", async () => {
    const a = await team(t);
    const b = await team(t);
    const national = await ok<Classification>(t.request(a.counsellor, 'GET', `/api/records/classification?serviceId=${a.serviceId}`));
    expect(national.version).toBe(1);
    expect(
      codesOf(national)
        .map((c) => c.code)
        .sort(),
    ).toEqual(REASON_CODES.map((c) => c.code).sort());

    const body = { serviceId: a.serviceId, categoryCode: 'school', labelRu: 'Дистанционное обучение', labelEn: 'Remote learning' };
    expect(outcome(await t.request(a.supervisor, 'POST', '/api/records/classification/codes', body))).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });
    const added = await ok<{ code: string; nationalRow: string; own: boolean }>(
      t.request(a.head, 'POST', '/api/records/classification/codes', body),
      201,
    );
    expect(added).toMatchObject({ nationalRow: 'school', own: true });
    expect(added.code).toMatch(/^school\.svc_[0-9a-f]{8}$/);
    expect(outcome(await t.request(a.head, 'POST', '/api/records/classification/codes', body))).toEqual({
      status: 409,
      code: 'classification.code_taken',
    });
    expect(outcome(await t.request(a.head, 'POST', '/api/records/classification/codes', { ...body, categoryCode: 'no_such' }))).toEqual({
      status: 404,
      code: 'classification.category_not_found',
    });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('target_id', '=', added.code).execute();
    expect(audit).toEqual([{ action: 'classification.add_code', actor_id: a.head.userId }]);

    const ownA = await ok<Classification>(t.request(a.counsellor, 'GET', `/api/records/classification?serviceId=${a.serviceId}`));
    expect(codesOf(ownA).find((c) => c.code === added.code)).toMatchObject({ own: true });
    for (const url of [`/api/records/classification?serviceId=${b.serviceId}`, `/api/records/classification?serviceId=${a.serviceId}`]) {
      const seen = await ok<Classification>(t.request(b.counsellor, 'GET', url));
      expect(codesOf(seen).map((c) => c.code)).not.toContain(added.code);
    }

    const rec = await manual(t, a.counsellor, a.serviceId);
    await view(finalize(t, a.counsellor, rec.id, 1, { contactType: 'counselling', callerType: 'parent', reasons: [added.code] }));
    expect(await figure(t, a.serviceId, 'c.reason', added.code)).toBe(1);
    expect(await figure(t, a.serviceId, 'c.row', 'school')).toBe(1);
  });
});
