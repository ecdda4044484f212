// The national classification: its rows are well formed, map onto every report row, and seeding a
// database twice leaves exactly one copy of them (on PGlite and on PostgreSQL).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import {
  CURRENT_NATIONAL_VERSION,
  NATIONAL_VERSION_LABEL,
  REASON_CATEGORIES,
  REASON_CODES,
  seedClassification,
} from '../../src/domain/records/classificationSeed.js';
import { REASON_CODE_PATTERN } from '../../src/domain/records/recordSchemas.js';
import { CHI_CATEGORIES, NATIONAL_ROWS } from '../../src/domain/records/vocabulary.js';
import { DATABASES, openTestDatabase } from '../helpers/testDatabase.js';

const CYRILLIC = /[А-Яа-яЁё]/;
const LATIN = /[A-Za-z]/;

describe('national classification data', () => {
  it('has unique category and reason codes in the raw-code format', () => {
    expect(new Set(REASON_CATEGORIES.map((c) => c.code)).size).toBe(REASON_CATEGORIES.length);
    expect(new Set(REASON_CODES.map((r) => r.code)).size).toBe(REASON_CODES.length);
    for (const r of REASON_CODES) {
      expect(r.code).toMatch(REASON_CODE_PATTERN);
      expect(r.code.startsWith(`${r.categoryCode}.`), r.code).toBe(true);
    }
  });

  it('is about the size a counsellor can pick from', () => {
    expect(REASON_CATEGORIES.length).toBeGreaterThanOrEqual(12);
    expect(REASON_CATEGORIES.length).toBeLessThanOrEqual(15);
    expect(REASON_CODES.length).toBeGreaterThanOrEqual(50);
    expect(REASON_CODES.length).toBeLessThanOrEqual(70);
  });

  it('puts every code in an existing category, and every category has codes', () => {
    const categories = new Set(REASON_CATEGORIES.map((c) => c.code));
    for (const r of REASON_CODES) expect(categories.has(r.categoryCode), r.code).toBe(true);
    for (const c of categories)
      expect(
        REASON_CODES.some((r) => r.categoryCode === c),
        c,
      ).toBe(true);
  });

  it('maps every code to a valid national row and CHI category', () => {
    for (const r of REASON_CODES) {
      expect(NATIONAL_ROWS, r.code).toContain(r.nationalRow);
      expect(CHI_CATEGORIES, r.code).toContain(r.chiCategory);
    }
  });

  it('counts something in every national row but "other"', () => {
    for (const row of NATIONAL_ROWS.filter((x) => x !== 'other')) {
      expect(
        REASON_CODES.some((r) => r.nationalRow === row),
        row,
      ).toBe(true);
    }
  });

  it('has Russian and English labels everywhere', () => {
    for (const x of [...REASON_CATEGORIES, ...REASON_CODES]) {
      expect(x.labelRu, x.code).toMatch(CYRILLIC);
      expect(x.labelEn, x.code).toMatch(LATIN);
      expect(x.labelEn, x.code).not.toMatch(CYRILLIC);
      expect(x.labelRu.trim(), x.code).toBe(x.labelRu);
      expect(x.labelEn.trim(), x.code).toBe(x.labelEn);
    }
  });

  it('numbers positions from 1 without gaps, categories overall and codes within a category', () => {
    expect(REASON_CATEGORIES.map((c) => c.position)).toEqual(REASON_CATEGORIES.map((_, i) => i + 1));
    for (const c of REASON_CATEGORIES) {
      const positions = REASON_CODES.filter((r) => r.categoryCode === c.code).map((r) => r.position);
      expect(positions, c.code).toEqual(positions.map((_, i) => i + 1));
    }
  });
});

describe.each(DATABASES)('seeding the classification on %s', (kind) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase(kind);
  });
  afterAll(() => h.close());

  const counts = async () => {
    const { rows } = await sql<{ versions: number; categories: number; codes: number }>`
      select (select count(*)::int from classification_versions) as versions,
             (select count(*)::int from reason_categories) as categories,
             (select count(*)::int from reason_codes) as codes`.execute(h.db);
    return rows[0]!;
  };

  it('inserts version 1 and all rows once, however often it runs', async () => {
    await seedClassification(h.db);
    const first = await counts();
    expect(first).toEqual({ versions: 1, categories: REASON_CATEGORIES.length, codes: REASON_CODES.length });
    await seedClassification(h.db);
    await Promise.all([seedClassification(h.db), seedClassification(h.db)]);
    expect(await counts()).toEqual(first);

    const version = await h.db
      .selectFrom('classification_versions')
      .selectAll()
      .where('version', '=', CURRENT_NATIONAL_VERSION)
      .executeTakeFirstOrThrow();
    expect(version.label).toBe(NATIONAL_VERSION_LABEL);

    // Sorted here: the database's collation may order '.' and '_' differently.
    const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : 1);
    const stored = (await h.db.selectFrom('reason_codes').selectAll().where('service_id', 'is', null).execute()).sort(byCode);
    const expected = [...REASON_CODES].sort(byCode);
    expect(
      stored.map((r) => ({
        code: r.code,
        categoryCode: r.category_code,
        labelRu: r.label_ru,
        labelEn: r.label_en,
        nationalRow: r.national_row,
        chiCategory: r.chi_category,
        position: r.position,
      })),
    ).toEqual(expected);
    expect(stored.every((r) => r.added_in_version === CURRENT_NATIONAL_VERSION && r.retired_in_version === null)).toBe(true);

    const categories = await h.db
      .selectFrom('reason_categories')
      .select(['code', 'label_ru', 'label_en', 'position'])
      .orderBy('position')
      .execute();
    expect(categories.map((c) => ({ code: c.code, labelRu: c.label_ru, labelEn: c.label_en, position: c.position }))).toEqual(
      REASON_CATEGORIES,
    );
  });
});
