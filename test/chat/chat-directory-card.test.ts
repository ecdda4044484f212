// A directory entry's card sent in a chat: the counsellor's message (sealed, sequenced, stored once
// per client id) reaches the child's socket with the name, phones, address, hours and what to say;
// only entries the chat's helpline sees, only by who may write in the chat.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../src/domain/chat/directoryCard.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { ok, outcome } from '../routing/routingApi.js';
import { directoryEntry } from '../records/directoryEntries.js';
import { activeChat, clientId, messageRows } from './chatApi.js';

describe.each(DATABASES)('directory cards in chats on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it("reaches the child as the counsellor's message, once per client id", async () => {
    const service = await t.service();
    const entry = await directoryEntry(t, service.id, {
      name: 'Кризисный центр «Надежда»',
      phones: ['+7 4922 00-00-01'],
      address: 'ул. Мира, 1',
      note: 'Скажите, что вы от детского телефона доверия.',
    });
    await t.db
      .insertInto('directory_rows')
      .values({
        id: randomUUID(),
        kind: 'schedule',
        tenant_id: service.id,
        links: [entry],
        data: JSON.stringify({
          id: randomUUID(),
          service_id: entry,
          freq: 'WEEKLY',
          byday: 'MO,TU,WE,TH,FR',
          opens_at: '09:00',
          closes_at: '18:00',
        }),
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    const { chat, child, counsellor } = await activeChat(t, service.id);
    const id = clientId();
    const sent = await ok<{ seq: number; text: string }>(
      t.request(counsellor, 'POST', `/api/chats/${chat.chatId}/directory-card`, { directoryServiceId: entry, clientId: id }),
      201,
    );
    expect(sent.text).toBe(
      [
        'Кризисный центр «Надежда»',
        'Телефон: +7 4922 00-00-01',
        'Адрес: Владимир, ул. Мира, 1',
        'Часы работы: Пн–Пт 09:00–18:00',
        '',
        'Скажите, что вы от детского телефона доверия.',
      ].join('\n'),
    );
    const got = await child.waitFor((m) => m.type === 'message' && (m.message as { seq: number }).seq === sent.seq, 'the card');
    expect(got.message).toMatchObject({ from: 'counsellor', text: sent.text });

    // The same client id again (a lost answer) is the same message.
    const again = await ok<{ seq: number }>(
      t.request(counsellor, 'POST', `/api/chats/${chat.chatId}/directory-card`, { directoryServiceId: entry, clientId: id }),
      201,
    );
    expect(again.seq).toBe(sent.seq);
    const rows = (await messageRows(t, chat.chatId)).filter((r) => r.sender === 'counsellor');
    expect(rows).toHaveLength(1);
    // Sealed at rest like every message.
    expect(JSON.stringify(rows[0])).not.toContain('Надежда');
  });

  it("refuses another helpline's entry and whoever may not write in the chat", async () => {
    const service = await t.service();
    const other = await t.service();
    const theirs = await directoryEntry(t, other.id, { name: 'Чужой центр', phones: ['1'] });
    const national = await directoryEntry(t, null, { name: 'Федеральная линия', phones: ['8-800'] });
    const { chat, counsellor } = await activeChat(t, service.id);
    const card = (who: typeof counsellor, directoryServiceId: string) =>
      t.request(who, 'POST', `/api/chats/${chat.chatId}/directory-card`, { directoryServiceId, clientId: clientId() });

    expect(outcome(await card(counsellor, theirs))).toEqual({ status: 404, code: 'directory.not_found' });
    expect(outcome(await card(counsellor, randomUUID()))).toEqual({ status: 404, code: 'directory.not_found' });
    const colleague = await t.as([{ role: 'counsellor', serviceId: service.id }]);
    const outsider = await t.as([{ role: 'supervisor', serviceId: other.id }]);
    expect(outcome(await card(colleague, national))).toEqual({ status: 404, code: 'chat.not_found' });
    expect(outcome(await card(outsider, national))).toEqual({ status: 404, code: 'chat.not_found' });
    expect((await messageRows(t, chat.chatId)).filter((r) => r.sender === 'counsellor')).toHaveLength(0);
    await ok(card(counsellor, national), 201);
  });
});

describe('the card as message text', () => {
  it('keeps a card within a message: what to say is shortened first', () => {
    const text = cardText(
      {
        name: 'Служба',
        phones: [
          { number: '1', description: 'горячая линия' },
          { number: '2', description: null },
        ],
        address: null,
        hours: null,
        referralNote: 'я'.repeat(5000),
      },
      'en',
    );
    expect(text.startsWith('Служба\nPhones: 1 (горячая линия), 2\n\n')).toBe(true);
    expect([...text]).toHaveLength(2000);
    expect(text.endsWith('я…')).toBe(true);
  });
});
