// The classification a counsellor chooses reasons from: the national rows of the current version
// plus a service's own active subcategories; and a service head adding such a subcategory.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { idInput } from '../ids.js';
import { CURRENT_NATIONAL_VERSION } from './classificationSeed.js';
import { NATIONAL_ROWS } from './vocabulary.js';

const codeView = z.object({
  code: z.string(),
  labelRu: z.string(),
  labelEn: z.string(),
  nationalRow: z.string(),
  chiCategory: z.string(),
  own: z.boolean(),
});
export const classificationViewSchema = z.object({
  version: z.number().int(),
  categories: z.array(z.object({ code: z.string(), labelRu: z.string(), labelEn: z.string(), codes: z.array(codeView) })),
});
export type ClassificationView = z.infer<typeof classificationViewSchema>;
export type ReasonCodeView = z.infer<typeof codeView>;

const label = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !s.includes('\u0000') && s.isWellFormed(), { message: 'text contains a NUL or an unpaired surrogate character' });

export const newReasonCodeSchema = z
  .object({
    serviceId: idInput(),
    categoryCode: z.string().regex(/^[a-z0-9_]{1,60}$/),
    labelRu: label,
    labelEn: label,
    nationalRow: z.enum(NATIONAL_ROWS).optional(),
  })
  .strict();
export type NewReasonCode = z.infer<typeof newReasonCodeSchema>;

/**
 * The current classification for a service: national codes, and the service's own ones when the
 * actor works there (another service's additions are its own business; an unknown id shows the national ones).
 */
export async function getClassification(db: Database, actor: Actor, serviceId: string | undefined): Promise<ClassificationView> {
  const own = serviceId !== undefined && policy.viewService(actor, serviceId) === 'allow' ? serviceId : null;
  const categories = await db.selectFrom('reason_categories').selectAll().orderBy('position').execute();
  const codes = await db
    .selectFrom('reason_codes')
    .selectAll()
    .where((eb) => (own ? eb.or([eb('service_id', 'is', null), eb('service_id', '=', own)]) : eb('service_id', 'is', null)))
    .where('added_in_version', '<=', CURRENT_NATIONAL_VERSION)
    .where((eb) => eb.or([eb('retired_in_version', 'is', null), eb('retired_in_version', '>', CURRENT_NATIONAL_VERSION)]))
    .orderBy('category_code')
    .orderBy('position')
    .orderBy('code')
    .execute();
  return {
    version: CURRENT_NATIONAL_VERSION,
    categories: categories.map((c) => ({
      code: c.code,
      labelRu: c.label_ru,
      labelEn: c.label_en,
      codes: codes
        .filter((r) => r.category_code === c.code)
        .map((r) => ({
          code: r.code,
          labelRu: r.label_ru,
          labelEn: r.label_en,
          nationalRow: r.national_row,
          chiCategory: r.chi_category,
          own: r.service_id !== null,
        })),
    })),
  };
}

/** The most common value among the category's national codes: the row and CHI category it usually counts in. */
function usual(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'other';
}

export async function addServiceReasonCode(deps: UnitDeps, actor: Actor, input: NewReasonCode): Promise<ReasonCodeView> {
  enforce(policy.editClassification(actor, input.serviceId), 'service.not_found');
  return inUnit(deps, async (u) => {
    const category = await u.tx.selectFrom('reason_categories').select('code').where('code', '=', input.categoryCode).executeTakeFirst();
    if (!category) throw new AppError('classification.category_not_found');
    const siblings = await u.tx
      .selectFrom('reason_codes')
      .select(['service_id', 'label_ru', 'national_row', 'chi_category', 'position'])
      .where('category_code', '=', input.categoryCode)
      .where((eb) => eb.or([eb('service_id', 'is', null), eb('service_id', '=', input.serviceId)]))
      .execute();
    const key = (s: string) => s.trim().toLocaleLowerCase('ru');
    if (siblings.some((s) => key(s.label_ru) === key(input.labelRu))) throw new AppError('classification.code_taken');
    const national = siblings.filter((s) => s.service_id === null);
    const row = {
      code: `${input.categoryCode}.svc_${randomBytes(4).toString('hex')}`,
      category_code: input.categoryCode,
      service_id: input.serviceId,
      label_ru: input.labelRu,
      label_en: input.labelEn,
      national_row: input.nationalRow ?? usual(national.map((s) => s.national_row)),
      chi_category: usual(national.map((s) => s.chi_category)),
      position: Math.max(0, ...siblings.map((s) => s.position)) + 1,
      added_in_version: CURRENT_NATIONAL_VERSION,
      retired_in_version: null,
      created_at: u.now,
      created_by: actor.userId,
    };
    const inserted = await u.tx
      .insertInto('reason_codes')
      .values(row)
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .executeTakeFirst();
    if (!inserted) throw new AppError('classification.code_taken');
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: input.serviceId,
      action: 'classification.add_code',
      targetType: 'reason_code',
      targetId: row.code,
      details: { categoryCode: row.category_code, labelRu: row.label_ru, labelEn: row.label_en, nationalRow: row.national_row },
    });
    return {
      code: row.code,
      labelRu: row.label_ru,
      labelEn: row.label_en,
      nationalRow: row.national_row,
      chiCategory: row.chi_category,
      own: true,
    };
  });
}
