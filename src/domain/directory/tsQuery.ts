// Free text → a Russian full-text query where every word is a prefix: "психолог" matches
// "психологическая", "опека" matches "опеки". PostgreSQL itself splits and stems the words
// (plainto_tsquery never fails on any input: quotes, operators, stop words), then each lexeme gets
// `:*`. Text of stop words only ("и", "для") gives an empty query, which narrows nothing. The staff
// search (search.ts) and the HSDS API's `search` (hsdsLists.ts) both use it.
import { sql, type RawBuilder } from 'kysely';
import { foldForSearch } from './searchText.js';

/** Longest search text accepted (the query schemas refuse longer with 400). */
export const SEARCH_MAX = 200;

/** The tsquery of `text` (a SQL expression), folded as the search index is (searchText.ts). */
export function searchTsQuery(text: string): RawBuilder<string> {
  // plainto_tsquery gives 'псих' & 'помощ' (each lexeme quoted, quotes inside doubled); add :* after each.
  return sql<string>`(regexp_replace(plainto_tsquery('russian', ${foldForSearch(text)})::text, '(''(?:[^'']|'''')*'')', '\\1:*', 'g'))::tsquery`;
}

/** What foldedSql translates (after lower(), which folds Latin letters). */
export const FOLD_FROM = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯё';
export const FOLD_TO = 'абвгдеежзийклмнопрстуфхцчшщъыьэюяе';

/**
 * SQL: text folded as foldForSearch folds it, for words read straight from rows (lower() alone
 * leaves Cyrillic as it is under the C locale).
 */
export const foldedSql = (text: RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`translate(lower(${text}), ${sql.lit(FOLD_FROM)}, ${sql.lit(FOLD_TO)})`;

/** SQL: the tsvector `column` matches `text` (anything matches a query of stop words only). */
export function matchesText(column: RawBuilder<unknown>, text: string): RawBuilder<boolean> {
  const q = searchTsQuery(text);
  return sql<boolean>`(numnode(${q}) = 0 or ${column} @@ ${q})`;
}
