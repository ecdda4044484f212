// The phone line under load (issue 7): SIPp as the operator's trunk starts 20 calls/s for 60 s (10 s with
// --quick) against 100 counsellors whose desk phones (one SIPp UAS) registered with credentials Doverie
// issued. Everything SIP runs in a private network namespace: Kamailio + rtpengine (started here, as an
// external edge), the trunk, the phones and the queue's greeting endpoint; the built Doverie server runs
// on the host end of the veth with a throwaway PostgreSQL. Kamailio's route requests (and its event
// posts) are timed on the wire by a capture of Doverie's port on the veth (tshark's http.time). Also:
// call setup success (SIPp), CPU of Doverie, Kamailio, rtpengine and PostgreSQL, and the same figures for
// a light load first (1 call/s) to compare with. Usage: npm run build && npm run bench:voice [-- --quick]
// [--rate N] [--seconds N] [--counsellors N] [--ring-ms N] [--talk-ms N] [--baseline-calls N] [--run-dir DIR]
// [--keep] [--sip-trace] [--cpu-prof] [--server path/to/main.js] (see bench/README.md). Needs root (ip netns).
// The last line is JSON.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEdge } from '../src/voice/edge/edgeProcesses.js';
import type { PostgresServer } from '../test/helpers/postgresServer.js';
import { createNetns, type Netns } from '../test/voice/harness/netns.js';
import { stopAll } from '../test/voice/harness/processes.js';
import { migrate, seed } from './routing/seed.js';
import { machineCpu, sleep } from './routing/stats.js';
import { benchDatabase, reportIdle } from './shared/setup.js';
import { lastLine, runBenchmark, say } from './shared/report.js';
import { startBenchServer, stopProcess, type ProbeSample } from './shared/serverProcess.js';
import { callerNumbersAtPhones } from './voice/anonymity.js';
import { runCalls } from './voice/calls.js';
import { httpAnswers, httpRequests, startCapture, type Capture } from './voice/capture.js';
import { checkCalls, dbActivity } from './voice/checks.js';
import { postmasterPid, reapedChildrenCpu, treeCpuSeconds } from './voice/cpu.js';
import { drainEvents, edgeFor, voiceEnv } from './voice/edge.js';
import {
  BASELINE_CALLS,
  COUNSELLORS,
  CPU_PROF,
  KEEP,
  MAIN,
  QUEUE_PORT,
  RATE,
  RING_MS,
  RUN_DIR_PARENT,
  SECONDS,
  SERVICE_SETTINGS,
  TALK_MS,
} from './voice/options.js';
import { Api, goOnDuty, phoneCredentials, seedAdmin } from './voice/people.js';
import { registerPhones, startPhones } from './voice/phones.js';
import { report } from './voice/report.js';
import { startSipp } from './voice/sipp.js';

const dir = mkdtempSync(join(tmpdir(), 'doverie-bench-voice-'));
/** The edge's run folder goes here (--run-dir, e.g. tmpfs); removed at the end like `dir`. */
const edgeParent = RUN_DIR_PARENT ? mkdtempSync(join(RUN_DIR_PARENT, 'doverie-bench-voice-edge-')) : dir;
let postgres: PostgresServer | undefined;
let ns: Netns | undefined;
let edge: RunningEdge | undefined;
let capture: Capture | undefined;
let server: ChildProcess | undefined;

