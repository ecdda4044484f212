// The people of the benchmark over Doverie's API: a deployment admin (seeded with a session, as the other
// benchmarks seed their staff) sets the service's number; every counsellor (seeded by bench/routing/seed.ts)
// asks for its phone's credentials (POST /api/voice/credentials), which the registering SIPp reads from
// an injection file, and goes on duty once its phone is registered.
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import pg from 'pg';
import { csrfTokenOf, sessionIdOf } from '../../src/domain/auth/sessions.js';
import { pooled, request } from '../chat/http.js';
import type { Counsellor } from '../routing/seed.js';

const FIXED_HASH = '$argon2id$v=19$m=19456,t=2,p=1$yffp9AeT3IROyzYwOwlMPw$1/WsjS+P/f7m03Dxy9hqkD3R9341gwYAUqD3vFKz45o';

export interface Session {
  token: string;
  csrf: string;
}

/** A deployment admin (role admin, no service) with a live session. */
export async function seedAdmin(url: string, sessionSecret: Buffer): Promise<Session> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const keys = { sessionSecret };
    const now = new Date();
    await client.query(
      `insert into staff_users (id, login, pseudonym, full_name, password_hash) values ($1, 'bench-admin', 'А', 'Администратор', $2)`,
      [id, FIXED_HASH],
    );
    await client.query(`insert into role_grants (user_id, service_id, role) values ($1, null, 'admin')`, [id]);
    await client.query(`insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values ($1, $2, $3, $3, $4)`, [
      sessionIdOf(keys, token),
      id,
      now,
      new Date(now.getTime() + 12 * 3_600_000),
    ]);
    return { token, csrf: csrfTokenOf(keys, token) };
  } finally {
    await client.end();
  }
}

export class Api {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly base: URL;

  constructor(url: string) {
    this.base = new URL(url);
  }

  async call(who: Session, method: string, path: string, body?: unknown): Promise<unknown> {
    const headers = { cookie: `doverie_session=${who.token}`, origin: this.base.origin, 'x-csrf-token': who.csrf };
    const r = await request(this.agent, this.base, method, path, headers, body);
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${r.body}`);
    return JSON.parse(r.body) as unknown;
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface PhoneCredentials {
  sipUser: string;
  username: string;
  password: string;
}

/** Each counsellor's phone credentials, as the workstation asks for them. */
export async function phoneCredentials(api: Api, counsellors: Counsellor[]): Promise<PhoneCredentials[]> {
  const out = new Array<PhoneCredentials>(counsellors.length);
  await pooled(
    counsellors.map((c, i) => ({ c, i })),
    16,
    async ({ c, i }) => {
      const cred = (await api.call(c, 'POST', '/api/voice/credentials')) as PhoneCredentials;
      out[i] = { sipUser: cred.sipUser, username: cred.username, password: cred.password };
    },
  );
  return out;
}

export async function goOnDuty(api: Api, counsellors: Counsellor[]): Promise<void> {
  await pooled(counsellors, 16, async (c) => {
    await api.call(c, 'PUT', '/api/routing/workstation/presence', {
      commandId: randomUUID(),
      serviceId: c.serviceId,
      presence: 'available',
    });
  });
}

/** Caller numbers for the trunk's injection file: distinct Russian mobile numbers in the trunk's national form. */
export async function callersFile(file: string, count: number, first: number): Promise<string[]> {
  const numbers = Array.from({ length: count }, (_, i) => `8916${String(first + i).padStart(7, '0')}`);
  await writeFile(file, `SEQUENTIAL\n${numbers.map((n) => `${n};`).join('\n')}\n`);
  return numbers;
}
