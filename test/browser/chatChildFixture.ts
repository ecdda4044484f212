// What the child's chat page tests share: the demo services as the page lists them, a counsellor's
// API session (on duty, accepting the offer of a chat, writing, ending, finishing the wrap-up),
// a fresh browser page for the child (every request recorded), and the chat kept in session storage.
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ApiSession } from './apiSession.js';
import { recordRequests, type Harness } from './browserHarness.js';

export interface PublicService {
  id: string;
  name: string;
  region: string;
  open: boolean;
  phones: string[];
}

export interface ChildPage {
  context: BrowserContext;
  page: Page;
  requested: string[];
  dialogs: string[];
}

export const cmd = () => ({ commandId: randomUUID() });

export const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
/** The child's own messages on the page. */
export const mine = (page: Page) => page.locator('li.msg.mine');
/** Waits until the keyboard focus is on the element with this text (polled from outside: the page's CSP forbids eval). */
export const focusedIs = (page: Page, text: string) =>
  expect.poll(() => page.evaluate<string>("document.activeElement?.textContent ?? ''")).toBe(text);

export async function chatServices(url: string): Promise<{ services: PublicService[]; nationalPhone: string; exitUrl: string }> {
  const res = await fetch(`${url}/api/chat/services`);
  expect(res.status).toBe(200);
  return (await res.json()) as { services: PublicService[]; nationalPhone: string; exitUrl: string };
}

export async function openChild(harness: Harness, path: string): Promise<ChildPage> {
  const context = await harness.browser.newContext({ locale: 'ru-RU', reducedMotion: 'reduce', viewport: { width: 390, height: 800 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const requested = recordRequests(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(harness.url + path);
  return { context, page, requested, dialogs };
}

/** Every request the page made went to the server's own origin (HTTP and WebSocket). */
export function expectOnlyOwnOrigin(harness: Harness, requested: string[]): void {
  const host = new URL(harness.url).host;
  const foreign = requested.filter((u) => !u.startsWith('data:') && new URL(u).host !== host);
  expect(foreign).toEqual([]);
  expect(requested.length).toBeGreaterThan(0);
}

export interface StoredChat {
  chatId: string;
  token: string;
  lastSeq: number;
  expiresAt: number;
}

export const storedChat = (page: Page): Promise<StoredChat | null> =>
  page.evaluate<StoredChat | null>("JSON.parse(sessionStorage.getItem('doverie.chat.session') ?? 'null')");

/** The start screen → the about form (skipped) → the chat started; returns its id. */
export async function startChat(page: Page, firstMessage?: string): Promise<string> {
  await page.getByRole('button', { name: 'Начать', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Перед началом чата' }).waitFor();
  await page.getByRole('button', { name: 'Пропустить' }).click();
  if (firstMessage) await page.getByLabel(/^Что случилось\?/).fill(firstMessage);
  await page.getByRole('button', { name: 'Начать чат' }).click();
  await page.getByLabel('Ваше сообщение').waitFor();
  const stored = await storedChat(page);
  expect(stored?.chatId).toMatch(/^[0-9a-f-]{36}$/);
  return stored!.chatId;
}

export interface StaffMessage {
  seq: number;
  from: 'child' | 'counsellor';
  text: string;
}

/** A counsellor of a demo service, through the staff API. */
export class Counsellor {
  private constructor(
    readonly api: ApiSession,
    readonly serviceId: string,
  ) {}

  static async onDuty(harness: Harness, login: string, serviceId: string): Promise<Counsellor> {
    const api = await ApiSession.signIn(harness.url, login, harness.passwordOf(login));
    await api.call('PUT', '/api/routing/workstation/presence', { ...cmd(), serviceId, presence: 'available' });
    return new Counsellor(api, serviceId);
  }

  async accept(chatId: string): Promise<void> {
    const until = Date.now() + 10_000;
    for (;;) {
      const w = await this.api.call<{ offers: { id: string; contact: { id: string } }[] }>('GET', '/api/routing/workstation');
      const offer = w.offers.find((o) => o.contact.id === chatId);
      if (offer) {
        await this.api.call('POST', `/api/routing/offers/${offer.id}/accept`, cmd());
        return;
      }
      if (Date.now() > until) throw new Error(`no offer of chat ${chatId}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  read(chatId: string) {
    return this.api.call<{ chat: { lastSeq: number; feedback: unknown; state: string; preChat: unknown }; messages: StaffMessage[] }>(
      'GET',
      `/api/chats/${chatId}?after=0`,
    );
  }

  say(chatId: string, text: string) {
    return this.api.call<{ seq: number }>('POST', `/api/chats/${chatId}/messages`, { clientId: randomUUID(), text });
  }

  typing(chatId: string) {
    return this.api.call('POST', `/api/chats/${chatId}/typing`, {});
  }

  markRead(chatId: string, seq: number) {
    return this.api.call('POST', `/api/chats/${chatId}/read`, { seq });
  }

  end(chatId: string) {
    return this.api.call('POST', `/api/chats/${chatId}/end`, cmd());
  }

  /** After the chat ended: the wrap-up finished, so the counsellor is free for the next test's chat. */
  async finishWrapUp(chatId: string): Promise<void> {
    const until = Date.now() + 10_000;
    for (;;) {
      const w = await this.api.call<{ contacts: { id: string; state: string }[] }>('GET', '/api/routing/workstation');
      const c = w.contacts.find((x) => x.id === chatId);
      if (!c) return;
      if (c.state === 'wrapup') {
        await this.api.call('POST', `/api/routing/contacts/${chatId}/complete`, cmd());
        return;
      }
      if (Date.now() > until) throw new Error(`chat ${chatId} did not reach wrap-up (state ${c.state})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
