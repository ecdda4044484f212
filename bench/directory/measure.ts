// The measurements, over HTTP against the built server, one request at a time (what a counsellor's
// screen does): the staff search (GET /api/directory/services) under a mix of words and filters, and
// the HSDS API's lists (services, organizations, service_at_locations) with and without search and
// taxonomy filters, each as a counsellor of a helpline chosen at random (their entries + national).
import { termId } from '../../src/domain/directory/taxonomySeed.js';
import type { Client, Reply } from '../records/http.js';
import type { Staff } from '../records/network.js';
import { seeded } from '../records/shares.js';
import { percentile } from '../routing/stats.js';

export interface Latencies {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers other than 200, by status and error code. */
  errors: Record<string, number>;
}

export function summarise(replies: readonly Reply[]): Latencies {
  const ok = replies.filter((r) => r.status === 200).map((r) => r.ms);
  const errors: Record<string, number> = {};
  for (const r of replies) {
    if (r.status === 200) continue;
    const key = `${r.status} ${/"code":"([^"]+)"/.exec(r.body)?.[1] ?? ''}`.trim();
    errors[key] = (errors[key] ?? 0) + 1;
  }
  return { count: ok.length, p50: percentile(ok, 50), p95: percentile(ok, 95), p99: percentile(ok, 99), max: Math.max(...ok), errors };
}

/** Words counsellors type: common («помощь», «центр») and rare («логопед», «медиация»), whole and cut short. */
const WORDS = [
  'психолог',
  'кризисный центр',
  'опека',
  'помощь',
  'центр',
  'подростк',
  'логопед',
  'медиация',
  'нарколог',
  'юридическая помощь',
  'телефон доверия',
  'приют',
  'насилие',
  'больница',
  'пособия',
  'комиссия по делам несовершеннолетних',
  'полиция',
  'психиатр',
];
const TERMS = ['crisis', 'crisis.children', 'ppms', 'ppms.children', 'opeka', 'medical.youth_clinic', 'legal.free', 'hotlines', 'shelter'];

export interface Caller {
  staff: Staff;
  /** The region of their helpline (ISO 3166-2:RU). */
  area: string;
}

type Params = Record<string, string>;
const query = (p: Params) => new URLSearchParams(p).toString();

/** The staff search: `rounds` of every kind of query, each kind's and all latencies. */
export async function searchQueries(http: Client, callers: readonly Caller[], rounds: number) {
  const rand = seeded(11);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const kinds: Record<string, (c: Caller) => Params> = {
    words: () => ({ q: pick(WORDS) }),
    'words + area': (c) => ({ q: pick(WORDS), area: c.area }),
    'term + area': (c) => ({ term: termId(pick(TERMS)), area: c.area }),
    'area + open now': (c) => ({ area: c.area, openNow: 'true' }),
    'words + age + free': () => ({ q: pick(WORDS), age: String(7 + Math.floor(rand() * 10)), free: 'true' }),
    'all filters': (c) => ({ q: pick(WORDS), term: termId(pick(TERMS)), area: c.area, age: '14', openNow: 'true', free: 'true' }),
    'area, page 2': (c) => ({ area: c.area, page: '2' }),
  };
  return run(http, callers, rounds, kinds, (p) => `/api/directory/services?${query(p)}`, rand);
}

/** The HSDS API's lists with the spec's filters. */
export async function hsdsLists(http: Client, callers: readonly Caller[], rounds: number) {
  const rand = seeded(12);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const kinds: Record<string, (c: Caller) => Params> = {
    services: () => ({}),
    'services?search': () => ({ search: pick(WORDS) }),
    'services?taxonomy_term_id': () => ({ taxonomy_term_id: termId(pick(TERMS)) }),
    'services?search&taxonomy_term_id': () => ({ search: pick(WORDS), taxonomy_term_id: termId(pick(TERMS)) }),
    organizations: () => ({}),
    'organizations?search': () => ({ search: pick(WORDS) }),
    service_at_locations: () => ({}),
    'service_at_locations?search': () => ({ search: pick(WORDS) }),
    'service_at_locations?taxonomy_term_id': () => ({ taxonomy_term_id: termId(pick(TERMS)) }),
  };
  return run(http, callers, rounds, kinds, (p, kind) => `/api/hsds/${kind.split('?')[0]}?${query(p)}`, rand);
}

async function run(
  http: Client,
  callers: readonly Caller[],
  rounds: number,
  kinds: Record<string, (c: Caller) => Params>,
  path: (p: Params, kind: string) => string,
  rand: () => number,
): Promise<{ all: Latencies; byKind: Record<string, Latencies> }> {
  const replies: Record<string, Reply[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++)
    for (const [kind, params] of Object.entries(kinds)) {
      const caller = callers[Math.floor(rand() * callers.length)]!;
      replies[kind]!.push(await http.request(caller.staff, 'GET', path(params(caller), kind)));
    }
  return {
    all: summarise(Object.values(replies).flat()),
    byKind: Object.fromEntries(Object.entries(replies).map(([k, r]) => [k, summarise(r)])),
  };
}
