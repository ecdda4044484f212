// The two databases every database-touching test runs on: PGlite (a fresh in-memory instance per
// test file) and the real PostgreSQL server started by globalSetup (shared; tests isolate
// themselves by creating their own service).
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { openDatabase, openMemoryDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const DATABASES = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

export async function openTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const handle = await openMemoryDatabase();
    await migrateToLatest(handle.db);
    return handle;
  }
  return openDatabase({ kind: 'postgres', url: inject('pgSharedUrl'), poolMax: 5 });
}

/** An empty, unmigrated database of the given kind, for tests that need the whole database to themselves. */
export async function openEmptyDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') return openMemoryDatabase();
  const name = `doverie_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const handle = await openDatabase({ kind: 'postgres', url: inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`), poolMax: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
