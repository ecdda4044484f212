// Message keys for the record vocabulary, colours of risk levels, and labels of reason codes.
import type { Locale } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/ru';
import type { Classification, ReasonCategory, ReasonCode } from './types';
import type {
  Action,
  AgeGroup,
  CallerType,
  ContactType,
  Gender,
  HeardFrom,
  LocalityType,
  RecordChannel,
  RiskAnswer,
  RiskLevel,
  VulnerableGroup,
} from './vocabulary';

export const typeKey = (v: ContactType): MessageKey => `record.type.${v}`;
export const callerKey = (v: CallerType): MessageKey => `record.caller.${v}`;
export const genderKey = (v: Gender): MessageKey => `record.gender.${v}`;
export const ageGroupKey = (v: AgeGroup): MessageKey => `record.age.${v}`;
export const localityKey = (v: LocalityType): MessageKey => `record.locality.${v}`;
export const vulnerableKey = (v: VulnerableGroup): MessageKey => `record.vulnerable.${v}`;
export const heardKey = (v: HeardFrom): MessageKey => `record.heard.${v}`;
export const actionKey = (v: Action): MessageKey => `record.action.${v}`;
export const riskLevelKey = (v: RiskLevel): MessageKey => `record.risk.${v}`;
export const recordChannelKey = (v: RecordChannel): MessageKey => `record.channel.${v}`;
export const answerKey = (v: RiskAnswer): MessageKey => `record.answer.${v}`;

const PROBLEM_KEYS: Record<string, MessageKey> = {
  'record.type_required': 'record.problem.record.type_required',
  'record.caller_type_required': 'record.problem.record.caller_type_required',
  'record.reason_required': 'record.problem.record.reason_required',
  'record.reasons_not_allowed': 'record.problem.record.reasons_not_allowed',
  'record.unknown_reason': 'record.problem.record.unknown_reason',
  'record.referral_required': 'record.problem.record.referral_required',
};
export const problemKey = (code: string): MessageKey => PROBLEM_KEYS[code] ?? 'record.problem.other';

/** Badge colours: the higher the risk, the warmer. */
export const RISK_LEVEL_COLOUR: Record<RiskLevel, string> = {
  unknown: 'gray',
  none: 'teal',
  low: 'green',
  moderate: 'yellow',
  high: 'orange',
  imminent: 'red',
};

export const labelOf = (item: { labelRu: string; labelEn: string }, locale: Locale): string =>
  locale === 'en' ? item.labelEn : item.labelRu;

export interface ReasonEntry {
  code: ReasonCode;
  category: ReasonCategory;
}

/** Every reason code of the classification by its code, with its category. */
export function reasonIndex(classification: Classification | undefined): Map<string, ReasonEntry> {
  const index = new Map<string, ReasonEntry>();
  for (const category of classification?.categories ?? []) for (const code of category.codes) index.set(code.code, { code, category });
  return index;
}

/** «Category: subcategory», or the raw code when the classification does not know it. */
export function reasonLabel(index: Map<string, ReasonEntry>, code: string, locale: Locale): string {
  const entry = index.get(code);
  return entry ? `${labelOf(entry.category, locale)}: ${labelOf(entry.code, locale)}` : code;
}

/** Languages offered in the form (ISO 639-1); the names come from the browser (Intl.DisplayNames). */
export const LANGUAGES = ['ru', 'tt', 'ba', 'cv', 'ce', 'os', 'uk', 'be', 'kk', 'uz', 'tg', 'ky', 'az', 'hy', 'ka', 'en'];

export function languageName(code: string, locale: Locale): string {
  try {
    const name = new Intl.DisplayNames([locale === 'en' ? 'en' : 'ru'], { type: 'language' }).of(code);
    return name ? name.charAt(0).toUpperCase() + name.slice(1) : code;
  } catch {
    return code;
  }
}
