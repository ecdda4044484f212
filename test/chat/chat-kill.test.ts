// The built server is killed outright (SIGKILL) while children stream messages over their sockets;
// it is started again on the same data, the pages reconnect and resend what they had not seen
// acknowledged (same client ids), and every acknowledged message is in the transcript exactly once,
// with the seq it was acknowledged with; then the chat goes on. On PostgreSQL and on the embedded
// PGlite (whose commits reach its data directory before the ack).
import { randomBytes, randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { call, makeStack, seedStaff, signIn, sleep, type Session, type Workstation } from '../routing/restartLoad.js';

type Frame = Record<string, unknown> & { type: string };
const secret = () => randomBytes(32).toString('base64url');

/** One child's page: a chat, its socket, every message it sent and the acks it got. */
class Page {
  readonly chatId = randomUUID();
  readonly token = secret();
  ws: WebSocket | null = null;
  frames: Frame[] = [];
  readonly sent = new Map<string, string>(); // clientId → text
  readonly acked = new Map<string, number>(); // clientId → seq
  constructor(readonly name: string) {}

  async connect(base: string, after: number): Promise<Frame> {
    this.frames = [];
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/chat/ws`);
    this.ws = ws;
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString()) as Frame;
      this.frames.push(m);
      if (m.type === 'ack') this.acked.set(m.clientId as string, m.seq as number);
    });
    ws.on('error', () => undefined);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'hello', chatId: this.chatId, token: this.token, after }));
    return this.waitFor((m) => m.type === 'welcome', 'welcome');
  }

  send(clientId: string, text: string): void {
    this.sent.set(clientId, text);
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'message', clientId, text }));
  }

  async waitFor(pred: (m: Frame) => boolean, what: string, ms = 10_000): Promise<Frame> {
    for (const until = Date.now() + ms; Date.now() < until; await sleep(10)) {
      const found = this.frames.find(pred);
      if (found) return found;
    }
    throw new Error(`${this.name}: ${what} not received; got ${JSON.stringify(this.frames.slice(-5))}`);
  }
}

describe.each(DATABASES)('chat killed mid-stream (%s)', (kind) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('loses no acknowledged message, stores none twice, and the chat goes on', { timeout: 90_000 }, async () => {
    const stack = await makeStack(kind);
    cleanups.push(() => stack.remove());
    const staff = await seedStaff(stack, 1);
    // The stream is far faster than a child types: lift the per-minute limit for this service.
    const handle = await stack.open();
    await handle.db
      .updateTable('services')
      .set({ settings: JSON.stringify({ chatMessagesPerMinute: 100_000 }) })
      .where('id', '=', staff.serviceId)
      .execute();
    await handle.close();
    const servers: ServerProcess[] = [];
    cleanups.push(() => Promise.all(servers.map((s) => s.stop())));
    const start = async () => {
      const s = await startServerProcess(stack.env);
      servers.push(s);
      return s;
    };
    let server = await start();
    const counsellor: Session = await signIn(server.url, staff.counsellors[0]!);
    const body = { commandId: randomUUID(), serviceId: staff.serviceId, presence: 'available' };
    expect((await call(server.url, counsellor, 'PUT', '/api/routing/workstation/presence', body)).status).toBe(200);

    const pages = [new Page('first'), new Page('second')];
    for (const p of pages) {
      const r = await call(server.url, null, 'POST', '/api/chat/chats', { chatId: p.chatId, serviceId: staff.serviceId, token: p.token });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      await p.connect(server.url, 0);
    }
    // The counsellor takes the first chat (the second waits): both kinds of chat are under load.
    let offerId: string | undefined;
    for (let i = 0; i < 200 && !offerId; i++, await sleep(20)) {
      const ws = (await call<Workstation>(server.url, counsellor, 'GET', '/api/routing/workstation')).body;
      offerId = ws.offers.find((o) => o.contact.id === pages[0]!.chatId)?.id;
    }
    expect(offerId).toBeDefined();
    expect((await call(server.url, counsellor, 'POST', `/api/routing/offers/${offerId}/accept`, { commandId: randomUUID() })).status).toBe(
      200,
    );
    await pages[0]!.waitFor((m) => m.type === 'accepted', 'accepted');

    // Stream: each page sends a message every few milliseconds without waiting for acks; kill mid-stream.
    let streaming = true;
    const streams = pages.map(async (p) => {
      for (let i = 0; streaming; i++) {
        p.send(`${p.name}-${i}-${randomBytes(3).toString('hex')}`, `${p.name} сообщение ${i}`);
        await sleep(4);
      }
    });
    await sleep(700);
    server.child.kill('SIGKILL');
    expect(await server.stop()).toBe(null);
    streaming = false;
    await Promise.all(streams);
    const ackedBeforeKill = pages.map((p) => new Map(p.acked));
    for (const [i, p] of pages.entries()) {
      expect(ackedBeforeKill[i]!.size, `${p.name}: acks before the kill`).toBeGreaterThan(5);
      expect(p.sent.size, `${p.name}: some messages were sent but not acknowledged`).toBeGreaterThan(ackedBeforeKill[i]!.size);
    }

    server = await start();
    for (const [i, p] of pages.entries()) {
      const lastSeen = Math.max(0, ...ackedBeforeKill[i]!.values());
      await p.connect(server.url, 0);
      // Resend every message not seen acknowledged, and a few acknowledged ones, with their own client ids (twice).
      const unacked = [...p.sent].filter(([id]) => !ackedBeforeKill[i]!.has(id));
      const someAcked = [...p.sent].filter(([id]) => ackedBeforeKill[i]!.has(id)).slice(-3);
      for (const [id, text] of [...unacked, ...unacked, ...someAcked]) p.send(id, text);
      for (const [id] of [...unacked, ...someAcked]) await p.waitFor((m) => m.type === 'ack' && m.clientId === id, `ack of ${id}`);
      // Acked again with the very same seq.
      for (const [id, seq] of ackedBeforeKill[i]!) expect(p.acked.get(id), `${p.name} ${id}`).toBe(seq);

      // The whole transcript, read afresh: every sent message exactly once, seqs 1..n without a gap.
      const welcome = await p.connect(server.url, 0);
      const messages = welcome.messages as { seq: number; from: string; text: string }[];
      const mine = messages.filter((m) => m.from === 'child');
      expect(messages.map((m) => m.seq)).toEqual(messages.map((_, k) => k + 1));
      expect(mine.map((m) => m.text).sort()).toEqual([...p.sent.values()].sort());
      const seqOf = new Map(mine.map((m) => [m.text, m.seq]));
      for (const [id, seq] of ackedBeforeKill[i]!) expect(seqOf.get(p.sent.get(id)!), `${p.name}: acked ${id}`).toBe(seq);
      expect(lastSeen).toBeLessThanOrEqual(messages.length);
    }

    // The chat goes on: the counsellor (same session) writes, the child gets it; the child writes and is acked.
    const first = pages[0]!;
    let said = 0;
    for (let i = 0; i < 100 && said !== 201; i++, await sleep(50))
      said = (
        await call(server.url, counsellor, 'POST', `/api/chats/${first.chatId}/messages`, {
          clientId: 'after-kill-1',
          text: 'Я снова здесь',
        })
      ).status;
    expect(said).toBe(201);
    await first.waitFor(
      (m) => m.type === 'message' && (m.message as { text: string }).text === 'Я снова здесь',
      'the counsellor after the kill',
    );
    first.send('after-kill-child', 'и я');
    await first.waitFor((m) => m.type === 'ack' && m.clientId === 'after-kill-child', 'ack after the kill');
    for (const p of pages) p.ws?.terminate();
    expect(await server.stop()).toBe(0);
  });
});
