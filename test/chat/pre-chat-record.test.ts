// A chat's pre-chat answers start its contact record: who wrote, and a child's age and gender.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFieldsOfPreChat } from '../../src/domain/chat/preChatRecord.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { acceptChat, counsellorOnDuty, startChat } from './chatApi.js';

describe('pre-chat answers as record fields', () => {
  it('maps a teen to a child caller with age group and gender, a parent without the child fields', () => {
    expect(recordFieldsOfPreChat({ who: 'teen', age: 14, gender: 'female', region: 'Тверская область' })).toEqual({
      caller_type: 'child',
      child_age: 14,
      age_group: '10_14',
      child_gender: 'girl',
      region: 'Тверская область',
    });
    expect(recordFieldsOfPreChat({ who: 'parent', age: 41, gender: 'male' })).toEqual({
      caller_type: 'parent',
      child_age: null,
      age_group: null,
      child_gender: null,
      region: null,
    });
    expect(recordFieldsOfPreChat({})).toEqual({ caller_type: null, child_age: null, age_group: null, child_gender: null, region: null });
  });
});

describe.each(DATABASES)('a chat record on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('starts with the child’s pre-chat answers', async () => {
    const service = await t.service();
    const chat = await startChat(t, service.id, { about: { who: 'child', age: 9, gender: 'male', region: 'Псков' } });
    const counsellor = await counsellorOnDuty(t, service.id);
    await acceptChat(t, counsellor, chat.chatId);
    await t.routing.settled();
    await t.app.recordsSync.runOnce();
    const record = await t.db
      .selectFrom('contact_records')
      .select(['channel', 'caller_type', 'child_age', 'age_group', 'child_gender', 'region'])
      .where('id', '=', chat.chatId)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({
      channel: 'chat',
      caller_type: 'child',
      child_age: 9,
      age_group: 'under_10',
      child_gender: 'boy',
      region: 'Псков',
    });
  });
});
