// Shapes of a service (tenant) as commands accept it. Routes reuse these for validation and OpenAPI.
import { z } from 'zod';

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** A time of day, 'HH:MM' (00:00–23:59). */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

const text = (max: number) => z.string().trim().min(1).max(max);

export const serviceSettingsSchema = z
  .object({
    offerTimeoutSeconds: z.number().int().min(5).max(120).optional(),
    wrapUpSeconds: z.number().int().min(0).max(1800).optional(),
    chatCapacity: z.number().int().min(1).max(10).optional(),
    voiceBlocksText: z.boolean().optional(),
    partnerServiceIds: z.array(z.uuid()).max(20).optional(),
    partnerAfterSeconds: z.number().int().min(0).max(3600).optional(),
    nationalBackupAfterSeconds: z.number().int().min(0).max(3600).nullable().optional(),
    nationalBackup: z.boolean().optional(),
    carePlanSeconds: z.number().int().min(0).max(600).optional(),
    maxWaitSeconds: z
      .number()
      .int()
      .min(60)
      .max(24 * 3600)
      .optional(),
    declineCooldownSeconds: z.number().int().min(0).max(600).optional(),
    chatEnabled: z.boolean().optional(),
    chatRetentionDays: z.number().int().min(1).max(365).optional(),
    chatMessagesPerMinute: z.number().int().min(5).max(120).optional(),
    chatNewPerHour: z.number().int().min(1).max(60).optional(),
    chatHours: z.object({ from: hhmm, to: hhmm }).strict().nullable().optional(),
    publicPhones: z.array(z.string().trim().min(3).max(40)).max(5).optional(),
  })
  .strict();

export const newServiceSchema = z
  .object({
    name: text(300),
    shortName: text(100).nullish(),
    region: text(200),
    timeZone: z.string().max(64).refine(isTimeZone, 'unknown IANA time zone'),
    settings: serviceSettingsSchema.default({}),
  })
  .strict();

export const servicePatchSchema = z
  .object({
    version: z.number().int().min(1),
    name: text(300).optional(),
    shortName: text(100).nullable().optional(),
    region: text(200).optional(),
    timeZone: z.string().max(64).refine(isTimeZone, 'unknown IANA time zone').optional(),
    settings: serviceSettingsSchema.optional(),
    active: z.boolean().optional(),
  })
  .strict();

export type NewService = z.infer<typeof newServiceSchema>;
export type ServicePatch = z.infer<typeof servicePatchSchema>;

export const serviceViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  region: z.string(),
  timeZone: z.string(),
  settings: serviceSettingsSchema,
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

export type ServiceView = z.infer<typeof serviceViewSchema>;

/** Two names that differ only in case or spacing are the same service. */
export const serviceNameKey = (name: string) => name.normalize('NFC').toLocaleLowerCase('ru').replace(/\s+/g, ' ').trim();
