// Suicide risk screening in the style of the Columbia (C-SSRS) screener (research/domain.md §3),
// asked in the screener's order, and the one rule that turns the answers into a risk level.
// The wording is addressed to a child ("ты"), as counsellors on a children's line speak.
import { z } from 'zod';
import { RISK_LEVELS, type RiskLevel } from './vocabulary.js';

export const RISK_ANSWER_VALUES = ['yes', 'no', 'unknown'] as const;
export type RiskAnswer = (typeof RISK_ANSWER_VALUES)[number];

export const RISK_QUESTION_IDS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q6_recent', 'q6_now', 'means_available', 'alone'] as const;
export type RiskQuestionId = (typeof RISK_QUESTION_IDS)[number];

export interface RiskQuestion {
  id: RiskQuestionId;
  /** 'screener': the six C-SSRS questions; 'follow_up': asked after a yes; 'flag': circumstances, not ideation. */
  kind: 'screener' | 'follow_up' | 'flag';
  /** Asked only when this earlier question was answered yes (C-SSRS: no to 2 → go straight to 6). */
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

const answer = z.enum(RISK_ANSWER_VALUES).optional();

/** Unasked questions are simply absent; 'unknown' means asked but no clear answer. */
export const riskAnswersSchema = z.strictObject({
  q1: answer,
  q2: answer,
  q3: answer,
  q4: answer,
  q5: answer,
  q6: answer,
  q6_recent: answer,
  q6_now: answer,
  means_available: answer,
  alone: answer,
});
export type RiskAnswers = z.infer<typeof riskAnswersSchema>;

const SCREENER = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'] as const;

/**
 * The risk level of a set of screener answers. The first rule that holds wins:
 *
 *   imminent  q6_now yes (an attempt in progress), or q4 + q5 + means_available all yes
 *             (intent, a plan and the means at hand);
 *   high      q3, q4 or q5 yes (method, intent, plan), or q6 yes within the last three months:
 *             q6_recent yes, or q6 yes with its recency not known to be older (when in doubt the
 *             behaviour is taken to be recent, since a recent attempt is the stronger predictor);
 *   moderate  q2 yes (active thoughts without method, intent or plan), or q6 yes with q6_recent no;
 *   low       q1 yes only (a passive wish to be dead);
 *   none      at least one of q1–q6 answered, and every answered one is no;
 *   unknown   nothing of q1–q6 answered, or some answered 'unknown' and none yes.
 *
 * Monotone: every rule is an "or" of "x is yes" tests (q6's recency test only ever holds more
 * when an answer becomes yes), so answering yes to one more question never lowers the level.
 * 'alone' is recorded for the counsellor and the supervisor but does not change the level, and
 * means_available only counts together with intent and a plan.
 */
export function riskLevelOf(answers: RiskAnswers): RiskLevel {
  const yes = (id: RiskQuestionId) => answers[id] === 'yes';
  if (yes('q6_now') || (yes('q4') && yes('q5') && yes('means_available'))) return 'imminent';
  if (yes('q3') || yes('q4') || yes('q5') || yes('q6_recent') || (yes('q6') && answers.q6_recent !== 'no')) return 'high';
  if (yes('q2') || yes('q6')) return 'moderate';
  if (yes('q1')) return 'low';
  const answered = SCREENER.map((id) => answers[id]).filter((a) => a !== undefined);
  return answered.length > 0 && answered.every((a) => a === 'no') ? 'none' : 'unknown';
}

/** Position in the order unknown < none < low < moderate < high < imminent, for comparing levels. */
export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}
