// The leader lease exists only on PostgreSQL (embedded PGlite is one process by construction: its
// data directory is locked), so this file runs on PostgreSQL alone.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { RoutingRuntime } from '../../src/domain/routing/live/routingRuntime.js';
import { openTestDatabase } from '../helpers/testDatabase.js';

describe('routing leader lease on postgres', () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase('postgres');
  });
  afterAll(() => h.close());

  const start = (waitMs: number) =>
    RoutingRuntime.start({ db: h.db, publish: () => {}, clock: () => new Date(), lease: { waitMs, retryMs: 50 } });

  it('lets one routing writer run per database and hands over when it stops', async () => {
    const first = await start(1000);
    await expect(start(300)).rejects.toThrow(/another Doverie process/);
    // A second writer that waits long enough takes over once the first one stops (a rolling restart).
    const second = start(5000);
    await new Promise((r) => setTimeout(r, 200));
    await first.stop();
    const taken = await second;
    await taken.stop();
  });

  it('steps down when the lease connection dies, refusing writes, and takes the lease again from the log', async () => {
    const rt = await start(1000);
    const service = await h.db
      .insertInto('services')
      .values({ name: `Служба ${randomUUID()}`, name_key: randomUUID(), region: 'Тест', time_zone: 'Europe/Moscow', settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const arrive = (contactId: string) =>
      rt.submit({
        command: {
          type: 'arrive',
          contactId,
          serviceId: service.id,
          channel: 'chat',
          attributes: { language: null, region: null, callerKey: null, skills: [] },
          risk: 'unknown',
          carePlan: null,
        },
        present: () => ({}),
      });
    try {
      await arrive(randomUUID());
      // The lease's database session ends (a Postgres restart, a network cut, an administrator). Only
      // this test's database, and only once the backend has really gone (pg_terminate_backend without
      // a timeout merely signals it, and the lock would still be seen as held for a moment).
      const { rows } = await sql<{ terminated: boolean }>`
        select pg_terminate_backend(pid, 10000) as terminated from pg_locks
        where locktype = 'advisory' and granted and pid <> pg_backend_pid()
          and database = (select oid from pg_database where datname = current_database())`.execute(h.db);
      expect(rows).toEqual([{ terminated: true }]);
      const lost = randomUUID();
      await expect(arrive(lost)).rejects.toMatchObject({ code: 'service.unavailable' });
      expect(await h.db.selectFrom('routing_contacts').select('id').where('id', '=', lost).execute()).toEqual([]);
      // It becomes the writer again once it holds the lease, and the retried contact is taken once.
      let taken = false;
      for (let i = 0; i < 50 && !taken; i++) {
        await new Promise((r) => setTimeout(r, 200));
        taken = await arrive(lost).then(
          () => true,
          () => false,
        );
      }
      expect(taken).toBe(true);
      expect(await h.db.selectFrom('routing_contacts').select('id').where('id', '=', lost).execute()).toHaveLength(1);
    } finally {
      await rt.stop();
    }
  });
});
