// What one record adds to the statistics: the pure key functions and the service-local calendar.
import { describe, expect, it } from 'vitest';
import {
  classificationKeys,
  localParts,
  routingKeys,
  type ClassifiedRecord,
  type RoutedContact,
} from '../../src/domain/records/statsKeys.js';
import { mergeKeys } from '../../src/domain/records/statsRollup.js';

const counselling: ClassifiedRecord = {
  contactType: 'counselling',
  channel: 'voice',
  callerType: 'child',
  ageGroup: '10_14',
  childGender: 'girl',
  riskLevel: 'moderate',
  repeatContact: true,
  reasons: [
    { code: 'peers.bullying_school', nationalRow: 'cruelty_peers' },
    { code: 'peers.cyberbullying', nationalRow: 'cruelty_peers' },
    { code: 'school.exams', nationalRow: 'school' },
  ],
  localHour: 21,
  localWeekday: 5,
};

describe('classificationKeys', () => {
  it('a non-counselling contact counts only in the all-contacts dimensions', () => {
    expect(classificationKeys({ ...counselling, contactType: 'silent', reasons: [] })).toEqual([
      ['contacts', 'all', 1],
      ['type', 'silent', 1],
      ['channel', 'voice', 1],
      ['hour', '21', 1],
      ['weekday', '5', 1],
    ]);
  });

  it('a counselling contact is counted once per national row however many of its reasons fall in it', () => {
    const keys = classificationKeys(counselling);
    expect(keys.filter((k) => k[0] === 'c.row')).toEqual([
      ['c.row', 'cruelty_peers', 1],
      ['c.row', 'school', 1],
    ]);
    expect(keys.filter((k) => k[0] === 'c.reason').map((k) => k[1])).toEqual([
      'peers.bullying_school',
      'peers.cyberbullying',
      'school.exams',
    ]);
    expect(keys).toContainEqual(['c.caller', 'child', 1]);
    expect(keys).toContainEqual(['c.age', '10_14', 1]);
    expect(keys).toContainEqual(['c.gender', 'girl', 1]);
    expect(keys).toContainEqual(['c.risk', 'moderate', 1]);
    expect(keys).toContainEqual(['c.repeat', 'yes', 1]);
  });

  it('missing caller, age and gender are counted as unknown', () => {
    const keys = classificationKeys({ ...counselling, callerType: null, ageGroup: null, childGender: null, repeatContact: false });
    expect(keys).toContainEqual(['c.caller', 'unknown', 1]);
    expect(keys).toContainEqual(['c.age', 'unknown', 1]);
    expect(keys).toContainEqual(['c.gender', 'unknown', 1]);
    expect(keys.some((k) => k[0] === 'c.repeat')).toBe(false);
  });
});

describe('referral keys', () => {
  it('count referrals of any contact type, and per taxonomy term how many of them carry it', () => {
    const keys = classificationKeys({
      ...counselling,
      contactType: 'info_services',
      reasons: [],
      referralTerms: [['t1', 't2'], ['t2'], ['t2', 't2']],
    });
    expect(keys.filter((k) => k[0].startsWith('referral'))).toEqual([
      ['referral', 'all', 3],
      ['referral.term', 't1', 1],
      ['referral.term', 't2', 3],
    ]);
    expect(classificationKeys({ ...counselling, referralTerms: [] }).some((k) => k[0].startsWith('referral'))).toBe(false);
  });
});

describe('routingKeys', () => {
  const answered: RoutedContact = {
    queued: true,
    outcome: 'answered',
    waitMs: 20_000,
    talkMs: 600_000,
    wrapMs: 60_000,
    afterGreeting: null,
    answeredByPartner: false,
  };

  it('an answer at exactly T = 20 s is within the service level; one millisecond later is not', () => {
    expect(routingKeys(answered)).toEqual([
      ['routing', 'offered', 1],
      ['routing', 'answered', 1],
      ['routing', 'wait_ms', 20_000],
      ['routing', 'answered_in_sl', 1],
      ['routing', 'handled', 1],
      ['routing', 'handle_ms', 660_000],
    ]);
    expect(routingKeys({ ...answered, waitMs: 20_001 }).some((k) => k[1] === 'answered_in_sl')).toBe(false);
  });

  it('abandons under 5 s are short (left out of SL and abandonment); later ones count, with the greeting flag', () => {
    expect(routingKeys({ ...answered, outcome: 'abandoned', waitMs: 4_999 })).toEqual([
      ['routing', 'offered', 1],
      ['routing', 'short_abandoned', 1],
    ]);
    expect(routingKeys({ ...answered, outcome: 'abandoned', waitMs: 5_000, afterGreeting: true })).toEqual([
      ['routing', 'offered', 1],
      ['routing', 'abandoned', 1],
      ['routing', 'abandoned_after_greeting', 1],
    ]);
  });

  it('offline contacts and the first half of a transfer add nothing; a partner answer is marked', () => {
    expect(routingKeys({ ...answered, queued: false })).toEqual([]);
    expect(routingKeys({ ...answered, outcome: 'transferred' })).toEqual([]);
    expect(routingKeys({ ...answered, answeredByPartner: true })).toContainEqual(['routing', 'answered_by_partner', 1]);
    expect(routingKeys({ ...answered, outcome: 'expired' })).toEqual([
      ['routing', 'offered', 1],
      ['routing', 'expired', 1],
    ]);
  });
});

describe('localParts', () => {
  it("uses the service's time zone: 21:30 UTC on 31 Dec is already 1 Jan in Vladivostok, still 31 Dec in Moscow", () => {
    const at = new Date('2025-12-31T21:30:00Z');
    expect(localParts(at, 'Europe/Moscow')).toEqual({ day: '2026-01-01', hour: 0, weekday: 4 });
    expect(localParts(at, 'Europe/Kaliningrad')).toEqual({ day: '2025-12-31', hour: 23, weekday: 3 });
    expect(localParts(at, 'Asia/Vladivostok')).toEqual({ day: '2026-01-01', hour: 7, weekday: 4 });
  });
});

describe('mergeKeys', () => {
  it('sums weights per (dimension, value), drops zeros and sorts (a fixed lock order for concurrent writers)', () => {
    expect(
      mergeKeys([
        ['type', 'silent', 1],
        ['contacts', 'all', 1],
        ['type', 'silent', 1],
        ['channel', 'voice', 1],
        ['channel', 'voice', -1],
      ]),
    ).toEqual([
      ['contacts', 'all', 1],
      ['type', 'silent', 2],
    ]);
  });
});
