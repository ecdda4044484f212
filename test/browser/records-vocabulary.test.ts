// The SPA keeps its own copy of the record vocabulary and the risk screener (web/ does not import
// server code): the copies must say exactly what the server accepts and asks.
import { describe, expect, it } from 'vitest';
import * as server from '../../src/domain/records/vocabulary.js';
import { RISK_ANSWER_VALUES, RISK_QUESTION_IDS, RISK_QUESTIONS } from '../../src/domain/records/risk.js';
import * as web from '../../web/src/records/vocabulary.js';

describe("the SPA's copy of the record vocabulary", () => {
  it('lists the same coded values as the server, in the same order', () => {
    const lists = [
      'CONTACT_TYPES',
      'CHOOSABLE_CONTACT_TYPES',
      'CALLER_TYPES',
      'GENDERS',
      'AGE_GROUPS',
      'LOCALITY_TYPES',
      'VULNERABLE_GROUPS',
      'HEARD_FROM',
      'ACTIONS',
      'RISK_LEVELS',
      'RECORD_CHANNELS',
      'NATIONAL_ROWS',
    ] as const;
    for (const name of lists) expect([...web[name]], name).toEqual([...server[name]]);
    expect([web.MAX_AGE, web.MAX_REASONS, web.SUMMARY_MAX, web.REFERRAL_MAX]).toEqual([
      server.MAX_AGE,
      server.MAX_REASONS,
      server.SUMMARY_MAX,
      server.REFERRAL_MAX,
    ]);
  });

  it('derives the same age group as the server for every age', () => {
    for (const age of [null, ...Array.from({ length: server.MAX_AGE + 1 }, (_, i) => i)])
      expect(web.ageGroupOf(age)).toBe(server.ageGroupOf(age));
  });

  it('asks the same risk questions, in the same order and words, with the same answers', () => {
    expect([...web.RISK_QUESTION_IDS]).toEqual([...RISK_QUESTION_IDS]);
    expect([...web.RISK_ANSWER_VALUES]).toEqual([...RISK_ANSWER_VALUES]);
    expect(web.RISK_QUESTIONS).toEqual(RISK_QUESTIONS);
  });

  it('asks a follow-up only after a yes to its question, and drops its answer when that yes is taken back', () => {
    expect(web.askedQuestions({}).map((q) => q.id)).toEqual(['q1', 'q2', 'q6', 'means_available', 'alone']);
    expect(web.askedQuestions({ q2: 'yes', q6: 'yes' }).map((q) => q.id)).toEqual([...RISK_QUESTION_IDS]);
    expect(web.prunedAnswers({ q2: 'no', q3: 'yes', q6: 'yes', q6_now: 'no' })).toEqual({ q2: 'no', q6: 'yes', q6_now: 'no' });
  });
});
