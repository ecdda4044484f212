// The contact record's editable fields and what must hold before a record can be finalized.
// A draft may be saved in any partial state (a counsellor fills it in during and after a contact),
// so the schema checks only the shape of each value; completeness is finalizeProblems' job.
import { z } from 'zod';
import { riskAnswersSchema } from './risk.js';
import {
  ACTIONS,
  CALLER_TYPES,
  CONTACT_TYPES,
  GENDERS,
  HEARD_FROM,
  LOCALITY_TYPES,
  MAX_AGE,
  MAX_REASONS,
  REFERRAL_MAX,
  SUMMARY_MAX,
  VULNERABLE_GROUPS,
} from './vocabulary.js';

/** Raw reason codes: national (`category.sub`) and a service's own ones alike. */
export const REASON_CODE_PATTERN = /^[a-z0-9_.:-]{1,80}$/;

/** PostgreSQL cannot store a NUL in text, and an unpaired surrogate would not survive encryption to UTF-8 intact. */
const text = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000') && s.isWellFormed(), { message: 'text contains a NUL or an unpaired surrogate character' });

const uniqueArray = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((a) => new Set(a).size === a.length, { message: 'values must not repeat' });

export const recordFieldsSchema = z.strictObject({
  /** 'missed' is set by the system for contacts no one answered; a counsellor cannot choose it. */
  contactType: z.enum(CONTACT_TYPES).exclude(['missed']).nullish(),
  callerType: z.enum(CALLER_TYPES).nullish(),
  childGender: z.enum(GENDERS).nullish(),
  childAge: z.number().int().min(0).max(MAX_AGE).nullish(),
  localityType: z.enum(LOCALITY_TYPES).nullish(),
  region: text(1, 100).nullish(),
  vulnerable: uniqueArray(z.enum(VULNERABLE_GROUPS), VULNERABLE_GROUPS.length).nullish(),
  heardFrom: z.enum(HEARD_FROM).nullish(),
  /** ISO 639-1. The channel is not here: it is a fact of the contact, not the counsellor's to edit. */
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .nullish(),
  reasons: uniqueArray(z.string().regex(REASON_CODE_PATTERN), MAX_REASONS).nullish(),
  riskAnswers: riskAnswersSchema.nullish(),
  actions: uniqueArray(z.enum(ACTIONS), ACTIONS.length).nullish(),
  referral: text(0, REFERRAL_MAX).nullish(),
  summary: text(0, SUMMARY_MAX).nullish(),
});
export type RecordFields = z.infer<typeof recordFieldsSchema>;

export interface FinalizeProblem {
  field: string;
  code: string;
}

/**
 * What stops a record from being finalized, as stable codes the SPA translates. Empty: it may be.
 * Only a counselling contact is classified; any other contact (silent, prank, …) needs only its type.
 * `knownCodes` are the reason codes valid for the record's service and classification version;
 * `referrals`: how many directory referrals the record has (one says where as well as free text).
 */
export function finalizeProblems(fields: RecordFields, knownCodes: ReadonlySet<string>, referrals = 0): FinalizeProblem[] {
  const problems: FinalizeProblem[] = [];
  const type = fields.contactType ?? null;
  const reasons = fields.reasons ?? [];
  if (type === null) problems.push({ field: 'contactType', code: 'record.type_required' });
  if (type === 'counselling') {
    if (!fields.callerType) problems.push({ field: 'callerType', code: 'record.caller_type_required' });
    if (reasons.length === 0) problems.push({ field: 'reasons', code: 'record.reason_required' });
  }
  if (type !== null && type !== 'counselling' && reasons.length > 0) {
    // The fix is to remove them, so whether they are known does not matter.
    problems.push({ field: 'reasons', code: 'record.reasons_not_allowed' });
  } else if (reasons.some((r) => !knownCodes.has(r))) {
    problems.push({ field: 'reasons', code: 'record.unknown_reason' });
  }
  if (fields.actions?.includes('referred') && !fields.referral?.trim() && referrals === 0) {
    problems.push({ field: 'referral', code: 'record.referral_required' });
  }
  return problems;
}
