// The one view of a contact record the API answers (GET, PATCH, finalize, risk), with its declared
// shape: anything not declared here is stripped, so a new column cannot leak through the API.
import { z } from 'zod';
import { policy, RECORD_SELF_CORRECTION_MS, type Actor } from '../auth/policy.js';
import type { LoadedRecord, RecordReferral, StoredFields } from './recordStore.js';

const instant = z.iso.datetime({ offset: true });
const text = z.string().nullable();

/** A referral to the directory as the record keeps it (src/domain/records/referrals.ts). */
export const referralViewSchema = z.object({
  id: z.string(),
  directoryServiceId: z.string(),
  /** The directory service's name and first phone number when it was attached. */
  name: z.string(),
  phone: z.string().nullable(),
  termIds: z.array(z.string()),
  createdAt: instant,
  createdBy: z.string().nullable(),
});
export type ReferralView = z.infer<typeof referralViewSchema>;

export const toReferralView = (r: RecordReferral): ReferralView => ({
  id: r.id,
  directoryServiceId: r.directoryServiceId,
  name: r.name,
  phone: r.phone,
  termIds: r.termIds,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdBy,
});

export const recordViewSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  origin: z.enum(['routing', 'manual']),
  status: z.enum(['open', 'draft', 'final', 'void']),
  version: z.number().int(),
  classificationVersion: z.number().int(),
  staffId: z.string().nullable(),
  staffPseudonym: text,
  channel: z.string(),
  repeatContact: z.boolean(),
  riskLevel: z.string(),
  fields: z.object({
    contactType: text,
    callerType: text,
    childGender: text,
    childAge: z.number().int().nullable(),
    ageGroup: text,
    localityType: text,
    region: text,
    vulnerable: z.array(z.string()),
    heardFrom: text,
    language: text,
    reasons: z.array(z.string()),
    riskAnswers: z.record(z.string(), z.string()).nullable(),
    actions: z.array(z.string()),
    referral: text,
    summary: text,
  }),
  referrals: z.array(referralViewSchema),
  times: z.object({
    arrivedAt: instant,
    answeredAt: instant.nullable(),
    endedAt: instant.nullable(),
    closedAt: instant.nullable(),
    waitSeconds: z.number().nullable(),
    talkSeconds: z.number().nullable(),
    wrapSeconds: z.number().nullable(),
    outcome: text,
    abandonedStage: text,
  }),
  finalizedAt: instant.nullable(),
  editableUntil: instant.nullable(),
  canEdit: z.boolean(),
});
export type RecordView = z.infer<typeof recordViewSchema>;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

/** Whether the record can change at all (whoever asks): a void half of a transfer or a missed contact cannot. */
export const isEditable = (row: LoadedRecord['row']) => row.status !== 'void' && row.contact_type !== 'missed';

export function toRecordView(
  loaded: LoadedRecord,
  fields: StoredFields,
  staffPseudonym: string | null,
  actor: Actor,
  now: Date,
): RecordView {
  const { row } = loaded;
  const edit = policy.editRecord(actor, { staffId: row.staff_id, serviceId: row.service_id, finalizedAt: row.finalized_at }, now);
  return {
    id: row.id,
    serviceId: row.service_id,
    origin: row.origin,
    status: row.status,
    version: row.version,
    classificationVersion: row.classification_version,
    staffId: row.staff_id,
    staffPseudonym,
    channel: row.channel,
    repeatContact: row.repeat_contact,
    riskLevel: row.risk_level,
    fields: {
      contactType: fields.contactType,
      callerType: fields.callerType,
      childGender: fields.childGender,
      childAge: fields.childAge,
      ageGroup: row.age_group,
      localityType: fields.localityType,
      region: fields.region,
      vulnerable: fields.vulnerable,
      heardFrom: fields.heardFrom,
      language: fields.language,
      reasons: fields.reasons,
      riskAnswers: (fields.riskAnswers as Record<string, string> | null) ?? null,
      actions: fields.actions,
      referral: fields.referral,
      summary: fields.summary,
    },
    referrals: loaded.referrals.map(toReferralView),
    times: {
      arrivedAt: row.arrived_at.toISOString(),
      answeredAt: iso(row.answered_at),
      endedAt: iso(row.ended_at),
      closedAt: iso(row.closed_at),
      waitSeconds: seconds(row.wait_ms),
      talkSeconds: seconds(row.talk_ms),
      wrapSeconds: seconds(row.wrap_ms),
      outcome: row.outcome,
      abandonedStage: row.abandoned_stage,
    },
    finalizedAt: iso(row.finalized_at),
    // The counsellor's own correction window; supervisors may correct later.
    editableUntil: row.finalized_at ? new Date(row.finalized_at.getTime() + RECORD_SELF_CORRECTION_MS).toISOString() : null,
    canEdit: isEditable(row) && edit === 'allow',
  };
}
