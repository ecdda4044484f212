// One routing writer per database. On PostgreSQL the writer holds a session advisory lock on a
// connection of its own for as long as it runs; a second Doverie process on the same database waits
// for it (a rolling restart) and gives up with a clear error after a while. (Embedded PGlite is
// already single-process: its data directory is locked.)
import { sql } from 'kysely';
import type { Database } from '../../../db/database.js';

/** Arbitrary constant: "routing" in ASCII, the advisory-lock key every Doverie process agrees on. */
const LEASE_KEY = 0x726f7574696e67n;

/**
 * How pg_locks shows the lease: a bigint advisory key is split into classid (high 32 bits) and objid
 * (low 32 bits) with objsubid 1. The log's fence matches all of it, so a reused backend pid holding some
 * other advisory lock is never taken for the lease.
 */
export const LEASE_LOCK = { classid: Number(LEASE_KEY >> 32n), objid: Number(LEASE_KEY & 0xffffffffn) } as const;

export interface Lease {
  /**
   * The backend pid of the connection holding the lock. Each log write checks in pg_locks that it still
   * holds it, in the same statement (routingLog.writeBatch), and fails with LeaseLostError otherwise.
   */
  readonly pid: number;
  release(): Promise<void>;
}

export class LeaseLostError extends Error {
  constructor() {
    super('the routing leader lease was lost (its database connection ended)');
  }
}

export async function acquireLeaderLease(db: Database, opts: { waitMs: number; retryMs?: number }): Promise<Lease> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let acquired!: () => void;
  let failed!: (err: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    acquired = resolve;
    failed = reject;
  });
  const deadline = Date.now() + opts.waitMs;
  let pid = 0;
  const holding = db
    .connection()
    .execute(async (conn) => {
      for (;;) {
        const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${LEASE_KEY.toString()}::bigint) as ok`.execute(conn);
        if (rows[0]?.ok) break;
        if (Date.now() >= deadline) throw new Error('another Doverie process is running the routing engine on this database');
        await new Promise((r) => setTimeout(r, opts.retryMs ?? 500));
      }
      const me = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
      pid = me.rows[0]!.pid;
      acquired();
      await released;
      await sql`select pg_advisory_unlock(${LEASE_KEY.toString()}::bigint)`.execute(conn);
    })
    .catch((err: unknown) => failed(err));
  await ready;
  return {
    pid,
    release: async () => {
      release();
      await holding;
    },
  };
}
