// A Doverie app on a test database, driven through Fastify's inject(), with a controllable clock
// and builders that give each test its own service and staff.
import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Config } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import type { RoleName } from '../../src/db/schema.js';
import { hashPassword } from '../../src/domain/auth/passwords.js';
import { buildApp, type BuildOptions } from '../../src/http/app.js';
import { loggerOptions } from '../../src/logger.js';
import type { App } from '../../src/http/types.js';
import { Hub } from '../../src/realtime/hub.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedClassification } from '../../src/domain/records/classificationSeed.js';
import { seedDirectoryTaxonomy } from '../../src/domain/directory/taxonomySeed.js';
import { openEmptyDatabase, openTestDatabase, type DatabaseKind } from './testDatabase.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    mode: 'embedded',
    nodeEnv: 'test',
    host: '127.0.0.1',
    port: 0,
    dataDir: '/nonexistent',
    database: { kind: 'pglite', dataDir: '/nonexistent' },
    publicUrl: undefined,
    trustProxy: false,
    secrets: { sessionSecret: randomBytes(32), hmacPepper: randomBytes(32), encryptionKey: randomBytes(32) },
    session: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
    seedDemo: false,
    serveWeb: false,
    ingressToken: undefined,
    chatExitUrl: 'https://ya.ru/',
    voice: null,
    smtp: null,
    logLevel: 'silent',
    ...overrides,
  };
}

export class TestClock {
  constructor(private t = Date.now()) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface SignedIn {
  userId: string;
  login: string;
  password: string;
  cookie: string;
  csrf: string;
}

export const TEST_PASSWORD = 'correct-horse-42';

export class TestApp {
  private constructor(
    readonly kind: DatabaseKind,
    readonly app: App,
    readonly database: DatabaseHandle,
    readonly hub: Hub,
    readonly clock: TestClock,
    readonly config: Config,
    /** When set, the app logs (at trace level, with the production redaction) into this array, one JSON line each. */
    readonly logLines?: string[],
  ) {}

  /**
   * `isolated`: a database of its own (for tests that need global facts, e.g. "the last admin").
   * `logLines`: collect the app's log lines there (tests that check what is never logged).
   */
  static async start(
    kind: DatabaseKind,
    configOverrides: Partial<Config> = {},
    opts: { isolated?: boolean; logLines?: string[] } = {},
  ): Promise<TestApp> {
    const database = opts.isolated ? await openEmptyDatabase(kind) : await openTestDatabase(kind);
    if (opts.isolated) {
      await migrateToLatest(database.db);
      await seedClassification(database.db);
      await seedDirectoryTaxonomy(database.db);
    }
    const hub = new Hub();
    const clock = new TestClock();
    const config = testConfig(configOverrides);
    const app = await buildApp({ config, db: database.db, databaseKind: kind, hub, clock: clock.now }, buildOptions(opts.logLines));
    await app.ready();
    return new TestApp(kind, app, database, hub, clock, config, opts.logLines);
  }

  get db() {
    return this.database.db;
  }

  /** The routing engine's single writer of this app. */
  get routing() {
    return this.app.routingRuntime;
  }

  /** Stops this app (not its database) and starts a new one on the same data: a restart (`whileDown` runs in between). */
  async restart(whileDown?: () => Promise<void>): Promise<TestApp> {
    await this.app.close();
    await whileDown?.();
    const app = await buildApp(
      { config: this.config, db: this.database.db, databaseKind: this.kind, hub: this.hub, clock: this.clock.now },
      buildOptions(this.logLines),
    );
    await app.ready();
    return new TestApp(this.kind, app, this.database, this.hub, this.clock, this.config, this.logLines);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.close();
  }

  /** A new service with a unique name, created directly in the database. */
  async service(name = `Служба ${randomUUID().slice(0, 8)}`): Promise<{ id: string; name: string }> {
    const row = await this.db
      .insertInto('services')
      .values({ name, name_key: name.toLowerCase(), region: 'Владимирская область', time_zone: 'Europe/Moscow', settings: '{}' })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    return row;
  }

  /** A staff member with the given roles (service roles need a serviceId), created directly in the database. */
  async user(
    grants: { role: RoleName; serviceId?: string | null }[],
    opts: { mustChangePassword?: boolean } = {},
  ): Promise<{ id: string; login: string; password: string }> {
    const login = `u${randomBytes(6).toString('hex')}`;
    const row = await this.db
      .insertInto('staff_users')
      .values({
        login,
        pseudonym: 'Тест',
        full_name: 'Тестов Тест Тестович',
        password_hash: await hashPassword(TEST_PASSWORD),
        must_change_password: opts.mustChangePassword ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (grants.length > 0) {
      await this.db
        .insertInto('role_grants')
        .values(grants.map((g) => ({ user_id: row.id, service_id: g.serviceId ?? null, role: g.role })))
        .execute();
    }
    return { id: row.id, login, password: TEST_PASSWORD };
  }

  async signIn(user: { id: string; login: string; password: string }): Promise<SignedIn> {
    const res = await this.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: user.login, password: user.password } });
    if (res.statusCode !== 204) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const cookie = cookieFrom(res);
    const me = await this.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    return { userId: user.id, login: user.login, password: user.password, cookie, csrf: me.json().csrfToken };
  }

  /** A new user with these grants, signed in. */
  async as(grants: { role: RoleName; serviceId?: string | null }[]): Promise<SignedIn> {
    return this.signIn(await this.user(grants));
  }

  request(
    who: SignedIn | undefined,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  }
}

function buildOptions(logLines: string[] | undefined): BuildOptions {
  if (!logLines) return { logger: false };
  return { logger: { ...loggerOptions('trace'), stream: { write: (line: string) => void logLines.push(line) } } };
}

export function cookieFrom(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name.endsWith('doverie_session'));
  if (!c) throw new Error('no session cookie in response');
  return `${c.name}=${c.value}`;
}
