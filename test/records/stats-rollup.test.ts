// The rollup writer: many services' and days' keys in one statement — daily rows per day, monthly rows
// summed over the month's days (two days of one month are one monthly row, not a conflict), signs
// applied, keys that cancel out written nowhere — and the lock statement that takes several services'
// rollup locks (in one round trip).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { lockRollups } from '../../src/domain/records/recordStore.js';
import { applyStatDeltas } from '../../src/domain/records/statsRollup.js';
import { DATABASES, openTestDatabase } from '../helpers/testDatabase.js';

describe.each(DATABASES)('rollup writer on %s', (kind) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase(kind);
  });
  afterAll(() => h.close());

  const table = async (name: 'record_stats_daily' | 'record_stats_monthly', services: string[]) => {
    const day = name === 'record_stats_daily' ? sql<string>`day::text` : sql<string>`month::text`;
    const rows = await h.db
      .selectFrom(name)
      .select(['service_id', day.as('d'), 'dim', 'value', 'n'])
      .where('service_id', 'in', services)
      .orderBy('service_id')
      .orderBy('d')
      .orderBy('dim')
      .orderBy('value')
      .execute();
    return rows.map((r) => [services.indexOf(r.service_id), r.d, r.dim, r.value, Number(r.n)]);
  };

  it('writes several services and days in one statement; a month is the sum of its days', async () => {
    const [a, b] = [randomUUID(), randomUUID()].sort() as [string, string];
    const wrote = await h.db.transaction().execute((tx) =>
      applyStatDeltas(tx, [
        {
          serviceId: a,
          day: '2026-11-02',
          keys: [
            ['type', 'silent', 1],
            ['contacts', 'all', 1],
          ],
          sign: 1,
        },
        {
          serviceId: a,
          day: '2026-11-03',
          keys: [
            ['type', 'silent', 1],
            ['contacts', 'all', 1],
          ],
          sign: 1,
        },
        { serviceId: b, day: '2026-12-01', keys: [['contacts', 'all', 1]], sign: 1 },
        // Added and taken back in the same call: nothing of it is written.
        { serviceId: b, day: '2026-12-01', keys: [['type', 'prank', 1]], sign: 1 },
        { serviceId: b, day: '2026-12-01', keys: [['type', 'prank', 1]], sign: -1 },
      ]),
    );
    expect(wrote).toBe(true);
    expect(await table('record_stats_daily', [a, b])).toEqual([
      [0, '2026-11-02', 'contacts', 'all', 1],
      [0, '2026-11-02', 'type', 'silent', 1],
      [0, '2026-11-03', 'contacts', 'all', 1],
      [0, '2026-11-03', 'type', 'silent', 1],
      [1, '2026-12-01', 'contacts', 'all', 1],
    ]);
    expect(await table('record_stats_monthly', [a, b])).toEqual([
      [0, '2026-11-01', 'contacts', 'all', 2],
      [0, '2026-11-01', 'type', 'silent', 2],
      [1, '2026-12-01', 'contacts', 'all', 1],
    ]);
    // Taken back (a correction): the same rows go down.
    await h.db
      .transaction()
      .execute((tx) => applyStatDeltas(tx, [{ serviceId: a, day: '2026-11-03', keys: [['type', 'silent', 1]], sign: -1 }], a));
    expect((await table('record_stats_monthly', [a])).find((r) => r[2] === 'type')).toEqual([0, '2026-11-01', 'type', 'silent', 1]);
    expect(await h.db.transaction().execute((tx) => applyStatDeltas(tx, []))).toBe(false);
  });

  it("lockRollups holds every service's rollup lock until commit", async () => {
    const services = [randomUUID(), randomUUID(), randomUUID()];
    await h.db.transaction().execute(async (tx) => {
      await lockRollups(tx, services);
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted`.execute(tx);
      expect(Number(rows[0]!.n)).toBe(3);
    });
  });
});
