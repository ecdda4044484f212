// The child's socket (/api/chat/ws): says hello with the resume token (after the last message seen),
// reconnects with backoff when the connection drops (never after 4404: the token is no longer valid),
// and sends again every message not yet acknowledged, with the same clientId (the server stores it once).
import { lang } from './lang.js';
import { clientId as newClientId } from './random.js';
import type { PendingMessage } from './storage.js';

export interface ChatMessage {
  seq: number;
  from: 'child' | 'counsellor';
  text: string;
  at: string;
  pseudonym: string | null;
}

export interface ChatView {
  id: string;
  state: 'waiting' | 'active' | 'ended';
  endedBy: 'child' | 'counsellor' | 'system' | null;
  position: number | null;
  estimatedWaitSeconds: number | null;
  counsellor: { pseudonym: string | null } | null;
  lastSeq: number;
  staffReadSeq: number;
  feedbackGiven: boolean;
}

export type ServerMessage =
  | { type: 'welcome'; chat: ChatView; messages: ChatMessage[] }
  | { type: 'message'; message: ChatMessage }
  | { type: 'ack'; clientId: string; seq: number; at: string }
  | { type: 'queue'; position: number; estimatedWaitSeconds: number }
  | { type: 'accepted'; pseudonym: string | null }
  | { type: 'typing' }
  | { type: 'read'; seq: number }
  | { type: 'ended'; by: 'child' | 'counsellor' | 'system' }
  | { type: 'error'; code: string; message: string; clientId?: string }
  | { type: 'pong' };

export interface SocketEvents {
  onServer(m: ServerMessage): void;
  /** The connection is up (welcomed) or down (reconnecting). */
  onConnection(up: boolean): void;
  /** The token no longer opens the chat (4404). */
  onGone(): void;
  /** Pending messages changed (to keep them in session storage). */
  onPending(pending: PendingMessage[]): void;
}

const BAD_TOKEN = 4404;
const PING_EVERY_MS = 20_000;
const PONG_WITHIN_MS = 8_000;
const BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

export class ChatSocket {
  private ws: WebSocket | null = null;
  private welcomed = false;
  private stopped = false;
  private attempt = 0;
  /** The child asked to end: said again after a reconnect if the socket was down. */
  private ending = false;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private pongTimer: number | undefined;
  private readonly pending = new Map<string, string>();
  private readonly onOnline = () => this.reconnectNow();
  private readonly onOffline = () => this.drop();

  constructor(
    private readonly chatId: string,
    private readonly token: string,
    /** The last server sequence number the page has shown (hello asks for what came after). */
    public lastSeq: number,
    pending: PendingMessage[],
    private readonly events: SocketEvents,
  ) {
    for (const p of pending) this.pending.set(p.clientId, p.text);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  get connected(): boolean {
    return this.welcomed;
  }

  connect(): void {
    if (this.stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    let ws: WebSocket;
    try {
      // A socket cannot set Accept-Language: the server's error messages follow ?lang= instead.
      ws = new WebSocket(`${scheme}://${location.host}/api/chat/ws?lang=${lang}`);
    } catch {
      return this.scheduleRetry();
    }
    this.ws = ws;
    this.welcomed = false;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', chatId: this.chatId, token: this.token, after: this.lastSeq }));
    ws.onmessage = (e) => {
      if (this.ws !== ws) return;
      let m: ServerMessage;
      try {
        m = JSON.parse(String(e.data)) as ServerMessage;
      } catch {
        return;
      }
      this.handle(m);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.lost();
      if (e.code === BAD_TOKEN) {
        this.stop();
        this.events.onGone();
      } else this.scheduleRetry();
    };
  }

  private handle(m: ServerMessage): void {
    if (m.type === 'pong') return window.clearTimeout(this.pongTimer);
    if (m.type === 'welcome') {
      this.welcomed = true;
      this.attempt = 0;
      this.events.onServer(m);
      this.events.onConnection(true);
      this.startPing();
      // Everything typed while the connection was down, in order, with its own clientId.
      for (const [clientId, text] of this.pending) this.raw({ type: 'message', clientId, text });
      if (this.ending) this.raw({ type: 'end' });
      return;
    }
    if (m.type === 'ack') {
      this.pending.delete(m.clientId);
      this.events.onPending(this.pendingList());
    }
    if (m.type === 'error' && m.clientId) {
      // Refused for good (too long, too fast, chat ended): not sent again.
      this.pending.delete(m.clientId);
      this.events.onPending(this.pendingList());
    }
    this.events.onServer(m);
  }

  /** Queues a message and sends it now if connected; returns its clientId. */
  send(text: string): string {
    const clientId = newClientId();
    this.pending.set(clientId, text);
    this.events.onPending(this.pendingList());
    if (this.welcomed) this.raw({ type: 'message', clientId, text });
    return clientId;
  }

  typing(): void {
    if (this.welcomed) this.raw({ type: 'typing' });
  }

  read(seq: number): void {
    if (this.welcomed) this.raw({ type: 'read', seq });
  }

  end(): void {
    this.ending = true;
    this.raw({ type: 'end' });
  }

  pendingList(): PendingMessage[] {
    return [...this.pending].map(([clientId, text]) => ({ clientId, text }));
  }

  /** Closes for good (chat over, quick exit). */
  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    const ws = this.ws;
    this.lost();
    this.ws = null;
    try {
      ws?.close(1000);
    } catch {
      // already closed
    }
  }

  private raw(m: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  private lost(): void {
    window.clearInterval(this.pingTimer);
    window.clearTimeout(this.pongTimer);
    if (this.welcomed) {
      this.welcomed = false;
      this.events.onConnection(false);
    } else if (!this.stopped) this.events.onConnection(false);
  }

  /** Forgets the current connection at once (the network went away; its close event may come much later). */
  private drop(): void {
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    try {
      ws.close();
    } catch {
      // ignore
    }
    this.lost();
    this.scheduleRetry();
  }

  private reconnectNow(): void {
    if (this.stopped) return;
    window.clearTimeout(this.retryTimer);
    this.attempt = 0;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) return;
    this.connect();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    window.clearTimeout(this.retryTimer);
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]!;
    this.attempt++;
    this.retryTimer = window.setTimeout(() => this.connect(), base + Math.random() * base * 0.3);
  }

  private startPing(): void {
    window.clearInterval(this.pingTimer);
    this.pingTimer = window.setInterval(() => {
      this.raw({ type: 'ping' });
      window.clearTimeout(this.pongTimer);
      // No answer: the connection is dead though the browser has not noticed; start again.
      this.pongTimer = window.setTimeout(() => this.drop(), PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }
}
