// Starting and stopping one Doverie server: database, migrations, demo data, HTTP, jobs.
// main.ts calls it for `npm start`; tests and benchmarks call it the same way.
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoIfEmpty, type DemoLogin } from './domain/demo/seedDemo.js';
import { seedClassification } from './domain/records/classificationSeed.js';
import { seedDirectoryTaxonomy } from './domain/directory/taxonomySeed.js';
import { buildApp, type BuildOptions } from './http/app.js';
import { unitDeps } from './http/deps.js';
import type { App } from './http/types.js';
import { startSessionPurge } from './jobs/purgeSessions.js';
import { Hub } from './realtime/hub.js';

export interface RunningServer {
  app: App;
  database: DatabaseHandle;
  url: string;
  demoLogins: DemoLogin[];
  stop(): Promise<void>;
}

export async function startServer(config: Config, options: BuildOptions & { clock?: () => Date } = {}): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    // Reference data every record needs (the national classification); idempotent.
    await seedClassification(database.db);
    await seedDirectoryTaxonomy(database.db);
    const hub = new Hub();
    const deps = { config, db: database.db, databaseKind: database.kind, hub, clock: options.clock ?? (() => new Date()) };
    const demoLogins = config.seedDemo ? await seedDemoIfEmpty(unitDeps(deps)) : [];
    const app = await buildApp(deps, options);
    await app.listen({ host: config.host, port: config.port });
    const stopPurge = startSessionPurge(database.db, config.session, deps.clock, (err) => app.log.error({ err }, 'session purge failed'));
    const { port } = app.server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = config.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    // The SIP edge calls this server back, so it starts once the server listens.
    await app.voice.start(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    let stopped = false;
    return {
      app,
      database,
      url,
      demoLogins,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        stopPurge();
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
