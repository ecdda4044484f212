// A comparable description of a database schema: tables, columns, constraints, indexes, triggers, functions.
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

export async function schemaDump(db: Database): Promise<Record<string, unknown[]>> {
  const q = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    columns: await q(sql`
      select table_name, column_name, data_type, is_nullable, column_default, is_identity
      from information_schema.columns where table_schema = 'public' order by table_name, column_name`),
    constraints: await q(sql`
      select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def
      from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`),
    indexes: await q(sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`),
    triggers: await q(sql`
      select tgrelid::regclass::text as tbl, tgname, pg_get_triggerdef(oid) as def
      from pg_trigger where not tgisinternal order by 1, 2`),
    functions: await q(sql`
      select proname, pg_get_functiondef(p.oid) as def from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' order by 1`),
  };
}
