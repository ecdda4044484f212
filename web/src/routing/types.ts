// Shapes of the routing API (mirror src/domain/routing/live/viewSchemas.ts and metricsSchema.ts).
export const RISKS = ['unknown', 'low', 'moderate', 'high', 'imminent'] as const;
export const CHANNELS = ['voice', 'chat', 'messenger'] as const;
export const SETTABLE_PRESENCES = ['available', 'break', 'offline'] as const;

export type Risk = (typeof RISKS)[number];
export type Channel = (typeof CHANNELS)[number];
export type SettablePresence = (typeof SETTABLE_PRESENCES)[number];
export type Presence = SettablePresence | 'not_responding';
/** The chosen presence, or busy / wrap-up while handling contacts. */
export type ShownPresence = Presence | 'busy' | 'wrapup';
export type ContactState = 'queued' | 'offered' | 'active' | 'wrapup' | 'completed' | 'abandoned' | 'expired' | 'transferred';

export interface ContactView {
  id: string;
  serviceId: string;
  channel: Channel;
  state: ContactState;
  risk: Risk;
  language: string | null;
  region: string | null;
  origin: 'channel' | 'offline' | 'transfer';
  transferNote: string | null;
  fromContactId: string | null;
  /** The first contact of a transfer chain (itself if none); a web chat's id. */
  firstContactId: string;
  carePlan: boolean;
  arrivedAt: string;
  queuedAt: string;
  waitedSeconds: number;
  staffId: string | null;
  answeredByServiceId: string | null;
  acceptedAt: string | null;
  endedAt: string | null;
  wrapUpUntil: string | null;
  closedAt: string | null;
  offeredTo: string | null;
}

export interface OfferView {
  id: string;
  kind: 'route' | 'careplan' | 'assign' | 'transfer';
  createdAt: string;
  deadline: string;
  contact: ContactView;
}

export interface Workstation {
  /** The server's clock at the time of this answer. */
  at: string;
  onDuty: boolean;
  presence: Presence;
  shown: ShownPresence;
  serviceId: string | null;
  contacts: ContactView[];
  offers: OfferView[];
}

export interface CounsellorView {
  staffId: string;
  serviceId: string;
  pseudonym: string;
  supervisor: boolean;
  presence: Presence;
  shown: ShownPresence;
  since: string;
  languages: string[];
  free: { voice: boolean; text: boolean };
  contacts: ContactView[];
  offers: OfferView[];
}

export interface BoardAlert {
  kind: 'risk_waiting' | 'nobody_available' | 'sl_below_target';
  risk?: Risk;
  contactId?: string;
  waitedSeconds?: number;
  value?: number;
}

export interface Board {
  serviceId: string;
  at: string;
  queue: { waiting: number; byRisk: Record<Risk, number>; longestWaitSeconds: number; contacts: ContactView[] };
  handling: ContactView[];
  counsellors: CounsellorView[];
  availableCount: number;
  freeCount: number;
  alerts: BoardAlert[];
}

export interface CarePlan {
  id: string;
  preferredStaffId: string;
  preferredPseudonym: string;
  fromContactId: string;
  createdAt: string;
}

export type TransferTarget = { kind: 'counsellor'; staffId: string } | { kind: 'supervisor' } | { kind: 'queue'; serviceId: string };

export type StatisticsWindow = { window: '15m' } | { window: 'today' } | { window: 'custom'; from: string; to: string };

/** The part of the statistics the SPA shows (the server sends more; see metricsSchema.ts). */
export interface ServiceStatistics {
  serviceId: string;
  from: number;
  to: number;
  shortAbandonSeconds: number;
  slSeconds: number;
  offered: number;
  answered: number;
  answeredByPartner: number;
  abandoned: number;
  shortAbandoned: number;
  serviceLevel: number | null;
  abandonRate: number | null;
  asaSeconds: number | null;
  p90WaitSeconds: number | null;
  ahtSeconds: number | null;
  occupancy: number | null;
}
