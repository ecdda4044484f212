// The referral directory at national scale: 100,000 HSDS services over the 230 helpline services
// (and national ones) generated in PostgreSQL (bench/directory/generate.ts), then, against the built
// server over HTTP, one request at a time as counsellors of helplines chosen at random: the staff
// search GET /api/directory/services (target p95 < 20 ms) and the HSDS API's lists /api/hsds/services,
// /organizations, /service_at_locations with search and taxonomy filters (target p95 < 50 ms).
// Usage: npm run build && npm run bench:directory [-- --quick] [--services N] [--national N]
// [--rounds N] [--server path/to/main.js] (see bench/README.md). The last line is JSON.
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { csrfTokenOf, sessionIdOf } from '../src/domain/auth/sessions.js';
import { areaCodesOf } from '../src/domain/directory/regions.js';
import { seedDirectoryTaxonomy } from '../src/domain/directory/taxonomySeed.js';
import type { PostgresServer } from '../test/helpers/postgresServer.js';
import { planDirectory, writeDirectory } from './directory/generate.js';
import { hsdsLists, searchQueries, type Caller, type Latencies } from './directory/measure.js';
import { verifyIndex } from './directory/verify.js';
import { Client } from './records/http.js';
import { seedNetwork, type Staff } from './records/network.js';
import { MAIN, num, quick } from './shared/options.js';
import { cleanUpOnSignals, lastLine, runBenchmark, say } from './shared/report.js';
import { startBenchServer, stopProcess } from './shared/serverProcess.js';
import { benchDatabase, reportIdle } from './shared/setup.js';
import { round } from './routing/stats.js';

const SERVICES = num('--services', 100_000);
const NATIONAL = num('--national', 200);
const ROUNDS = num('--rounds', quick ? 40 : 300);
const HELPLINES = 230;
const TARGETS = { searchP95: 20, listP95: 50 };

let postgres: PostgresServer | undefined;
let server: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'doverie-bench-directory-'));

async function cleanUp(): Promise<void> {
  await stopProcess(server);
  server = undefined;
  postgres?.stop();
  postgres = undefined;
  rmSync(dataDir, { recursive: true, force: true });
}
cleanUpOnSignals(cleanUp);

const fmtErrors = (e: Record<string, number>) => (Object.keys(e).length ? ` — errors ${JSON.stringify(e)}` : '');
const line = (l: Latencies) =>
  `p50 ${round(l.p50)} ms, p95 ${round(l.p95)} ms, p99 ${round(l.p99)} ms, max ${round(l.max)} ms (${l.count} ok)${fmtErrors(l.errors)}`;
const errorCount = (...l: Latencies[]) => l.reduce((a, x) => a + Object.values(x.errors).reduce((s, n) => s + n, 0), 0);

/** The deployment's admin (every helpline's entries), with a session like the network's staff. */
async function adminOf(client: pg.Client, sessionSecret: Buffer): Promise<Staff> {
  const token = randomBytes(32).toString('base64url');
  const staff: Staff = { staffId: randomUUID(), serviceId: null, token, csrf: csrfTokenOf({ sessionSecret }, token) };
  const hash = (await client.query<{ h: string }>('select password_hash as h from staff_users limit 1')).rows[0]!.h;
  await client.query(
    `insert into staff_users (id, login, pseudonym, full_name, password_hash) values ($1, 'bench-admin', 'Админ', 'Админ', $2)`,
    [staff.staffId, hash],
  );
  await client.query(`insert into role_grants (user_id, service_id, role) values ($1, null, 'admin')`, [staff.staffId]);
  const now = new Date();
  await client.query('insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values ($1, $2, $3, $3, $4)', [
    sessionIdOf({ sessionSecret }, token),
    staff.staffId,
    now,
    new Date(now.getTime() + 12 * 3_600_000),
  ]);
  return staff;
}

