// The transcript retention job: messages (and the feedback comment) of chats that ended longer ago
// than the service's chatRetentionDays (default 30) are deleted; the chat row stays with its times,
// counts and rating; younger chats and open chats keep their messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeChatTranscripts } from '../../src/jobs/purgeChatTranscripts.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { ok } from '../routing/routingApi.js';
import { childSays, childSocket, clientId, messageRows, setServiceSettings, startChat, type ChildChat } from './chatApi.js';

const DAY = 24 * 3600_000;

describe.each(DATABASES)('chat transcript retention on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  /** A chat with two messages that the child ended and rated. */
  async function endedChat(serviceId: string): Promise<ChildChat> {
    const chat = await startChat(t, serviceId, { firstMessage: { clientId: clientId(), text: 'первое' } });
    const child = await childSocket(t, chat);
    await childSays(child, 'второе');
    child.send({ type: 'end' });
    await child.waitFor((m) => m.type === 'ended');
    child.close();
    const fb = await t.app.inject({
      method: 'POST',
      url: `/api/chat/chats/${chat.chatId}/feedback`,
      headers: { authorization: `Bearer ${chat.token}` },
      payload: { rating: 4, comment: 'помогли' },
    });
    expect(fb.statusCode, fb.body).toBe(204);
    return chat;
  }
  const row = (id: string) => t.db.selectFrom('chat_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('deletes transcripts older than the default 30 days and keeps the chat row, counts and rating', async () => {
    const service = await t.service();
    const old = await endedChat(service.id);
    t.clock.advance(10 * DAY);
    const young = await endedChat(service.id);
    const open = await startChat(t, service.id, { firstMessage: { clientId: clientId(), text: 'жду' } });
    const start = t.clock.now().getTime() - 10 * DAY;

    // 30 days after the old chat ended: nothing yet.
    await purgeChatTranscripts(t.db, new Date(start + 30 * DAY - 1000));
    expect(await messageRows(t, old.chatId)).toHaveLength(2);

    const purgedAt = new Date(start + 30 * DAY + 1000);
    expect(await purgeChatTranscripts(t.db, purgedAt)).toBeGreaterThanOrEqual(1);
    expect(await messageRows(t, old.chatId)).toEqual([]);
    expect(await row(old.chatId)).toMatchObject({
      state: 'ended',
      child_messages: 2,
      last_seq: 2,
      feedback_rating: 4,
      feedback_comment: null,
      transcript_deleted_at: purgedAt,
    });
    expect(await messageRows(t, young.chatId)).toHaveLength(2);
    expect((await row(young.chatId)).feedback_comment).not.toBeNull();
    expect(await messageRows(t, open.chatId)).toHaveLength(1);

    // The staff view says the transcript is gone; a second run purges nothing again.
    const supervisor = await t.as([{ role: 'supervisor', serviceId: service.id }]);
    const view = await ok<{ chat: { transcriptDeleted: boolean; feedback: unknown }; messages: unknown[] }>(
      t.request(supervisor, 'GET', `/api/chats/${old.chatId}`),
    );
    expect(view).toMatchObject({ chat: { transcriptDeleted: true, feedback: { rating: 4, comment: null } }, messages: [] });
    expect((await row(old.chatId)).transcript_deleted_at).toEqual(purgedAt);
    await purgeChatTranscripts(t.db, new Date(purgedAt.getTime() + DAY));
    expect((await row(old.chatId)).transcript_deleted_at).toEqual(purgedAt);
  });

  it('honours a service’s own chatRetentionDays', async () => {
    const short = await t.service();
    await setServiceSettings(t, short.id, { chatRetentionDays: 7 });
    const usual = await t.service();
    const a = await endedChat(short.id);
    const b = await endedChat(usual.id);
    await purgeChatTranscripts(t.db, new Date(t.clock.now().getTime() + 6 * DAY));
    expect(await messageRows(t, a.chatId)).toHaveLength(2);
    await purgeChatTranscripts(t.db, new Date(t.clock.now().getTime() + 8 * DAY));
    expect(await messageRows(t, a.chatId)).toEqual([]);
    expect((await row(a.chatId)).transcript_deleted_at).not.toBeNull();
    expect(await messageRows(t, b.chatId)).toHaveLength(2);
    expect((await row(b.chatId)).transcript_deleted_at).toBeNull();
  });
});
