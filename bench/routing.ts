// Routing under load: Doverie on PostgreSQL (durable events, group commit) with 230 services and
// 10,000 counsellors connected over WebSockets, 1,000 contact arrivals per second for 60 s (10 s with
// --quick). Times arrival → offer on the counsellor's socket from a separate load-generator process,
// counts lost and double-assigned contacts (client-side and in the database), samples the server's
// RSS, and measures a plain PostgreSQL `FOR UPDATE SKIP LOCKED` claim loop on the same server as the
// baseline. Usage: npm run build && npm run bench:routing [-- --quick] [--rate N] [--edge N] [--pool N]
// [--unix] [--diag] [--cpu-prof] [--server path/to/main.js] (see bench/README.md). The last line is JSON.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { PostgresServer } from '../test/helpers/postgresServer.js';
import { runBaseline, type BaselineResult } from './routing/baseline.js';
import { arg, flag, MAIN, quick } from './shared/options.js';
import { runLoadGenerator } from './shared/loadGenerator.js';
import { cleanUpOnSignals, eventLoopFigures, lastLine, runBenchmark, say } from './shared/report.js';
import { startServer as spawnServer, stopProcess, type ProbeSample } from './shared/serverProcess.js';
import { benchDatabase, reportIdle } from './shared/setup.js';
import type { LoadConfig, LoadResult, Phase } from './routing/protocol.js';
import { migrate, seed, BENCH_SETTINGS } from './routing/seed.js';
import { cpuOfParts, machine, round, rssMb, sleep } from './routing/stats.js';

const GENERATOR = join(import.meta.dirname, 'routing/loadgen.ts');
const TARGET_P99_MS = 25;
const cpuProf = flag('--cpu-prof');
const diag = flag('--diag');
/** --pool N: the server's DATABASE_POOL_MAX (default: the server's own default). */
const poolMax = arg('--pool');
const SERVICES = 230;
const COUNSELLORS = 10_000;
/** --unix: the server reaches PostgreSQL over its Unix socket instead of TCP on loopback. */
const unix = flag('--unix');
/** --rate N: arrivals per second (default 1,000, the figure); lower rates find where the latency knee is. */
const RATE = Number(arg('--rate') ?? 1000);
const SECONDS = quick ? 10 : 60;
/** Keep-alive connections of the channel edge (arrivals, hang-ups; --edge N, default 256) and of the counsellors' browsers. */
const EDGE_SOCKETS = Number(arg('--edge') ?? 256);
const BROWSER_SOCKETS = 2048;

const children: ChildProcess[] = [];
let postgres: PostgresServer | undefined;
let generatorPid = 0;
const dataDir = mkdtempSync(join(tmpdir(), 'doverie-bench-routing-'));

/** Stops whatever is still running; safe to call twice (normal end, failure, Ctrl-C). */
async function cleanUp(): Promise<void> {
  for (const child of children.reverse()) await stopProcess(child);
  postgres?.stop();
  postgres = undefined;
  rmSync(dataDir, { recursive: true, force: true });
}

cleanUpOnSignals(cleanUp);

/** The server's event-loop figures, one per second (see routing/serverProbe.mjs). */
const probe: ProbeSample[] = [];

/** The built server with the probe preloaded (bench/shared/serverProcess.ts); its samples go to `probe`. */
const startServer = (env: Record<string, string>, profileDir: string | null) =>
  spawnServer(MAIN, env, {
    probe,
    track: (child) => children.push(child),
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });

/** The load generator (routing/loadgen.ts); its pid is kept for its CPU time. */
const runGenerator = (config: LoadConfig, onPhase: (phase: Phase) => void) =>
  runLoadGenerator<LoadConfig, Phase, LoadResult>(GENERATOR, config, onPhase, (child) => {
    children.push(child);
    generatorPid = child.pid!;
  });

interface DbChecks {
  /** Group commits seen in the log during the load: events of one batch share their `at`. */
  batches: { count: number; eventsPerBatch: number; cycleP50: number; cycleP99: number; cycleMax: number };
  missing: number;
  doubleInDb: number;
  eventsWritten: number;
  states: Record<string, number>;
}

