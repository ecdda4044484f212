import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, defaultPoolMax, loadConfig } from '../src/config.js';

const key = () => Buffer.alloc(32, 7).toString('base64');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'doverie-config-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('embedded defaults: port 8080, data under ./data, PGlite, demo on', () => {
    const dir = tempDir();
    const { config } = loadConfig({ DOVERIE_DATA_DIR: dir });
    expect(config).toMatchObject({ mode: 'embedded', port: 8080, host: '127.0.0.1', dataDir: dir, seedDemo: true });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: join(dir, 'pglite') });
    expect(config.session).toEqual({ idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 });
  });

  it('the PostgreSQL pool is two connections per core by default (4 to 32); DATABASE_POOL_MAX overrides it', () => {
    expect([1, 2, 3, 8, 16, 64].map((cores) => defaultPoolMax(cores))).toEqual([4, 4, 6, 16, 32, 32]);
    const secrets = { DOVERIE_SESSION_SECRET: key(), DOVERIE_HMAC_PEPPER: key(), DOVERIE_ENCRYPTION_KEY: key() };
    const url = 'postgres://doverie@127.0.0.1/doverie';
    expect(loadConfig({ ...secrets, DATABASE_URL: url }).config.database).toEqual({ kind: 'postgres', url, poolMax: defaultPoolMax() });
    expect(loadConfig({ ...secrets, DATABASE_URL: url, DATABASE_POOL_MAX: '12' }).config.database).toEqual({
      kind: 'postgres',
      url,
      poolMax: 12,
    });
    expect(problemsOf({ ...secrets, DATABASE_URL: url, DATABASE_POOL_MAX: '0' }).join('\n')).toMatch(/DATABASE_POOL_MAX/);
  });

  it('generates secrets once into secrets.json with mode 0600, says so, and reuses them', () => {
    const dir = tempDir();
    const first = loadConfig({ DOVERIE_DATA_DIR: dir });
    expect(first.notices.join('\n')).toMatch(/Generated secrets.*secrets\.json.*0600/);
    const file = join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8'))).sort()).toEqual(['encryptionKey', 'hmacPepper', 'sessionSecret']);
    const second = loadConfig({ DOVERIE_DATA_DIR: dir });
    expect(second.notices).toEqual([]);
    expect(second.config.secrets.hmacPepper.equals(first.config.secrets.hmacPepper)).toBe(true);
    expect(second.config.secrets.encryptionKey).toHaveLength(32);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DOVERIE_SESSION_IDLE_MINUTES: '0' });
    // DATABASE_URL being set means production mode, so the three missing secrets are listed too.
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/DOVERIE_HMAC_PEPPER: required in production mode/);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/DOVERIE_SESSION_IDLE_MINUTES/);
  });

  it('production mode (NODE_ENV=production or DATABASE_URL) refuses to start without explicit secrets', () => {
    const dir = tempDir();
    const viaEnv = problemsOf({ NODE_ENV: 'production', DOVERIE_DATA_DIR: dir });
    expect(viaEnv).toHaveLength(3);
    expect(viaEnv.join('\n')).toMatch(/DOVERIE_SESSION_SECRET.*DOVERIE_HMAC_PEPPER.*DOVERIE_ENCRYPTION_KEY/s);
    expect(problemsOf({ DATABASE_URL: 'postgres://localhost/doverie', DOVERIE_DATA_DIR: dir })).toHaveLength(3);
    // Nothing was generated behind the operator's back.
    expect(() => statSync(join(dir, 'secrets.json'))).toThrow();
  });

  it('production mode with secrets: PostgreSQL, no demo data', () => {
    const { config } = loadConfig({
      DATABASE_URL: 'postgres://doverie@db/doverie',
      DOVERIE_SESSION_SECRET: key(),
      DOVERIE_HMAC_PEPPER: key(),
      DOVERIE_ENCRYPTION_KEY: key(),
    });
    expect(config.mode).toBe('production');
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://doverie@db/doverie', poolMax: defaultPoolMax() });
    expect(config.seedDemo).toBe(false);
  });

  it('rejects short secrets and a corrupt secrets file', () => {
    expect(
      problemsOf({
        NODE_ENV: 'production',
        DOVERIE_SESSION_SECRET: 'c2hvcnQ=',
        DOVERIE_HMAC_PEPPER: key(),
        DOVERIE_ENCRYPTION_KEY: key(),
      }).join(),
    ).toMatch(/DOVERIE_SESSION_SECRET: must be at least 32 bytes/);
    const dir = tempDir();
    writeFileSync(join(dir, 'secrets.json'), '{not json');
    expect(problemsOf({ DOVERIE_DATA_DIR: dir }).join()).toMatch(/secrets\.json: unreadable or invalid/);
  });
});
