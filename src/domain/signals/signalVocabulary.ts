// The words of a signal: urgency, reasons, statuses, outcomes, the kinds of agency it goes to and the
// channels it goes by, with their Russian and English labels (reports and the letter use them).
import type { Label } from '../records/labels.js';

export const URGENCIES = ['normal', 'imminent'] as const;
export const SIGNAL_REASONS = [
  'physical_abuse',
  'sexual_abuse',
  'psychological_abuse',
  'neglect',
  'suicide_risk',
  'runaway',
  'exploitation',
  'other',
] as const;
export const SIGNAL_STATUSES = ['drafted', 'approved', 'sent', 'acknowledged', 'outcome_received', 'closed'] as const;
export const SIGNAL_OUTCOMES = ['measures_taken', 'not_confirmed', 'forwarded', 'no_response', 'other'] as const;
export const AGENCY_TYPES = ['guardianship', 'police', 'kdn', 'prosecutor', 'health', 'education', 'social', 'other'] as const;
export const SIGNAL_CHANNELS = ['email', 'fax', 'phone', 'in_person', 'post'] as const;
export const MAX_ADDRESSEES = 10;
export const FACTS_MAX = 10_000;

export type SignalReason = (typeof SIGNAL_REASONS)[number];
export type SignalOutcome = (typeof SIGNAL_OUTCOMES)[number];
export type AgencyType = (typeof AGENCY_TYPES)[number];
export type SignalChannel = (typeof SIGNAL_CHANNELS)[number];

export const AGENCY_TYPE_LABELS: Record<AgencyType, Label> = {
  guardianship: { ru: 'Орган опеки и попечительства', en: 'Guardianship authority' },
  police: { ru: 'Полиция (ПДН)', en: 'Police (juvenile unit)' },
  kdn: { ru: 'КДН и ЗП', en: 'Juvenile affairs commission (KDN)' },
  prosecutor: { ru: 'Прокуратура', en: "Prosecutor's office" },
  health: { ru: 'Орган здравоохранения', en: 'Health authority' },
  education: { ru: 'Орган управления образованием', en: 'Education authority' },
  social: { ru: 'Социальная защита', en: 'Social protection' },
  other: { ru: 'Иное ведомство', en: 'Other agency' },
};

export const SIGNAL_REASON_LABELS: Record<SignalReason, Label> = {
  physical_abuse: { ru: 'Физическое насилие', en: 'Physical abuse' },
  sexual_abuse: { ru: 'Сексуальное насилие', en: 'Sexual abuse' },
  psychological_abuse: { ru: 'Психологическое насилие', en: 'Psychological abuse' },
  neglect: { ru: 'Пренебрежение нуждами ребёнка', en: 'Neglect' },
  suicide_risk: { ru: 'Суицидальный риск', en: 'Suicide risk' },
  runaway: { ru: 'Уход из дома', en: 'Running away' },
  exploitation: { ru: 'Эксплуатация', en: 'Exploitation' },
  other: { ru: 'Иная угроза жизни, здоровью или правам ребёнка', en: "Other threat to the child's life, health or rights" },
};

export const SIGNAL_OUTCOME_LABELS: Record<SignalOutcome, Label> = {
  measures_taken: { ru: 'Приняты меры', en: 'Measures taken' },
  not_confirmed: { ru: 'Сведения не подтвердились', en: 'Not confirmed' },
  forwarded: { ru: 'Передано по подведомственности', en: 'Forwarded to another agency' },
  no_response: { ru: 'Ответ не получен', en: 'No response' },
  other: { ru: 'Иное', en: 'Other' },
};

export const URGENCY_LABELS: Record<(typeof URGENCIES)[number], Label> = {
  normal: { ru: 'Обычный', en: 'Normal' },
  imminent: { ru: 'Непосредственная угроза', en: 'Imminent danger' },
};

/**
 * Agency types of the referral directory's national taxonomy (src/domain/directory/taxonomySeed.ts),
 * by term code: a term and its children. Other national terms (crisis centres, clinics' services,
 * hotlines, …) are where callers are referred, not where signals go.
 */
const NATIONAL_CODES: [string, AgencyType][] = [
  ['opeka', 'guardianship'],
  ['kdn', 'kdn'],
  ['pdn', 'police'],
  ['legal.prosecutor', 'prosecutor'],
  ['education.authority', 'education'],
  ['social.office', 'social'],
  ['medical', 'health'],
];

/** A helpline's own terms are recognised by the words of their name (or code). */
const TERM_WORDS: [AgencyType, RegExp][] = [
  ['guardianship', /опек|guardianship/i],
  ['kdn', /кдн|комисси[яи] по делам несовершеннолетних/i],
  ['police', /пдн|полиц|мвд|police/i],
  ['prosecutor', /прокурат|prosecutor/i],
  ['education', /управлени[яе] образовани|органы? управления образованием|education authority/i],
  ['health', /здравоохранен|health/i],
  ['social', /социальн\S* защит|social protection/i],
];

/** The agency type a taxonomy term stands for, or null when it is not an agency signals go to. */
export function agencyTypeOfTerm(term: { code?: unknown; name?: unknown }, nationalCodes: ReadonlySet<string>): AgencyType | null {
  const code = typeof term.code === 'string' ? term.code : '';
  if (nationalCodes.has(code)) return NATIONAL_CODES.find(([prefix]) => code === prefix || code.startsWith(`${prefix}.`))?.[1] ?? null;
  const text = `${code} ${typeof term.name === 'string' ? term.name : ''}`;
  return TERM_WORDS.find(([, re]) => re.test(text))?.[0] ?? null;
}

/** The outgoing number as the register writes it: `2026/17` (year of registration, then its sequence). */
export const signalNumber = (year: number | null, seq: number | null): string | null =>
  year === null || seq === null ? null : `${year}/${seq}`;
