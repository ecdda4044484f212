// The overdue list re-reads when the server pushes that a signal has become overdue. The push itself
// (once per signal and kind, to the service's board) is tested with an injected clock in
// test/cases/signal-overdue-push.test.ts; here the built SPA in Chromium, on the head's home page:
// it holds the board topic of each service it supervises, and a `signal.overdue` event on it — put
// into the real socket by the test — makes it ask the server for the overdue list again.
import type { WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './apiSession.js';
import { startHarness, type Harness } from './browserHarness.js';
import { staffBrowser, type StaffBrowser } from './caseSignalFixture.js';

let harness: Harness | undefined;
let staff: StaffBrowser | undefined;

beforeAll(async () => {
  harness = await startHarness();
  staff = staffBrowser(harness);
}, 90_000);

afterAll(async () => {
  await staff?.close();
  await harness?.close();
}, 30_000);

describe('the overdue list hears the push', () => {
  it("on the head's home page, a signal.overdue event on the service's board re-reads the list", async () => {
    const head = await ApiSession.signIn(harness!.url, 'kovrov.head', harness!.passwordOf('kovrov.head'));
    const me = await head.call<{ user: { grants: { serviceId: string | null; role: string }[] } }>('GET', '/api/auth/me');
    const serviceId = me.user.grants.find((g) => g.role === 'head')!.serviceId!;

    // The page's socket goes through the test, which keeps what the page sends and can speak as the server.
    const fromPage: Record<string, unknown>[] = [];
    let socket: WebSocketRoute | undefined;
    const page = await staff!.open('kovrov.head', '/login');
    await page.routeWebSocket(/\/api\/ws$/, (ws) => {
      socket = ws;
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        fromPage.push(JSON.parse(String(m)) as Record<string, unknown>);
        server.send(m);
      });
    });
    const firstRead = page.waitForResponse((r) => r.url().includes('/api/signals/overdue'));
    await page.goto(`${harness!.url}/`);
    await firstRead;
    await page.getByRole('heading', { name: /Просроченные сигналы/ }).waitFor();
    await expect.poll(() => fromPage.some((m) => m.type === 'subscribe' && m.topic === `board:${serviceId}`)).toBe(true);

    const reread = page.waitForRequest((r) => r.url().includes('/api/signals/overdue') && r.method() === 'GET', { timeout: 5_000 });
    socket!.send(
      JSON.stringify({
        type: 'event',
        topic: `board:${serviceId}`,
        name: 'signal.overdue',
        data: { id: '00000000-0000-4000-8000-000000000001', serviceId, kind: 'acknowledgement' },
      }),
    );
    await reread;
  });
});
