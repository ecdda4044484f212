// The phone-line benchmark's figures: route requests and event posts as Kamailio's HTTP crossed the veth
// (by phase: the light load, then the load), SIPp's call setup and post-dial delay, CPU of each part
// over the load, the server's event loop, and what Doverie recorded of the calls. Text lines and the
// final JSON line.
import { eventLoopFigures } from '../shared/report.js';
import type { ProbeSample } from '../shared/serverProcess.js';
import { machine, percentile, round } from '../routing/stats.js';
import type { Leak } from './anonymity.js';
import type { Phase } from './calls.js';
import type { HttpAnswer } from './capture.js';
import type { CallCheck, DbActivity } from './checks.js';
import { COUNSELLORS, RING_MS, SECONDS, TALK_MS, TARGET_P99_MS } from './options.js';

type Cpu = { tree: Record<string, number>; machine: { busy: number; total: number } };

export interface ReportInput {
  baseline: Phase;
  load: Phase;
  /** Unix ms: from a phase's first call until Kamailio had no event left to send. */
  windows: { baseline: [number, number]; load: [number, number] };
  answers: HttpAnswer[];
  /** Requests in the whole capture by path (to find those never answered). */
  requests: Record<string, number>;
  cpu: { before: Cpu; after: Cpu; wallMs: number };
  loop: ProbeSample[];
  calls: CallCheck;
  /** Callers' numbers in what the counsellors' phones received. */
  leak: Leak;
  /** PostgreSQL's counters before and after the load. */
  db: { before: DbActivity; after: DbActivity };
  edgeProblems: string[];
  phonesRunning: boolean;
}

interface Latency {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  notOk: number;
}

function latency(answers: HttpAnswer[], path: string, [from, to]: [number, number]): Latency {
  const mine = answers.filter((a) => a.path === path && a.at * 1000 >= from && a.at * 1000 <= to);
  const ms = mine.map((a) => a.ms);
  return {
    n: ms.length,
    p50: percentile(ms, 50),
    p90: percentile(ms, 90),
    p99: percentile(ms, 99),
    max: ms.length ? Math.max(...ms) : NaN,
    notOk: mine.filter((a) => a.status !== 200).length,
  };
}

/** The callers' numbers (synthetic, but numbers are never printed whole) show only their last four digits. */
const masked = (text: string) => text.replace(/(\+?[78])?916\d{7}/g, (n) => '•'.repeat(n.length - 4) + n.slice(-4));

const fmt = (l: Latency) =>
  `${l.n} answered: p50 ${round(l.p50, 2)} ms, p90 ${round(l.p90, 2)} ms, p99 ${round(l.p99, 2)} ms, max ${round(l.max, 2)} ms${l.notOk ? `, ${l.notOk} not 200` : ''}`;
const pcts = (xs: number[]) => `p50 ${round(percentile(xs, 50))} ms, p99 ${round(percentile(xs, 99))} ms, max ${round(Math.max(...xs))} ms`;

