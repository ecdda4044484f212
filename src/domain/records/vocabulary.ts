// The contact record's vocabulary: every coded field's allowed values, in one place. Labels (Russian
// and English) live in the SPA's dictionaries and in the XLSX export (src/domain/records/labels.ts).

/** Level 1: what kind of contact it was. Only a counselling contact carries reasons. */
export const CONTACT_TYPES = [
  'counselling', // по проблеме
  'silent', // молчание
  'dropped', // сброс, обрыв связи
  'prank', // розыгрыш
  'abusive', // оскорбления в адрес консультанта
  'wrong_number', // ошиблись номером
  'test', // проверка линии
  'thanks', // благодарность, обратная связь
  'info_line', // вопрос о работе телефона доверия
  'info_services', // вопрос о других службах
  'missed', // не дождался ответа (set by the system for contacts never answered)
] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];
/** Types a counsellor may choose ('missed' is the system's own, for contacts no one answered). */
export const CHOOSABLE_CONTACT_TYPES = CONTACT_TYPES.filter((t) => t !== 'missed');

/** Who contacted (the national report's first block). */
export const CALLER_TYPES = ['child', 'parent', 'other_adult'] as const;
export type CallerType = (typeof CALLER_TYPES)[number];

export const GENDERS = ['boy', 'girl', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

/** Age groups derived from the age in years (DOMAIN.md): до 10, 10–14, 15–17, 18+, unknown. */
export const AGE_GROUPS = ['under_10', '10_14', '15_17', '18_plus', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const MAX_AGE = 120;

export function ageGroupOf(age: number | null): AgeGroup {
  if (age === null) return 'unknown';
  if (age < 10) return 'under_10';
  if (age <= 14) return '10_14';
  if (age <= 17) return '15_17';
  return '18_plus';
}

export const LOCALITY_TYPES = ['city', 'town', 'rural', 'unknown'] as const;
export type LocalityType = (typeof LOCALITY_TYPES)[number];

export const VULNERABLE_GROUPS = [
  'disability', // ребёнок с инвалидностью / ОВЗ
  'orphan', // сирота, без попечения родителей
  'foster_family', // замещающая семья
  'difficult_situation', // трудная жизненная ситуация
  'migrant', // семья мигрантов
  'low_income', // малоимущая семья
  'in_care_institution', // в учреждении (детский дом, интернат)
  'in_conflict_with_law', // в конфликте с законом
] as const;
export type VulnerableGroup = (typeof VULNERABLE_GROUPS)[number];

export const HEARD_FROM = [
  'school',
  'internet',
  'social_media',
  'friends',
  'family',
  'leaflet',
  'tv_radio',
  'specialist',
  'repeat',
  'other',
] as const;
export type HeardFrom = (typeof HEARD_FROM)[number];

export const ACTIONS = [
  'support', // оказана психологическая поддержка
  'information', // дана информация
  'referred', // перенаправлен в другую службу (where: referrals from the directory, or free text)
  'signal_needed', // нужен сигнал о детском неблагополучии
  'emergency_called', // вызваны экстренные службы
  'supervisor_involved', // привлечён супервизор
] as const;
export type Action = (typeof ACTIONS)[number];

/** Suicide risk level from the screener (src/domain/records/risk.ts); 'unknown' until assessed. */
export const RISK_LEVELS = ['unknown', 'none', 'low', 'moderate', 'high', 'imminent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RECORD_CHANNELS = ['voice', 'chat', 'messenger', 'in_person', 'email', 'letter'] as const;
export type RecordChannel = (typeof RECORD_CHANNELS)[number];

/** The national report's rows a reason code is counted in (DOMAIN.md "National report rows"); the mapping is data. */
export const NATIONAL_ROWS = [
  'cruelty_family',
  'cruelty_outside_family',
  'cruelty_peers',
  'sexual_violence',
  'parent_child',
  'peers',
  'school',
  'career',
  'suicidal',
  'mental_state',
  'addictions',
  'health_sexuality',
  'other',
] as const;
export type NationalRow = (typeof NATIONAL_ROWS)[number];

/** CHI-style categories (DOMAIN.md "International classification"). */
export const CHI_CATEGORIES = [
  'missing_children',
  'violence',
  'trafficking',
  'mental_health',
  'physical_health',
  'access_to_services',
  'discrimination',
  'family_relationships',
  'peer_relationships',
  'education_occupation',
  'sexuality',
  'disability',
  'other',
] as const;
export type ChiCategory = (typeof CHI_CATEGORIES)[number];

/** Limits on free text: a summary is a few paragraphs, not a document. */
export const SUMMARY_MAX = 20_000;
export const REFERRAL_MAX = 4_000;
export const MAX_REASONS = 6;
