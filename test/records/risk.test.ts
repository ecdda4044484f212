// The risk rule: one concrete case per level, and the property that makes it safe to use while the
// screener is still being asked: one more yes never lowers the level.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RISK_ANSWER_VALUES,
  RISK_QUESTION_IDS,
  RISK_QUESTIONS,
  riskAnswersSchema,
  riskLevelOf,
  riskRank,
  type RiskAnswers,
} from '../../src/domain/records/risk.js';
import { ageGroupOf, RISK_LEVELS } from '../../src/domain/records/vocabulary.js';

describe('risk screener questions', () => {
  it('follow the C-SSRS order, in Russian and English, with the follow-ups and flags', () => {
    expect(RISK_QUESTIONS.map((q) => q.id)).toEqual(RISK_QUESTION_IDS);
    for (const q of RISK_QUESTIONS) {
      expect(q.textRu, q.id).toMatch(/[А-Яа-яЁё].*\?$/);
      expect(q.textEn, q.id).toMatch(/^[A-Z].*\?$/);
    }
    // No to question 2 skips to 6: 3–5 are asked only after a yes to 2.
    expect(RISK_QUESTIONS.filter((q) => q.askedWhenYes === 'q2').map((q) => q.id)).toEqual(['q3', 'q4', 'q5']);
    expect(RISK_QUESTIONS.filter((q) => q.askedWhenYes === 'q6').map((q) => q.id)).toEqual(['q6_recent', 'q6_now']);
  });

  it('accept only yes / no / unknown for known questions', () => {
    expect(riskAnswersSchema.safeParse({}).success).toBe(true);
    expect(riskAnswersSchema.safeParse({ q1: 'yes', q2: 'no', alone: 'unknown' }).success).toBe(true);
    expect(riskAnswersSchema.safeParse({ q1: 'maybe' }).success).toBe(false);
    expect(riskAnswersSchema.safeParse({ q1: true }).success).toBe(false);
    expect(riskAnswersSchema.safeParse({ q7: 'yes' }).success).toBe(false);
  });
});

describe('riskLevelOf', () => {
  const cases: [string, RiskAnswers, (typeof RISK_LEVELS)[number]][] = [
    ['nothing asked', {}, 'unknown'],
    ['only flags answered', { alone: 'yes', means_available: 'yes' }, 'unknown'],
    ['asked, no clear answer', { q1: 'unknown', q2: 'no' }, 'unknown'],
    ['all asked answered no', { q1: 'no', q2: 'no', q6: 'no' }, 'none'],
    ['wish to be dead only', { q1: 'yes', q2: 'no', q6: 'no' }, 'low'],
    ['active thoughts, no method/intent/plan', { q1: 'yes', q2: 'yes', q3: 'no', q4: 'no', q5: 'no', q6: 'no' }, 'moderate'],
    ['preparatory behaviour more than 3 months ago', { q1: 'no', q2: 'no', q6: 'yes', q6_recent: 'no', q6_now: 'no' }, 'moderate'],
    ['method', { q1: 'yes', q2: 'yes', q3: 'yes', q4: 'no', q5: 'no' }, 'high'],
    ['intent without means', { q2: 'yes', q4: 'yes', q5: 'yes', means_available: 'no' }, 'high'],
    ['preparatory behaviour in the last 3 months', { q6: 'yes', q6_recent: 'yes', q6_now: 'no' }, 'high'],
    ['preparatory behaviour of unknown date counts as recent', { q6: 'yes' }, 'high'],
    ['attempt in progress', { q6: 'yes', q6_now: 'yes' }, 'imminent'],
    ['intent, plan and means', { q1: 'yes', q2: 'yes', q3: 'yes', q4: 'yes', q5: 'yes', means_available: 'yes', alone: 'no' }, 'imminent'],
  ];
  it.each(cases)('%s', (_, answers, level) => {
    expect(riskLevelOf(answers)).toBe(level);
  });

  it('never goes down when one more question is answered yes', () => {
    const answersArb = fc.record(Object.fromEntries(RISK_QUESTION_IDS.map((id) => [id, fc.constantFrom(...RISK_ANSWER_VALUES)])), {
      requiredKeys: [],
    }) as fc.Arbitrary<RiskAnswers>;
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...RISK_QUESTION_IDS), (answers, id) => {
        const before = riskLevelOf(answers);
        const after = riskLevelOf({ ...answers, [id]: 'yes' });
        expect(riskRank(after)).toBeGreaterThanOrEqual(riskRank(before));
      }),
      { numRuns: 2000 },
    );
  });

  it('ranks levels in the vocabulary order', () => {
    expect(RISK_LEVELS.map(riskRank)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('ageGroupOf', () => {
  it.each([
    [0, 'under_10'],
    [9, 'under_10'],
    [10, '10_14'],
    [14, '10_14'],
    [15, '15_17'],
    [17, '15_17'],
    [18, '18_plus'],
    [null, 'unknown'],
  ] as const)('%s → %s', (age, group) => {
    expect(ageGroupOf(age)).toBe(group);
  });
});
