import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest, migrator, pendingMigrations, throwIfFailed } from '../src/db/migrate.js';
import { migrations } from '../src/db/migrations/index.js';
import { schemaDump } from './helpers/schemaDump.js';
import { DATABASES, openEmptyDatabase } from './helpers/testDatabase.js';

const MIGRATIONS_DIR = join(import.meta.dirname, '../src/db/migrations');
const LOCK_FILE = join(import.meta.dirname, 'migrations.lock.json');

describe.each(DATABASES)('migrations on %s', (kind) => {
  const open: DatabaseHandle[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });
  const empty = async () => {
    const h = await openEmptyDatabase(kind);
    open.push(h);
    return h;
  };

  it('a fresh database and one migrated step by step (with restarts between) end with the same schema', async () => {
    const fresh = await empty();
    await migrateToLatest(fresh.db);

    const stepwise = await empty();
    const names = Object.keys(migrations);
    for (let i = 1; i <= names.length; i++) {
      // Each step is a deployment of an older build that knew only the first i migrations.
      const older = Object.fromEntries(names.slice(0, i).map((n) => [n, migrations[n]!]));
      throwIfFailed(await migrator(stepwise.db, older).migrateToLatest());
    }
    expect(await pendingMigrations(stepwise.db)).toEqual([]);
    expect(await schemaDump(stepwise.db)).toEqual(await schemaDump(fresh.db));
  });

  it('running migrations again is a no-op', async () => {
    const h = await empty();
    await migrateToLatest(h.db);
    const before = await schemaDump(h.db);
    await migrateToLatest(h.db);
    expect(await schemaDump(h.db)).toEqual(before);
  });
});

describe('landed migrations are never edited', () => {
  it('every migration file matches the checksum recorded when it landed, and is listed in order', () => {
    const lock = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Record<string, string>;
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{4}_\d{2}_\d{2}_\d{4}_.+\.ts$/.test(f))
      .sort();
    const names = files.map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(migrations)).toEqual(names);
    for (const [name, sum] of Object.entries(lock)) {
      expect(names, `landed migration ${name} was removed`).toContain(name);
      const actual = createHash('sha256')
        .update(readFileSync(join(MIGRATIONS_DIR, `${name}.ts`)))
        .digest('hex');
      expect(actual, `landed migration ${name} was edited: add a new migration instead`).toBe(sum);
    }
    // A new migration must be recorded in the lock file in the same change that adds it.
    expect(names.filter((n) => !(n in lock))).toEqual([]);
  });
});
