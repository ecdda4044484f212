// A WebSocket client for tests, through Fastify's injectWS: it collects the parsed messages and the
// close code, and waits for a message matching a predicate.
import type WebSocket from 'ws';
import type { SignedIn, TestApp } from './testApp.js';

export type Message = Record<string, unknown>;

export interface WsClient {
  ws: WebSocket;
  messages: Message[];
  send(m: unknown): void;
  waitFor(pred: (m: Message) => boolean, what?: string): Promise<Message>;
  /** Subscribes and waits for the answer (`subscribed` or an error naming the topic). */
  subscribe(topic: string): Promise<Message>;
  /** Gives in-flight messages time to arrive (before asserting that something did not). */
  settle(ms?: number): Promise<void>;
  events(name?: string): Message[];
  closedWith(): number | undefined;
}

export async function connectWs(t: TestApp, who: SignedIn, onMessage?: (m: Message) => void): Promise<WsClient> {
  const messages: Message[] = [];
  let closed: number | undefined;
  const ws: WebSocket = await t.app.injectWS('/api/ws', { headers: { cookie: who.cookie } });
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString()) as Message;
    messages.push(m);
    onMessage?.(m);
  });
  ws.on('close', (code: number) => (closed = code));
  const waitFor = async (pred: (m: Message) => boolean, what = 'message') => {
    for (let i = 0; i < 500; i++) {
      const found = messages.find(pred);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`${what} not received; got ${JSON.stringify(messages)}`);
  };
  const send = (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  return {
    ws,
    messages,
    send,
    waitFor,
    subscribe: (topic) => {
      send({ type: 'subscribe', topic });
      return waitFor((m) => m.topic === topic && (m.type === 'subscribed' || m.type === 'error'), `answer to subscribe ${topic}`);
    },
    settle: (ms = 100) => new Promise((r) => setTimeout(r, ms)),
    events: (name) => messages.filter((m) => m.type === 'event' && (name === undefined || m.name === name)),
    closedWith: () => closed,
  };
}
