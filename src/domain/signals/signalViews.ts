// The signal as the API answers it, with declared shapes. The summary (the register, lists, the
// overdue board and the answer to every change) holds no sealed text; the full view (GET, audited
// with the fields it opened) adds what happened, the child's data and the outcome's note.
import { z } from 'zod';
import { policy, type Actor } from '../auth/policy.js';
import { PERSONAL_FIELDS } from '../cases/caseVocabulary.js';
import { OVERDUE_KINDS, overdueOf } from './signalDeadlines.js';
import { signalFacts, type AddresseeRow, type LoadedSignal } from './signalStore.js';
import {
  AGENCY_TYPES,
  SIGNAL_CHANNELS,
  SIGNAL_OUTCOMES,
  SIGNAL_REASONS,
  SIGNAL_STATUSES,
  signalNumber,
  URGENCIES,
} from './signalVocabulary.js';

const instant = z.iso.datetime({ offset: true });

export const addresseeViewSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  source: z.enum(['directory', 'list']),
  directoryServiceId: z.string().nullable(),
  agencyId: z.string().nullable(),
  agencyType: z.enum(AGENCY_TYPES),
  name: z.string(),
  email: z.string().nullable(),
  fax: z.string().nullable(),
  phone: z.string().nullable(),
  channel: z.enum(SIGNAL_CHANNELS),
  sendStatus: z.enum(['pending', 'sending', 'sent', 'failed']),
  sentAt: instant.nullable(),
  sendDetail: z.string().nullable(),
  incomingNumber: z.string().nullable(),
  incomingDate: z.iso.date().nullable(),
  acknowledgedAt: instant.nullable(),
});

export const signalSummarySchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  caseId: z.string().nullable(),
  recordId: z.string().nullable(),
  /** The outgoing number, `2026/17`, from approval (or an urgent send) on. */
  number: z.string().nullable(),
  registeredOn: z.iso.date().nullable(),
  status: z.enum(SIGNAL_STATUSES),
  urgency: z.enum(URGENCIES),
  reason: z.enum(SIGNAL_REASONS),
  createdBy: z.string(),
  createdAt: instant,
  approvedBy: z.string().nullable(),
  approvedAt: instant.nullable(),
  sentWithoutApproval: z.boolean(),
  reviewedBy: z.string().nullable(),
  reviewedAt: instant.nullable(),
  sentAt: instant.nullable(),
  ackDueAt: instant.nullable(),
  outcomeDueAt: instant.nullable(),
  acknowledgedAt: instant.nullable(),
  outcome: z.enum(SIGNAL_OUTCOMES).nullable(),
  outcomeAt: instant.nullable(),
  closedAt: instant.nullable(),
  destroyedAt: instant.nullable(),
  version: z.number().int(),
  /** Names of the child's data the signal carries (the values are read, and audited, one signal at a time). */
  childFields: z.array(z.enum(PERSONAL_FIELDS)),
  addressees: z.array(addresseeViewSchema),
  overdue: z.array(z.enum(OVERDUE_KINDS)),
  /** Whether the actor may approve it now (a supervisor who is not its author, while drafted). */
  canApprove: z.boolean(),
});
export type SignalSummary = z.infer<typeof signalSummarySchema>;

export const signalViewSchema = signalSummarySchema.extend({
  facts: z.string().nullable(),
  child: z.object({
    childName: z.string().nullable().optional(),
    childAge: z.number().int().nullable().optional(),
    address: z.string().nullable().optional(),
    school: z.string().nullable().optional(),
    family: z.string().nullable().optional(),
  }),
  outcomeNote: z.string().nullable(),
});
export type SignalView = z.infer<typeof signalViewSchema>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toAddresseeView(a: AddresseeRow): z.infer<typeof addresseeViewSchema> {
  return {
    id: a.id,
    position: a.position,
    source: a.source,
    directoryServiceId: a.directory_service_id,
    agencyId: a.agency_id,
    agencyType: a.agency_type as (typeof AGENCY_TYPES)[number],
    name: a.name,
    email: a.email,
    fax: a.fax,
    phone: a.phone,
    channel: a.channel,
    sendStatus: a.send_status,
    sentAt: iso(a.sent_at),
    sendDetail: a.send_detail,
    incomingNumber: a.incoming_number,
    incomingDate: a.incoming_date,
    acknowledgedAt: iso(a.acknowledged_at),
  };
}

export function toSignalSummary(loaded: LoadedSignal, addressees: readonly AddresseeRow[], actor: Actor, now: Date): SignalSummary {
  const { row } = loaded;
  return {
    id: row.id,
    serviceId: row.service_id,
    caseId: row.case_id,
    recordId: row.record_id,
    number: signalNumber(row.number_year, row.number_seq),
    registeredOn: row.registered_day,
    status: row.status,
    urgency: row.urgency,
    reason: row.reason as SignalSummary['reason'],
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    approvedBy: row.approved_by,
    approvedAt: iso(row.approved_at),
    sentWithoutApproval: row.sent_without_approval,
    reviewedBy: row.reviewed_by,
    reviewedAt: iso(row.reviewed_at),
    sentAt: iso(row.sent_at),
    ackDueAt: iso(row.ack_due_at),
    outcomeDueAt: iso(row.outcome_due_at),
    acknowledgedAt: iso(row.acknowledged_at),
    outcome: row.outcome as SignalSummary['outcome'],
    outcomeAt: iso(row.outcome_at),
    closedAt: iso(row.closed_at),
    destroyedAt: iso(row.destroyed_at),
    version: row.version,
    childFields: row.child_fields as SignalSummary['childFields'],
    addressees: addressees.map(toAddresseeView),
    overdue: overdueOf(row, now),
    canApprove: row.status === 'drafted' && policy.approveSignal(actor, signalFacts(loaded)) === 'allow',
  };
}