/** Stops whatever still runs, by PID (and the namespace with everything in it); safe to call twice. */
async function cleanUp(): Promise<void> {
  await stopProcess(server, 12_000);
  await capture?.proc.stop(2000);
  await edge?.stop().catch((err: Error) => console.error(`stopping the edge: ${err.message}`));
  await ns?.destroy().catch((err: Error) => console.error(`deleting the namespace: ${err.message}`));
  await stopAll();
  try {
    postgres?.stop();
  } catch (err) {
    console.error(`stopping PostgreSQL: ${(err as Error).message}`);
  }
  postgres = undefined;
  if (edgeParent !== dir) rmSync(edgeParent, { recursive: true, force: true });
  if (KEEP) say(`kept: ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

// On a signal the harness (its handler runs first) kills what runs in the namespace and deletes it; the server,
// PostgreSQL and the folders go here, synchronously, and the benchmark ends.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server?.kill('SIGKILL');
    try {
      postgres?.stop();
    } catch {
      // already stopped with the process group
    }
    if (edgeParent !== dir) rmSync(edgeParent, { recursive: true, force: true });
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}

const STATS_SETTLE_MS = 10_500;

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function main(): Promise<number> {
  if (!existsSync(MAIN)) throw new Error('Run `npm run build` first (the server is dist/).');
  if (process.getuid?.() !== 0) throw new Error('The voice benchmark needs root (ip netns add, veth, dumpcap).');
  say(
    `voice benchmark: ${RATE} calls/s for ${SECONDS} s, ${COUNSELLORS} counsellors, ring ${RING_MS} ms, talk ${TALK_MS} ms; light load first: ${BASELINE_CALLS} calls at 1/s`,
  );
  await reportIdle(say);

  const db = await benchDatabase((started) => (postgres = started));
  await migrate(db.url);
  const seeded = await seed(db.url, Buffer.from(db.secrets.DOVERIE_SESSION_SECRET, 'base64'), 1, COUNSELLORS, SERVICE_SETTINGS);
  const admin = await seedAdmin(db.url, Buffer.from(db.secrets.DOVERIE_SESSION_SECRET, 'base64'));
  const serviceId = seeded.services[0]!;

  ns = await createNetns();
  const port = await freePort(ns.hostAddress);
  const token = randomBytes(32).toString('base64url');
  const runDir = join(edgeParent, 'edge');
  const doverieUrl = `http://${ns.hostAddress}:${port}`;
  const edgeProblems: string[] = [];
  edge = await edgeFor({ ns, runDir, doverieUrl, token, pepper: db.secrets.DOVERIE_HMAC_PEPPER }, edgeProblems);
  say(
    `namespace ${ns.name}: edge at ${ns.nsAddress} (kamailio ${edge.pids.kamailio}, rtpengine ${edge.pids.rtpengine}); Doverie at ${doverieUrl}`,
  );

  const phones = await startPhones(ns, dir);
  const queue = await startSipp(ns, {
    scenario: 'queue_uas',
    dir: join(dir, 'queue'),
    address: ns.nsAddress,
    port: QUEUE_PORT,
    mediaPort: 18000,
  });

  const probe: ProbeSample[] = [];
  const profileDir = CPU_PROF ? mkdtempSync(join(tmpdir(), 'doverie-bench-voice-profile-')) : null;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const started = await startBenchServer(
    MAIN,
    { url: db.url, secrets: db.secrets, dataDir: join(dir, 'data') },
    { ...voiceEnv(ns, token, runDir), HOST: ns.hostAddress, PORT: String(port) },
    { probe, track: (c) => (server = c), nodeArgs, readyTimeoutMs: 60_000 },
  );
  say(`server ready at ${started.url} (pid ${started.child.pid})`);
  capture = await startCapture(join(dir, 'http.pcapng'), ns.hostInterface, port, ns.nsAddress);

  const api = new Api(started.url);
  const number = '78002000122';
  await api.call(admin, 'PUT', `/api/services/${serviceId}/voice-numbers`, { numbers: [number] });
  let t = Date.now();
  await registerPhones(ns, dir, await phoneCredentials(api, seeded.counsellors));
  const regs = (await edge.rpc.registrations()).filter((r) => r.contacts > 0).length;
  if (regs !== COUNSELLORS) throw new Error(`registration failed: ${regs}/${COUNSELLORS} registered in Kamailio`);
  await drainEvents(edge);
  await goOnDuty(api, seeded.counsellors);
  api.close();
  say(`${regs} phones registered with Doverie's credentials and their counsellors on duty in ${Date.now() - t} ms`);

  // Light load first: the same calls, one a second.
  const baseline = await runCalls(ns, dir, 'baseline', 1, BASELINE_CALLS, 0, number);
  await drainEvents(edge);
  const baselineDrained = Date.now();
  say(`light load: ${baseline.answered}/${baseline.created} calls answered, ${baseline.successful} successful`);
  // PostgreSQL 15's idle backends report their statistics within 10 s: wait, so the counts below are the load's own.
  await sleep(STATS_SETTLE_MS);
  const db0 = await dbActivity(db.url);

  // The load generator: the phones' and the queue's SIPp and dumpcap (running), and the trunk's SIPp (ended by then).
  const pids = {
    phones: phones.proc.pid,
    queue: queue.proc.pid,
    capture: capture.proc.pid,
    server: started.child.pid!,
    kamailio: edge.pids.kamailio,
    rtpengine: edge.pids.rtpengine,
    postgres: postmasterPid(Number(new URL(db.url).port)),
  };
  const probeFrom = probe.length;
  const cpu0 = { tree: { ...treeCpuSeconds(pids), trunk: reapedChildrenCpu() }, machine: machineCpu() };
  const load = await runCalls(ns, dir, 'load', RATE, RATE * SECONDS, 1_000_000, number);
  await drainEvents(edge);
  await sleep(500);
  const loadDrained = Date.now();
  const cpu1 = { tree: { ...treeCpuSeconds(pids), trunk: reapedChildrenCpu() }, machine: machineCpu() };
  const loop = probe.slice(probeFrom);
  await sleep(STATS_SETTLE_MS);
  const db1 = await dbActivity(db.url);

  await capture.stop();
  const answers = await httpAnswers(capture.file, port);
  const requests = await httpRequests(capture.file, port);
  const leak = await callerNumbersAtPhones(phones.dir, [...baseline.numbers, ...load.numbers]);
  const calls = await checkCalls(db.url, Buffer.from(db.secrets.DOVERIE_HMAC_PEPPER, 'base64'), [...baseline.numbers, ...load.numbers]);
  const { lines, json, failed } = report({
    baseline,
    load,
    windows: { baseline: [baseline.startedAt, baselineDrained], load: [load.startedAt, loadDrained] },
    answers,
    requests,
    cpu: { before: cpu0, after: cpu1, wallMs: loadDrained - load.startedAt },
    loop,
    calls,
    leak,
    db: { before: db0, after: db1 },
    edgeProblems,
    phonesRunning: phones.proc.running(),
  });
  say('');
  for (const line of lines) say(line);
  if (profileDir) say(`CPU profile of the server: ${profileDir} (written when it exits)`);
  return lastLine(json, failed);
}

await runBenchmark(main, cleanUp);