export function report(r: ReportInput): { lines: string[]; json: Record<string, unknown>; failed: boolean } {
  const route = latency(r.answers, '/api/voice/route', r.windows.load);
  const events = latency(r.answers, '/api/voice/events', r.windows.load);
  const baseRoute = latency(r.answers, '/api/voice/route', r.windows.baseline);
  const baseEvents = latency(r.answers, '/api/voice/events', r.windows.baseline);
  const { load, baseline, calls } = r;
  const setup = load.answered / load.created;
  const completed = load.successful / load.created;
  const unanswered = (path: string) => (r.requests[path] ?? 0) - r.answers.filter((a) => a.path === path).length;

  const seconds = r.cpu.wallMs / 1000;
  const parts = ['server', 'kamailio', 'rtpengine', 'postgres'] as const;
  const used = Object.fromEntries(parts.map((p) => [p, r.cpu.after.tree[p]! - r.cpu.before.tree[p]!])) as Record<
    (typeof parts)[number],
    number
  >;
  const share = (p: (typeof parts)[number]) => Math.round((used[p] / seconds) * 100);
  const perCall = (p: (typeof parts)[number]) => round((used[p] * 1000) / load.created, 2);
  const generator = ['phones', 'queue', 'capture', 'trunk'].reduce((a, k) => a + r.cpu.after.tree[k]! - r.cpu.before.tree[k]!, 0);
  const m = r.cpu;
  const machineBusy = (m.after.machine.busy - m.before.machine.busy) / (m.after.machine.total - m.before.machine.total);

  const answered = calls.byOutcome['answered'] ?? 0;
  const leakCount = Object.values(r.leak.messages).reduce((a, b) => a + b, 0);
  const expectedCalls = baseline.successful + load.successful;
  const lines = [
    `calls (load): ${load.created} started at ${load.rate}/s over ${round((load.endedAt - load.startedAt) / 1000)} s: ` +
      `${load.answered} answered (call setup success ${round(setup * 100, 2)} %), ${load.hungUp} hung up cleanly; ` +
      `SIPp: ${load.successful} successful (${round(completed * 100, 2)} %), ${load.failed} failed` +
      (Object.keys(load.failures).length ? ` ${JSON.stringify(load.failures)}` : ''),
    `  light load: ${baseline.created} calls at 1/s, ${baseline.answered} answered, ${baseline.successful} successful, ${baseline.failed} failed`,
    '',
    `route requests (Kamailio → Doverie → Kamailio, on the veth, tshark http.time):`,
    `  load:        ${fmt(route)} (target p99 < ${TARGET_P99_MS} ms)`,
    `  light load:  ${fmt(baseRoute)}`,
    `  load ÷ light load: p50 ×${round(route.p50 / baseRoute.p50, 2)}, p99 ×${round(route.p99 / baseRoute.p99, 2)}; never answered (whole run) ${unanswered('/api/voice/route')}`,
    `event posts (the edge's sender, one at a time):`,
    `  load:        ${fmt(events)}`,
    `  light load:  ${fmt(baseEvents)}; never answered (whole run) ${unanswered('/api/voice/events')}`,
    `post-dial delay (trunk: INVITE → 180 from the phone): load ${pcts(load.ringMs)}; light load ${pcts(baseline.ringMs)}`,
    '',
    `CPU over the load and until the last event was taken (${round(seconds)} s; 100 % = one core): Doverie ${share('server')} %, ` +
      `Kamailio ${share('kamailio')} %, rtpengine ${share('rtpengine')} %, PostgreSQL ${share('postgres')} %; ` +
      `SIPp and dumpcap ${Math.round((generator / seconds) * 100)} %; machine ${Math.round(machineBusy * 100)} % busy`,
    `  per call: Doverie ${perCall('server')} ms, Kamailio ${perCall('kamailio')} ms, rtpengine ${perCall('rtpengine')} ms, PostgreSQL ${perCall('postgres')} ms`,
  ];
  const commits = r.db.after.commits - r.db.before.commits;
  const writes = Object.entries(r.db.after.writes)
    .map(([t, n]) => [t, n - (r.db.before.writes[t] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  lines.push(
    `  PostgreSQL per call: ${round(commits / load.created, 1)} transactions, rows written ` +
      writes
        .slice(0, 6)
        .map(([t, n]) => `${t} ${round(n / load.created, 1)}`)
        .join(', '),
  );
  if (r.loop.length > 0) lines.push(`  Doverie's event loop: ${eventLoopFigures(r.loop)}`);
  lines.push(
    `Doverie's records: ${calls.calls} calls ${JSON.stringify(calls.byOutcome)}, ${calls.open} not ended, ${calls.reasked} asked about more than once; ` +
      `voice contacts ${JSON.stringify(calls.contactsByState)}; caller keys as Doverie makes them ${calls.keysMatching}/${calls.keysTotal}`,
    `Kamailio / rtpengine warnings and errors: ${r.edgeProblems.length}`,
    `callers' numbers in what the counsellors' phones received: ${leakCount} messages ${JSON.stringify(r.leak.messages)}, ` +
      `${r.leak.callers} callers${r.leak.example ? ` — e.g. "${masked(r.leak.example.trim())}"` : ''}`,
  );
  for (const e of [...baseline.errors, ...load.errors].slice(0, 12)) lines.push(`  sipp: ${masked(e)}`);
  for (const e of r.edgeProblems.slice(0, 5)) lines.push(`  ${e}`);

  const json = {
    bench: 'voice',
    counsellors: COUNSELLORS,
    rate: load.rate,
    seconds: SECONDS,
    ring_ms: RING_MS,
    talk_ms: TALK_MS,
    calls: load.created,
    answered: load.answered,
    successful: load.successful,
    setup_success: round(setup, 4),
    completed_success: round(completed, 4),
    route_requests: route.n,
    route_p50_ms: round(route.p50, 2),
    route_p99_ms: round(route.p99, 2),
    route_max_ms: round(route.max, 2),
    target_p99_ms: TARGET_P99_MS,
    ratio_p99: round(route.p99 / TARGET_P99_MS, 2),
    light_route_p50_ms: round(baseRoute.p50, 2),
    light_route_p99_ms: round(baseRoute.p99, 2),
    ratio_p50_vs_light: round(route.p50 / baseRoute.p50, 2),
    ratio_p99_vs_light: round(route.p99 / baseRoute.p99, 2),
    events: events.n,
    events_p50_ms: round(events.p50, 2),
    events_p99_ms: round(events.p99, 2),
    ring_p50_ms: round(percentile(load.ringMs, 50)),
    ring_p99_ms: round(percentile(load.ringMs, 99)),
    cpu_doverie_pct: share('server'),
    cpu_kamailio_pct: share('kamailio'),
    cpu_rtpengine_pct: share('rtpengine'),
    cpu_postgres_pct: share('postgres'),
    caller_number_at_phones: leakCount,
    pg_transactions_per_call: round(commits / load.created, 1),
    cpu_load_generator_pct: Math.round((generator / seconds) * 100),
    machine_busy_pct: Math.round(machineBusy * 100),
    machine: machine(),
  };
  const failed =
    load.successful < load.planned ||
    baseline.successful < baseline.planned ||
    answered !== expectedCalls ||
    calls.open > 0 ||
    calls.keysMatching !== calls.keysTotal ||
    route.notOk > 0 ||
    unanswered('/api/voice/route') > 0 ||
    !r.phonesRunning ||
    leakCount > 0;
  return { lines, json, failed };
}
