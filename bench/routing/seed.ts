// Migrates the benchmark database and seeds it directly with SQL: services with steady routing
// settings, counsellors with a counsellor grant each, and one live session per counsellor (the
// token's HMAC as the row id, as src/domain/auth/sessions.ts does), so no argon2 login is needed.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { csrfTokenOf, sessionIdOf } from '../../src/domain/auth/sessions.js';

/** A valid argon2id hash of a password nobody uses: the benchmark never signs in. */
const FIXED_HASH = '$argon2id$v=19$m=19456,t=2,p=1$yffp9AeT3IROyzYwOwlMPw$1/WsjS+P/f7m03Dxy9hqkD3R9341gwYAUqD3vFKz45o';

/** Steady-state routing: three chats each, no wrap-up, offers that outlive any plausible accept delay. */
export const BENCH_SETTINGS = { chatCapacity: 3, wrapUpSeconds: 0, offerTimeoutSeconds: 20, declineCooldownSeconds: 0 };

export interface Counsellor {
  staffId: string;
  serviceId: string;
  token: string;
  csrf: string;
}

export interface Seeded {
  services: string[];
  counsellors: Counsellor[];
}

export async function migrate(url: string): Promise<void> {
  const handle = await openDatabase({ kind: 'postgres', url, poolMax: 2 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
}

/** `settings`: every service's settings JSON (default BENCH_SETTINGS; the chat benchmark passes its own). */
export async function seed(
  url: string,
  sessionSecret: Buffer,
  services: number,
  counsellors: number,
  settings: Record<string, unknown> = BENCH_SETTINGS,
): Promise<Seeded> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const serviceIds = Array.from({ length: services }, () => randomUUID());
    await client.query(
      `insert into services (id, name, name_key, region, time_zone, settings)
       select id, name, lower(name), 'Регион', 'Europe/Moscow', $2::jsonb from unnest($1::uuid[]) with ordinality as s(id, n),
       lateral (select 'Служба ' || n as name) as x`,
      [serviceIds, JSON.stringify(settings)],
    );
    const now = new Date();
    const expires = new Date(now.getTime() + 12 * 3_600_000);
    const keys = { sessionSecret };
    const all: Counsellor[] = [];
    for (let i = 0; i < counsellors; i++) {
      const token = randomBytes(32).toString('base64url');
      all.push({ staffId: randomUUID(), serviceId: serviceIds[i % services]!, token, csrf: csrfTokenOf(keys, token) });
    }
    const CHUNK = 2000;
    for (let i = 0; i < all.length; i += CHUNK) {
      const part = all.slice(i, i + CHUNK);
      const ids = part.map((c) => c.staffId);
      await client.query(
        `insert into staff_users (id, login, pseudonym, full_name, password_hash)
         select id, 'bench' || n, 'К' || n, 'Консультант ' || n, $3 from unnest($1::uuid[], $2::int[]) as u(id, n)`,
        [ids, part.map((_, j) => i + j), FIXED_HASH],
      );
      await client.query(
        `insert into role_grants (user_id, service_id, role) select u, s, 'counsellor' from unnest($1::uuid[], $2::uuid[]) as g(u, s)`,
        [ids, part.map((c) => c.serviceId)],
      );
      await client.query(
        `insert into sessions (id, user_id, created_at, last_seen_at, expires_at)
         select id, u, $3, $3, $4 from unnest($1::text[], $2::uuid[]) as x(id, u)`,
        [part.map((c) => sessionIdOf(keys, c.token)), ids, now, expires],
      );
    }
    await client.query('analyze');
    return { services: serviceIds, counsellors: all };
  } finally {
    await client.end();
  }
}
