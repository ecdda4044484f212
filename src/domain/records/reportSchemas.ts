// The statistics report's request and answer shapes (the routes declare them; anything else is stripped).
import { z } from 'zod';
import { idInput } from '../ids.js';
import { REPORT_SCOPES } from './reportData.js';

/** A local calendar day 'YYYY-MM-DD' (a real one), in a range the reports can mean. */
export const dayInput = () =>
  z.iso.date().refine((d) => d >= '1970-01-01' && d <= '2999-12-31', { message: 'a day between 1970-01-01 and 2999-12-31' });

export const reportParamsSchema = z
  .object({
    scope: z.enum(REPORT_SCOPES).default('service'),
    serviceId: idInput().optional(),
    region: z.string().trim().min(1).max(200).optional(),
    from: dayInput(),
    to: dayInput(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.scope === 'service' && p.serviceId === undefined)
      ctx.addIssue({ code: 'custom', path: ['serviceId'], message: 'required for scope=service' });
    if (p.scope === 'region' && p.region === undefined)
      ctx.addIssue({ code: 'custom', path: ['region'], message: 'required for scope=region' });
  });

/** '<5': a count of 1 to 4, or a figure computed from one, hidden in region and network views. */
export const SUPPRESSED = '<5';
const cell = z.union([z.number(), z.literal(SUPPRESSED)]);
/** A share or a mean: null when its base is zero. */
const derived = z.union([z.number(), z.literal(SUPPRESSED)]).nullable();
const label = z.object({ ru: z.string(), en: z.string() });

export const reportRowSchema = z.object({
  key: z.string(),
  label,
  n: cell,
  /** n ÷ the table's base (all contacts, or counselling contacts). */
  share: derived,
  /** Tables over all contacts (channel, hour, weekday) also count the counselling ones. */
  counselling: cell.optional(),
  /** Reason codes: their category. */
  category: z.object({ code: z.string(), label }).optional(),
});

export const REPORT_TABLE_IDS = [
  'contactType',
  'callerType',
  'nationalRow',
  'reason',
  'ageGroup',
  'gender',
  'channel',
  'hour',
  'weekday',
  'risk',
  'referralTerm',
] as const;
export type ReportTableId = (typeof REPORT_TABLE_IDS)[number];

export const reportTableSchema = z.object({
  id: z.enum(REPORT_TABLE_IDS),
  title: label,
  /** What a share is of: all contacts, counselling contacts, or all referrals (a referral counts under each of its terms). */
  base: z.enum(['all', 'counselling', 'referrals']),
  rows: z.array(reportRowSchema),
});

export const contactReportSchema = z.object({
  scope: z.enum(REPORT_SCOPES),
  period: z.object({ from: z.string(), to: z.string() }),
  service: z.object({ id: z.string(), name: z.string(), region: z.string() }).nullable(),
  region: z.string().nullable(),
  suppressed: z
    .boolean()
    .describe(
      "Region and network views, and a service's report seen by national analysts or admins: every count from 1 to 4, and every share or mean computed from one, is the text '<5'. A service's own supervisors and head see exact counts.",
    ),
  title: label,
  summary: label,
  totals: z.object({ all: cell, counselling: cell, nonCounselling: cell, missed: cell, repeatCounselling: cell }),
  /** Referrals to the directory given in the period's final records (the base of the referralTerm table). */
  referrals: z.object({ total: cell }),
  tables: z.array(reportTableSchema),
  routing: z.object({
    offered: cell,
    answered: cell,
    answeredInServiceLevel: cell,
    shortAbandoned: cell,
    abandoned: cell,
    abandonedAfterGreeting: cell,
    expired: cell,
    answeredByPartner: cell,
    handled: cell,
    /** SL(20 s) = answered within 20 s ÷ (answered + abandoned), short abandons excluded. */
    serviceLevel: derived,
    /** Mean wait of answered contacts, seconds. */
    asaSeconds: derived,
    /** abandoned ÷ (offered − short abandons). */
    abandonmentRate: derived,
    /** Mean talk + wrap-up of handled contacts, seconds. */
    ahtSeconds: derived,
  }),
});
export type ContactReport = z.infer<typeof contactReportSchema>;
export type ReportRow = z.infer<typeof reportRowSchema>;
export type ReportTable = z.infer<typeof reportTableSchema>;
export type Cell = z.infer<typeof cell>;
export type Derived = z.infer<typeof derived>;
