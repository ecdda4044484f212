// Report periods and wording on their own: which days come from which rollup, the 20-year limit,
// local midnights, the Russian summary line (plurals, digit groups) and the download's file name header.
import { describe, expect, it } from 'vitest';
import { groupDigits, ruPlural, summaryLine } from '../../src/domain/records/report.js';
import { checkPeriod, localDayStart, sliceForRollups, yearChunks } from '../../src/domain/records/reportPeriod.js';
import { attachment } from '../../src/http/routes/reports.js';

const codeOf = (f: () => void) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('report periods', () => {
  it('whole months come from the monthly rollup, the partial months at the ends from the daily one', () => {
    expect(sliceForRollups({ from: '2025-09-25', to: '2025-11-05' })).toEqual({
      months: ['2025-10-01', '2025-10-01'],
      days: [
        ['2025-09-25', '2025-09-30'],
        ['2025-11-01', '2025-11-05'],
      ],
    });
    expect(sliceForRollups({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ months: ['2025-01-01', '2025-12-01'], days: [] });
    expect(sliceForRollups({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ months: ['2024-02-01', '2024-02-01'], days: [] });
    expect(sliceForRollups({ from: '2025-02-01', to: '2025-02-27' })).toEqual({ months: null, days: [['2025-02-01', '2025-02-27']] });
    expect(sliceForRollups({ from: '2025-10-20', to: '2025-11-10' })).toEqual({ months: null, days: [['2025-10-20', '2025-11-10']] });
    expect(sliceForRollups({ from: '2025-10-02', to: '2025-12-31' })).toEqual({
      months: ['2025-11-01', '2025-12-01'],
      days: [['2025-10-02', '2025-10-31']],
    });
    expect(sliceForRollups({ from: '2025-03-03', to: '2025-03-03' })).toEqual({ months: null, days: [['2025-03-03', '2025-03-03']] });
  });

  it('long periods are read a calendar year at a time', () => {
    expect(yearChunks({ from: '2023-11-15', to: '2025-02-10' })).toEqual([
      { from: '2023-11-15', to: '2023-12-31' },
      { from: '2024-01-01', to: '2024-12-31' },
      { from: '2025-01-01', to: '2025-02-10' },
    ]);
    expect(yearChunks({ from: '2025-05-05', to: '2025-05-05' })).toEqual([{ from: '2025-05-05', to: '2025-05-05' }]);
  });

  it('a period runs forwards and spans at most 20 years', () => {
    expect(codeOf(() => checkPeriod({ from: '2025-01-02', to: '2025-01-01' }))).toBe('report.period_invalid');
    expect(codeOf(() => checkPeriod({ from: '2025-01-01', to: '2025-01-01' }))).toBe('ok');
    expect(codeOf(() => checkPeriod({ from: '2006-01-01', to: '2025-12-31' }))).toBe('ok');
    expect(codeOf(() => checkPeriod({ from: '2006-01-01', to: '2026-01-01' }))).toBe('report.period_invalid');
    expect(codeOf(() => checkPeriod({ from: '2004-03-15', to: '2025-03-14' }))).toBe('report.period_invalid');
    expect(codeOf(() => checkPeriod({ from: '2004-02-29', to: '2024-02-28' }))).toBe('ok');
    expect(codeOf(() => checkPeriod({ from: '2004-02-29', to: '2024-02-29' }))).toBe('report.period_invalid');
  });

  it("a local day starts at the zone's midnight", () => {
    expect(localDayStart('2025-11-01', 'Europe/Moscow').toISOString()).toBe('2025-10-31T21:00:00.000Z');
    expect(localDayStart('2025-11-01', 'Asia/Yakutsk').toISOString()).toBe('2025-10-31T15:00:00.000Z');
    expect(localDayStart('2025-11-01', 'UTC').toISOString()).toBe('2025-11-01T00:00:00.000Z');
    // Across a change of offset (Berlin: summer time ends on 26 October 2025).
    expect(localDayStart('2025-10-26', 'Europe/Berlin').toISOString()).toBe('2025-10-25T22:00:00.000Z');
    expect(localDayStart('2025-10-27', 'Europe/Berlin').toISOString()).toBe('2025-10-26T23:00:00.000Z');
    // Moscow was UTC+4 in 2013.
    expect(localDayStart('2013-06-01', 'Europe/Moscow').toISOString()).toBe('2013-05-31T20:00:00.000Z');
  });
});

describe('the summary line', () => {
  it('reads like the services publish it', () => {
    expect(summaryLine({ from: '2010-10-01', to: '2025-12-31' }, 92_670, 70_523)).toEqual({
      ru: 'С 01.10.2010 по 31.12.2025 поступило 92\u00a0670 обращений, из них 70\u00a0523 по проблеме.',
      en: 'From 01.10.2010 to 31.12.2025 the line received 92,670 contacts, 70,523 of them counselling.',
    });
    expect(summaryLine({ from: '2025-01-01', to: '2025-01-31' }, 1, 1).ru).toBe(
      'С 01.01.2025 по 31.01.2025 поступило 1 обращение, из них 1 по проблеме.',
    );
    expect(summaryLine({ from: '2025-01-01', to: '2025-01-31' }, 1, 1).en).toBe(
      'From 01.01.2025 to 31.01.2025 the line received 1 contact, 1 of them counselling.',
    );
    expect(summaryLine({ from: '2025-01-01', to: '2025-01-31' }, '<5', '<5').ru).toBe(
      'С 01.01.2025 по 31.01.2025 поступило менее 5 обращений, из них менее 5 по проблеме.',
    );
  });

  it('Russian plurals and digit groups', () => {
    const forms = (n: number) => ruPlural(n, 'обращение', 'обращения', 'обращений');
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1_000_002].map(forms)).toEqual([
      'обращение',
      'обращения',
      'обращения',
      'обращений',
      'обращений',
      'обращений',
      'обращений',
      'обращение',
      'обращения',
      'обращений',
      'обращение',
      'обращений',
      'обращения',
    ]);
    expect([0, 999, 1000, 15_000_000].map((n) => groupDigits(n, ' '))).toEqual(['0', '999', '1 000', '15 000 000']);
  });
});

describe('the download header', () => {
  it('names the file in Russian (RFC 5987) with an ASCII fallback', () => {
    expect(attachment('Статистика (сеть) — 2025.xlsx', 'contacts-report.xlsx')).toBe(
      `attachment; filename="contacts-report.xlsx"; filename*=UTF-8''%D0%A1%D1%82%D0%B0%D1%82%D0%B8%D1%81%D1%82%D0%B8%D0%BA%D0%B0%20%28%D1%81%D0%B5%D1%82%D1%8C%29%20%E2%80%94%202025.xlsx`,
    );
    expect(attachment('x.xlsx', 'a"b\\c.xlsx')).toBe(`attachment; filename="a_b_c.xlsx"; filename*=UTF-8''x.xlsx`);
  });
});
