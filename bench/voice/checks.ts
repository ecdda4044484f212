// What Doverie made of the calls, read from PostgreSQL after the run: the calls' facts by outcome, their
// routing contacts by state, and whether the caller keys Kamailio made are the keys Doverie makes of the
// same numbers (the edge's secret is derived from the pepper on both sides).
import pg from 'pg';
import { callerKey } from '../../src/domain/privacy/callerKey.js';

export interface CallCheck {
  calls: number;
  byOutcome: Record<string, number>;
  /** Calls not ended in Doverie's facts. */
  open: number;
  /** Calls that needed more than one route request. */
  reasked: number;
  answeredNotEnded: number;
  contactsByState: Record<string, number>;
  /** Voice contacts whose caller key is one Doverie makes of a number the trunk sent. */
  keysMatching: number;
  keysTotal: number;
}

const tally = (rows: { k: string | null; n: string }[]) => Object.fromEntries(rows.map((r) => [r.k ?? 'null', Number(r.n)]));

export async function checkCalls(url: string, pepper: Buffer, numbers: string[]): Promise<CallCheck> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const outcomes = await client.query<{ k: string | null; n: string }>('select outcome as k, count(*) as n from voice_calls group by 1');
    const [facts] = (
      await client.query<{ calls: string; open: string; reasked: string; answered_open: string }>(
        `select count(*) as calls, count(*) filter (where ended_at is null) as open, count(*) filter (where attempts > 1) as reasked,
                count(*) filter (where answered_at is not null and ended_at is null) as answered_open from voice_calls`,
      )
    ).rows;
    const states = await client.query<{ k: string; n: string }>(
      `select state as k, count(*) as n from routing_contacts where channel = 'voice' group by 1`,
    );
    const keys = await client.query<{ caller_key: string | null }>(`select caller_key from routing_contacts where channel = 'voice'`);
    const expected = new Set(numbers.map((n) => callerKey(pepper, 'phone', n)));
    return {
      calls: Number(facts!.calls),
      byOutcome: tally(outcomes.rows),
      open: Number(facts!.open),
      reasked: Number(facts!.reasked),
      answeredNotEnded: Number(facts!.answered_open),
      contactsByState: tally(states.rows),
      keysMatching: keys.rows.filter((r) => r.caller_key !== null && expected.has(r.caller_key)).length,
      keysTotal: keys.rows.length,
    };
  } finally {
    await client.end();
  }
}

export interface DbActivity {
  /** Committed transactions (each statement outside a transaction is one). */
  commits: number;
  /** Rows inserted, updated or deleted, by table. */
  writes: Record<string, number>;
}

/** PostgreSQL's own counters for the benchmark database, to compare before and after the load. */
export async function dbActivity(url: string): Promise<DbActivity> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The statistics collector reports with a delay: ask for a fresh snapshot.
    await client.query('select pg_stat_clear_snapshot()');
    const [db] = (await client.query<{ n: string }>('select xact_commit as n from pg_stat_database where datname = current_database()'))
      .rows;
    const tables = await client.query<{ k: string; n: string }>(
      'select relname as k, n_tup_ins + n_tup_upd + n_tup_del as n from pg_stat_user_tables',
    );
    return { commits: Number(db!.n), writes: Object.fromEntries(tables.rows.map((r) => [r.k, Number(r.n)])) };
  } finally {
    await client.end();
  }
}
