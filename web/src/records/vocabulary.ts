// The contact record's coded values and the risk screener, copied from the server
// (src/domain/records/vocabulary.ts and risk.ts: the SPA does not import server code).
// test/browser/records-vocabulary.test.ts fails when the copies drift apart.
export const CONTACT_TYPES = [
  'counselling',
  'silent',
  'dropped',
  'prank',
  'abusive',
  'wrong_number',
  'test',
  'thanks',
  'info_line',
  'info_services',
  'missed',
] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];
/** 'missed' is the system's own, for contacts no one answered. */
export const CHOOSABLE_CONTACT_TYPES = CONTACT_TYPES.filter((t) => t !== 'missed');

export const CALLER_TYPES = ['child', 'parent', 'other_adult'] as const;
export type CallerType = (typeof CALLER_TYPES)[number];

export const GENDERS = ['boy', 'girl', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

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
  'disability',
  'orphan',
  'foster_family',
  'difficult_situation',
  'migrant',
  'low_income',
  'in_care_institution',
  'in_conflict_with_law',
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

export const ACTIONS = ['support', 'information', 'referred', 'signal_needed', 'emergency_called', 'supervisor_involved'] as const;
export type Action = (typeof ACTIONS)[number];

export const RISK_LEVELS = ['unknown', 'none', 'low', 'moderate', 'high', 'imminent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RECORD_CHANNELS = ['voice', 'chat', 'messenger', 'in_person', 'email', 'letter'] as const;
export type RecordChannel = (typeof RECORD_CHANNELS)[number];

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

export const SUMMARY_MAX = 20_000;
export const REFERRAL_MAX = 4_000;
export const MAX_REASONS = 6;

export const RISK_ANSWER_VALUES = ['yes', 'no', 'unknown'] as const;
export type RiskAnswer = (typeof RISK_ANSWER_VALUES)[number];

export const RISK_QUESTION_IDS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q6_recent', 'q6_now', 'means_available', 'alone'] as const;
export type RiskQuestionId = (typeof RISK_QUESTION_IDS)[number];
export type RiskAnswers = Partial<Record<RiskQuestionId, RiskAnswer>>;

export interface RiskQuestion {
  id: RiskQuestionId;
  kind: 'screener' | 'follow_up' | 'flag';
  /** Asked only when this earlier question was answered yes. */
  askedWhenYes?: RiskQuestionId;
  textRu: string;
  textEn: string;
}

export const RISK_QUESTIONS: readonly RiskQuestion[] = [
  {
    id: 'q1',
    kind: 'screener',
    textRu: 'Тебе хотелось умереть или уснуть и не проснуться?',
    textEn: 'Have you wished you were dead, or wished you could go to sleep and not wake up?',
  },
  {
    id: 'q2',
    kind: 'screener',
    textRu: 'У тебя были мысли о том, чтобы покончить с собой?',
    textEn: 'Have you actually had any thoughts of killing yourself?',
  },
  {
    id: 'q3',
    kind: 'screener',
    askedWhenYes: 'q2',
    textRu: 'Ты думал(а) о том, как именно мог(ла) бы это сделать?',
    textEn: 'Have you been thinking about how you might do this?',
  },
  {
    id: 'q4',
    kind: 'screener',
    askedWhenYes: 'q2',
    textRu: 'Было ли у тебя намерение действительно это сделать?',
    textEn: 'Have you had these thoughts and had some intention of acting on them?',
  },
  {
    id: 'q5',
    kind: 'screener',
    askedWhenYes: 'q2',
    textRu: 'Ты продумал(а) подробности, как это сделать, и собираешься выполнить этот план?',
    textEn: 'Have you worked out the details of how to kill yourself, and do you intend to carry out this plan?',
  },
  {
    id: 'q6',
    kind: 'screener',
    textRu: 'Ты когда-нибудь делал(а) что-то, начинал(а) делать или готовил(а) что-то, чтобы покончить с собой?',
    textEn: 'Have you ever done anything, started to do anything, or prepared to do anything to end your life?',
  },
  {
    id: 'q6_recent',
    kind: 'follow_up',
    askedWhenYes: 'q6',
    textRu: 'Это было в последние три месяца?',
    textEn: 'Was this within the past three months?',
  },
  {
    id: 'q6_now',
    kind: 'follow_up',
    askedWhenYes: 'q6',
    textRu: 'Это происходит прямо сейчас? Ты уже что-то сделал(а) с собой или собираешься сделать это сейчас?',
    textEn: 'Is it happening right now? Have you already done something to yourself, or are you about to?',
  },
  {
    id: 'means_available',
    kind: 'flag',
    textRu: 'У тебя сейчас есть под рукой то, чем ты думал(а) это сделать?',
    textEn: 'Do you have the means you thought of with you right now?',
  },
  {
    id: 'alone',
    kind: 'flag',
    textRu: 'Ты сейчас один (одна)? Есть ли рядом кто-то из взрослых?',
    textEn: 'Are you alone right now? Is there an adult nearby?',
  },
];

/** The questions still asked given the answers: a follow-up only after a yes to its question. */
export function askedQuestions(answers: RiskAnswers): RiskQuestion[] {
  return RISK_QUESTIONS.filter((q) => !q.askedWhenYes || answers[q.askedWhenYes] === 'yes');
}

/** Drops answers to questions no longer asked (a yes changed to no hides its follow-ups). */
export function prunedAnswers(answers: RiskAnswers): RiskAnswers {
  const asked = new Set(askedQuestions(answers).map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id, a]) => asked.has(id as RiskQuestionId) && a !== undefined));
}
