// The measurements, all over HTTP against the built server: finalizing drafts at a fixed rate (open
// loop: each request leaves at its scheduled time whatever the earlier ones are doing), the journal's
// filter queries one after another, the national annual report and one service's month.
import { percentile, sleep } from '../routing/stats.js';
import type { Draft } from './drafts.js';
import { COUNSELLORS_PER_SERVICE, type Network } from './network.js';
import type { Client, Reply } from './http.js';
import { reasonTable, seeded } from './shares.js';

export interface Latencies {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers other than 200, by status and error code. */
  errors: Record<string, number>;
}

function summarise(replies: readonly Reply[]): Latencies {
  const ok = replies.filter((r) => r.status === 200).map((r) => r.ms);
  const errors: Record<string, number> = {};
  for (const r of replies) {
    if (r.status === 200) continue;
    const code = /"code":"([^"]+)"/.exec(r.body)?.[1] ?? '';
    errors[`${r.status} ${code}`.trim()] = (errors[`${r.status} ${code}`.trim()] ?? 0) + 1;
  }
  return { count: ok.length, p50: percentile(ok, 50), p95: percentile(ok, 95), p99: percentile(ok, 99), max: Math.max(...ok), errors };
}

/** POST /api/records/:id/finalize at `rate` per second for `seconds`, each on a fresh draft of its counsellor. */
export async function finalizeAtRate(
  http: Client,
  drafts: readonly Draft[],
  rate: number,
  seconds: number,
): Promise<Latencies & { late: number; slowBySecond: Record<number, number> }> {
  const total = Math.min(drafts.length, Math.round(rate * seconds));
  const pending: Promise<Reply>[] = [];
  const start = performance.now() + 50;
  let late = 0;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    else if (wait < -5) late++;
    const d = drafts[i]!;
    pending.push(http.request(d.counsellor, 'POST', `/api/records/${d.id}/finalize`, { version: 1 }));
  }
  const replies = await Promise.all(pending);
  // Which seconds of the load the slow answers (over 15 ms, the target) were sent in: clustered in a
  // few seconds points at a stall (checkpoint, vacuum, GC), spread over all at single slow reads.
  const slowBySecond: Record<number, number> = {};
  replies.forEach((r, i) => {
    if (r.ms <= 15) return;
    const second = Math.floor(i / rate);
    slowBySecond[second] = (slowBySecond[second] ?? 0) + 1;
  });
  return { ...summarise(replies), late, slowBySecond };
}

export interface JournalResult {
  all: Latencies;
  byKind: Record<string, Latencies>;
}

/** The journal's first page under a mix of filters, as a supervisor, one query at a time over many services and months. */
export async function journalQueries(http: Client, network: Network, year: number, rounds: number): Promise<JournalResult> {
  const rand = seeded(7);
  const { codes, weights } = reasonTable();
  const common = codes.filter((_, i) => weights[i]! >= 3);
  const kinds: Record<string, (s: number) => Record<string, string>> = {
    month: () => ({}),
    type: () => ({ type: rand() < 0.5 ? 'counselling' : 'prank' }),
    reason: () => ({ reason: common[Math.floor(rand() * common.length)]! }),
    risk: () => ({ risk: rand() < 0.5 ? 'high' : 'moderate' }),
    counsellor: (s) => ({
      staffId: network.counsellors[s * COUNSELLORS_PER_SERVICE + Math.floor(rand() * COUNSELLORS_PER_SERVICE)]!.staffId,
    }),
    ageGroup: () => ({ ageGroup: rand() < 0.5 ? '15_17' : 'under_10' }),
  };
  const replies: Record<string, Reply[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [kind, extra] of Object.entries(kinds)) {
      const s = Math.floor(rand() * network.services.length);
      const month = 1 + Math.floor(rand() * 12);
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const mm = String(month).padStart(2, '0');
      const query = new URLSearchParams({
        serviceId: network.services[s]!.id,
        from: `${year}-${mm}-01`,
        to: `${year}-${mm}-${last}`,
        ...extra(s),
      });
      replies[kind]!.push(await http.request(network.supervisors[s]!, 'GET', `/api/records?${query}`));
    }
  }
  const byKind = Object.fromEntries(Object.entries(replies).map(([k, r]) => [k, summarise(r)]));
  return { all: summarise(Object.values(replies).flat()), byKind };
}

export interface ReportResult {
  first: number;
  median: number;
  runs: number[];
  errors: Record<string, number>;
  totalAll: unknown;
}

/** The national report of one calendar year, as the national analyst: a first (cold) run, then `runs` more. */
export async function nationalReport(http: Client, network: Network, year: number, runs: number): Promise<ReportResult> {
  const path = `/api/reports/contacts?scope=network&from=${year}-01-01&to=${year}-12-31`;
  const replies: Reply[] = [];
  for (let i = 0; i <= runs; i++) replies.push(await http.request(network.analyst, 'GET', path));
  return reportResult(replies);
}

/** One service's month, as its head: `runs` different services, each once (plus one cold run first). */
export async function serviceMonth(http: Client, network: Network, year: number, month: number, runs: number): Promise<ReportResult> {
  const mm = String(month).padStart(2, '0');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const replies: Reply[] = [];
  for (let i = 0; i <= runs; i++) {
    const s = (i * 23) % network.services.length;
    const path = `/api/reports/contacts?scope=service&serviceId=${network.services[s]!.id}&from=${year}-${mm}-01&to=${year}-${mm}-${last}`;
    replies.push(await http.request(network.heads[s]!, 'GET', path));
  }
  return reportResult(replies);
}

function reportResult(replies: Reply[]): ReportResult {
  const [first, ...rest] = replies;
  const s = summarise(replies);
  const last = replies.at(-1)!;
  return {
    first: first!.ms,
    median: percentile(
      rest.filter((r) => r.status === 200).map((r) => r.ms),
      50,
    ),
    runs: rest.map((r) => Math.round(r.ms)),
    errors: s.errors,
    totalAll: last.status === 200 ? (JSON.parse(last.body) as { totals: { all: unknown } }).totals.all : null,
  };
}
