// The run command as a newcomer uses it: the built server on the embedded database.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoLogins, startServerProcess } from './helpers/serverProcess.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'doverie-start-'));
  dirs.push(d);
  return d;
};

async function signIn(url: string, login: string, password: string) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
}

describe('npm start on the embedded database', () => {
  it('first start: migrates, seeds the demo network, prints the URL and every demo login once', async () => {
    const data = tempDir();
    const server = await startServerProcess({ DOVERIE_DATA_DIR: data });
    let logins: ReturnType<typeof demoLogins>;
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      logins = demoLogins(server.output());
      expect(logins.map((l) => `${l.login} ${l.role}`)).toEqual([
        'kovrov.counsellor counsellor',
        'kovrov.supervisor supervisor',
        'kovrov.head head',
        'kovrov.methodologist methodologist',
        'lenobl.counsellor counsellor',
        'lenobl.supervisor supervisor',
        'lenobl.head head',
        'analyst analyst',
        'admin admin',
      ]);
      expect(new Set(logins.map((l) => l.password)).size).toBe(9);
      expect(logins[0]!.service).toBe('Ковровский социально-реабилитационный центр для несовершеннолетних');
      expect(logins[4]!.service).toBe('Ленинградский областной центр диагностики и консультирования');
      expect(server.output()).toMatch(/Generated secrets .*secrets\.json \(mode 0600\)/);
      expect(statSync(join(data, 'secrets.json')).mode & 0o777).toBe(0o600);
      expect(readdirSync(join(data, 'pglite')).length).toBeGreaterThan(0);

      expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
      const admin = logins.find((l) => l.role === 'admin')!;
      expect((await signIn(server.url, admin.login, admin.password)).status).toBe(204);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    // Second start on the same data: nothing new is seeded or printed, the passwords still work.
    const again = await startServerProcess({ DOVERIE_DATA_DIR: data });
    try {
      expect(demoLogins(again.output())).toEqual([]);
      expect(again.output()).not.toMatch(/Generated secrets/);
      const head = logins.find((l) => l.login === 'lenobl.head')!;
      expect((await signIn(again.url, head.login, head.password)).status).toBe(204);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });

  it('loses nothing acknowledged when killed outright (SIGKILL), and restarts on the same data', async () => {
    const data = tempDir();
    const first = await startServerProcess({ DOVERIE_DATA_DIR: data });
    const admin = demoLogins(first.output()).find((l) => l.role === 'admin')!;
    const login = await signIn(first.url, admin.login, admin.password);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const me = (await (await fetch(`${first.url}/api/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
    const name = `Служба ${Date.now()}`;
    const created = await fetch(`${first.url}/api/services`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ name, region: 'Тверская область', timeZone: 'Europe/Moscow' }),
    });
    expect(created.status).toBe(201);
    first.child.kill('SIGKILL');
    expect(await first.stop()).toBe(null);

    const again = await startServerProcess({ DOVERIE_DATA_DIR: data });
    try {
      const relogin = await signIn(again.url, admin.login, admin.password);
      const cookie2 = relogin.headers.get('set-cookie')!.split(';')[0]!;
      const services = (await (await fetch(`${again.url}/api/services`, { headers: { cookie: cookie2 } })).json()) as {
        items: { name: string }[];
      };
      expect(services.items.map((s: { name: string }) => s.name)).toContain(name);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });

  it('honours PORT and refuses a second server on the same embedded data', async () => {
    const data = tempDir();
    const probe = await startServerProcess({ DOVERIE_DATA_DIR: data });
    const port = new URL(probe.url).port;
    await probe.stop();
    const server = await startServerProcess({ DOVERIE_DATA_DIR: data, PORT: port });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${port}`);
      const second = await startServerProcess({ DOVERIE_DATA_DIR: data }).then(
        () => undefined,
        (err: { exitCode: number; output: string }) => err,
      );
      expect(second?.exitCode).toBe(1);
      expect(second?.output).toMatch(/in use by another Doverie process/);
    } finally {
      await server.stop();
    }
  });

  it('exits with every configuration problem listed', async () => {
    const err = await startServerProcess({ PORT: 'x', LOG_LEVEL: 'loud', NODE_ENV: 'production' }).then(
      () => undefined,
      (e: { exitCode: number; output: string }) => e,
    );
    expect(err?.exitCode).toBe(1);
    expect(err?.output).toMatch(/Invalid configuration/);
    expect(err?.output).toMatch(/PORT/);
    expect(err?.output).toMatch(/LOG_LEVEL/);
    expect(err?.output).toMatch(/DOVERIE_ENCRYPTION_KEY: required in production mode/);
  });
});
