// Vitest global setup: one PostgreSQL server for the whole run, with a migrated template database.
// Each test app gets its own copy of it (see testDatabase.ts), and the same tests run on PGlite.
import type { TestProject } from 'vitest/node';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedClassification } from '../../src/domain/records/classificationSeed.js';
import { seedDirectoryTaxonomy } from '../../src/domain/directory/taxonomySeed.js';
import type { DB } from '../../src/db/schema.js';
import { startPostgres } from './postgresServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateName: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query('create database doverie_template');
    await admin.end();
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: server.urlFor('doverie_template'), max: 2 }) }),
    });
    await migrateToLatest(db);
    await seedClassification(db);
    await seedDirectoryTaxonomy(db);
    await sql`select 1`.execute(db);
    await db.destroy();
  } catch (err) {
    server.stop();
    throw err;
  }
  project.provide('pgAdminUrl', server.adminUrl);
  project.provide('pgTemplateName', 'doverie_template');
  return () => server.stop();
}
