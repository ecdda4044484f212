import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmptyDatabase } from './helpers/testDatabase.js';
import { DATABASES } from './helpers/testDatabase.js';
import { TestApp, testConfig } from './helpers/testApp.js';
import { buildApp } from '../src/http/app.js';
import { Hub } from '../src/realtime/hub.js';

describe.each(DATABASES)('health and readiness on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('GET /api/health answers {"status":"ok"}', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/ready is 200 when the database is reachable and migrated', async () => {
    const res = await t.app.inject('/api/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', database: 'ok', pendingMigrations: [] });
  });

  it('GET /api/ready is 503 when migrations are pending', async () => {
    const empty = await openEmptyDatabase(kind);
    const app = await buildApp({ config: testConfig(), db: empty.db, hub: new Hub(), clock: () => new Date() }, { logger: false });
    try {
      const res = await app.inject('/api/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json().pendingMigrations.length).toBeGreaterThan(0);
    } finally {
      await app.close();
      await empty.close();
    }
  });

  it('GET /api/ready is 503 when the database is unreachable', async () => {
    const empty = await openEmptyDatabase(kind);
    const app = await buildApp({ config: testConfig(), db: empty.db, hub: new Hub(), clock: () => new Date() }, { logger: false });
    await empty.close();
    try {
      const res = await app.inject('/api/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
    } finally {
      await app.close();
    }
  });
});
