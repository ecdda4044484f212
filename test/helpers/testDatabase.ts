// The two databases every database-touching test runs on: PGlite (a fresh in-memory instance per
// test file) and the real PostgreSQL server started by globalSetup (a fresh copy of the migrated
// template database per test app, so each app's routing engine is the only writer of its log).
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { openDatabase, openMemoryDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedClassification } from '../../src/domain/records/classificationSeed.js';
import { seedDirectoryTaxonomy } from '../../src/domain/directory/taxonomySeed.js';

export const DATABASES = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

export async function openTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const handle = await openMemoryDatabase();
    await migrateToLatest(handle.db);
    await seedClassification(handle.db);
    await seedDirectoryTaxonomy(handle.db);
    return handle;
  }
  return createPostgresDatabase(`template ${inject('pgTemplateName')}`);
}

async function createPostgresDatabase(clause: string): Promise<DatabaseHandle> {
  const name = `doverie_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name} ${clause}`);
  const handle = await openDatabase({ kind: 'postgres', url: inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`), poolMax: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** An empty, unmigrated database of the given kind, for tests that need the whole database to themselves. */
export async function openEmptyDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') return openMemoryDatabase();
  return createPostgresDatabase('');
}
