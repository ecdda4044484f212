// The two sides of the chat benchmark's load: counsellors (one staff WebSocket each, on duty, accepting
// every chat offered to them over HTTP, receiving the children's messages as `chat.message`) and
// children (a chat started over HTTP, then the child's own WebSocket with hello, messages and acks).
// Every time is `performance.now()` of the load generator's process, so sender and receiver share a clock.
import { randomBytes, randomUUID } from 'node:crypto';
import type http from 'node:http';
import WebSocket from 'ws';
import type { Counsellor } from '../routing/seed.js';
import { errorKey, request, tally } from './http.js';

/** One child message as the generator follows it: sent → acknowledged by the child's socket → relayed to the holder. */
export interface SentMessage {
  chatId: string;
  sentAt: number;
  ackAt: number | null;
  relayAt: number | null;
  relays: number;
  error: string | null;
}

export interface ChildChat {
  id: string;
  serviceId: string;
  token: string;
  ws: WebSocket | null;
  accepted: boolean;
  /** The counsellor whose accept succeeded (the one who should hear the chat's messages). */
  holder: string | null;
}

export class Tallies {
  readonly startErrors: Record<string, number> = {};
  readonly acceptErrors: Record<string, number> = {};
  readonly messageErrors: Record<string, number> = {};
  readonly acceptLatencies: number[] = [];
  readonly messages = new Map<string, SentMessage>();
  readonly chats = new Map<string, ChildChat>();
  offersReceived = 0;
  acceptsOk = 0;
  accepted = 0;
  acked = 0;
  /** Messages answered with an error frame instead of an ack. */
  refused = 0;
  relayed = 0;
  duplicates = 0;
  misrouted = 0;
  /** Relays of messages the generator did not send (none on a fresh database). */
  strangers = 0;
  /** Something happened (for the stall timeouts). */
  lastProgress = performance.now();
  closed = { child: 0, staff: 0 };
}

/** The text of a child message: the client id first, so the counsellor's side finds the message it relays. */
export const messageText = (clientId: string) => `${clientId} Здравствуйте, мне не с кем поговорить, можно написать вам?`;
const clientIdOf = (text: string) => text.slice(0, text.indexOf(' '));

const open = (ws: WebSocket) =>
  new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`websocket refused: ${res.statusCode}`)));
  });

export class Participants {
  readonly t = new Tallies();
  readonly staffSockets: WebSocket[] = [];
  private readonly origin: string;

  constructor(
    private readonly base: URL,
    private readonly browsers: http.Agent,
    private readonly children: http.Agent,
  ) {
    this.origin = base.origin;
  }

  private staffHeaders = (c: Counsellor) => ({ cookie: `doverie_session=${c.token}`, origin: this.origin, 'x-csrf-token': c.csrf });

  /** The counsellor's workstation socket: offers are accepted at once, relayed child messages are timed. */
  async connectCounsellor(c: Counsellor): Promise<void> {
    const ws = new WebSocket(`${this.origin.replace(/^http/, 'ws')}/api/ws`, { headers: this.staffHeaders(c), perMessageDeflate: false });
    ws.on('message', (raw: Buffer) => {
      const text = raw.toString('utf8');
      if (text.includes('"chat.message"')) this.onRelay(c, JSON.parse(text) as RelayEvent, performance.now());
      else if (text.includes('"routing.offer"')) this.onOffer(c, (JSON.parse(text) as OfferEvent).data);
    });
    await open(ws);
    ws.on('close', () => this.t.closed.staff++);
    this.staffSockets.push(ws);
  }

  async goOnDuty(c: Counsellor): Promise<void> {
    const body = { commandId: randomUUID(), serviceId: c.serviceId, presence: 'available' };
    const r = await request(this.browsers, this.base, 'PUT', '/api/routing/workstation/presence', this.staffHeaders(c), body);
    if (r.status !== 200) throw new Error(`presence failed: ${r.status} ${r.body}`);
  }

  private onOffer(c: Counsellor, offer: OfferEvent['data']): void {
    const t = this.t;
    t.offersReceived++;
    const t0 = performance.now();
    request(this.browsers, this.base, 'POST', `/api/routing/offers/${offer.id}/accept`, this.staffHeaders(c), {
      commandId: randomUUID(),
    }).then(
      (r) => {
        if (r.status !== 200) return tally(t.acceptErrors, errorKey(r));
        t.acceptLatencies.push(performance.now() - t0);
        t.acceptsOk++;
        const chat = t.chats.get(offer.contact.id);
        if (chat) chat.holder = c.staffId;
      },
      (err: Error) => tally(t.acceptErrors, err.message),
    );
  }

