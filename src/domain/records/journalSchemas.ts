// The journal's (Журнал обращений) request and answer shapes. No free text: the summary and the
// referral are only ever read one record at a time, and audited there.
import { z } from 'zod';
import { idInput } from '../ids.js';
import { REASON_CODE_PATTERN } from './recordSchemas.js';
import { dayInput } from './reportSchemas.js';
import { AGE_GROUPS, CALLER_TYPES, CONTACT_TYPES, RECORD_CHANNELS, RISK_LEVELS } from './vocabulary.js';

export const RECORD_STATUSES = ['open', 'draft', 'final', 'void'] as const;
export const JOURNAL_PAGE_MAX = 200;
export const JOURNAL_PAGE_DEFAULT = 50;

export const journalQuerySchema = z
  .object({
    serviceId: idInput(),
    from: dayInput().optional(),
    to: dayInput().optional(),
    channel: z.enum(RECORD_CHANNELS).optional(),
    type: z.enum(CONTACT_TYPES).optional(),
    reason: z.string().regex(REASON_CODE_PATTERN).optional(),
    risk: z.enum(RISK_LEVELS).optional(),
    staffId: idInput().optional(),
    region: z.string().trim().min(1).max(100).optional(),
    callerType: z.enum(CALLER_TYPES).optional(),
    ageGroup: z.enum(AGE_GROUPS).optional(),
    status: z.enum(RECORD_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(JOURNAL_PAGE_MAX).default(JOURNAL_PAGE_DEFAULT),
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();
export type JournalQuery = z.infer<typeof journalQuerySchema>;

export const journalItemSchema = z.object({
  id: z.string(),
  arrivedAt: z.string(),
  channel: z.string(),
  status: z.enum(RECORD_STATUSES),
  contactType: z.string().nullable(),
  callerType: z.string().nullable(),
  childGender: z.string().nullable(),
  ageGroup: z.string().nullable(),
  riskLevel: z.string(),
  reasons: z.array(z.string()),
  staffId: z.string().nullable(),
  staffPseudonym: z.string().nullable(),
  region: z.string().nullable(),
  waitSeconds: z.number().nullable(),
  talkSeconds: z.number().nullable(),
});
export type JournalItem = z.infer<typeof journalItemSchema>;

export const journalPageSchema = z.object({ items: z.array(journalItemSchema), nextCursor: z.string().nullable() });
export type JournalPage = z.infer<typeof journalPageSchema>;
