// What staff send and get back when they edit the directory: an entry (one HSDS service with its
// organization, place, phones, hours, areas, taxonomy terms and cost) and a taxonomy term. Bad
// values are refused by these schemas (400 request.invalid); each issue's message is a stable code
// (directory.phone_invalid, directory.time_invalid, …) so the form can point at the field.
import { z } from 'zod';
import { idInput } from '../ids.js';
import { asciiUri } from './hsdsValues.js';
import { isAreaCode } from './regions.js';

export const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const MAX_AGE = 25;

const text = (max: number) => z.string().trim().max(max);
/** Optional free text: absent, null or blank all mean "none". */
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** Digits, spaces, +, -, ( ): 8-800-2000-122, +7 (4922) 12-34-56, 112; 2–15 digits. */
const phoneNumber = z
  .string()
  .trim()
  .refine((v) => /^\+?[\d\s()-]{2,30}$/.test(v) && /^\D*(\d\D*){2,15}$/.test(v), { message: 'directory.phone_invalid' });
/** HH:MM, 00:00–23:59; closing may also be 24:00 (midnight at the end of the day). */
const time = (closing: boolean) =>
  z.string().refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v) || (closing && v === '24:00'), { message: 'directory.time_invalid' });
const isoDate = z.iso.date({ message: 'directory.date_invalid' }).refine((d) => d >= '1900-01-01' && d <= '2999-12-31', {
  message: 'directory.date_invalid',
});
const age = z.number({ message: 'directory.age_invalid' }).int({ message: 'directory.age_invalid' }).min(0, 'directory.age_invalid');
const unique = <T>(a: T[]) => new Set(a).size === a.length;

const entryFields = z
  .object({
    organizationName: optionalText(300),
    name: text(300).min(1, 'directory.name_required'),
    description: optionalText(5000),
    phones: z
      .array(z.object({ number: phoneNumber, description: optionalText(200) }).strict())
      .max(10)
      .default([]),
    address: z
      .object({
        address1: text(300).min(1, 'directory.address_required'),
        city: text(100).min(1, 'directory.city_required'),
        region: optionalText(200),
        postalCode: z
          .string()
          .trim()
          .regex(/^\d{6}$/, 'directory.postal_code_invalid')
          .nullish()
          .or(z.literal('').transform(() => null))
          .transform((v) => v ?? null),
      })
      .strict()
      .nullish()
      .transform((v) => v ?? null),
    schedules: z
      .array(
        z
          .object({
            days: z
              .array(z.enum(DAYS, { message: 'directory.day_invalid' }))
              .min(1, 'directory.days_required')
              .max(7)
              .refine(unique, { message: 'directory.days_repeat' }),
            opens: time(false),
            closes: time(true),
          })
          .strict(),
      )
      .max(20)
      .default([]),
    closedDates: z.array(isoDate).max(60).refine(unique, { message: 'directory.dates_repeat' }).default([]),
    areaCodes: z
      .array(z.string().refine(isAreaCode, { message: 'directory.area_unknown' }))
      .max(100)
      .refine(unique, { message: 'directory.areas_repeat' })
      .default([]),
    termIds: z.array(idInput()).max(30).refine(unique, { message: 'directory.terms_repeat' }).default([]),
    minAge: age
      .max(MAX_AGE, 'directory.age_invalid')
      .nullish()
      .transform((v) => v ?? null),
    maxAge: age
      .max(MAX_AGE, 'directory.age_invalid')
      .nullish()
      .transform((v) => v ?? null),
    free: z.boolean().default(true),
    feesDescription: optionalText(1000),
    email: z
      .email({ message: 'directory.email_invalid' })
      .max(200)
      .nullish()
      .or(z.literal('').transform(() => null))
      .transform((v) => v ?? null),
    url: z
      .url({ protocol: /^https?$/, message: 'directory.url_invalid' })
      .max(500)
      .nullish()
      .or(z.literal('').transform(() => null))
      // Cyrillic addresses (сайт.рф) are kept as the HSDS validators accept them: punycode host.
      .transform((v) => (v ? (asciiUri(v) ?? v) : null)),
    referralNote: optionalText(2000),
    assuredDate: isoDate.nullish().transform((v) => v ?? null),
  })
  .strict();
const ageRange = (e: { minAge: number | null; maxAge: number | null }) => e.minAge === null || e.maxAge === null || e.minAge <= e.maxAge;
const ageRangeIssue = { message: 'directory.age_range_invalid', path: ['maxAge'] };

export const entryInputSchema = entryFields.refine(ageRange, ageRangeIssue);
export type EntryInput = z.output<typeof entryInputSchema>;

/** A PUT replaces the whole entry; updatedAt is the one the editor read (optimistic concurrency). */
export const entryUpdateSchema = entryFields
  .extend({ updatedAt: z.iso.datetime({ offset: true, message: 'directory.updated_at_invalid' }) })
  .strict()
  .refine(ageRange, ageRangeIssue);
export type EntryUpdate = z.output<typeof entryUpdateSchema>;

/** The editable form of an entry: what the editor shows and sends back. */
export const entryViewSchema = z.object({
  id: z.string(),
  tenantId: z.string().nullable(),
  updatedAt: z.string(),
  organizationName: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  phones: z.array(z.object({ number: z.string(), description: z.string().nullable() })),
  address: z
    .object({ address1: z.string(), city: z.string(), region: z.string().nullable(), postalCode: z.string().nullable() })
    .nullable(),
  schedules: z.array(z.object({ days: z.array(z.enum(DAYS)), opens: z.string(), closes: z.string() })),
  closedDates: z.array(z.string()),
  areaCodes: z.array(z.string()),
  termIds: z.array(z.string()),
  minAge: z.number().nullable(),
  maxAge: z.number().nullable(),
  free: z.boolean(),
  feesDescription: z.string().nullable(),
  email: z.string().nullable(),
  url: z.string().nullable(),
  referralNote: z.string().nullable(),
  assuredDate: z.string().nullable(),
});
export type EntryView = z.infer<typeof entryViewSchema>;

const termName = text(200).min(1, 'directory.name_required');
export const newTermSchema = z
  .object({
    name: termName,
    parentId: idInput()
      .nullish()
      .transform((v) => v ?? null),
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,59}$/, 'directory.term_code_invalid')
      .nullish()
      .transform((v) => v ?? null),
  })
  .strict();
export type NewTerm = z.output<typeof newTermSchema>;

/** parentId absent: the term stays where it is; null: it becomes a top-level term. */
export const termPatchSchema = z.object({ name: termName, parentId: idInput().nullable().optional() }).strict();
export type TermPatch = z.output<typeof termPatchSchema>;

export const termViewSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string().nullable(),
  name: z.string(),
  tenantId: z.string().nullable(),
});
export type TermView = z.infer<typeof termViewSchema>;
