// Contact records on a large network: a synthetic network of 230 services in 85 regions with 15 million
// contacts over 15 years generated in PostgreSQL (bench/records/generate.ts), then, against the built
// server over HTTP: finalizing a record at 200 requests/s for 30 s (p99 target < 15 ms), the journal's
// filter queries (p95 < 100 ms), the national annual report (< 1 s) and one service's month (< 100 ms).
// Usage: npm run build && npm run bench:records [-- --quick] [--contacts N] [--verify] [--jobs N]
// [--rate N] [--seconds N] [--pool N] [--cpu-prof] [--server path/to/main.js] (see bench/README.md). The last line is JSON.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { PostgresServer } from '../test/helpers/postgresServer.js';
import { buildNetwork } from './records/build.js';
import { makeDrafts } from './records/drafts.js';
import { DIAG_SETTINGS, readDiagnostics, startDiagnostics } from './records/diagnostics.js';
import { finalizeAtRate, journalQueries, nationalReport, serviceMonth, type Latencies } from './records/measure.js';
import { Client } from './records/http.js';
import { arg, flag, MAIN, quick } from './shared/options.js';
import { cleanUpOnSignals, lastLine, runBenchmark, say } from './shared/report.js';
import { startBenchServer, stopProcess } from './shared/serverProcess.js';
import { benchDatabase, reportIdle } from './shared/setup.js';
import { FIRST_YEAR, YEARS } from './records/shares.js';
import { verifyServiceYear } from './records/verify.js';
import { cpuSeconds, cpuSecondsOf, machineCpu, round } from './routing/stats.js';

const verify = flag('--verify');
const diag = flag('--diag');
const cpuProf = flag('--cpu-prof');
const POOL = arg('--pool');
const CONTACTS = Number(arg('--contacts') ?? (quick ? 300_000 : 15_000_000));
const JOBS = Number(arg('--jobs') ?? 2);
const RATE = Number(arg('--rate') ?? 200);
const SECONDS = Number(arg('--seconds') ?? (quick ? 10 : 30));
const SERVICES = 230;
const YEAR = FIRST_YEAR + YEARS - 1;
const TARGETS = { finalizeP99: 15, journalP95: 100, national: 1000, serviceMonth: 100 };

let postgres: PostgresServer | undefined;
let server: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'doverie-bench-records-'));

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

