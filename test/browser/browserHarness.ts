// What browser tests share: the built server as a child process on a fresh data directory,
// Debian's Chromium (never a downloaded browser), an axe check, and a record of every request.
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { demoLogins, MAIN, startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

export const CHROMIUM = '/usr/bin/chromium';
/** Chromium's flags for every browser test: no sandbox or GPU here, and nothing fetched in the background. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WEB_INDEX = join(import.meta.dirname, '../../dist/web/index.html');

export interface Harness {
  url: string;
  browser: Browser;
  passwordOf(login: string): string;
  close(): Promise<void>;
}

function assertReady(): void {
  const missing = [MAIN, WEB_INDEX].filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`Missing ${missing.join(', ')}: run \`npm run build\` before the browser tests.`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium package (apt-get install chromium).`);
}

/**
 * Starts server and browser; `close` stops both and removes the data directory, whatever happened.
 * `env` adds server settings (e.g. DOVERIE_INGRESS_TOKEN).
 */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  assertReady();
  const dataDir = await mkdtemp(join(tmpdir(), 'doverie-browser-'));
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    if (server) await stopWithin(server, 15_000);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    server = await startServerProcess({ DOVERIE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env });
    const output = server.output;
    await waitFor(
      () => /^login: admin password: \S+/m.test(output()),
      10_000,
      () => `no admin login printed:\n${output()}`,
    );
    await assertSpaServed(server.url);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const logins = demoLogins(output());
    return {
      url: server.url,
      browser,
      passwordOf(login) {
        const found = logins.find((l) => l.login === login);
        if (!found) throw new Error(`no demo login ${login} in the server output`);
        return found.password;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** SIGTERM and wait; a server that has not exited in time is killed, so no process outlives the run. */
async function stopWithin(server: ServerProcess, ms: number): Promise<void> {
  const timer = setTimeout(() => server.child.kill('SIGKILL'), ms);
  try {
    await server.stop();
  } finally {
    clearTimeout(timer);
  }
}

/** Fails early, and says why, when the page would stay blank: index.html or its scripts not served. */
async function assertSpaServed(url: string): Promise<void> {
  const index = await fetch(url);
  const html = await index.text();
  if (!index.ok || !html.includes('id="root"')) throw new Error(`GET ${url}/ answered ${index.status}, not the SPA's index.html`);
  for (const [, asset] of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
    const res = await fetch(url + asset);
    // Read every body: a half-read response keeps its connection busy and the server's
    // graceful shutdown would wait for it.
    const body = await res.text();
    if (!res.ok) throw new Error(`GET ${asset} answered ${res.status} ${body}: the SPA's static files must be served without a session`);
  }
}

async function waitFor(check: () => boolean, timeoutMs: number, message: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(message());
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs axe-core on the page as it is now; fails listing each violation and where it is. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const report = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  expect(report, `axe violations on ${where}:\n${report.join('\n')}`).toEqual([]);
}

/** Every URL the page requested or connected to (HTTP and WebSocket), to prove nothing left the origin. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('websocket', (ws) => urls.push(ws.url()));
  return urls;
}

/**
 * Waits until the JavaScript `expression` is true in the page. Polled through the debugger protocol
 * (page.evaluate), which the page's CSP does not govern: page.waitForFunction re-checks by evaluating the
 * expression inside the page, and `script-src 'self'` refuses that (an EvalError whenever the first check
 * was not already true).
 */
export async function untilInPage(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting in the page for ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The element with the keyboard focus has this text (e.g. the offer card's «Принять»). */
export const focusedText = (page: Page, text: string) =>
  untilInPage(page, `document.activeElement?.textContent === ${JSON.stringify(text)}`);

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested (recordRequests). */
  requested: string[];
}

/**
 * A staff member signed in (by the login API) in a fresh Russian browser context, on `path`. A script
 * dialog fails the test: text from a chat or a record must never run as HTML. The caller closes the
 * context (or passes `contexts`, which its afterAll closes).
 */
export async function openSignedIn(
  harness: Harness,
  login: string,
  path: string,
  opts: { password?: string; contexts?: BrowserContext[]; acceptDownloads?: boolean } = {},
): Promise<SignedInPage> {
  const context = await harness.browser.newContext({
    locale: 'ru-RU',
    reducedMotion: 'reduce',
    acceptDownloads: opts.acceptDownloads ?? false,
  });
  opts.contexts?.push(context);
  context.setDefaultTimeout(10_000);
  const res = await context.request.post(`${harness.url}/api/auth/login`, {
    data: { login, password: opts.password ?? harness.passwordOf(login) },
  });
  expect(res.status()).toBe(204);
  const page = await context.newPage();
  page.on('dialog', () => {
    throw new Error('a script dialog opened: HTML from the chat or a record was rendered');
  });
  const requested = recordRequests(page);
  await page.goto(harness.url + path);
  return { context, page, requested };
}

/** On the workstation: «На линии» pressed and confirmed by the presence badge. */
export async function goOnLine(page: Page): Promise<void> {
  await page.getByRole('group', { name: 'Ваш статус' }).getByRole('button', { name: 'На линии' }).click();
  await page
    .getByTestId('ws-presence')
    .filter({ hasText: /^На линии$/ })
    .waitFor();
}
