// Text as it goes into the search index and into a query: lower case and ё as е, done here rather
// than by Postgres, whose case folding depends on the database's locale (under the C locale it
// leaves Cyrillic alone, and the Russian stemmer then misses capitalised words).
export const foldForSearch = (s: string): string => s.toLowerCase().replace(/ё/g, 'е');