async function main(): Promise<number> {
  if (!existsSync(MAIN)) throw new Error('Run `npm run build` first (the server is dist/).');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  say(
    `directory benchmark: ${SERVICES.toLocaleString('en')} HSDS services (${NATIONAL} national) over ${HELPLINES} helplines — ${machine}`,
  );
  await reportIdle(say);
  const { url, secrets } = await benchDatabase((started) => (postgres = started));
  const sessionSecret = Buffer.from(secrets.DOVERIE_SESSION_SECRET, 'base64');

  const handle = await openDatabase({ kind: 'postgres', url, poolMax: 2 });
  await migrateToLatest(handle.db);
  await seedDirectoryTaxonomy(handle.db);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const network = await seedNetwork(client, sessionSecret, HELPLINES);
  await client.query('drop table bench_services');
  const admin = await adminOf(client, sessionSecret);

  const t0 = Date.now();
  const plan = planDirectory(network.services, SERVICES, NATIONAL, new Date());
  const planSeconds = (Date.now() - t0) / 1000;
  await client.query("set work_mem = '256MB'");
  const rows = await writeDirectory(client, plan);
  const writeSeconds = (Date.now() - t0) / 1000 - planSeconds;
  const v = Date.now();
  await client.query('vacuum analyze');
  const vacuumSeconds = (Date.now() - v) / 1000;
  const facts = (
    await client.query<{ version: string; size: string; bytes: string }>(
      `select current_setting('server_version') as version, pg_size_pretty(pg_database_size(current_database())) as size,
         pg_database_size(current_database()) as bytes`,
    )
  ).rows[0]!;
  const generationSeconds = (Date.now() - t0) / 1000;
  say(
    `generated ${plan.length.toLocaleString('en')} services, ${rows.toLocaleString('en')} HSDS rows in ${round(generationSeconds)} s ` +
      `(plan ${round(planSeconds)} s, SQL ${round(writeSeconds)} s, vacuum analyze ${round(vacuumSeconds)} s); database ${facts.size}; PostgreSQL ${facts.version}`,
  );
  const verified = await verifyIndex(handle.db, 30);
  say(
    `verify: ${verified.checked} generated index rows against serviceIndex.ts's: ${verified.mismatches.length ? `${verified.mismatches.length} MISMATCHES` : 'all equal'}`,
  );
  for (const m of verified.mismatches.slice(0, 10)) say(`  ${m}`);
  await handle.close();
  await client.end();

  const started = await startBenchServer(MAIN, { url, secrets, dataDir }, {}, { track: (child) => (server = child) });
  say(`server ready at ${started.url}`);
  const http = new Client(started.url, 4);
  const regionOf = new Map(network.services.map((s) => [s.id, areaCodesOf(s.region)[0] ?? 'RU-MOW']));
  const callers: Caller[] = network.counsellors.map((staff) => ({ staff, area: regionOf.get(staff.serviceId!)! }));
  const admins: Caller[] = [{ staff: admin, area: 'RU-MOW' }];

  // Warm-up, not measured: the server's first requests of each kind (code paths, statement plans, connections).
  await searchQueries(http, callers, 3);
  await hsdsLists(http, callers, 3);
  const search = await searchQueries(http, callers, ROUNDS);
  say(`staff search, GET /api/directory/services (${search.all.count} queries): ${line(search.all)}`);
  for (const [kind, l] of Object.entries(search.byKind)) say(`  ${kind}: ${line(l)}`);
  const lists = await hsdsLists(http, callers, ROUNDS);
  say(`HSDS lists, GET /api/hsds/… (${lists.all.count} queries): ${line(lists.all)}`);
  for (const [kind, l] of Object.entries(lists.byKind)) say(`  ${kind}: ${line(l)}`);
  // For the record, not a target: the admin reads every helpline's entries.
  const adminSearch = await searchQueries(http, admins, Math.max(3, Math.round(ROUNDS / 10)));
  const adminLists = await hsdsLists(http, admins, Math.max(3, Math.round(ROUNDS / 10)));
  say(`the admin (all ${SERVICES.toLocaleString('en')} services): search ${line(adminSearch.all)}`);
  say(`  HSDS lists ${line(adminLists.all)}`);
  http.close();

  const table: [string, number, number][] = [
    ['search p95', search.all.p95, TARGETS.searchP95],
    ['HSDS lists p95', lists.all.p95, TARGETS.listP95],
  ];
  say('');
  say('measure              figure      target    figure ÷ target');
  for (const [name, f, t] of table)
    say(`${name.padEnd(18)} ${round(f).toFixed(1).padStart(9)} ms ${String(t).padStart(6)} ms   ${round(f / t, 2)}`);
  say(`machine: ${machine}; PostgreSQL ${facts.version}; generation ${round(generationSeconds)} s; database ${facts.size}`);
  const errors = errorCount(search.all, lists.all, adminSearch.all, adminLists.all);
  return lastLine(
    {
      bench: 'directory',
      helplines: HELPLINES,
      services: plan.length,
      national: NATIONAL,
      hsds_rows: rows,
      generation_s: round(generationSeconds),
      db_bytes: Number(facts.bytes),
      rounds: ROUNDS,
      search_p50_ms: round(search.all.p50, 2),
      search_p95_ms: round(search.all.p95, 2),
      search_p99_ms: round(search.all.p99, 2),
      lists_p50_ms: round(lists.all.p50, 2),
      lists_p95_ms: round(lists.all.p95, 2),
      lists_p99_ms: round(lists.all.p99, 2),
      admin_search_p95_ms: round(adminSearch.all.p95, 2),
      admin_lists_p95_ms: round(adminLists.all.p95, 2),
      ratio_search_p95: round(search.all.p95 / TARGETS.searchP95, 2),
      ratio_lists_p95: round(lists.all.p95 / TARGETS.listP95, 2),
      errors,
      verify_mismatches: verified.mismatches.length,
      machine,
      postgres: facts.version,
    },
    errors > 0 || verified.mismatches.length > 0,
  );
}

await runBenchmark(main, cleanUp);
