// Runs the forward-only migrations at start and tells /api/ready whether any are pending.
import { Migrator, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

export function migrator(db: Database, only: Record<string, (typeof migrations)[string]> = migrations): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => only },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

export async function migrateToLatest(db: Database): Promise<void> {
  const result = await migrator(db).migrateToLatest();
  throwIfFailed(result);
}

export function throwIfFailed({ error, results }: MigrationResultSet): void {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? '(unknown)'} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Names of migrations this build knows but the database has not applied yet. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
