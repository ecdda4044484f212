// Which taxonomy terms of the referral directory name an agency a signal can go to: the national
// taxonomy by its codes (a term and its children), a helpline's own terms by the words of their name.
import { describe, expect, it } from 'vitest';
import { NATIONAL_TERMS } from '../../src/domain/directory/taxonomySeed.js';
import { agencyTypeOfTerm, signalNumber } from '../../src/domain/signals/signalVocabulary.js';

const national = new Set(NATIONAL_TERMS.map((t) => t.code));
const typeOf = (code: string) => {
  const term = NATIONAL_TERMS.find((t) => t.code === code);
  if (!term) throw new Error(`no national term ${code}`);
  return agencyTypeOfTerm(term, national);
};

describe('agency types of taxonomy terms', () => {
  it('national terms by code, children included; referral-only terms are no agency', () => {
    expect(
      [
        'opeka',
        'opeka.family_check',
        'pdn.duty',
        'kdn.municipal',
        'legal.prosecutor',
        'education.authority',
        'social.office',
        'medical.hospital',
      ].map(typeOf),
    ).toEqual(['guardianship', 'guardianship', 'police', 'kdn', 'prosecutor', 'education', 'social', 'health']);
    // Schools, crisis centres, free legal aid and hotlines are where callers are referred, not signalled.
    for (const code of ['education', 'education.psychologist', 'crisis.children', 'legal.free', 'hotlines.children'])
      expect(typeOf(code), code).toBeNull();
  });

  it("a helpline's own terms by the words of their name", () => {
    const own = (name: string) => agencyTypeOfTerm({ code: 'svc_1', name }, national);
    expect(own('Отдел опеки Ковровского района')).toBe('guardianship');
    expect(own('Инспекторы ПДН')).toBe('police');
    expect(own('Районная КДН')).toBe('kdn');
    expect(own('Управление социальной защиты населения')).toBe('social');
    expect(own('Кружки и секции')).toBeNull();
  });

  it('the outgoing number reads year/sequence', () => {
    expect(signalNumber(2026, 17)).toBe('2026/17');
    expect(signalNumber(null, null)).toBeNull();
  });
});
