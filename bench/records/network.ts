// The synthetic network's people and places, seeded with SQL: 230 services in the 85 regions (their
// own time zones), per service 6 counsellors, a supervisor and a head, and one national analyst; every
// staff member has a grant and a live session (the token's HMAC as the row id, as
// src/domain/auth/sessions.ts does) so the benchmark calls the API without argon2 logins. Also the
// national classification, and `bench_services`, the generator's per-service parameters.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { csrfTokenOf, sessionIdOf } from '../../src/domain/auth/sessions.js';
import { seedClassification } from '../../src/domain/records/classificationSeed.js';
import { planServices, seeded, type ServicePlan } from './shares.js';

/** A valid argon2id hash of a password nobody uses: the benchmark never signs in. */
const FIXED_HASH = '$argon2id$v=19$m=19456,t=2,p=1$yffp9AeT3IROyzYwOwlMPw$1/WsjS+P/f7m03Dxy9hqkD3R9341gwYAUqD3vFKz45o';
export const COUNSELLORS_PER_SERVICE = 6;

export interface Staff {
  staffId: string;
  serviceId: string | null;
  token: string;
  csrf: string;
}

export interface Network {
  services: (ServicePlan & { id: string })[];
  counsellors: Staff[];
  supervisors: Staff[];
  heads: Staff[];
  analyst: Staff;
}

export async function migrateAndClassify(url: string): Promise<void> {
  const handle = await openDatabase({ kind: 'postgres', url, poolMax: 2 });
  try {
    await migrateToLatest(handle.db);
    await seedClassification(handle.db);
  } finally {
    await handle.close();
  }
}

export async function seedNetwork(client: pg.Client, sessionSecret: Buffer, serviceCount: number): Promise<Network> {
  const plans = planServices(serviceCount, seeded(20261124));
  const services = plans.map((p) => ({ ...p, id: randomUUID() }));
  await client.query(
    `insert into services (id, name, name_key, short_name, region, time_zone)
     select id, name, lower(name), 'ДТД ' || n, region, tz
     from unnest($1::uuid[], $2::text[], $3::text[]) with ordinality as s(id, region, tz, n),
     lateral (select 'Детский телефон доверия ' || n || ' (' || region || ')' as name) as x`,
    [services.map((s) => s.id), services.map((s) => s.region), services.map((s) => s.timeZone)],
  );
  const keys = { sessionSecret };
  const make = (serviceId: string | null): Staff => {
    const token = randomBytes(32).toString('base64url');
    return { staffId: randomUUID(), serviceId, token, csrf: csrfTokenOf(keys, token) };
  };
  const counsellors = services.flatMap((s) => Array.from({ length: COUNSELLORS_PER_SERVICE }, () => make(s.id)));
  const supervisors = services.map((s) => make(s.id));
  const heads = services.map((s) => make(s.id));
  const analyst = make(null);
  const everyone: [Staff, string][] = [
    ...counsellors.map((c): [Staff, string] => [c, 'counsellor']),
    ...supervisors.map((c): [Staff, string] => [c, 'supervisor']),
    ...heads.map((c): [Staff, string] => [c, 'head']),
    [analyst, 'analyst'],
  ];
  const ids = everyone.map(([s]) => s.staffId);
  await client.query(
    `insert into staff_users (id, login, pseudonym, full_name, password_hash)
     select id, 'bench' || n, 'Сотрудник ' || n, 'Сотрудник ' || n, $2 from unnest($1::uuid[]) with ordinality as u(id, n)`,
    [ids, FIXED_HASH],
  );
  await client.query(`insert into role_grants (user_id, service_id, role) select * from unnest($1::uuid[], $2::uuid[], $3::text[])`, [
    ids,
    everyone.map(([s]) => s.serviceId),
    everyone.map(([, role]) => role),
  ]);
  const now = new Date();
  await client.query(
    `insert into sessions (id, user_id, created_at, last_seen_at, expires_at)
     select id, u, $3, $3, $4 from unnest($1::text[], $2::uuid[]) as x(id, u)`,
    [everyone.map(([s]) => sessionIdOf(keys, s.token)), ids, now, new Date(now.getTime() + 12 * 3_600_000)],
  );
  // The generator's per-service parameters, with each service's and its partner's counsellors.
  await client.query(
    `create unlogged table bench_services (id uuid primary key, tz text, region text, cshare float8, child_share float8,
       counsellors uuid[], partner uuid, partner_counsellors uuid[])`,
  );
  const byService = new Map<string, string[]>();
  for (const c of counsellors) byService.set(c.serviceId!, [...(byService.get(c.serviceId!) ?? []), c.staffId]);
  await client.query(
    `insert into bench_services (id, tz, region, cshare, child_share, partner)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::uuid[])`,
    [
      services.map((s) => s.id),
      services.map((s) => s.timeZone),
      services.map((s) => s.region),
      services.map((s) => s.counsellingShare),
      services.map((s) => s.childShare),
      services.map((s) => services[s.partner]!.id),
    ],
  );
  await client.query(
    `update bench_services b set counsellors = c.ids from (select service_id, array_agg(user_id order by user_id) as ids
       from role_grants where role = 'counsellor' group by service_id) c where c.service_id = b.id`,
  );
  await client.query('update bench_services b set partner_counsellors = p.counsellors from bench_services p where p.id = b.partner');
  return { services, counsellors, supervisors, heads, analyst };
}
