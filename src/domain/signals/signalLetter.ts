// Everything the formal letter of a signal shows, in one place: the service's letterhead, the
// outgoing number and date, the addressees, what happened, the child's data as chosen, and the
// signature block (the supervisor who approved it, or the author of a signal sent at once). The PDF
// and the e-mail are drawn from this alone; whoever reads it audits the read.
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PersonalData } from '../cases/caseStore.js';
import { open } from '../privacy/sealedText.js';
import { ruDate } from '../records/reportPeriod.js';
import { addresseesOf, childContext, factsContext, type SignalRow } from './signalStore.js';
import {
  AGENCY_TYPE_LABELS,
  AGENCY_TYPES,
  SIGNAL_CHANNELS,
  SIGNAL_REASON_LABELS,
  SIGNAL_REASONS,
  signalNumber,
  URGENCIES,
  URGENCY_LABELS,
  type AgencyType,
  type SignalReason,
} from './signalVocabulary.js';

const label = z.object({ ru: z.string(), en: z.string() });

export const signalLetterSchema = z.object({
  signalId: z.string(),
  letterhead: z.object({ name: z.string(), shortName: z.string().nullable(), region: z.string(), phones: z.array(z.string()) }),
  /** `2026/17`; null while the signal is a draft (a preview). */
  number: z.string().nullable(),
  /** The service-local day of registration, 'YYYY-MM-DD' and as Russian letters write it; null for a draft. */
  date: z.iso.date().nullable(),
  dateRu: z.string().nullable(),
  urgency: z.object({ code: z.enum(URGENCIES), label }),
  reason: z.object({ code: z.enum(SIGNAL_REASONS), label }),
  addressees: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      agencyType: z.enum(AGENCY_TYPES),
      agencyTypeLabel: label,
      email: z.string().nullable(),
      fax: z.string().nullable(),
      phone: z.string().nullable(),
      channel: z.enum(SIGNAL_CHANNELS),
    }),
  ),
  facts: z.string().nullable(),
  childFields: z.array(z.string()),
  child: z.object({
    childName: z.string().nullable().optional(),
    childAge: z.number().int().nullable().optional(),
    address: z.string().nullable().optional(),
    school: z.string().nullable().optional(),
    family: z.string().nullable().optional(),
  }),
  /** Who signs: the supervisor who approved it, or the author of a signal sent at once for imminent danger. */
  signature: z
    .object({ fullName: z.string(), role: z.enum(['head', 'supervisor', 'counsellor']).nullable(), sentWithoutApproval: z.boolean() })
    .nullable(),
});
export type SignalLetter = z.infer<typeof signalLetterSchema>;

const ROLE_ORDER = ['head', 'supervisor', 'counsellor'] as const;

export async function signalLetter(db: Database | Transaction<DB>, key: Buffer, row: SignalRow): Promise<SignalLetter> {
  const service = await db
    .selectFrom('services')
    .select(['name', 'short_name', 'region', 'settings'])
    .where('id', '=', row.service_id)
    .executeTakeFirstOrThrow();
  const signer = row.approved_by ?? (row.sent_without_approval ? row.created_by : null);
  const person = signer ? await db.selectFrom('staff_users').select('full_name').where('id', '=', signer).executeTakeFirst() : undefined;
  const roles = signer
    ? await db.selectFrom('role_grants').select('role').where('user_id', '=', signer).where('service_id', '=', row.service_id).execute()
    : [];
  const addressees = (await addresseesOf(db, [row.id])).get(row.id) ?? [];
  const settings = (service.settings ?? {}) as { publicPhones?: string[] };
  return {
    signalId: row.id,
    letterhead: { name: service.name, shortName: service.short_name, region: service.region, phones: settings.publicPhones ?? [] },
    number: signalNumber(row.number_year, row.number_seq),
    date: row.registered_day,
    dateRu: row.registered_day ? ruDate(row.registered_day) : null,
    urgency: { code: row.urgency, label: URGENCY_LABELS[row.urgency] },
    reason: { code: row.reason as SignalReason, label: SIGNAL_REASON_LABELS[row.reason as SignalReason] },
    addressees: addressees.map((a) => ({
      id: a.id,
      name: a.name,
      agencyType: a.agency_type as AgencyType,
      agencyTypeLabel: AGENCY_TYPE_LABELS[a.agency_type as AgencyType],
      email: a.email,
      fax: a.fax,
      phone: a.phone,
      channel: a.channel,
    })),
    facts: row.facts_sealed === null ? null : open(key, row.facts_sealed, factsContext(row.id)),
    childFields: row.child_fields,
    child: row.child_sealed === null ? {} : (JSON.parse(open(key, row.child_sealed, childContext(row.id))) as PersonalData),
    signature:
      signer && person
        ? {
            fullName: person.full_name,
            role: ROLE_ORDER.find((r) => roles.some((g) => g.role === r)) ?? null,
            sentWithoutApproval: row.sent_without_approval,
          }
        : null,
  };
}
