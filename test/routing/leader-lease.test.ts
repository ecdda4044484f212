// The leader lease exists only on PostgreSQL (embedded PGlite is one process by construction: its
// data directory is locked), so this file runs on PostgreSQL alone.
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
});
