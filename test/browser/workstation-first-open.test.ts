// The workstation reads its data, then the realtime socket opens: a contact that reaches the counsellor in
// between must still show. The page's WebSocket is held (Playwright's routeWebSocket) until a contact has
// been put in Анна's hands through the API — its push goes nowhere — and only then connected to the
// server: the contact card appears, because the first opening of the socket re-reads the workstation.
import type { WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heading, startRecordsFixture, type RecordsFixture } from './recordsFixture.js';

let f: RecordsFixture;

beforeAll(async () => {
  f = await startRecordsFixture();
}, 90_000);

afterAll(async () => {
  await f?.harness.close();
}, 30_000);

describe('the workstation and its realtime socket', () => {
  it('shows a contact that came between the first read and the socket’s opening', async () => {
    let held: WebSocketRoute | null = null;
    let release: () => void = () => {};
    const released = new Promise<void>((r) => (release = r));
    const { context, page } = await f.openAs('anna', '/workstation', async (p) => {
      // The handler connects the page's socket to the server only once released (until then it is not open).
      await p.routeWebSocket(/\/api\/ws$/, async (ws) => {
        held = ws;
        await released;
        ws.connectToServer();
      });
    });
    try {
      await heading(page, 'Рабочее место').waitFor();
      await expect.poll(() => held !== null).toBe(true);
      await page.getByText('Сейчас у вас нет обращений', { exact: false }).first().waitFor();
      await f.api.anna.call('POST', `/api/routing/services/${f.serviceId}/offline-contacts`, {
        commandId: crypto.randomUUID(),
        channel: 'voice',
      });
      // Now the socket reaches the server (the push above was sent to nobody).
      release();
      await page
        .getByTestId('contact-card')
        .getByRole('link', { name: /^Запись об обращении/ })
        .waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);
});
