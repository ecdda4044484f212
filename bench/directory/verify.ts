// Checks the generator against the product: for a sample of the generated services, their index rows
// as the SQL wrote them against what src/domain/directory/serviceIndex.ts makes of the same HSDS rows
// (in a transaction rolled back): the same lexemes with the same weights, terms, regions, ages, cost,
// opening hours and organisation. Positions may differ (the order terms are listed in).
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { reindexServices } from '../../src/domain/directory/serviceIndex.js';

interface IndexFacts {
  service_id: string;
  lexemes: string[];
  term_ids: string[];
  area_codes: string[];
  min_age: number | null;
  max_age: number | null;
  free: boolean;
  open: string | null;
  organization_id: string | null;
  organization_name: string | null;
}

const facts = (db: Database, ids: readonly string[]) =>
  sql<IndexFacts>`
    select service_id, array(select lexeme || ':' || array_to_string(weights, '') from unnest(search) order by 1) as lexemes,
      array(select t::text from unnest(term_ids) t order by 1) as term_ids, area_codes, min_age, max_age, free,
      open_minutes::text as open, organization_id, organization_name
    from directory_services where service_id in (${sql.join(ids)}) order by service_id`.execute(db);

class Rollback extends Error {}

/** Mismatches between the generated index rows of `sample` services and the product's. */
export async function verifyIndex(db: Database, sample: number): Promise<{ checked: number; mismatches: string[] }> {
  const { rows } = await sql<{
    service_id: string;
  }>`select service_id from directory_services order by md5(service_id::text) limit ${sample}`.execute(db);
  const ids = rows.map((r) => r.service_id);
  const generated = (await facts(db, ids)).rows;
  let rebuilt: IndexFacts[] = [];
  try {
    await db.transaction().execute(async (tx) => {
      await reindexServices(tx, ids, new Date());
      rebuilt = (await facts(tx as unknown as Database, ids)).rows;
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  const mismatches: string[] = [];
  for (const [i, g] of generated.entries()) {
    const r = rebuilt[i];
    for (const k of Object.keys(g) as (keyof IndexFacts)[])
      if (JSON.stringify(g[k]) !== JSON.stringify(r?.[k]))
        mismatches.push(`${g.service_id} ${k}: generated ${JSON.stringify(g[k])}, product ${JSON.stringify(r?.[k])}`);
  }
  return { checked: ids.length, mismatches };
}
