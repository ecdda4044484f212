// Bad input on the child's socket and public routes: binary frames, frames over 16 KB, text that is
// not JSON, unknown or malformed messages each get one error frame (realtime.bad_message or
// chat.message_too_long, in Russian) and the socket goes on; random frames never crash it or store
// anything; a 10 MB body to the public routes is 413.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { childSays, childSocket, messageRows, startChat, type ChildSocket, type Message } from './chatApi.js';

const BAD = { type: 'error', code: 'realtime.bad_message', message: 'Некорректное сообщение.' };
const TOO_LONG = { type: 'error', code: 'chat.message_too_long', message: 'Сообщение слишком длинное: не больше 2000 символов.' };

/** Sends one raw frame and returns the frames it got back (a ping after it marks the end of its answers). */
async function answersTo(child: ChildSocket, frame: string | Buffer, binary = false): Promise<Message[]> {
  const start = child.messages.length;
  child.ws.send(frame, { binary });
  child.send({ type: 'ping' });
  await child.waitFor((m) => m.type === 'pong' && child.messages.indexOf(m) >= start, 'pong after the frame');
  // Queue updates are the server's own news (the chat is waiting), not answers to the frame.
  const got = child.messages.slice(start).filter((m) => m.type !== 'queue');
  return got.slice(
    0,
    got.findIndex((m) => m.type === 'pong'),
  );
}

describe.each(DATABASES)('bad input on the child’s socket on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('answers malformed frames with one error each and keeps the socket open', async () => {
    const service = await t.service();
    const chat = await startChat(t, service.id);
    const child = await childSocket(t, chat);
    const cases: [string, string | Buffer, boolean, Record<string, unknown>][] = [
      ['binary', Buffer.from('{"type":"ping"}'), true, TOO_LONG],
      ['binary garbage', Buffer.from([0, 1, 2, 255]), true, TOO_LONG],
      ['over 16 KB of JSON', JSON.stringify({ type: 'message', clientId: 'big-frame-1', text: 'я'.repeat(9000) }), false, TOO_LONG],
      ['over 16 KB of text', 'x'.repeat(16 * 1024 + 1), false, TOO_LONG],
      ['not JSON', '{type: message', false, BAD],
      ['empty', '', false, BAD],
      ['a JSON string', '"hello"', false, BAD],
      ['null', 'null', false, BAD],
      ['an array', '[{"type":"ping"}]', false, BAD],
      ['unknown type', '{"type":"delete_everything"}', false, BAD],
      ['no type', '{"clientId":"abcdefgh","text":"hi"}', false, BAD],
      ['an extra key', '{"type":"ping","admin":true}', false, BAD],
      ['a bad client id', '{"type":"message","clientId":"short","text":"hi"}', false, BAD],
      ['a number as text', '{"type":"message","clientId":"abcdefgh1","text":42}', false, BAD],
      ['a negative read mark', '{"type":"read","seq":-1}', false, BAD],
      ['a second hello with a bad chat id', '{"type":"hello","chatId":"nope","token":"x"}', false, BAD],
      ['__proto__', '{"type":"ping","__proto__":{"polluted":true}}', false, BAD],
    ];
    for (const [what, frame, binary, answer] of cases) {
      expect({ what, got: await answersTo(child, frame, binary) }).toEqual({ what, got: [answer] });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(child.closedWith()).toBeUndefined();
    // The socket still works, and none of it was stored.
    expect(await childSays(child, 'всё в порядке')).toMatchObject({ type: 'ack', seq: 1 });
    expect((await messageRows(t, chat.chatId)).map((r) => r.client_id)).toHaveLength(1);
    child.close();
  });

  it('random frames never crash the socket, store nothing, and each gets at most one answer', async () => {
    const service = await t.service();
    const chat = await startChat(t, service.id);
    const child = await childSocket(t, chat);
    const frame = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc
        .record(
          {
            type: fc.constantFrom('hello', 'message', 'typing', 'read', 'end', 'ping', 'Message', ''),
            seq: fc.anything(),
            text: fc.anything(),
          },
          { requiredKeys: ['type'] },
        )
        .filter((r) => r.type !== 'end' && !(r.type === 'message'))
        .map((r) => JSON.stringify(r) ?? '{}'),
    );
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        const got = await answersTo(child, f);
        expect(got.length).toBeLessThanOrEqual(1);
        for (const m of got) expect(m.type === 'error' ? ['realtime.bad_message', 'chat.bad_token'] : ['pong']).toContain(m.code ?? m.type);
        expect(child.closedWith()).toBeUndefined();
      }),
      { numRuns: 60 },
    );
    expect(await messageRows(t, chat.chatId)).toEqual([]);
    expect(await childSays(child, 'жив')).toMatchObject({ type: 'ack', seq: 1 });
    child.close();
  });

  it('a 10 MB body to the public chat routes is 413 request.too_large and starts nothing', async () => {
    const service = await t.service();
    const huge = JSON.stringify({ chatId: crypto.randomUUID(), serviceId: service.id, token: 'x'.repeat(10 * 1024 * 1024) });
    for (const url of ['/api/chat/chats', `/api/chat/chats/${crypto.randomUUID()}/feedback`]) {
      const res = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: huge });
      expect({ url, status: res.statusCode, code: res.json().code }).toEqual({ url, status: 413, code: 'request.too_large' });
    }
    expect(await t.db.selectFrom('chat_sessions').select('id').where('service_id', '=', service.id).execute()).toEqual([]);
  });
});
