// The child's side of a web chat for the staff chat browser test, driven from the test process:
// POST /api/chat/chats and the child's WebSocket (hello, message, typing, read frames; docs/chat.md).
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import WebSocket from 'ws';

export const secret = () => randomBytes(32).toString('base64url');
export const clientId = () => randomBytes(9).toString('base64url');
export type Frame = Record<string, unknown> & { type: string };

export interface Child {
  chatId: string;
  deviceToken: string;
  ws: WebSocket;
  frames: Frame[];
  send(frame: object): void;
  waitFor(pred: (f: Frame) => boolean, what: string): Promise<Frame>;
}

/** POST /api/chat/chats for the service, with a fresh chat id and token unless `body` gives them. */
export const startChat = (url: string, serviceId: string, deviceToken: string, body: object = {}) =>
  fetch(`${url}/api/chat/chats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'ru' },
    body: JSON.stringify({ chatId: randomUUID(), serviceId, token: secret(), deviceToken, ...body }),
  });

/** A child starts a chat with pre-chat answers and a first message, and opens its socket (hello → welcome). */
export async function childChats(url: string, serviceId: string, about: object, first: string): Promise<Child> {
  const chatId = randomUUID();
  const token = secret();
  const deviceToken = secret();
  const res = await startChat(url, serviceId, deviceToken, { chatId, token, about, firstMessage: { clientId: clientId(), text: first } });
  expect(res.status, await res.text()).toBe(201);
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/chat/ws`);
  const frames: Frame[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waitFor = async (pred: (f: Frame) => boolean, what: string) => {
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
      const found = frames.find(pred);
      if (found) return found;
    }
    throw new Error(`the child did not receive ${what}; got ${JSON.stringify(frames)}`);
  };
  const child: Child = { chatId, deviceToken, ws, frames, send: (f) => ws.send(JSON.stringify(f)), waitFor };
  child.send({ type: 'hello', chatId, token, after: 0 });
  await waitFor((f) => f.type === 'welcome', 'welcome');
  return child;
}

/** Waits until the child's socket has received a staff message with exactly this text. */
export const receivedText = (child: Child, text: string) =>
  child.waitFor((f) => f.type === 'message' && (f.message as { text: string }).text === text, `the message «${text.slice(0, 40)}»`);
