// Every setting Doverie reads comes from the environment and is validated here, once, at boot.
// A bad setting stops the process with every problem listed, never a half-configured server.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { voiceConfigOf, type VoiceConfig } from './voice/voiceConfig.js';

const secret = z.string().refine((v) => Buffer.from(v, 'base64').length >= 32, 'must be at least 32 bytes, base64-encoded');

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

/**
 * The PostgreSQL pool's default size: two connections per CPU core of the machine Doverie runs on,
 * at least 4, at most 32. More connections than that do not make a small machine faster: when the
 * server, its PostgreSQL backends and everything else share a few cores, each extra busy backend takes
 * CPU from the one Node.js event loop every request needs, and the requests queue there instead (the
 * records benchmark, 2 cores, 200,000 contacts: a finalize's p99 at 200/s 12–15 ms with 4 connections, 39–96 ms
 * with 10; bench/README.md).
 */
export function defaultPoolMax(cores = availableParallelism()): number {
  return Math.min(32, Math.max(4, 2 * cores));
}

/** The environment variables, their defaults and meaning. README's configuration table mirrors this. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: integer(0, 65535).default(8080),
  DOVERIE_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Unset: defaultPoolMax() of this machine. */
  DATABASE_POOL_MAX: integer(1, 200).optional(),
  DOVERIE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DOVERIE_TRUST_PROXY: flag.default(false),
  DOVERIE_SESSION_SECRET: secret.optional(),
  DOVERIE_HMAC_PEPPER: secret.optional(),
  DOVERIE_ENCRYPTION_KEY: secret.optional(),
  DOVERIE_SESSION_IDLE_MINUTES: integer(1, 24 * 60).default(30),
  DOVERIE_SESSION_ABSOLUTE_HOURS: integer(1, 24 * 7).default(12),
  DOVERIE_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  DOVERIE_SERVE_WEB: flag.default(true),
  DOVERIE_INGRESS_TOKEN: z.string().min(32, 'must be at least 32 characters').max(512).optional(),
  /** The quick exit's neutral page: an absolute http(s) URL, or a path on this server. */
  DOVERIE_CHAT_EXIT_URL: z
    .string()
    .max(500)
    .refine((v) => /^https?:\/\/[^\s]+$/.test(v) || /^\/[^\s/][^\s]*$/.test(v), 'an http(s) URL or a path starting with /')
    .default('https://ya.ru/'),
  /** The SMTP server signals' letters are e-mailed through (smtp:// or smtps://, credentials in the URL); e-mail is off without it. */
  DOVERIE_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  /** The sender of those e-mails: an address, optionally with a name (`Телефон доверия <signals@example.ru>`). */
  DOVERIE_SMTP_FROM: z
    .string()
    .max(300)
    .regex(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an e-mail address, optionally as "Name <address>"')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.input<typeof envSchema>;

export interface Secrets {
  sessionSecret: Buffer;
  hmacPepper: Buffer;
  encryptionKey: Buffer;
}

export interface Config {
  mode: 'embedded' | 'production';
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolMax: number };
  publicUrl: string | undefined;
  trustProxy: boolean;
  secrets: Secrets;
  session: { idleMs: number; absoluteMs: number };
  seedDemo: boolean;
  serveWeb: boolean;
  /** Bearer token channel adapters (SIP edge, bots) use to hand contacts in; ingress is off without it. */
  ingressToken: string | undefined;
  /** Where the chat page's quick-exit button sends the child (a neutral site; the page is replaced, not added to history). */
  chatExitUrl: string;
  /** The phone line (src/voice/voiceConfig.ts); null when telephony is off. */
  voice: VoiceConfig | null;
  /** Where signals' letters are e-mailed through; null when e-mail is not configured (sends are then recorded by hand). */
  smtp: SmtpConfig | null;
  logLevel: string;
}

