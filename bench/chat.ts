// Web chat under load: 10,000 open chats (a child's socket each) and their counsellors (capacity 10
// chats each), then the children send 1,000 messages/s in total for 60 s (10 s with --quick). Times
// each message from the child's send to its `chat.message` on the holder's staff socket, in a separate
// load-generator process (one clock), counts acks, errors, lost and duplicated messages, and samples the
// server's RSS every second. Usage: npm run build && npm run bench:chat [-- --quick] [--chats N]
// [--counsellors N] [--rate N] [--seconds N] [--diag] [--cpu-prof] [--server path/to/main.js] (see bench/README.md).
// The last line is JSON.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresServer } from '../test/helpers/postgresServer.js';
import { checkDatabase } from './chat/checks.js';
import {
  BROWSER_SOCKETS,
  CAPACITY,
  CHAT_SETTINGS,
  CHATS,
  CHILD_SOCKETS,
  COUNSELLORS,
  cpuProf,
  diag,
  MAIN,
  MESSAGES_PER_MINUTE,
  RATE,
  SECONDS,
  SERVICES,
  STARTS_PER_SECOND,
  TARGET_P99_MS,
  TARGET_RSS_MB,
} from './chat/options.js';
import type { ChatLoadConfig, ChatLoadResult, ChatPhase } from './chat/protocol.js';
import { benchDatabase, reportIdle } from './shared/setup.js';
import { runLoadGenerator } from './shared/loadGenerator.js';
import { cleanUpOnSignals, eventLoopFigures, lastLine, runBenchmark, say } from './shared/report.js';
import { checkOpenFiles, startBenchServer, stopProcess, type ProbeSample } from './shared/serverProcess.js';
import { migrate, seed } from './routing/seed.js';
import { cpuOfParts, machine, round, rssMb } from './routing/stats.js';

const GENERATOR = join(import.meta.dirname, 'chat/loadgen.ts');
const children: ChildProcess[] = [];
let postgres: PostgresServer | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'doverie-bench-chat-'));

/** Stops whatever is still running; safe to call twice (normal end, failure, Ctrl-C). */
async function cleanUp(): Promise<void> {
  for (const child of children.reverse()) await stopProcess(child);
  try {
    postgres?.stop(); // fails if Ctrl-C already stopped it (same process group); its directory is removed anyway
  } catch (err) {
    console.error(`stopping PostgreSQL: ${(err as Error).message}`);
  }
  postgres = undefined;
  rmSync(dataDir, { recursive: true, force: true });
}

cleanUpOnSignals(cleanUp);