  private onRelay(c: Counsellor, event: RelayEvent, at: number): void {
    const t = this.t;
    const { chatId, message } = event.data;
    if (message.from !== 'child') return;
    const sent = t.messages.get(clientIdOf(message.text));
    if (!sent || sent.chatId !== chatId) return void t.strangers++;
    if (t.chats.get(chatId)?.holder !== c.staffId) t.misrouted++;
    sent.relays++;
    if (sent.relays > 1) return void t.duplicates++;
    sent.relayAt = at;
    t.relayed++;
    t.lastProgress = at;
  }

  /** A child starts a chat (as the page does: its own chat id, resume and device tokens) and opens the chat's socket. */
  async startChild(serviceId: string): Promise<void> {
    const t = this.t;
    const chat: ChildChat = {
      id: randomUUID(),
      serviceId,
      token: randomBytes(32).toString('base64url'),
      ws: null,
      accepted: false,
      holder: null,
    };
    const body = {
      chatId: chat.id,
      serviceId,
      token: chat.token,
      deviceToken: randomBytes(32).toString('base64url'),
      about: { who: 'teen', age: 14 },
    };
    t.chats.set(chat.id, chat);
    const r = await request(this.children, this.base, 'POST', '/api/chat/chats', { origin: this.origin }, body).catch((err: Error) => ({
      status: 0,
      body: err.message,
    }));
    if (r.status !== 201) {
      t.chats.delete(chat.id);
      return tally(t.startErrors, r.status === 0 ? r.body : errorKey(r));
    }
    const ws = new WebSocket(`${this.origin.replace(/^http/, 'ws')}/api/chat/ws`, {
      headers: { origin: this.origin },
      perMessageDeflate: false,
    });
    chat.ws = ws;
    ws.on('message', (raw: Buffer) => this.onChildFrame(chat, JSON.parse(raw.toString('utf8')) as ChildFrame));
    try {
      await open(ws);
    } catch (err) {
      chat.ws = null;
      return tally(t.startErrors, `socket: ${(err as Error).message}`);
    }
    ws.on('close', () => t.closed.child++);
    ws.send(JSON.stringify({ type: 'hello', chatId: chat.id, token: chat.token, after: 0 }));
  }

  private onChildFrame(chat: ChildChat, m: ChildFrame): void {
    const t = this.t;
    const now = performance.now();
    if ((m.type === 'welcome' && m.chat?.state === 'active') || m.type === 'accepted') {
      if (!chat.accepted) {
        chat.accepted = true;
        t.accepted++;
        t.lastProgress = now;
      }
    }
    if (m.type === 'ack') {
      const sent = m.clientId ? t.messages.get(m.clientId) : undefined;
      if (sent && sent.ackAt === null) {
        sent.ackAt = t.lastProgress = now;
        t.acked++;
      }
    } else if (m.type === 'error') {
      tally(t.messageErrors, m.code ?? 'error');
      const sent = m.clientId ? t.messages.get(m.clientId) : undefined;
      if (sent && sent.error === null) {
        sent.error = m.code ?? 'error';
        t.refused++;
        t.lastProgress = now;
      }
    }
  }

  /** A child sends one message; it is followed by its client id. */
  send(chat: ChildChat, clientId: string): void {
    this.t.messages.set(clientId, { chatId: chat.id, sentAt: performance.now(), ackAt: null, relayAt: null, relays: 0, error: null });
    chat.ws!.send(JSON.stringify({ type: 'message', clientId, text: messageText(clientId) }));
  }

  closeAll(): void {
    for (const ws of this.staffSockets) ws.terminate();
    for (const chat of this.t.chats.values()) chat.ws?.terminate();
  }
}

interface OfferEvent {
  data: { id: string; contact: { id: string; channel: string } };
}
interface RelayEvent {
  data: { chatId: string; message: { seq: number; from: string; text: string } };
}
interface ChildFrame {
  type: string;
  chat?: { state: string };
  clientId?: string;
  code?: string;
}
