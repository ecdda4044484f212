// Opens the one database Doverie uses: PGlite in-process (embedded default) or PostgreSQL (DATABASE_URL).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { pgliteTemplatePath } from '../paths.js';
import { PgliteDialect } from './pgliteDialect.js';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const INT8 = 20;
/** SQL `date` stays the 'YYYY-MM-DD' text it is: a JS Date would shift it by the process's time zone. */
const DATE = 1082;

export async function openDatabase(settings: Config['database']): Promise<DatabaseHandle> {
  if (settings.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: settings.url,
      max: settings.poolMax,
      // bigint ids and counters fit a JS number for any realistic helpline volume.
      types: {
        getTypeParser: (oid, format) =>
          oid === INT8 ? Number : oid === DATE ? (value: string) => value : pg.types.getTypeParser(oid, format),
      },
    });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Queries in flight see their own error.
    });
    // The same for a client that is checked out (e.g. the routing lease's): its queries fail on their
    // own; an unheard 'error' event would otherwise end the process.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const release = lockDataDir(settings.dataDir);
  try {
    const pglite = await openPglite(settings.dataDir);
    const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await closePglite(db, pglite);
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** An in-memory PGlite database (tests, benchmarks). */
export async function openMemoryDatabase(): Promise<DatabaseHandle> {
  const pglite = await openPglite(undefined);
  const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => closePglite(db, pglite) };
}

/** Kysely only destroys a driver it has used, so the PGlite instance is closed here either way. */
async function closePglite(db: Database, pglite: PGlite): Promise<void> {
  await db.destroy();
  if (!pglite.closed) await pglite.close();
}

async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  const fresh = dataDir === undefined || !existsSync(dataDir) || readdirSync(dataDir).length === 0;
  const template = fresh && existsSync(pgliteTemplatePath) ? new Blob([readFileSync(pgliteTemplatePath)]) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(template ? { loadDataDir: template } : {}),
    parsers: { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value },
  });
}

/** Makes the PGlite template that openPglite loads on a first start (run by `npm run build`). */
export async function writePgliteTemplate(path = pgliteTemplatePath): Promise<void> {
  const pglite = await PGlite.create();
  const dump = await pglite.dumpDataDir('gzip');
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}

/** PGlite is single-process: a second server on the same data dir would corrupt it, so refuse. */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, '..', `${dataDir.split('/').pop() ?? 'pglite'}.lock`);
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) {
      throw new Error(`The embedded database in ${dataDir} is in use by another Doverie process (pid ${pid}).`);
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function ping(db: Database): Promise<void> {
  await sql`select 1`.execute(db);
}
