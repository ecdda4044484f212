// The record's fields: what a draft may hold, and what stops a record from being finalized.
import { describe, expect, it } from 'vitest';
import { finalizeProblems, recordFieldsSchema, type RecordFields } from '../../src/domain/records/recordSchemas.js';
import { CHOOSABLE_CONTACT_TYPES, MAX_REASONS, SUMMARY_MAX } from '../../src/domain/records/vocabulary.js';

const KNOWN = new Set(['school.exams', 'peers.loneliness', 'suicidal.thoughts']);
const codesOf = (fields: RecordFields) => finalizeProblems(fields, KNOWN).map((p) => p.code);

describe('recordFieldsSchema', () => {
  const ok = (fields: unknown) => recordFieldsSchema.safeParse(fields).success;

  it('accepts an empty draft, nulls, and a complete record', () => {
    expect(ok({})).toBe(true);
    expect(ok({ contactType: null, childAge: null, reasons: null, summary: null })).toBe(true);
    expect(
      ok({
        contactType: 'counselling',
        callerType: 'child',
        childGender: 'girl',
        childAge: 14,
        localityType: 'rural',
        region: 'Вологодская область',
        vulnerable: ['orphan', 'low_income'],
        heardFrom: 'school',
        language: 'ru',
        reasons: ['school.exams', 'peers.loneliness'],
        riskAnswers: { q1: 'yes', q2: 'no', q6: 'no' },
        actions: ['support', 'referred'],
        referral: 'Центр психолого-педагогической помощи',
        summary: 'Тревога перед ОГЭ.',
      }),
    ).toBe(true);
  });

  it('offers every choosable contact type and not the system\'s own "missed"', () => {
    expect(recordFieldsSchema.shape.contactType.unwrap().unwrap().options).toEqual(CHOOSABLE_CONTACT_TYPES);
    expect(ok({ contactType: 'missed' })).toBe(false);
  });

  it('refuses ages outside 0..120 and fractional ages', () => {
    expect(ok({ childAge: 0 })).toBe(true);
    expect(ok({ childAge: 120 })).toBe(true);
    expect(ok({ childAge: -1 })).toBe(false);
    expect(ok({ childAge: 121 })).toBe(false);
    expect(ok({ childAge: 1.5 })).toBe(false);
    expect(ok({ childAge: '12' })).toBe(false);
  });

  it('refuses unknown enum values and unknown fields, the channel included', () => {
    expect(ok({ callerType: 'robot' })).toBe(false);
    expect(ok({ childGender: 'other' })).toBe(false);
    expect(ok({ vulnerable: ['wizard'] })).toBe(false);
    expect(ok({ actions: ['teleported'] })).toBe(false);
    expect(ok({ channel: 'voice' })).toBe(false);
    expect(ok({ riskAnswers: { q1: 'perhaps' } })).toBe(false);
  });

  it('refuses NUL characters, unpaired surrogates and oversized text', () => {
    expect(ok({ summary: 'a\u0000b' })).toBe(false);
    expect(ok({ referral: '\u0000' })).toBe(false);
    expect(ok({ region: 'Москва\u0000' })).toBe(false);
    expect(ok({ summary: 'a\ud800b' })).toBe(false);
    expect(ok({ summary: 'x'.repeat(SUMMARY_MAX) })).toBe(true);
    expect(ok({ summary: 'x'.repeat(10 * 1024 * 1024) })).toBe(false);
    expect(ok({ region: '' })).toBe(false);
    expect(ok({ region: 'x'.repeat(101) })).toBe(false);
  });

  it('takes ISO 639-1 language codes only', () => {
    expect(ok({ language: 'en' })).toBe(true);
    expect(ok({ language: 'RU' })).toBe(false);
    expect(ok({ language: 'rus' })).toBe(false);
  });

  it('refuses duplicate, malformed and too many reasons, and duplicate flags', () => {
    expect(ok({ reasons: ['school.exams', 'school.exams'] })).toBe(false);
    expect(ok({ reasons: ['School.Exams'] })).toBe(false);
    expect(ok({ reasons: [''] })).toBe(false);
    expect(ok({ reasons: ['x'.repeat(81)] })).toBe(false);
    const six = Array.from({ length: MAX_REASONS }, (_, i) => `other.r${i}`);
    expect(ok({ reasons: six })).toBe(true);
    expect(ok({ reasons: [...six, 'other.r6'] })).toBe(false);
    expect(ok({ vulnerable: ['orphan', 'orphan'] })).toBe(false);
    expect(ok({ actions: ['support', 'support'] })).toBe(false);
  });
});

describe('finalizeProblems', () => {
  it('needs a contact type', () => {
    expect(finalizeProblems({}, KNOWN)).toEqual([{ field: 'contactType', code: 'record.type_required' }]);
  });

  it('lets a non-counselling contact through with its type alone', () => {
    for (const type of CHOOSABLE_CONTACT_TYPES.filter((t) => t !== 'counselling')) {
      expect(codesOf({ contactType: type }), type).toEqual([]);
    }
  });

  it('needs a caller type and at least one reason for a counselling contact', () => {
    expect(finalizeProblems({ contactType: 'counselling' }, KNOWN)).toEqual([
      { field: 'callerType', code: 'record.caller_type_required' },
      { field: 'reasons', code: 'record.reason_required' },
    ]);
    expect(codesOf({ contactType: 'counselling', callerType: 'parent', reasons: [] })).toEqual(['record.reason_required']);
    expect(codesOf({ contactType: 'counselling', callerType: 'child', reasons: ['school.exams'] })).toEqual([]);
  });

  it('refuses reasons on a contact that is not counselling', () => {
    expect(finalizeProblems({ contactType: 'prank', reasons: ['school.exams'] }, KNOWN)).toEqual([
      { field: 'reasons', code: 'record.reasons_not_allowed' },
    ]);
  });

  it('refuses reason codes the classification does not know', () => {
    expect(finalizeProblems({ contactType: 'counselling', callerType: 'child', reasons: ['school.exams', 'school.gone'] }, KNOWN)).toEqual([
      { field: 'reasons', code: 'record.unknown_reason' },
    ]);
  });

  it('needs the referral written down when the contact was referred', () => {
    const base: RecordFields = { contactType: 'counselling', callerType: 'child', reasons: ['suicidal.thoughts'], actions: ['referred'] };
    expect(finalizeProblems(base, KNOWN)).toEqual([{ field: 'referral', code: 'record.referral_required' }]);
    expect(codesOf({ ...base, referral: '   ' })).toEqual(['record.referral_required']);
    expect(codesOf({ ...base, referral: 'Кризисный центр' })).toEqual([]);
  });
});