export interface SmtpConfig {
  /** Connection URL with credentials: never logged or shown. */
  url: string;
  from: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface LoadedConfig {
  config: Config;
  /** Things the operator should know, printed once at boot (e.g. "secrets were generated"). */
  notices: string[];
}

const SECRET_NAMES = {
  sessionSecret: 'DOVERIE_SESSION_SECRET',
  hmacPepper: 'DOVERIE_HMAC_PEPPER',
  encryptionKey: 'DOVERIE_ENCRYPTION_KEY',
} as const;

type SecretKey = keyof typeof SECRET_NAMES;

export function loadConfig(env: Record<string, string | undefined> = process.env): LoadedConfig {
  // Empty strings count as unset, as in most deployment tools' env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`);
  // Decided from the raw values too, so a bad setting elsewhere does not hide missing secrets.
  const production = cleaned.NODE_ENV === 'production' || cleaned.DATABASE_URL !== undefined;
  if (production) {
    for (const name of Object.values(SECRET_NAMES)) {
      if (cleaned[name] === undefined) {
        problems.push(
          `${name}: required in production mode (NODE_ENV=production or DATABASE_URL set); generate one with: openssl rand -base64 32`,
        );
      }
    }
  }
  const voice = voiceConfigOf(cleaned as Record<string, string>, resolve(cleaned.DOVERIE_DATA_DIR ?? './data'));
  problems.push(...voice.problems);
  if ((cleaned.DOVERIE_SMTP_URL === undefined) !== (cleaned.DOVERIE_SMTP_FROM === undefined))
    problems.push('DOVERIE_SMTP_URL and DOVERIE_SMTP_FROM: set both to send signals by e-mail, or neither');
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = resolve(e.DOVERIE_DATA_DIR);
  const notices: string[] = [];
  const given: Partial<Record<SecretKey, string>> = {
    sessionSecret: e.DOVERIE_SESSION_SECRET,
    hmacPepper: e.DOVERIE_HMAC_PEPPER,
    encryptionKey: e.DOVERIE_ENCRYPTION_KEY,
  };
  const secrets = production ? (given as Record<SecretKey, string>) : embeddedSecrets(dataDir, given, notices);

  const config: Config = {
    mode: production ? 'production' : 'embedded',
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX ?? defaultPoolMax() }
      : { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
    publicUrl: e.DOVERIE_PUBLIC_URL?.replace(/\/$/, ''),
    trustProxy: e.DOVERIE_TRUST_PROXY,
    secrets: {
      sessionSecret: Buffer.from(secrets.sessionSecret, 'base64'),
      hmacPepper: Buffer.from(secrets.hmacPepper, 'base64'),
      encryptionKey: Buffer.from(secrets.encryptionKey, 'base64').subarray(0, 32),
    },
    session: {
      idleMs: e.DOVERIE_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.DOVERIE_SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
    seedDemo: e.DOVERIE_DEMO === 'auto' ? !production : e.DOVERIE_DEMO === 'true',
    serveWeb: e.DOVERIE_SERVE_WEB,
    ingressToken: e.DOVERIE_INGRESS_TOKEN,
    chatExitUrl: e.DOVERIE_CHAT_EXIT_URL,
    voice: voice.voice,
    smtp: e.DOVERIE_SMTP_URL && e.DOVERIE_SMTP_FROM ? { url: e.DOVERIE_SMTP_URL, from: e.DOVERIE_SMTP_FROM } : null,
    logLevel: e.LOG_LEVEL,
  };
  return { config, notices };
}

/** Embedded mode keeps generated secrets in <data>/secrets.json (0600) so restarts keep sessions and data readable. */
function embeddedSecrets(dataDir: string, given: Partial<Record<SecretKey, string>>, notices: string[]): Record<SecretKey, string> {
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<Record<SecretKey, string>> = {};
  if (existsSync(file)) {
    try {
      stored = z
        .object({ sessionSecret: secret, hmacPepper: secret, encryptionKey: secret })
        .partial()
        .parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (err) {
      throw new ConfigError([`${file}: unreadable or invalid (${(err as Error).message.split('\n')[0]})`]);
    }
    if ((statSync(file).mode & 0o077) !== 0) {
      chmodSync(file, 0o600);
      notices.push(`Tightened permissions of ${file} to 0600`);
    }
  }
  const result = {} as Record<SecretKey, string>;
  let generated = false;
  for (const key of Object.keys(SECRET_NAMES) as SecretKey[]) {
    const value = given[key] ?? stored[key];
    if (value !== undefined) {
      result[key] = value;
    } else {
      result[key] = randomBytes(32).toString('base64');
      generated = true;
    }
  }
  if (generated) {
    mkdirSync(dataDir, { recursive: true });
    const toStore = { ...stored };
    for (const key of Object.keys(SECRET_NAMES) as SecretKey[]) {
      if (given[key] === undefined) toStore[key] = result[key];
    }
    writeFileSync(file, `${JSON.stringify(toStore, null, 2)}\n`, { mode: 0o600 });
    notices.push(
      `Generated secrets (session, HMAC pepper, encryption key) into ${file} (mode 0600). ` +
        'Keep this file: without it encrypted data cannot be read.',
    );
  }
  return result;
}

/** Just the database settings, for maintenance commands that need no secrets (e.g. audit verification). */
export function loadDatabaseSettings(env: Record<string, string | undefined> = process.env): Config['database'] {
  const parsed = envSchema
    .pick({ DOVERIE_DATA_DIR: true, DATABASE_URL: true, DATABASE_POOL_MAX: true })
    .safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;
  return e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL, poolMax: 2 }
    : { kind: 'pglite', dataDir: join(resolve(e.DOVERIE_DATA_DIR), 'pglite') };
}