async function main(): Promise<number> {
  if (!existsSync(MAIN)) throw new Error('Run `npm run build` first (the server is dist/).');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  say(`records benchmark: ${SERVICES} services, ${CONTACTS.toLocaleString('en')} contacts over ${YEARS} years — ${machine}`);
  await reportIdle(say);

  const { url, secrets } = await benchDatabase((started) => (postgres = started), diag ? DIAG_SETTINGS : {});

  say(`generating (${JOBS} connections, one month per transaction) …`);
  const t0 = Date.now();
  const built = await buildNetwork(
    url,
    { services: SERVICES, contacts: CONTACTS, jobs: JOBS, sessionSecret: Buffer.from(secrets.DOVERIE_SESSION_SECRET, 'base64') },
    say,
  );
  const generationSeconds = (Date.now() - t0) / 1000;
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const facts = (
    await db.query<{ version: string; size: string; bytes: string; daily: string; monthly: string }>(
      `select current_setting('server_version') as version, pg_size_pretty(pg_database_size(current_database())) as size,
         pg_database_size(current_database()) as bytes, (select count(*) from record_stats_daily) as daily,
         (select count(*) from record_stats_monthly) as monthly`,
    )
  ).rows[0]!;
  say(
    `generated ${built.records.toLocaleString('en')} records, ${built.reasons.toLocaleString('en')} reasons, ` +
      `${Number(facts.daily).toLocaleString('en')} daily and ${Number(facts.monthly).toLocaleString('en')} monthly rollup rows in ` +
      `${round(generationSeconds)} s (records ${round(built.generateSeconds)} s, vacuum analyze ${round(built.vacuumSeconds)} s); ` +
      `database ${facts.size}; PostgreSQL ${facts.version}`,
  );

  let mismatches = 0;
  const check = async (serviceId: string, year: number, what: string) => {
    const v = await verifyServiceYear(db, serviceId, year);
    mismatches += v.mismatches.length;
    say(
      `verify ${what}: ${v.records} records of one service in ${year} recomputed with classificationKeys/routingKeys → ` +
        `${v.dailyRows} daily and ${v.monthlyRows} monthly rollup rows: ${v.mismatches.length === 0 ? 'all equal' : `${v.mismatches.length} MISMATCHES`}`,
    );
    for (const m of v.mismatches.slice(0, 10)) say(`  ${m}`);
  };
  if (verify) {
    // The busiest service's last year, and a small one's first year (other time zones, other years' rules).
    const busiest = built.network.services.reduce((a, b) => (b.weight > a.weight ? b : a));
    await check(busiest.id, YEAR, `generated (${busiest.region})`);
    await check(built.network.services[117]!.id, FIRST_YEAR, `generated (${built.network.services[117]!.region})`);
  }

  const warmup = 200;
  const drafts = await makeDrafts(db, built.network, warmup + Math.round(RATE * SECONDS));
  say(`${drafts.length} drafts made for finalizing`);
  // The bulk load's dirty pages written out before anything is timed: a checkpoint or the kernel's
  // writeback of a gigabyte during the load measures the generator, not the finalize.
  const t1 = Date.now();
  await db.query('checkpoint');
  execFileSync('sync');
  say(`checkpoint and sync after the load: ${round((Date.now() - t1) / 1000)} s`);

  const profileDir = cpuProf ? mkdtempSync(join(tmpdir(), 'doverie-bench-records-profile-')) : null;
  // No event-loop probe: the server runs as in production; only HTTP is timed.
  const started = await startBenchServer(
    MAIN,
    { url, secrets, dataDir },
    { DOVERIE_INGRESS_TOKEN: randomBytes(24).toString('base64url'), ...(POOL ? { DATABASE_POOL_MAX: POOL } : {}) },
    { track: (child) => (server = child), nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] },
  );
  say(`server ready at ${started.url}`);
  const http = new Client(started.url, 128);

  // Warm-up, not measured: the server's first requests of each kind (code paths, caches, connections).
  const warm = await finalizeAtRate(http, drafts.slice(0, warmup), 50, warmup / 50);
  say(`warm-up: ${warmup} finalizes at 50/s — ${line(warm)}`);
  await journalQueries(http, built.network, YEAR, 2);

  const pid = started.child.pid!;
  if (diag) await startDiagnostics(db);
  const cpu0 = { server: cpuSeconds(pid), postgres: cpuSecondsOf('postgres'), machine: machineCpu() };
  const fin = await finalizeAtRate(http, drafts.slice(warmup), RATE, SECONDS);
  const cpu1 = { server: cpuSeconds(pid), postgres: cpuSecondsOf('postgres'), machine: machineCpu() };
  if (diag) {
    for (const l of await readDiagnostics(db)) say(l);
    say(`answers over 15 ms by second of the load: ${JSON.stringify(fin.slowBySecond)}`);
  }
  say(`finalize at ${RATE}/s for ${SECONDS} s: ${line(fin)}${fin.late ? `; ${fin.late} sent > 5 ms late` : ''}`);
  const perFinalize = (k: 'server' | 'postgres') => round(((cpu1[k] - cpu0[k]) * 1000) / Math.max(1, fin.count), 2);
  const finBusy = (cpu1.machine.busy - cpu0.machine.busy) / (cpu1.machine.total - cpu0.machine.total);
  say(
    `  CPU per finalize: server ${perFinalize('server')} ms, PostgreSQL ${perFinalize('postgres')} ms; ` +
      `machine ${Math.round(finBusy * 100)} % busy meanwhile`,
  );
  if (profileDir)
    say(`  CPU profile of the server: ${profileDir} (written when it exits; the finalizes are the ${SECONDS} s after the warm-up)`);
  const journal = await journalQueries(http, built.network, YEAR, quick ? 10 : 30);
  say(
    `journal, first page (${journal.all.count + Object.values(journal.all.errors).reduce((a, b) => a + b, 0)} queries): ${line(journal.all)}`,
  );
  for (const [kind, l] of Object.entries(journal.byKind)) say(`  service + month${kind === 'month' ? '' : ` + ${kind}`}: ${line(l)}`);
  const national = await nationalReport(http, built.network, YEAR, 5);
  say(
    `national report ${YEAR}: first ${round(national.first)} ms, then median ${round(national.median)} ms of ${national.runs.join(', ')}; all contacts ${String(national.totalAll)}${fmtErrors(national.errors)}`,
  );
  const month = await serviceMonth(http, built.network, YEAR, 11, 10);
  say(
    `one service's month (${YEAR}-11, 10 services): first ${round(month.first)} ms, then median ${round(month.median)} ms of ${month.runs.join(', ')}${fmtErrors(month.errors)}`,
  );
  http.close();

  if (verify) await check(built.network.services[0]!.id, new Date().getUTCFullYear(), 'after the finalizes');
  await db.end();

  const rows: [string, number, number][] = [
    ['finalize p99', fin.p99, TARGETS.finalizeP99],
    ['journal p95', journal.all.p95, TARGETS.journalP95],
    [`national ${YEAR} median`, national.median, TARGETS.national],
    ['service month median', month.median, TARGETS.serviceMonth],
  ];
  say('');
  say('measure                      figure      target    figure ÷ target');
  for (const [name, v, t] of rows)
    say(`${name.padEnd(26)} ${round(v).toFixed(1).padStart(9)} ms ${String(t).padStart(6)} ms   ${round(v / t, 2)}`);
  say(`machine: ${machine}; PostgreSQL ${facts.version}; generation ${round(generationSeconds)} s; database ${facts.size}`);
  const errors =
    [fin, journal.all].reduce((a, l) => a + Object.values(l.errors).reduce((x, y) => x + y, 0), 0) +
    Object.keys(national.errors).length +
    Object.keys(month.errors).length;
  return lastLine(
    {
      bench: 'records',
      services: SERVICES,
      contacts: built.records,
      reasons: built.reasons,
      generation_s: round(generationSeconds),
      db_bytes: Number(facts.bytes),
      finalize_rate: RATE,
      finalize_seconds: SECONDS,
      finalize_p50_ms: round(fin.p50, 2),
      finalize_p99_ms: round(fin.p99, 2),
      finalize_cpu_server_ms: perFinalize('server'),
      finalize_cpu_postgres_ms: perFinalize('postgres'),
      journal_p50_ms: round(journal.all.p50, 2),
      journal_p95_ms: round(journal.all.p95, 2),
      national_median_ms: round(national.median),
      service_month_median_ms: round(month.median, 2),
      ratio_finalize_p99: round(fin.p99 / TARGETS.finalizeP99, 2),
      ratio_journal_p95: round(journal.all.p95 / TARGETS.journalP95, 2),
      ratio_national: round(national.median / TARGETS.national, 2),
      ratio_service_month: round(month.median / TARGETS.serviceMonth, 2),
      errors,
      verify_mismatches: verify ? mismatches : null,
      machine,
      postgres: facts.version,
    },
    errors > 0 || mismatches > 0,
  );
}

await runBenchmark(main, cleanUp);
