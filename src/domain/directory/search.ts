// Searching the directory: the reader's entries and the national ones, found by words with Russian
// stemming and prefixes ("психолог" finds "психологическая помощь", "опека" finds "органы опеки"),
// narrowed by filters that all must hold (taxonomy term with its sub-terms, region, open now,
// the child's age, free of charge), best matches first. One indexed query gives the page and the
// total; the cards cost two more reads.
import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { idInput } from '../ids.js';
import { buildCards, directoryCardSchema, type DirectoryCard, type IndexedService } from './directoryCards.js';
import { inScope, readerScope, type ReaderScope } from './directoryAccess.js';
import { COUNTRY_CODE, isAreaCode } from './regions.js';
import { minuteOfWeek } from './weeklyHours.js';
import { MAX_AGE } from './entrySchemas.js';
import { SEARCH_MAX, searchTsQuery } from './tsQuery.js';

/** Helplines without a known time zone (national entries): Moscow, where the national line works. */
const DEFAULT_TIME_ZONE = 'Europe/Moscow';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const directorySearchSchema = z
  .object({
    q: z
      .string()
      .max(SEARCH_MAX)
      .refine((s) => !s.includes('\u0000') && s.isWellFormed(), { message: 'text contains a NUL or an unpaired surrogate character' })
      .optional(),
    term: idInput().optional(),
    area: z.string().refine(isAreaCode, { message: 'directory.area_unknown' }).optional(),
    openNow: flag.optional(),
    age: z.coerce.number().int().min(0).max(MAX_AGE).optional(),
    free: flag.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    perPage: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type DirectorySearch = z.output<typeof directorySearchSchema>;

export const directoryPageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
  items: z.array(directoryCardSchema),
});
export type DirectoryPage = z.infer<typeof directoryPageSchema>;

interface Query {
  scope: ReaderScope;
  now: Date;
  filters: Omit<DirectorySearch, 'page' | 'perPage'>;
  ids?: readonly string[];
  page: number;
  perPage: number;
}

type Hit = IndexedService & { total: number };

async function findServices(db: Database, p: Query): Promise<{ total: number; hits: IndexedService[] }> {
  const f = p.filters;
  // Blank text searches nothing by words (a query of stop words narrows nothing either: numnode 0).
  const tsquery = f.q?.trim() ? searchTsQuery(f.q) : null;
  const localDay = sql`(${p.now}::timestamptz at time zone coalesce(sv.time_zone, ${DEFAULT_TIME_ZONE}))::date`;
  const openNow = sql<boolean>`(ds.open_minutes @> ${minuteOfWeek(p.now)}::int and not (${localDay} = any(ds.closed_dates)))`;
  const where: RawBuilder<boolean>[] = [inScope(p.scope, sql`ds.tenant_id`)];
  // Services closed for good are not offered in a search; their card still opens by id.
  if (!p.ids) where.push(sql<boolean>`ds.status <> 'defunct'`);
  // A query of stop words only ("и", "для") has no lexemes: it narrows nothing.
  if (tsquery) where.push(sql<boolean>`(numnode(query) = 0 or ds.search @@ query)`);
  if (p.ids) where.push(p.ids.length ? sql<boolean>`ds.service_id in (${sql.join(p.ids)})` : sql<boolean>`false`);
  if (f.term) where.push(sql<boolean>`ds.term_ids @> ${sql.val([f.term])}::uuid[]`);
  if (f.area) where.push(sql<boolean>`ds.area_codes && ${sql.val([...new Set([f.area, COUNTRY_CODE])])}::text[]`);
  if (f.openNow !== undefined)
    where.push(f.openNow ? sql<boolean>`coalesce(${openNow}, false)` : sql<boolean>`not coalesce(${openNow}, false)`);
  if (f.age !== undefined)
    where.push(sql<boolean>`(ds.min_age is null or ds.min_age <= ${f.age}) and (ds.max_age is null or ds.max_age >= ${f.age})`);
  if (f.free !== undefined) where.push(sql<boolean>`ds.free = ${f.free}`);
  const { rows } = await sql<Hit>`
    select ds.service_id, ds.tenant_id, ds.name, ds.organization_name, ds.min_age, ds.max_age, ds.free, ds.assured_date,
      case when ds.open_minutes is null then null else ${openNow} end as open_now,
      count(*) over ()::int as total
    from directory_services ds
    left join services sv on sv.id = ds.tenant_id
    ${tsquery ? sql`cross join (select ${tsquery} as query) words` : sql``}
    where ${sql.join(where, sql` and `)}
    order by ${tsquery ? sql`ts_rank(ds.search, query) desc, ` : sql``}ds.name, ds.service_id
    limit ${p.perPage} offset ${(p.page - 1) * p.perPage}`.execute(db);
  if (rows.length || p.page === 1) return { total: rows[0]?.total ?? 0, hits: rows };
  // Past the last page: the window count came back with no row, so count on its own.
  const { rows: count } = await sql<{ total: number }>`
    select count(*)::int as total from directory_services ds
    left join services sv on sv.id = ds.tenant_id
    ${tsquery ? sql`cross join (select ${tsquery} as query) words` : sql``}
    where ${sql.join(where, sql` and `)}`.execute(db);
  return { total: count[0]?.total ?? 0, hits: [] };
}

export async function searchDirectory(db: Database, actor: Actor, now: Date, params: DirectorySearch): Promise<DirectoryPage> {
  enforce(policy.readDirectory(actor), 'directory.not_found');
  const { page, perPage, ...filters } = params;
  const found = await findServices(db, { scope: readerScope(actor), now, filters, page, perPage });
  return { total: found.total, page, perPage, items: await buildCards(db, actor, now, found.hits) };
}

/** One entry's card; another helpline's entry (or none) is directory.not_found. */
export async function directoryCard(db: Database, actor: Actor, now: Date, serviceId: string): Promise<DirectoryCard> {
  enforce(policy.readDirectory(actor), 'directory.not_found');
  const found = await findServices(db, { scope: readerScope(actor), now, filters: {}, ids: [serviceId], page: 1, perPage: 1 });
  const cards = await buildCards(db, actor, now, found.hits);
  if (!cards[0]) throw new AppError('directory.not_found');
  return cards[0];
}
