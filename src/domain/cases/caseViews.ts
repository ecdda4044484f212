// The case as the API answers it, with declared shapes (anything undeclared is stripped). The
// summary (lists, and the answer to every change) holds no personal data and no sealed text; the
// full view (GET, audited with the fields it opened) adds the personal data asked for, the timeline
// and tasks, the linked contacts and the signals.
import { z } from 'zod';
import { policy, type Actor } from '../auth/policy.js';
import { caseFacts, filledFields, type CaseRow } from './caseStore.js';
import { CASE_STATUSES, CLOSE_REASONS, CONSENT_BY, CONSENT_PURPOSES, DUTY_REASONS, PERSONAL_FIELDS } from './caseVocabulary.js';

const instant = z.iso.datetime({ offset: true });

export const caseSummarySchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  recordId: z.string().nullable(),
  basis: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('consent'), by: z.enum(CONSENT_BY), at: instant, purposes: z.array(z.enum(CONSENT_PURPOSES)) }),
    z.object({ kind: z.literal('legal_duty'), reason: z.enum(DUTY_REASONS) }),
  ]),
  status: z.enum(CASE_STATUSES),
  closedReason: z.enum(CLOSE_REASONS).nullable(),
  closedAt: instant.nullable(),
  assignedTo: z.string().nullable(),
  assigneePseudonym: z.string().nullable(),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
  /** Set once the retention job destroyed its personal data, notes and tasks. */
  destroyedAt: instant.nullable(),
  /** Which personal fields hold a value (names only; the values are read, and audited, one case at a time). */
  filledFields: z.array(z.enum(PERSONAL_FIELDS)),
  canAssign: z.boolean(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const noteViewSchema = z.object({ id: z.string(), at: instant, authorPseudonym: z.string().nullable(), text: z.string() });
export const taskViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  dueOn: z.iso.date(),
  doneAt: instant.nullable(),
});
/** A task as a change of its state answers it: no title (that would be a read of sealed text). */
export const taskStateSchema = taskViewSchema.omit({ title: true });
export const caseContactSchema = z.object({
  recordId: z.string(),
  arrivedAt: instant,
  channel: z.string(),
  contactType: z.string().nullable(),
  riskLevel: z.string(),
  linkedAt: instant.nullable(),
});

export const caseViewSchema = caseSummarySchema.extend({
  personal: z.object({
    childName: z.string().nullable().optional(),
    childAge: z.number().int().nullable().optional(),
    address: z.string().nullable().optional(),
    school: z.string().nullable().optional(),
    family: z.string().nullable().optional(),
  }),
  notes: z.array(noteViewSchema),
  tasks: z.array(taskViewSchema),
  contacts: z.array(caseContactSchema),
  signals: z.array(
    z.object({
      id: z.string(),
      number: z.string().nullable(),
      status: z.string(),
      urgency: z.string(),
      reason: z.string(),
      createdAt: instant,
    }),
  ),
});
export type CaseView = z.infer<typeof caseViewSchema>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toCaseSummary(row: CaseRow, assigneePseudonym: string | null, actor: Actor): CaseSummary {
  const basis: CaseSummary['basis'] =
    row.basis === 'consent'
      ? {
          kind: 'consent',
          by: row.consent_by as (typeof CONSENT_BY)[number],
          at: row.consent_at!.toISOString(),
          purposes: row.consent_purposes as (typeof CONSENT_PURPOSES)[number][],
        }
      : { kind: 'legal_duty', reason: row.duty_reason as (typeof DUTY_REASONS)[number] };
  return {
    id: row.id,
    serviceId: row.service_id,
    recordId: row.record_id,
    basis,
    status: row.status,
    closedReason: row.closed_reason as CaseSummary['closedReason'],
    closedAt: iso(row.closed_at),
    assignedTo: row.assigned_to,
    assigneePseudonym,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    destroyedAt: iso(row.destroyed_at),
    filledFields: filledFields(row),
    canAssign: row.status !== 'closed' && policy.assignCase(actor, caseFacts(row)) === 'allow',
  };
}
