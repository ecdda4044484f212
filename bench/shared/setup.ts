// What every benchmark does first: say how busy the machine is (other work skews every figure), and
// start a throwaway PostgreSQL 15 with an empty `doverie_bench` database and fresh server secrets.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPostgres, type PostgresServer } from '../../test/helpers/postgresServer.js';
import { machineCpu, sleep } from '../routing/stats.js';

export async function reportIdle(say: (line: string) => void): Promise<void> {
  const before = machineCpu();
  await sleep(2000);
  const after = machineCpu();
  const busy = (after.busy - before.busy) / (after.total - before.total);
  say(
    `machine ${Math.round(busy * 100)} % busy before the start${busy > 0.1 ? ' — WARNING: other work is running, figures will be skewed' : ''}`,
  );
}

export interface BenchDatabase {
  postgres: PostgresServer;
  /** The benchmark database over TCP on loopback. */
  url: string;
  /** The server's Unix socket directory (for --unix runs). */
  socketDir: string;
  /** DOVERIE_SESSION_SECRET, DOVERIE_HMAC_PEPPER, DOVERIE_ENCRYPTION_KEY for the server's environment. */
  secrets: Record<'DOVERIE_SESSION_SECRET' | 'DOVERIE_HMAC_PEPPER' | 'DOVERIE_ENCRYPTION_KEY', string>;
}

/** Starts PostgreSQL; the caller stops `postgres` (also on failure: it is returned before anything else can fail). */
export async function benchDatabase(
  onStarted: (postgres: PostgresServer) => void,
  settings: Record<string, string> = {},
): Promise<BenchDatabase> {
  const postgres = await startPostgres(settings);
  onStarted(postgres);
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query('create database doverie_bench');
  const socketDir = (await admin.query<{ d: string }>("select current_setting('unix_socket_directories') as d")).rows[0]!.d.split(
    ',',
  )[0]!.trim();
  await admin.end();
  return {
    postgres,
    url: postgres.urlFor('doverie_bench'),
    socketDir,
    secrets: {
      DOVERIE_SESSION_SECRET: randomBytes(32).toString('base64'),
      DOVERIE_HMAC_PEPPER: randomBytes(32).toString('base64'),
      DOVERIE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    },
  };
}
