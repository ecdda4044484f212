// What the case routes accept. The consent's date is optional in the shape on purpose: a consent
// without one is refused by the command with its own code (case.consent_date_required), not as a
// generic invalid request, so the counsellor is told exactly what is missing.
import { z } from 'zod';
import { idInput } from '../ids.js';
import { dayInput } from '../records/reportSchemas.js';
import {
  CASE_STATUSES,
  CLOSE_REASONS,
  CONSENT_BY,
  CONSENT_PURPOSES,
  DUTY_REASONS,
  MAX_CHILD_AGE,
  NOTE_MAX,
  PERSONAL_FIELDS,
  TASK_TITLE_MAX,
  type PersonalField,
} from './caseVocabulary.js';

/** Text Postgres can store and AES-GCM can seal as sent (no NUL, no unpaired surrogate). */
export const safeText = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000') && s.isWellFormed(), { message: 'text contains a NUL or an unpaired surrogate character' });

export const uniqueArray = <T extends z.ZodType>(item: T, min: number, max: number) =>
  z
    .array(item)
    .min(min)
    .max(max)
    .refine((a) => new Set(a).size === a.length, { message: 'values must not repeat' });

export const version = z.number().int().min(0).max(2_147_483_647);

/** The child's personal data: absent keeps a field, null clears it. */
export const personalSchema = z.strictObject({
  childName: safeText(1, 200).nullish(),
  childAge: z.number().int().min(0).max(MAX_CHILD_AGE).nullish(),
  address: safeText(1, 500).nullish(),
  school: safeText(1, 500).nullish(),
  /** Family contacts: parents', relatives' names and how to reach them. */
  family: safeText(1, 2000).nullish(),
});
export type PersonalInput = z.infer<typeof personalSchema>;

export const caseBasisSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('consent'),
    by: z.enum(CONSENT_BY),
    /** Required (the command says so with case.consent_date_required); not in the future. */
    at: z.iso.datetime({ offset: true }).nullish(),
    purposes: uniqueArray(z.enum(CONSENT_PURPOSES), 1, CONSENT_PURPOSES.length),
  }),
  z.strictObject({ kind: z.literal('legal_duty'), reason: z.enum(DUTY_REASONS) }),
]);
export type CaseBasisInput = z.infer<typeof caseBasisSchema>;

export const newCaseSchema = z.strictObject({
  /** Chosen by the client, so a retried request answers the same case. */
  id: idInput(),
  recordId: idInput(),
  basis: caseBasisSchema,
  personal: personalSchema.optional(),
  /** Default: whoever opens it. Someone else: a supervisor's decision. */
  assignedTo: idInput().optional(),
});
export type NewCase = z.infer<typeof newCaseSchema>;

export const casePatchSchema = z.strictObject({
  version,
  personal: personalSchema.optional(),
  assignedTo: idInput().optional(),
  status: z.enum(['open', 'in_work']).optional(),
});
export type CasePatch = z.infer<typeof casePatchSchema>;

export const caseCloseSchema = z.strictObject({ version, reason: z.enum(CLOSE_REASONS) });

const FIELDS_PATTERN = new RegExp(`^(${PERSONAL_FIELDS.join('|')})(,(${PERSONAL_FIELDS.join('|')}))*$`);

/** `?fields=childName,address`: the personal fields to open (all when absent; none when empty). */
export const caseReadQuerySchema = z.strictObject({
  fields: z
    .string()
    .max(200)
    .refine((s) => s === '' || FIELDS_PATTERN.test(s), { message: `a comma-separated list of ${PERSONAL_FIELDS.join(', ')}` })
    .transform((s) => (s === '' ? [] : [...new Set(s.split(','))]) as PersonalField[])
    .optional(),
});

export const caseListQuerySchema = z.strictObject({ serviceId: idInput(), status: z.enum(CASE_STATUSES).optional() });

export const newNoteSchema = z.strictObject({ text: safeText(1, NOTE_MAX) });
export const newTaskSchema = z.strictObject({ title: safeText(1, TASK_TITLE_MAX), dueOn: dayInput() });
export const taskPatchSchema = z.strictObject({ done: z.boolean() });
export const linkContactSchema = z.strictObject({ recordId: idInput() });

const days = (min: number, max: number) => z.number().int().min(min).max(max);
/** Days each calendar list may hold: a few years of decrees and regional holidays. */
export const CALENDAR_DAYS_MAX = 200;
export const caseSettingsSchema = z.strictObject({
  retentionConsentDays: days(30, 36_500),
  retentionDutyDays: days(30, 36_500),
  retentionSignalDays: days(30, 36_500),
  ackWorkingDays: days(1, 30),
  outcomeWorkingDays: days(1, 120),
  /** The service's additions to the production calendar: the year's decree and the region's holidays. */
  extraDaysOff: uniqueArray(dayInput(), 0, CALENDAR_DAYS_MAX),
  /** Days worked although the calendar has them off (a working Saturday). */
  extraWorkingDays: uniqueArray(dayInput(), 0, CALENDAR_DAYS_MAX),
});
export type CaseSettings = z.infer<typeof caseSettingsSchema>;
/** As the API answers: with when they were last saved (null: the defaults, never saved). */
export const caseSettingsViewSchema = caseSettingsSchema.extend({ updatedAt: z.iso.datetime({ offset: true }).nullable() });
export type CaseSettingsView = z.infer<typeof caseSettingsViewSchema>;
/**
 * What a head sends: without the calendar's lists, the stored ones stay (a form that does not show
 * them). `updatedAt`, when sent, is the version the form was made from: a save over someone else's
 * later one is refused (409).
 */
export const caseSettingsInputSchema = caseSettingsSchema
  .partial({ extraDaysOff: true, extraWorkingDays: true })
  .extend({ updatedAt: z.iso.datetime({ offset: true }).nullable().optional() });
export type CaseSettingsInput = z.infer<typeof caseSettingsInputSchema>;