async function checkDatabase(url: string, acked: string[], from: Date, to: Date): Promise<DbChecks> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const b = await client.query<{ count: string; events: string; p50: number; p99: number; max: number }>(
      `with batches as (select at, count(*) as n from routing_events where at between $1 and $2 group by at),
            gaps as (select extract(epoch from at - lag(at) over (order by at)) * 1000 as ms from batches)
       select (select count(*) from batches) as count, (select sum(n) from batches) as events,
              percentile_disc(0.5) within group (order by ms) as p50, percentile_disc(0.99) within group (order by ms) as p99,
              max(ms) as max from gaps where ms is not null`,
      [from, to],
    );
    const br = b.rows[0]!;
    // Every acknowledged contact must have its projection row and its arrival in the event log.
    const missing = await client.query<{ n: string }>(
      `select count(*) as n from unnest($1::uuid[]) as a(id)
       where not exists (select 1 from routing_contacts c where c.id = a.id)
          or not exists (select 1 from routing_events e where e.contact_id = a.id and e.type = 'contact.arrived')`,
      [acked],
    );
    const doubles = await client.query<{ n: string }>(
      `select count(*) as n from (select contact_id from routing_events where type = 'contact.accepted'
       group by contact_id having count(distinct staff_id) > 1) d`,
    );
    const events = await client.query<{ n: string }>('select count(*) as n from routing_events');
    const states = await client.query<{ state: string; n: string }>(
      'select state, count(*) as n from routing_contacts where id = any($1::uuid[]) group by state order by state',
      [acked],
    );
    return {
      batches: {
        count: Number(br.count),
        eventsPerBatch: Number(br.events) / Number(br.count),
        cycleP50: Number(br.p50),
        cycleP99: Number(br.p99),
        cycleMax: Number(br.max),
      },
      missing: Number(missing.rows[0]!.n),
      doubleInDb: Number(doubles.rows[0]!.n),
      eventsWritten: Number(events.rows[0]!.n),
      states: Object.fromEntries(states.rows.map((r) => [r.state, Number(r.n)])),
    };
  } finally {
    await client.end();
  }
}

