// What the signal routes accept. The list of addressees may be empty in the shape on purpose: the
// command refuses it with signal.no_addressee, so the counsellor is told exactly what is missing.
import { z } from 'zod';
import { personalSchema, safeText, uniqueArray, version } from '../cases/caseSchemas.js';
import { PERSONAL_FIELDS } from '../cases/caseVocabulary.js';
import { idInput } from '../ids.js';
import { dayInput } from '../records/reportSchemas.js';
import {
  AGENCY_TYPES,
  FACTS_MAX,
  MAX_ADDRESSEES,
  SIGNAL_CHANNELS,
  SIGNAL_OUTCOMES,
  SIGNAL_REASONS,
  SIGNAL_STATUSES,
  URGENCIES,
} from './signalVocabulary.js';

/** An agency from the referral directory (an entry the helpline sees) or from the service's own list; the channel defaults from its contacts. */
export const addresseeInputSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('directory'), directoryServiceId: idInput(), channel: z.enum(SIGNAL_CHANNELS).optional() }),
  z.strictObject({ source: z.literal('list'), agencyId: idInput(), channel: z.enum(SIGNAL_CHANNELS).optional() }),
]);
export type AddresseeInput = z.infer<typeof addresseeInputSchema>;

const addressees = z.array(addresseeInputSchema).max(MAX_ADDRESSEES);
const draft = {
  urgency: z.enum(URGENCIES),
  reason: z.enum(SIGNAL_REASONS),
  /** What happened: only what the agency needs to act. */
  facts: safeText(1, FACTS_MAX),
  addressees,
};

/** A signal from a case: the child's data are the chosen fields of the case, copied when drafted. */
export const newCaseSignalSchema = z.strictObject({
  id: idInput(),
  ...draft,
  childFields: uniqueArray(z.enum(PERSONAL_FIELDS), 0, PERSONAL_FIELDS.length).default([]),
});
export type NewCaseSignal = z.infer<typeof newCaseSignalSchema>;

/** A signal straight from a contact record (no case): the child's data, as far as needed, given here. */
export const newRecordSignalSchema = z.strictObject({ id: idInput(), ...draft, child: personalSchema.optional() });
export type NewRecordSignal = z.infer<typeof newRecordSignalSchema>;

/** A draft changed before approval: absent keeps; the child's data as the signal's source allows. */
export const signalPatchSchema = z.strictObject({
  version,
  urgency: z.enum(URGENCIES).optional(),
  reason: z.enum(SIGNAL_REASONS).optional(),
  facts: safeText(1, FACTS_MAX).optional(),
  addressees: addressees.optional(),
  childFields: uniqueArray(z.enum(PERSONAL_FIELDS), 0, PERSONAL_FIELDS.length).optional(),
  child: personalSchema.optional(),
});
export type SignalPatch = z.infer<typeof signalPatchSchema>;

export const signalVersionSchema = z.strictObject({ version });
/** Sending: `sentAt` is when a person sent it by a channel without a sender (fax, phone, in person, post); now when absent. */
export const signalSendSchema = z.strictObject({ version, sentAt: z.iso.datetime({ offset: true }).optional() });
export const acknowledgeSchema = z.strictObject({
  /** The agency's incoming (входящий) number and date. */
  incomingNumber: safeText(1, 100),
  incomingDate: dayInput(),
});
export const outcomeSchema = z.strictObject({ version, outcome: z.enum(SIGNAL_OUTCOMES), note: safeText(1, 5000).optional() });

export const signalListQuerySchema = z.strictObject({
  serviceId: idInput(),
  status: z.enum(SIGNAL_STATUSES).optional(),
  /** Registered in this year (the register of that year). */
  year: z.coerce.number().int().min(2000).max(2999).optional(),
});
export const overdueQuerySchema = z.strictObject({ serviceId: idInput().optional() });

const contact = (max: number) => safeText(1, max).nullish();
export const newAgencySchema = z.strictObject({
  name: safeText(1, 300),
  agencyType: z.enum(AGENCY_TYPES),
  email: z.email().max(200).nullish(),
  fax: contact(50),
  phone: contact(50),
});
export const agencyPatchSchema = z.strictObject({
  version,
  name: safeText(1, 300).optional(),
  agencyType: z.enum(AGENCY_TYPES).optional(),
  email: z.email().max(200).nullish(),
  fax: contact(50),
  phone: contact(50),
  active: z.boolean().optional(),
});
