// The words of a case: what it is opened on (consent or a legal duty), the personal data it may
// hold (each field sealed on its own column), its statuses and reasons for closing, and the
// retention and deadline settings a service starts with.

/** Who gave consent to be helped in person. */
export const CONSENT_BY = ['child', 'caller', 'parent'] as const;
/** What the consent is for. */
export const CONSENT_PURPOSES = ['callback', 'in_person', 'pass_to_agencies', 'referral'] as const;
/** Opening without consent: what makes it a legal duty (Family Code art. 56 p. 3, 120-FZ art. 9). */
export const DUTY_REASONS = ['imminent_risk', 'abuse'] as const;
export const CASE_BASES = ['consent', 'legal_duty'] as const;
export const CASE_STATUSES = ['open', 'in_work', 'closed'] as const;
export const CLOSE_REASONS = ['resolved', 'referred', 'declined', 'no_contact', 'moved', 'other'] as const;

/** The minimum personal data a case may hold, in the API's names, and the column each is sealed in. */
export const PERSONAL_FIELDS = ['childName', 'childAge', 'address', 'school', 'family'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
export const PERSONAL_COLUMNS = {
  childName: 'child_name_sealed',
  childAge: 'child_age_sealed',
  address: 'address_sealed',
  school: 'school_sealed',
  family: 'family_sealed',
} as const satisfies Record<PersonalField, string>;

export const PERSONAL_TEXT_MAX = 500;
export const NOTE_MAX = 10_000;
export const TASK_TITLE_MAX = 500;
export const MAX_CHILD_AGE = 25;

/**
 * Days after closing a case (or a signal raised without one) is kept with its personal data. The
 * regional procedure may ask for more; 152-FZ asks for destruction once the purpose is met.
 */
export const DEFAULT_CASE_SETTINGS = {
  retentionConsentDays: 365,
  retentionDutyDays: 1825,
  retentionSignalDays: 1825,
  /** Working days the agency has to acknowledge a signal, and to report its outcome. */
  ackWorkingDays: 1,
  outcomeWorkingDays: 10,
} as const;
