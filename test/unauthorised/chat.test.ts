// Unauthorised access to the web chat: every staff route's refusals (status, code, no change to the
// data) and its positive control; the child's public routes, which take no session but the chat's
// resume token — a wrong one is refused with chat.bad_token (feedback 404; the socket's hello gets an
// error and the close code 4404) and changes nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { CHAT_CASES } from './cases/chat.js';
import { runCase } from './runCase.js';

const secret = () => randomBytes(32).toString('base64url');

describe.each(DATABASES)('unauthorised access to the chat on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  for (const c of CHAT_CASES) it(`${c.route} — ${c.title}`, () => runCase(t, c));

  /** An ended chat of a new service (feedback is possible), with its resume token. */
  async function endedChat(): Promise<{ chatId: string; token: string }> {
    const service = await t.service();
    const chat = { chatId: randomUUID(), token: secret() };
    const res = await t.app.inject({ method: 'POST', url: '/api/chat/chats', payload: { ...chat, serviceId: service.id } });
    expect(res.statusCode, res.body).toBe(201);
    await t.app.chat.childEnd(chat.chatId);
    return chat;
  }
  const feedback = (chatId: string, authorization: string | undefined) =>
    t.app.inject({
      method: 'POST',
      url: `/api/chat/chats/${chatId}/feedback`,
      headers: authorization === undefined ? {} : { authorization },
      payload: { rating: 2, comment: 'плохо' },
    });
  const row = (chatId: string) => t.db.selectFrom('chat_sessions').selectAll().where('id', '=', chatId).executeTakeFirstOrThrow();

  it('feedback with no, a wrong or another chat’s token is 404 chat.bad_token and stores nothing; the right token is taken', async () => {
    const chat = await endedChat();
    const other = await endedChat();
    const before = await row(chat.chatId);
    for (const auth of [
      undefined,
      '',
      'Bearer ',
      `Bearer ${secret()}`,
      `Bearer ${other.token}`,
      `Bearer ${chat.token.slice(0, -1)}${chat.token.endsWith('A') ? 'B' : 'A'}`,
      chat.token,
      `Basic ${chat.token}`,
    ]) {
      const res = await feedback(chat.chatId, auth);
      expect({ auth, status: res.statusCode, code: res.json().code }).toEqual({ auth, status: 404, code: 'chat.bad_token' });
    }
    expect(await row(chat.chatId)).toEqual(before);
    // A chat that does not exist answers the same (nobody learns which chats exist).
    const none = await feedback(randomUUID(), `Bearer ${chat.token}`);
    expect({ status: none.statusCode, code: none.json().code }).toEqual({ status: 404, code: 'chat.bad_token' });
    const good = await feedback(chat.chatId, `Bearer ${chat.token}`);
    expect(good.statusCode, good.body).toBe(204);
    expect((await row(chat.chatId)).feedback_rating).toBe(2);
  });

  it('the child socket: a hello with a wrong token, another chat’s token or for no chat gets chat.bad_token and close 4404', async () => {
    const service = await t.service();
    const chat = { chatId: randomUUID(), token: secret() };
    const other = { chatId: randomUUID(), token: secret() };
    for (const c of [chat, other]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/chat/chats', payload: { ...c, serviceId: service.id } });
      expect(res.statusCode).toBe(201);
    }
    const hello = async (payload: Record<string, unknown>) => {
      const frames: { type: string; code?: string }[] = [];
      let closed: number | undefined;
      const ws = await t.app.injectWS('/api/chat/ws', {});
      ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString())));
      ws.on('close', (code: number) => (closed = code));
      ws.send(JSON.stringify({ type: 'hello', after: 0, ...payload }));
      for (let i = 0; i < 200 && closed === undefined && !frames.some((f) => f.type === 'welcome'); i++)
        await new Promise((r) => setTimeout(r, 10));
      ws.terminate();
      return { frames, closed };
    };
    for (const attempt of [
      { chatId: chat.chatId, token: secret() },
      { chatId: chat.chatId, token: other.token },
      { chatId: randomUUID(), token: chat.token },
    ]) {
      const { frames, closed } = await hello(attempt);
      expect(frames).toMatchObject([{ type: 'error', code: 'chat.bad_token' }]);
      expect(closed).toBe(4404);
    }
    // A message before any hello is refused the same way, and stores nothing.
    const ws = await t.app.injectWS('/api/chat/ws', {});
    const frames: { type: string; code?: string }[] = [];
    let closed: number | undefined;
    ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString())));
    ws.on('close', (code: number) => (closed = code));
    ws.send(JSON.stringify({ type: 'message', clientId: 'sneaky-message', text: 'тайком' }));
    for (let i = 0; i < 200 && closed === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    expect(frames).toMatchObject([{ type: 'error', code: 'chat.bad_token' }]);
    expect(closed).toBe(4404);
    expect(await t.db.selectFrom('chat_messages').select('seq').where('chat_id', 'in', [chat.chatId, other.chatId]).execute()).toEqual([]);
    const { frames: ok, closed: okClosed } = await hello(chat);
    // Positive control: welcomed first (a queue update may follow), and no error.
    expect(ok[0]).toMatchObject({ type: 'welcome', chat: { id: chat.chatId } });
    expect(ok.filter((f) => f.type === 'error')).toEqual([]);
    expect(okClosed).toBeUndefined();
  });
});
