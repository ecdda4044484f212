// Builds the synthetic network in PostgreSQL: migrations and the national classification, the
// services and staff, then N contacts over 15 years month by month (`jobs` connections in parallel,
// each month one transaction with its rollups), then VACUUM ANALYZE. Prints a progress line a year.
import pg from 'pg';
import { generateMonth } from './generate.js';
import { migrateAndClassify, seedNetwork, type Network } from './network.js';
import { monthCounts, planMonths, seeded } from './shares.js';

export interface Built {
  network: Network;
  records: number;
  reasons: number;
  generateSeconds: number;
  vacuumSeconds: number;
}

export async function buildNetwork(
  url: string,
  opts: { services: number; contacts: number; jobs: number; sessionSecret: Buffer },
  say: (line: string) => void,
): Promise<Built> {
  await migrateAndClassify(url);
  const main = new pg.Client({ connectionString: url });
  await main.connect();
  try {
    const network = await seedNetwork(main, opts.sessionSecret, opts.services);
    const months = planMonths();
    const rand = seeded(42);
    const work = months.map((m) => ({ month: m, counts: monthCounts(opts.contacts, m, network.services, rand) }));
    const ids = network.services.map((s) => s.id);
    const started = Date.now();
    let records = 0;
    let doneMonths = 0;
    let next = 0;
    const worker = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query("set work_mem = '256MB'");
        // A bulk load: skip the foreign-key triggers (the generator only writes ids that exist), as pg_restore --disable-triggers does.
        await client.query('set session_replication_role = replica');
        while (next < work.length) {
          const { month, counts } = work[next++]!;
          const n = await generateMonth(client, ids, counts, month);
          records += n;
          if (++doneMonths % 12 === 0 || doneMonths === work.length) {
            const s = (Date.now() - started) / 1000;
            say(
              `  ${doneMonths}/${work.length} months, ${records.toLocaleString('en')} records in ${s.toFixed(0)} s ` +
                `(${Math.round(records / s).toLocaleString('en')}/s)`,
            );
          }
        }
      } finally {
        await client.end();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.jobs) }, worker));
    const generateSeconds = (Date.now() - started) / 1000;
    await main.query('drop table bench_services');
    const v = Date.now();
    await main.query('vacuum analyze');
    const vacuumSeconds = (Date.now() - v) / 1000;
    const reasons = Number((await main.query<{ n: string }>('select count(*) as n from contact_record_reasons')).rows[0]!.n);
    return { network, records, reasons, generateSeconds, vacuumSeconds };
  } finally {
    await main.end();
  }
}