/** --diag: what the server's database connections are doing during the load, sampled every 100 ms. */
function sampleActivity(url: string): { stop(): Promise<string[]> } {
  const client = new pg.Client({ connectionString: url });
  const tally = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const r = await client.query<{ what: string }>(
        `select coalesce(state, '?') || ' | ' || coalesce(wait_event_type || ':' || wait_event, 'cpu') || ' | ' ||
                regexp_replace(left(query, 70), '\\s+', ' ', 'g') as what
         from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );
      samples++;
      for (const { what } of r.rows) tally.set(what, (tally.get(what) ?? 0) + 1);
      await sleep(100);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop.catch(() => undefined);
      await client.end().catch(() => undefined);
      return [...tally]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([what, n]) => `${(n / samples).toFixed(2).padStart(6)}  ${what}`);
    },
  };
}

async function main(): Promise<number> {
  if (!existsSync(MAIN)) throw new Error('Run `npm run build` first (the server is dist/).');
  say(`routing benchmark: ${SERVICES} services, ${COUNSELLORS} counsellors, ${RATE} arrivals/s for ${SECONDS} s — ${machine()}`);

  // Other work on the machine skews every figure: say so up front.
  await reportIdle(say);

  const { url, socketDir, secrets } = await benchDatabase((started) => (postgres = started));
  const serverUrl = unix ? `postgres://doverie@/doverie_bench?host=${encodeURIComponent(socketDir)}&port=${new URL(url).port}` : url;
  const ingressToken = randomBytes(24).toString('base64url');

  let t = Date.now();
  await migrate(url);
  const seeded = await seed(url, Buffer.from(secrets.DOVERIE_SESSION_SECRET, 'base64'), SERVICES, COUNSELLORS);
  say(`seeded ${seeded.services.length} services, ${seeded.counsellors.length} counsellors with sessions in ${Date.now() - t} ms`);

  say(`baseline: SKIP LOCKED claim loop, 8 workers, ${RATE} inserts/s for ${SECONDS} s …`);
  const baseline: BaselineResult = await runBaseline(url, { rate: RATE, seconds: SECONDS, workers: 8 });
  say(
    `  claimed ${baseline.claimed}/${baseline.inserted} (${baseline.claims_per_s}/s), insert→claim p50 ${round(baseline.p50_ms, 2)} ms, ` +
      `p99 ${round(baseline.p99_ms, 2)} ms; a full queue drains at ${baseline.max_claims_per_s} claims/s`,
  );

  const profileDir = cpuProf ? mkdtempSync(join(tmpdir(), 'doverie-bench-profile-')) : null;
  t = Date.now();
  const server = await startServer(
    {
      ...secrets,
      DATABASE_URL: serverUrl,
      DOVERIE_INGRESS_TOKEN: ingressToken,
      DOVERIE_DATA_DIR: dataDir,
      DOVERIE_DEMO: 'false',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...(poolMax ? { DATABASE_POOL_MAX: poolMax } : {}),
    },
    profileDir,
  );
  const pid = server.child.pid!;
  say(
    `server ready at ${server.url} in ${Date.now() - t} ms (pid ${pid}, RSS ${round(rssMb(pid))} MB, ` +
      `DATABASE_POOL_MAX ${poolMax ?? 'default'}, PostgreSQL over ${unix ? 'its Unix socket' : 'TCP on loopback'})`,
  );

  let rssPeak = 0;
  let rssAtLoadStart = NaN;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid) || 0)), 1000);
  const cpuNow = () => cpuOfParts(pid, generatorPid);
  let cpuStart = cpuNow();
  let cpuEnd = cpuStart;
  let cpuDone = cpuStart;
  let loadWall = [0, 0];
  let probeFrom = 0;
  let probeTo = 0;
  let load: LoadResult;
  let activity: ReturnType<typeof sampleActivity> | undefined;
  let activityReport: string[] = [];
  try {
    load = await runGenerator(
      {
        url: server.url,
        ingressToken,
        services: seeded.services,
        counsellors: seeded.counsellors,
        arrivalsPerSecond: RATE,
        seconds: SECONDS,
        drainSeconds: 15,
        talkMs: [2000, 5000],
        edgeSockets: EDGE_SOCKETS,
        browserSockets: BROWSER_SOCKETS,
      },
      (phase) => {
        const snap = cpuNow();
        if (phase === 'load-start') {
          probeFrom = probe.length;
          cpuStart = snap;
          rssAtLoadStart = rssMb(pid);
          if (diag) activity = sampleActivity(url);
          loadWall = [Date.now(), 0];
        } else if (phase === 'done') {
          cpuDone = snap;
        } else {
          cpuEnd = snap;
          probeTo = probe.length;
          loadWall[1] = Date.now();
          void activity?.stop().then((lines) => (activityReport = lines));
        }
      },
    );
  } finally {
    clearInterval(sampler);
  }
  rssPeak = Math.max(rssPeak, rssMb(pid) || 0);
  const db = await checkDatabase(url, load.ackedIds, new Date(loadWall[0]!), new Date(loadWall[1]!));

  const wall = (loadWall[1]! - loadWall[0]!) / 1000;
  /** CPU milliseconds per contact over its whole life (arrival, offer, accept, talk, hang-up): robust to other work on the machine. */
  const perContact = (k: 'server' | 'generator' | 'postgres') => round(((cpuDone[k] - cpuStart[k]) * 1000) / load.sent, 2);
  const share = (k: 'server' | 'generator' | 'postgres') => Math.round(((cpuEnd[k] - cpuStart[k]) / wall) * 100);
  const machineBusy = (cpuEnd.machine.busy - cpuStart.machine.busy) / (cpuEnd.machine.total - cpuStart.machine.total);
  const lostIds = new Set(load.notOffered);
  const lost = lostIds.size + db.missing;
  const double = Math.max(load.double, db.doubleInDb);
  const p50 = load.offerLatency.p50;
  const p99 = load.offerLatency.p99;
  const result = {
    bench: 'routing',
    services: SERVICES,
    counsellors: COUNSELLORS,
    arrivals_per_s: RATE,
    seconds: SECONDS,
    offered: load.offered,
    p50_ms: round(p50),
    p99_ms: round(p99),
    lost,
    double,
    events_written: db.eventsWritten,
    rss_peak_mb: Math.round(rssPeak),
    baseline_p50_ms: round(baseline.p50_ms, 2),
    baseline_p99_ms: round(baseline.p99_ms, 2),
    ratio_p50: round(p50 / baseline.p50_ms, 1),
    ratio_p99: round(p99 / baseline.p99_ms, 1),
    target_p99_ms: TARGET_P99_MS,
    machine: machine(),
  };

  const fmt = (o: Record<string, number>) => (Object.keys(o).length ? JSON.stringify(o) : 'none');
  say('');
  say(`setup: ${load.connected} sockets in ${round(load.connectSeconds)} s, ${load.onDuty} on duty in ${round(load.presenceSeconds)} s`);
  say(`arrivals: sent ${load.sent}, acknowledged 201 ${load.acked}, errors ${fmt(load.arrivalErrors)}`);
  say(`offers: ${load.offered} contacts offered (${load.offersReceived} offers, ${load.reoffered} contacts offered more than once)`);
  say(
    `accepts: ${load.accepted} ok, errors ${fmt(load.acceptErrors)}; caller-left ${load.callerLeft}, errors ${fmt(load.callerLeftErrors)}`,
  );
  say(`contacts in the database by state: ${JSON.stringify(db.states)}; sockets closed by the server: ${load.socketsClosed}`);
  say('');
  say('                         p50        p99       ratio (p50 / p99)');
  say(`doverie arrival→offer  ${round(p50).toFixed(1).padStart(7)} ms ${round(p99).toFixed(1).padStart(7)} ms`);
  say(
    `baseline insert→claim  ${round(baseline.p50_ms, 2).toFixed(2).padStart(7)} ms ${round(baseline.p99_ms, 2).toFixed(2).padStart(7)} ms` +
      `    ×${result.ratio_p50} / ×${result.ratio_p99}`,
  );
  say(`  arrival→offer p90 ${round(load.offerLatency.p90)} ms, max ${round(load.offerLatency.max)} ms (target p99 < ${TARGET_P99_MS} ms)`);
  say(
    `  of which waiting for one of the edge's ${EDGE_SOCKETS} connections (client-side queue): ` +
      `p50 ${round(load.poolWait.p50)} ms, p99 ${round(load.poolWait.p99)} ms`,
  );
  say(`  arrival → 201 (durable ack): p50 ${round(load.ackLatency.p50)} ms, p99 ${round(load.ackLatency.p99)} ms`);
  say(`  accept → 200: p50 ${round(load.acceptLatency.p50)} ms, p99 ${round(load.acceptLatency.p99)} ms`);
  say(`  p99 by second (ms): ${load.p99BySecond.map((x) => Math.round(x)).join(' ')}`);
  say(
    `  load generator event-loop delay: p50 ${round(load.clientLoopDelay.p50)} ms, p99 ${round(load.clientLoopDelay.p99)} ms, ` +
      `max ${round(load.clientLoopDelay.max)} ms`,
  );
  say(
    `  CPU during load (100 % = one core): server ${share('server')} %, load generator ${share('generator')} %, ` +
      `PostgreSQL ${share('postgres')} %; machine ${Math.round(machineBusy * 100)} % busy`,
  );
  say(
    `  CPU per contact, whole life: server ${perContact('server')} ms, PostgreSQL ${perContact('postgres')} ms, ` +
      `load generator ${perContact('generator')} ms`,
  );
  const loop = probe.slice(probeFrom, probeTo);
  say(`  server event loop during load: ${eventLoopFigures(loop)}`);
  say(`  server RSS ${round(rssAtLoadStart)} MB at load start, peak ${round(rssPeak)} MB`);
  say(
    `  group commit: ${db.batches.count} batches during the load, ${round(db.batches.eventsPerBatch)} events each; ` +
      `time between batches p50 ${round(db.batches.cycleP50)} ms, p99 ${round(db.batches.cycleP99)} ms, max ${round(db.batches.cycleMax)} ms`,
  );
  say(`  lost ${lost} (not offered ${lostIds.size}, missing in the database ${db.missing}); double ${double}; events ${db.eventsWritten}`);
  say(`  settings per service: ${JSON.stringify(BENCH_SETTINGS)}; baseline max drain ${baseline.max_claims_per_s} claims/s`);
  if (diag) {
    await sleep(200);
    say('  server connections during the load (mean number in each state | wait | query):');
    for (const line of activityReport) say(`    ${line}`);
  }
  if (profileDir) say(`  CPU profile of the server: ${profileDir} (written when it exits)`);
  return lastLine(result, lost > 0 || double > 0);
}

await runBenchmark(main, cleanUp);
