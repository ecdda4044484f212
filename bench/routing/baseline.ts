// The baseline: a plain PostgreSQL job queue on the same server. A producer inserts contacts at a
// fixed rate; N workers claim them with `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)`
// (backing off 1 ms when the queue is empty). Measures insert → claim latency, as seen by the clients,
// and, separately, how fast the workers drain a full queue.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { percentile, sleep } from './stats.js';

export interface BaselineResult {
  workers: number;
  inserted: number;
  claimed: number;
  claims_per_s: number;
  p50_ms: number;
  p99_ms: number;
  max_claims_per_s: number;
}

const CLAIM = `
  update bench_contacts set status = 'claimed', claimed_by = $1, claimed_at = clock_timestamp()
  where id = (
    select id from bench_contacts where queue = 1 and status = 'queued'
    order by priority desc, enqueued_at limit 1 for update skip locked)
  returning seq`;

const PRODUCERS = 4;

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

export async function runBaseline(url: string, opts: { rate: number; seconds: number; workers: number }): Promise<BaselineResult> {
  const admin = await connect(url);
  const clients: pg.Client[] = [];
  let producers: pg.Pool | undefined;
  try {
    await admin.query(`
      drop table if exists bench_contacts;
      create table bench_contacts (
        id bigserial primary key, seq bigint not null, queue int not null, priority int not null,
        enqueued_at timestamptz not null default clock_timestamp(), status text not null default 'queued',
        claimed_by int, claimed_at timestamptz);
      create index bench_contacts_queued on bench_contacts (queue, priority desc, enqueued_at) where status = 'queued';`);
    // Arrivals come from many clients at once: a small pool of producer connections.
    producers = new pg.Pool({ connectionString: url, max: PRODUCERS });
    const workers: pg.Client[] = [];
    for (let i = 0; i < opts.workers; i++) workers.push(await connect(url));
    clients.push(...workers);

    // Phase 1: steady arrivals at `rate` per second.
    const sentAt: number[] = [];
    const latencies: number[] = [];
    let running = true;
    const work = async (client: pg.Client, n: number) => {
      while (running) {
        const r = await client.query<{ seq: string }>(CLAIM, [n]);
        const row = r.rows[0];
        if (row) latencies.push(performance.now() - sentAt[Number(row.seq)]!);
        else await sleep(1);
      }
    };
    const loops = workers.map((w, n) => work(w, n));
    const total = opts.rate * opts.seconds;
    const t0 = performance.now();
    let seq = 0;
    const inserts: Promise<unknown>[] = [];
    while (seq < total) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * opts.rate));
      for (; seq < due; seq++) {
        sentAt[seq] = performance.now();
        inserts.push(producers.query('insert into bench_contacts (seq, queue, priority) values ($1, 1, $2)', [seq, seq % 3]));
      }
      await sleep(1);
    }
    await Promise.all(inserts);
    const deadline = performance.now() + 10_000;
    while (latencies.length < total && performance.now() < deadline) await sleep(5);
    const elapsed = (performance.now() - t0) / 1000;
    running = false;
    await Promise.all(loops);

    // Phase 2: capacity. A full queue, drained by the same workers as fast as they can.
    const backlog = opts.rate * Math.max(3, Math.round(opts.seconds / 4));
    await admin.query('truncate bench_contacts');
    await admin.query(`insert into bench_contacts (seq, queue, priority) select g, 1, g % 3 from generate_series(1, $1) g`, [backlog]);
    await admin.query('analyze bench_contacts');
    let drained = 0;
    const d0 = performance.now();
    await Promise.all(
      workers.map(async (w, n) => {
        for (;;) {
          const r = await w.query(CLAIM, [n]);
          if (r.rowCount === 0) return;
          drained++;
        }
      }),
    );
    const drainSeconds = (performance.now() - d0) / 1000;
    await admin.query('drop table bench_contacts');
    return {
      workers: opts.workers,
      inserted: total,
      claimed: latencies.length,
      claims_per_s: Math.round(latencies.length / elapsed),
      p50_ms: percentile(latencies, 50),
      p99_ms: percentile(latencies, 99),
      max_claims_per_s: Math.round(drained / drainSeconds),
    };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await producers?.end().catch(() => undefined);
    await admin.end();
  }
}