async function main(): Promise<number> {
  if (!existsSync(MAIN)) throw new Error('Run `npm run build` first (the server is dist/).');
  if (COUNSELLORS * CAPACITY < CHATS)
    throw new Error(
      `${COUNSELLORS} counsellors take at most ${COUNSELLORS * CAPACITY} chats: use --counsellors ≥ ${Math.ceil(CHATS / CAPACITY)}`,
    );
  // Sockets in each of the server and the load generator: children, counsellors, HTTP pools, database and margin.
  checkOpenFiles(CHATS + COUNSELLORS + CHILD_SOCKETS + BROWSER_SOCKETS + 256);
  say(
    `chat benchmark: ${CHATS} chats, ${COUNSELLORS} counsellors in ${SERVICES} services, ${RATE} messages/s for ${SECONDS} s — ${machine()}`,
  );
  const perChatPerMinute = (RATE * 60) / CHATS;
  if (perChatPerMinute > MESSAGES_PER_MINUTE * 0.9)
    say(
      `WARNING: ${round(perChatPerMinute)} messages a minute per chat is close to the limit of ${MESSAGES_PER_MINUTE}: expect chat.too_many_messages`,
    );

  await reportIdle(say);

  const { url, secrets } = await benchDatabase((started) => (postgres = started));
  let t = Date.now();
  await migrate(url);
  const seeded = await seed(url, Buffer.from(secrets.DOVERIE_SESSION_SECRET, 'base64'), SERVICES, COUNSELLORS, CHAT_SETTINGS);
  say(`seeded ${seeded.services.length} services, ${seeded.counsellors.length} counsellors with sessions in ${Date.now() - t} ms`);

  const probe: ProbeSample[] = [];
  t = Date.now();
  const profileDir = cpuProf ? mkdtempSync(join(tmpdir(), 'doverie-bench-chat-profile-')) : null;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const server = await startBenchServer(
    MAIN,
    { url, secrets, dataDir },
    {},
    { probe, track: (c) => children.push(c), nodeArgs, readyTimeoutMs: 60_000 },
  );
  const pid = server.child.pid!;
  say(`server ready at ${server.url} in ${Date.now() - t} ms (pid ${pid}, RSS ${round(rssMb(pid))} MB)`);

  let rssPeak = 0;
  let rssLoadPeak = 0;
  let inLoad = false;
  let generatorPid = 0;
  let generatorRssPeak = 0;
  const sampler = setInterval(() => {
    const rss = rssMb(pid) || 0;
    rssPeak = Math.max(rssPeak, rss);
    if (inLoad) rssLoadPeak = Math.max(rssLoadPeak, rss);
    if (generatorPid) generatorRssPeak = Math.max(generatorRssPeak, rssMb(generatorPid) || 0);
  }, 1000);
  const cpuNow = () => cpuOfParts(pid, generatorPid);
  let cpuStart = cpuNow();
  let cpuEnd = cpuStart;
  let rssAtLoadStart = NaN;
  let wall = [0, 0];
  let probeFrom = 0;
  let probeTo = 0;
  let load: ChatLoadResult;
  try {
    const config: ChatLoadConfig = {
      url: server.url,
      counsellors: seeded.counsellors,
      chats: CHATS,
      startsPerSecond: STARTS_PER_SECOND,
      messagesPerSecond: RATE,
      seconds: SECONDS,
      stallSeconds: 30,
      childSockets: CHILD_SOCKETS,
      browserSockets: BROWSER_SOCKETS,
    };
    const onPhase = (phase: ChatPhase) => {
      if (phase === 'load-start') {
        [inLoad, rssAtLoadStart, probeFrom, cpuStart, wall] = [true, rssMb(pid), probe.length, cpuNow(), [Date.now(), 0]];
      } else {
        [inLoad, probeTo, cpuEnd] = [false, probe.length, cpuNow()];
        wall[1] = Date.now();
      }
    };
    load = await runLoadGenerator<ChatLoadConfig, ChatPhase, ChatLoadResult>(GENERATOR, config, onPhase, (child) => {
      children.push(child);
      generatorPid = child.pid!;
    });
  } finally {
    clearInterval(sampler);
  }
  rssPeak = Math.max(rssPeak, rssMb(pid) || 0);
  const db = await checkDatabase(url, load.ackedClientIds);

  const seconds = (wall[1]! - wall[0]!) / 1000;
  const share = (k: 'server' | 'generator' | 'postgres') => Math.round(((cpuEnd[k] - cpuStart[k]) / seconds) * 100);
  const perMessage = (k: 'server' | 'generator' | 'postgres') => round(((cpuEnd[k] - cpuStart[k]) * 1000) / load.sent, 2);
  const machineBusy = (cpuEnd.machine.busy - cpuStart.machine.busy) / (cpuEnd.machine.total - cpuStart.machine.total);
  const lost = load.lost + db.missing;
  const { p50, p90, p99, max } = load.relayLatency;
  const errors = Object.values(load.messageErrors).reduce((a, b) => a + b, 0);
  const result = {
    bench: 'chat',
    chats: load.accepted,
    counsellors: COUNSELLORS,
    rate: RATE,
    seconds: SECONDS,
    sent: load.sent,
    relayed: load.relayed,
    lost,
    duplicates: load.duplicates,
    p50_ms: round(p50),
    p99_ms: round(p99),
    rss_peak_mb: Math.round(rssPeak),
    target_p99_ms: TARGET_P99_MS,
    ratio_p99: round(p99 / TARGET_P99_MS, 2),
    machine: machine(),
    acked: load.acked,
    errors,
    target_rss_mb: TARGET_RSS_MB,
  };

  const fmt = (o: Record<string, number>) => (Object.keys(o).length ? JSON.stringify(o) : 'none');
  say('');
  say(
    `setup: ${load.staffConnected} staff sockets in ${round(load.staffConnectSeconds)} s, ${load.onDuty} on duty in ${round(load.presenceSeconds)} s`,
  );
  say(
    `chats: ${load.chatsStarted}/${CHATS} started (errors ${fmt(load.startErrors)}), ${load.childSockets} child sockets, ${load.accepted} accepted in ${round(load.rampSeconds)} s`,
  );
  say(
    `offers: ${load.offersReceived} received, ${load.acceptsOk} accepted (accept → 200 p50 ${round(load.acceptLatency.p50)} ms, p99 ${round(load.acceptLatency.p99)} ms), errors ${fmt(load.acceptErrors)}`,
  );
  say(
    `messages: sent ${load.sent} in ${round(load.loadSeconds)} s, acknowledged ${load.acked}, errors ${fmt(load.messageErrors)}, relayed ${load.relayed}`,
  );
  say(
    `  lost ${lost} (acknowledged, never relayed ${load.lost}; acknowledged, not in chat_messages ${db.missing}), duplicates ${load.duplicates}, to the wrong socket ${load.misrouted}`,
  );
  say(
    `  child messages in the database ${db.stored}; chats by state ${JSON.stringify(db.states)}; sockets closed by the server: child ${load.socketsClosed.child}, staff ${load.socketsClosed.staff}`,
  );
  say('');
  say(
    `relay child → counsellor: p50 ${round(p50)} ms, p90 ${round(p90)} ms, p99 ${round(p99)} ms, max ${round(max)} ms (target p99 < ${TARGET_P99_MS} ms)`,
  );
  say(
    `  child send → ack (stored): p50 ${round(load.ackLatency.p50)} ms, p99 ${round(load.ackLatency.p99)} ms, max ${round(load.ackLatency.max)} ms`,
  );
  say(
    `  server RSS ${round(rssAtLoadStart)} MB at load start, peak ${round(rssLoadPeak)} MB during the load, ${round(rssPeak)} MB over the run (target < ${TARGET_RSS_MB} MB); load generator peak ${round(generatorRssPeak)} MB`,
  );
  say(
    `  CPU during the load (100 % = one core): server ${share('server')} %, load generator ${share('generator')} %, PostgreSQL ${share('postgres')} %; machine ${Math.round(machineBusy * 100)} % busy`,
  );
  say(
    `  CPU per message: server ${perMessage('server')} ms, PostgreSQL ${perMessage('postgres')} ms, load generator ${perMessage('generator')} ms`,
  );
  const loop = probe.slice(probeFrom, probeTo);
  if (loop.length > 0) say(`  server event loop during the load: ${eventLoopFigures(loop)}`);
  say(
    `  load generator event-loop delay: p50 ${round(load.clientLoopDelay.p50)} ms, p99 ${round(load.clientLoopDelay.p99)} ms, max ${round(load.clientLoopDelay.max)} ms`,
  );
  say(`  settings per service: ${JSON.stringify(CHAT_SETTINGS)}`);
  if (diag) say(`  p99 by second (ms): ${load.p99BySecond.map((x) => Math.round(x)).join(' ')}`);
  if (profileDir) say(`  CPU profile of the server: ${profileDir} (written when it exits)`);
  const failed = lost > 0 || load.duplicates > 0 || load.misrouted > 0 || load.accepted < CHATS || load.acked + errors < load.sent;
  return lastLine(result, failed);
}

await runBenchmark(main, cleanUp);
