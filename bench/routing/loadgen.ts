// The routing benchmark's load generator, forked by bench/routing.ts into its own process. It plays
// every counsellor (one WebSocket each, goes on duty, accepts each offer over HTTP) and the channel
// edge (contacts arrive at a fixed rate, callers hang up after a short talk), and times each contact
// from the moment its arrival is sent to the moment its `routing.offer` reaches a counsellor's socket.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Counsellor } from './seed.js';
import type { FromGenerator, LoadConfig, LoadResult, ToGenerator } from './protocol.js';
import { percentile, sleep } from './stats.js';

const send = (m: FromGenerator) => process.send!(m);
const log = (line: string) => send({ type: 'log', line });

interface Reply {
  status: number;
  body: string;
}

/**
 * Keep-alive connection pools, bounded (sizes from the config): the channel edge (one service handing in
 * every contact) and the counsellors' browsers (10,000 in reality, each with its own connection; here a
 * large shared pool).
 */
let edge = new http.Agent({ keepAlive: true });
let browsers = new http.Agent({ keepAlive: true });

function request(
  agent: http.Agent,
  base: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
  /** Called when the request gets a connection from the pool (it may wait for one when all are busy). */
  onSocket?: () => void,
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers:
          payload === undefined
            ? headers
            : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (onSocket) req.once('socket', onSocket);
    req.end(payload);
  });
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function pooled<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

const errorKey = (r: Reply) => {
  try {
    return `${r.status} ${(JSON.parse(r.body) as { code?: string }).code ?? ''}`.trim();
  } catch {
    return String(r.status);
  }
};
const tally = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

interface ContactRecord {
  sentAt: number;
  /** When the arrival got a connection of the edge's pool (sentAt plus any wait for a free one). */
  connectedAt: number;
  acked: boolean;
  offerAt: number | null;
  offers: number;
  acceptedBy: Set<string>;
}

