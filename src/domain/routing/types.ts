// The routing engine's vocabulary: contacts (tasks), counsellors (workers), offers (reservations),
// the commands that ask for a change and the events that record what was decided. Everything here
// is plain data so that the log can store it and a replay can rebuild the same state.

export const CHANNELS = ['voice', 'chat', 'messenger'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Chat and messenger share one "text" capacity; voice has its own (always 1). */
export const isText = (channel: Channel): boolean => channel !== 'voice';

export const RISKS = ['unknown', 'low', 'moderate', 'high', 'imminent'] as const;
export type Risk = (typeof RISKS)[number];

export const CONTACT_STATES = ['queued', 'offered', 'active', 'wrapup', 'completed', 'abandoned', 'expired', 'transferred'] as const;
export type ContactState = (typeof CONTACT_STATES)[number];
export const TERMINAL_STATES: readonly ContactState[] = ['completed', 'abandoned', 'expired', 'transferred'];
export const isTerminal = (s: ContactState): boolean => TERMINAL_STATES.includes(s);

/** What a counsellor chose (or the engine set: `not_responding`). Busy and wrap-up are derived from load. */
export const PRESENCES = ['offline', 'available', 'break', 'not_responding'] as const;
export type Presence = (typeof PRESENCES)[number];
export const SETTABLE_PRESENCES = ['offline', 'available', 'break'] as const;
export type SettablePresence = (typeof SETTABLE_PRESENCES)[number];

/** Presence as shown on the live board: the chosen one, or busy / wrap-up while handling contacts. */
export type ShownPresence = Presence | 'busy' | 'wrapup';

export type OfferKind = 'route' | 'careplan' | 'assign' | 'transfer';
export type OfferEnd = 'accepted' | 'declined' | 'expired' | 'rescinded';

export interface CarePlan {
  preferredStaffId: string;
}

export interface ContactAttributes {
  language: string | null;
  region: string | null;
  callerKey: string | null;
  /** Skills a counsellor must have (e.g. `sign-language`); empty for most contacts. */
  skills: string[];
}

export type TransferTarget = { kind: 'counsellor'; staffId: string } | { kind: 'supervisor' } | { kind: 'queue'; serviceId: string };

/** How a contact came to be: from a channel, recorded by hand, or handed on by a transfer. */
export interface ContactOrigin {
  kind: 'channel' | 'offline' | 'transfer';
  /** For transfers: the contact this one continues, and the note that travels with it. */
  fromContactId?: string;
  /** For transfers: the first contact of the chain (the id the channel knows the caller by; a web chat's id). */
  firstContactId?: string;
  note?: string;
}

export interface Contact {
  id: string;
  serviceId: string;
  channel: Channel;
  attributes: ContactAttributes;
  risk: Risk;
  carePlan: CarePlan | null;
  origin: ContactOrigin;
  state: ContactState;
  /** When the caller arrived; for transfers, when the first contact of the chain arrived. */
  arrivedAt: number;
  /** When this contact entered the queue (widening and care-plan timers count from here). */
  queuedAt: number;
  /** Ordering key: smaller goes first (see priority.ts). */
  orderKey: number;
  offer: Offer | null;
  /** Counsellors who declined or let an offer lapse, and until when they are skipped. */
  skippedUntil: Record<string, number>;
  staffId: string | null;
  /** The service of the counsellor who answered (differs from serviceId when a partner answered). */
  answeredByServiceId: string | null;
  acceptedAt: number | null;
  endedAt: number | null;
  wrapUpUntil: number | null;
  closedAt: number | null;
  /** For abandoned contacts: the stage the caller left in, and whether the greeting had played. */
  abandonedStage: 'queued' | 'offered' | null;
  afterGreeting: boolean | null;
  greetingDone: boolean;
  transferredTo: string | null;
}

export interface Offer {
  id: string;
  contactId: string;
  staffId: string;
  kind: OfferKind;
  createdAt: number;
  deadline: number;
}

export interface Counsellor {
  staffId: string;
  serviceId: string;
  pseudonym: string;
  supervisor: boolean;
  presence: Presence;
  presenceSince: number;
  languages: string[];
  skills: string[];
  /** When the counsellor last became free of all contacts (longest idle is offered first). */
  idleSince: number;
  /** Contacts offered to, active with, or in wrap-up for this counsellor. */
  contactIds: Set<string>;
}

/** Per-service routing settings, with defaults filled in (see settings.ts). */
export interface RoutingSettings {
  offerTimeoutSeconds: number;
  wrapUpSeconds: number;
  chatCapacity: number;
  voiceBlocksText: boolean;
  partnerServiceIds: string[];
  partnerAfterSeconds: number;
  nationalBackupAfterSeconds: number | null;
  nationalBackup: boolean;
  carePlanSeconds: number;
  maxWaitSeconds: number;
  declineCooldownSeconds: number;
}

/** A counsellor's profile as the presence command carries it (read from the staff tables). */
export interface CounsellorProfile {
  serviceId: string;
  pseudonym: string;
  supervisor: boolean;
  languages: string[];
  skills: string[];
}

export type Command =
  | {
      type: 'arrive';
      contactId: string;
      serviceId: string;
      channel: Channel;
      attributes: ContactAttributes;
      risk: Risk;
      carePlan: CarePlan | null;
    }
  | {
      type: 'recordOffline';
      contactId: string;
      serviceId: string;
      channel: Channel;
      attributes: ContactAttributes;
      risk: Risk;
      staffId: string;
      profile: CounsellorProfile;
    }
  | { type: 'greetingDone'; contactId: string }
  | { type: 'callerLeft'; contactId: string }
  | { type: 'setRisk'; contactId: string; risk: Risk }
  | { type: 'setPresence'; staffId: string; presence: SettablePresence; profile: CounsellorProfile; by: string }
  | { type: 'accept'; offerId: string; staffId: string }
  | { type: 'decline'; offerId: string; staffId: string }
  /** A channel rang the counsellor (a phone) and nobody answered before the ring timeout. */
  | { type: 'noAnswer'; offerId: string; staffId: string }
  | { type: 'end'; contactId: string; by: string }
  | { type: 'extendWrapUp'; contactId: string; seconds: number; by: string }
  | { type: 'finishWrapUp'; contactId: string; by: string }
  | { type: 'transfer'; contactId: string; newContactId: string; target: TransferTarget; note: string | null; by: string }
  | { type: 'assign'; contactId: string; staffId: string; by: string }
  | { type: 'take'; contactId: string; staffId: string; profile: CounsellorProfile }
  | { type: 'tick' }
  /** The engine was rebuilt from the log: offers that lapsed while it was not running are made again. */
  | { type: 'resume' };

export type CommandType = Command['type'];

export type RoutingEvent =
  | {
      type: 'contact.arrived';
      contactId: string;
      serviceId: string;
      channel: Channel;
      attributes: ContactAttributes;
      risk: Risk;
      carePlan: CarePlan | null;
      origin: ContactOrigin;
      arrivedAt: number;
      orderKey: number;
      /** Counsellors skipped from the start, and until when: a transfer's sender (absent in older logs). */
      skippedUntil?: Record<string, number>;
    }
  | { type: 'contact.greeting_done'; contactId: string }
  | { type: 'contact.risk_changed'; contactId: string; risk: Risk; orderKey: number }
  | { type: 'offer.created'; offerId: string; contactId: string; staffId: string; kind: OfferKind; deadline: number }
  | {
      type: 'offer.closed';
      offerId: string;
      contactId: string;
      staffId: string;
      end: Exclude<OfferEnd, 'accepted'>;
      skipUntil: number | null;
    }
  | { type: 'contact.accepted'; contactId: string; staffId: string; serviceId: string; offerId: string | null }
  | { type: 'contact.ended'; contactId: string; by: string; wrapUpUntil: number }
  | { type: 'contact.wrapup_extended'; contactId: string; wrapUpUntil: number }
  | { type: 'contact.completed'; contactId: string }
  | { type: 'contact.abandoned'; contactId: string; stage: 'queued' | 'offered' }
  | { type: 'contact.expired'; contactId: string }
  | { type: 'contact.transferred'; contactId: string; toContactId: string; target: TransferTarget }
  | {
      type: 'presence.changed';
      staffId: string;
      presence: Presence;
      by: string;
      profile: CounsellorProfile;
    };

export type RoutingEventType = RoutingEvent['type'];

/** An event as the log holds it: the decision plus when it was made. */
export type LoggedEvent = RoutingEvent & { at: number };
