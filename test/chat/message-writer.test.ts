// Group commit of chat messages: many messages in one statement, numbered per chat in arrival order,
// resends (also within one batch) answered with the first seq, ended and unknown chats refused
// without failing the others, and a resend that raced past the check falls back one by one.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createChat, markEnded, messagesAfter } from '../../src/domain/chat/chatStore.js';
import { MessageWriter } from '../../src/domain/chat/messageWriter.js';
import { DATABASES, openTestDatabase } from '../helpers/testDatabase.js';
import { secret } from './chatApi.js';

const key = Buffer.alloc(32, 7);

describe.each(DATABASES)('chat message writer on %s', (kind) => {
  let h: DatabaseHandle;
  let serviceId: string;
  beforeAll(async () => {
    h = await openTestDatabase(kind);
    const s = await h.db
      .insertInto('services')
      .values({ name: `Служба ${randomUUID()}`, name_key: randomUUID(), region: 'Тест', time_zone: 'Europe/Moscow', settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    serviceId = s.id;
  });
  afterAll(() => h.close());

  const chat = async () => {
    const id = randomUUID();
    await createChat(h.db, key, { id, serviceId, callerKey: null, token: secret(), preChat: {}, firstMessage: null }, new Date());
    return id;
  };
  const msg = (chatId: string, clientId: string, text = clientId) => ({
    chatId,
    from: 'child' as const,
    staffId: null,
    clientId,
    text,
    at: new Date(),
  });

  it('writes messages of several chats that arrive together in one batch, each chat numbered in order', async () => {
    const writer = new MessageWriter(h.db, key);
    const [a, b] = [await chat(), await chat()];
    const sent = [msg(a, 'a-1'), msg(b, 'b-1'), msg(a, 'a-2'), msg(a, 'a-3'), msg(b, 'b-2')];
    const results = await Promise.all(sent.map((m) => writer.append(m)));
    expect(results.map((r) => r.seq)).toEqual([1, 1, 2, 3, 2]);
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect((await messagesAfter(h.db, key, a, 0)).map((m) => [m.seq, m.text])).toEqual([
      [1, 'a-1'],
      [2, 'a-2'],
      [3, 'a-3'],
    ]);
    const row = await h.db.selectFrom('chat_sessions').select(['last_seq', 'child_messages']).where('id', '=', b).executeTakeFirstOrThrow();
    expect(row).toEqual({ last_seq: 2, child_messages: 2 });
  });

  it('answers a resend with the first seq, within one batch and in a later one, and writes it once', async () => {
    const writer = new MessageWriter(h.db, key);
    const a = await chat();
    const [first, again] = await Promise.all([writer.append(msg(a, 'same')), writer.append(msg(a, 'same'))]);
    expect(first).toMatchObject({ seq: 1, duplicate: false });
    expect(again).toMatchObject({ seq: 1, duplicate: true });
    expect(await writer.append(msg(a, 'same'))).toMatchObject({ seq: 1, duplicate: true });
    expect(await writer.append(msg(a, 'next'))).toMatchObject({ seq: 2, duplicate: false });
    expect(await h.db.selectFrom('chat_messages').select('seq').where('chat_id', '=', a).execute()).toHaveLength(2);
  });

  it('refuses messages to an ended or unknown chat without failing the rest of the batch', async () => {
    const writer = new MessageWriter(h.db, key);
    const [open, ended] = [await chat(), await chat()];
    await markEnded(h.db, ended, 'child', new Date());
    const outcomes = await Promise.allSettled([
      writer.append(msg(open, 'ok-1')),
      writer.append(msg(ended, 'late')),
      writer.append(msg(randomUUID(), 'nowhere')),
    ]);
    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { seq: 1 } });
    expect(outcomes[1]!.status).toBe('rejected');
    expect((outcomes[1] as PromiseRejectedResult).reason.code).toBe('chat.ended');
    expect((outcomes[2] as PromiseRejectedResult).reason.code).toBe('chat.not_found');
    expect(await h.db.selectFrom('chat_messages').select('seq').where('chat_id', '=', ended).execute()).toEqual([]);
  });

  it('falls back to one at a time when another writer stored the same message meanwhile', async () => {
    const a = await chat();
    const one = new MessageWriter(h.db, key);
    const other = new MessageWriter(h.db, key);
    // Two writers (two batches in flight) racing on the same resend: both answer seq 1, one row.
    const results = await Promise.all([one.append(msg(a, 'race')), other.append(msg(a, 'race')), one.append(msg(a, 'after'))]);
    expect(results.map((r) => r.seq).sort()).toEqual([1, 1, 2]);
    expect(await h.db.selectFrom('chat_messages').select('seq').where('chat_id', '=', a).orderBy('seq').execute()).toEqual([
      { seq: 1 },
      { seq: 2 },
    ]);
  });
});
