// Response shapes of the routing API (the views in views.ts). Anything not declared here is stripped.
import { z } from 'zod';
import { CHANNELS, CONTACT_STATES, PRESENCES, RISKS } from '../types.js';

const instant = z.iso.datetime({ offset: true });
const shown = z.enum([...PRESENCES, 'busy', 'wrapup']);

export const contactViewSchema = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  channel: z.enum(CHANNELS),
  state: z.enum(CONTACT_STATES),
  risk: z.enum(RISKS),
  language: z.string().nullable(),
  region: z.string().nullable(),
  origin: z.enum(['channel', 'offline', 'transfer']),
  transferNote: z.string().nullable(),
  fromContactId: z.uuid().nullable(),
  firstContactId: z.uuid(),
  carePlan: z.boolean(),
  arrivedAt: instant,
  queuedAt: instant,
  waitedSeconds: z.number().int(),
  staffId: z.uuid().nullable(),
  answeredByServiceId: z.uuid().nullable(),
  acceptedAt: instant.nullable(),
  endedAt: instant.nullable(),
  wrapUpUntil: instant.nullable(),
  closedAt: instant.nullable(),
  offeredTo: z.uuid().nullable(),
});

export const offerViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['route', 'careplan', 'assign', 'transfer']),
  createdAt: instant,
  deadline: instant,
  contact: contactViewSchema,
});

export const workstationViewSchema = z.object({
  /** The server's clock, so the browser's countdowns do not depend on the browser's clock. */
  at: instant,
  onDuty: z.boolean(),
  presence: z.enum(PRESENCES),
  shown,
  serviceId: z.uuid().nullable(),
  contacts: z.array(contactViewSchema),
  offers: z.array(offerViewSchema),
});

export const counsellorViewSchema = z.object({
  staffId: z.uuid(),
  serviceId: z.uuid(),
  pseudonym: z.string(),
  supervisor: z.boolean(),
  presence: z.enum(PRESENCES),
  shown,
  since: instant,
  languages: z.array(z.string()),
  free: z.object({ voice: z.boolean(), text: z.boolean() }),
  contacts: z.array(contactViewSchema),
  offers: z.array(offerViewSchema),
});

export const boardViewSchema = z.object({
  serviceId: z.uuid(),
  at: instant,
  queue: z.object({
    waiting: z.number().int(),
    byRisk: z.record(z.enum(RISKS), z.number().int()),
    longestWaitSeconds: z.number().int(),
    contacts: z.array(contactViewSchema),
  }),
  handling: z.array(contactViewSchema),
  counsellors: z.array(counsellorViewSchema),
  availableCount: z.number().int(),
  freeCount: z.number().int(),
  alerts: z.array(
    z.object({
      kind: z.enum(['risk_waiting', 'nobody_available', 'sl_below_target']),
      risk: z.enum(RISKS).optional(),
      contactId: z.uuid().optional(),
      waitedSeconds: z.number().int().optional(),
      value: z.number().optional(),
    }),
  ),
});

export const carePlanViewSchema = z.object({
  id: z.uuid(),
  preferredStaffId: z.uuid(),
  preferredPseudonym: z.string(),
  fromContactId: z.uuid(),
  createdAt: instant,
});