async function run(cfg: LoadConfig): Promise<LoadResult> {
  edge = new http.Agent({ keepAlive: true, maxSockets: cfg.edgeSockets });
  browsers = new http.Agent({ keepAlive: true, maxSockets: cfg.browserSockets });
  const base = new URL(cfg.url);
  const origin = base.origin;
  const staffHeaders = (c: Counsellor) => ({ cookie: `doverie_session=${c.token}`, origin, 'x-csrf-token': c.csrf });
  const ingressHeaders = { authorization: `Bearer ${cfg.ingressToken}` };
  const contacts = new Map<string, ContactRecord>();
  const arrivalErrors: Record<string, number> = {};
  const acceptErrors: Record<string, number> = {};
  const callerLeftErrors: Record<string, number> = {};
  const ackLatencies: number[] = [];
  const acceptLatencies: number[] = [];
  let offersReceived = 0;
  let offered = 0;
  let accepted = 0;
  let callerLeft = 0;
  let double = 0;
  let socketsClosed = 0;
  /** Acknowledged (201) contacts whose offer has not reached a socket yet. */
  let owedCount = 0;
  let loadStart = 0;
  const inflight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };

  const hangUp = (contactId: string) => {
    const p = request(edge, base, 'POST', `/api/routing/ingress/contacts/${contactId}/caller-left`, ingressHeaders).then(
      (r) => (r.status === 200 ? callerLeft++ : tally(callerLeftErrors, errorKey(r))),
      (err: Error) => tally(callerLeftErrors, err.message),
    );
    track(p);
  };

  const onOffer = (c: Counsellor, data: { id: string; contact: { id: string } }, at: number) => {
    offersReceived++;
    const rec = contacts.get(data.contact.id);
    if (!rec) return; // not one of ours (cannot happen on a fresh database)
    if (rec.offerAt === null) {
      rec.offerAt = at;
      offered++;
      if (rec.acked) owedCount--;
    }
    rec.offers++;
    const t0 = performance.now();
    const p = request(browsers, base, 'POST', `/api/routing/offers/${data.id}/accept`, staffHeaders(c), { commandId: randomUUID() }).then(
      (r) => {
        if (r.status !== 200) return void tally(acceptErrors, errorKey(r));
        acceptLatencies.push(performance.now() - t0);
        accepted++;
        rec.acceptedBy.add(c.staffId);
        if (rec.acceptedBy.size === 2) double++;
        if (rec.acceptedBy.size === 1) {
          const [min, max] = cfg.talkMs;
          setTimeout(() => hangUp(data.contact.id), min + Math.random() * (max - min));
        }
      },
      (err: Error) => tally(acceptErrors, err.message),
    );
    track(p);
  };

  // 1. One WebSocket per counsellor; each starts subscribed to its own user topic.
  const wsUrl = `${base.origin.replace(/^http/, 'ws')}/api/ws`;
  const sockets: WebSocket[] = [];
  let t = performance.now();
  await pooled(cfg.counsellors, 100, async (c) => {
    const ws = new WebSocket(wsUrl, { headers: staffHeaders(c), perMessageDeflate: false });
    ws.on('message', (raw: Buffer) => {
      const text = raw.toString('utf8');
      if (!text.includes('"routing.offer"')) return;
      const at = performance.now();
      onOffer(c, (JSON.parse(text) as { data: { id: string; contact: { id: string } } }).data, at);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`websocket refused: ${res.statusCode}`)));
    });
    ws.on('close', () => socketsClosed++);
    sockets.push(ws);
  });
  const connectSeconds = (performance.now() - t) / 1000;
  log(`${sockets.length} WebSockets open in ${connectSeconds.toFixed(1)} s`);

  // 2. Everyone on duty, paced by a bounded number of requests in flight.
  t = performance.now();
  let onDuty = 0;
  await pooled(cfg.counsellors, 32, async (c) => {
    const r = await request(browsers, base, 'PUT', '/api/routing/workstation/presence', staffHeaders(c), {
      commandId: randomUUID(),
      serviceId: c.serviceId,
      presence: 'available',
    });
    if (r.status !== 200) throw new Error(`presence failed: ${r.status} ${r.body}`);
    onDuty++;
  });
  const presenceSeconds = (performance.now() - t) / 1000;
  log(`${onDuty} counsellors on duty in ${presenceSeconds.toFixed(1)} s`);
  await sleep(1000);

  // 3. Arrivals at a fixed rate, round-robin over the services.
  const total = cfg.arrivalsPerSecond * cfg.seconds;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  send({ type: 'phase', phase: 'load-start' });
  loadStart = performance.now();
  let sent = 0;
  let acked = 0;
  const arrive = () => {
    const contactId = randomUUID();
    const serviceId = cfg.services[sent % cfg.services.length]!;
    const now = performance.now();
    const rec: ContactRecord = { sentAt: now, connectedAt: now, acked: false, offerAt: null, offers: 0, acceptedBy: new Set() };
    contacts.set(contactId, rec);
    sent++;
    const body = {
      contactId,
      serviceId,
      channel: 'chat',
      caller: { kind: 'webchat-device', value: `device-${contactId.slice(0, 8)}` },
    };
    const p = request(
      edge,
      base,
      'POST',
      '/api/routing/ingress/contacts',
      ingressHeaders,
      body,
      () => (rec.connectedAt = performance.now()),
    ).then(
      (r) => {
        if (r.status !== 201) return void tally(arrivalErrors, errorKey(r));
        ackLatencies.push(performance.now() - rec.sentAt);
        rec.acked = true;
        acked++;
        if (rec.offerAt === null) owedCount++;
      },
      (err: Error) => tally(arrivalErrors, err.message),
    );
    track(p);
  };
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - loadStart) / 1000) * cfg.arrivalsPerSecond));
    while (sent < due) arrive();
    await sleep(1);
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  log(`${sent} arrivals sent in ${loadSeconds.toFixed(1)} s`);

  // 4. Drain: offers still owed, then the hang-ups of the last talks.
  const owed = () => owedCount;
  // An overloaded server is late, not lossy: wait as long as work still completes (an offer or an HTTP
  // answer within the last `drainSeconds`), so that only contacts that really never come count as lost.
  let progress = performance.now();
  let seen = -1;
  const drain = async (pending: () => boolean) => {
    while (pending() && performance.now() - progress < cfg.drainSeconds * 1000) {
      const now = offersReceived + accepted + callerLeft + acked;
      if (now !== seen) [seen, progress] = [now, performance.now()];
      await sleep(20);
    }
  };
  await drain(() => inflight.size > 0 || owed() > 0);
  send({ type: 'phase', phase: 'load-end' });
  loop.disable();
  const hungUp = () => callerLeft + Object.values(callerLeftErrors).reduce((a, b) => a + b, 0);
  progress = performance.now() + cfg.talkMs[1];
  await drain(() => hungUp() < accepted - double || inflight.size > 0);
  send({ type: 'phase', phase: 'done' });

  const latencies: number[] = [];
  const poolWaits: number[] = [];
  const bySecond: number[][] = [];
  const notOffered: string[] = [];
  const ackedIds: string[] = [];
  let reoffered = 0;
  for (const [id, r] of contacts) {
    if (r.acked) ackedIds.push(id);
    if (r.offers > 1) reoffered++;
    if (r.offerAt === null) {
      if (r.acked) notOffered.push(id);
      continue;
    }
    const ms = r.offerAt - r.sentAt;
    latencies.push(ms);
    poolWaits.push(r.connectedAt - r.sentAt);
    (bySecond[Math.floor((r.sentAt - loadStart) / 1000)] ??= []).push(ms);
  }
  for (const ws of sockets) ws.terminate();
  edge.destroy();
  browsers.destroy();
  const ns = (v: number) => v / 1e6;
  return {
    connected: sockets.length,
    connectSeconds,
    onDuty,
    presenceSeconds,
    sent,
    acked,
    arrivalErrors,
    offered,
    offersReceived,
    reoffered,
    accepted,
    acceptErrors,
    callerLeft,
    callerLeftErrors,
    double,
    notOffered,
    ackedIds,
    loadSeconds,
    offerLatency: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
    },
    ackLatency: { p50: percentile(ackLatencies, 50), p99: percentile(ackLatencies, 99) },
    poolWait: { p50: percentile(poolWaits, 50), p99: percentile(poolWaits, 99) },
    acceptLatency: { p50: percentile(acceptLatencies, 50), p99: percentile(acceptLatencies, 99) },
    p99BySecond: Array.from(bySecond, (xs) => (xs ? percentile(xs, 99) : NaN)),
    clientLoopDelay: { p50: ns(loop.percentile(50)), p99: ns(loop.percentile(99)), max: ns(loop.max) },
    socketsClosed,
  };
}

process.on('message', (m: ToGenerator) => {
  if (m.type !== 'start') return;
  run(m.config).then(
    (result) => send({ type: 'result', result }),
    (err: unknown) => send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
