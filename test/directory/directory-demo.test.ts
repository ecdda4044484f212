// The demo network's directory: a Kovrov counsellor finds the Vladimir region's crisis centre for a
// 14-year-old, open now, with the national helpline beside it; the Leningrad region's entries are
// not theirs; one national entry is stale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty, type DemoLogin } from '../../src/domain/demo/seedDemo.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { names, search, termId } from './directoryApi.js';

describe.each(DATABASES)('the demo directory on %s', (kind) => {
  let t: TestApp;
  let logins: DemoLogin[];
  beforeAll(async () => {
    t = await TestApp.start(kind, {}, { isolated: true });
    // Tuesday 11:00 in Moscow.
    t.clock.advance(Date.parse('2026-03-03T08:00:00Z') - t.clock.now().getTime());
    logins = await seedDemoIfEmpty({ db: t.db, publish: () => {}, clock: t.clock.now });
  });
  afterAll(() => t.close());

  const signIn = async (login: string) => {
    const l = logins.find((x) => x.login === login)!;
    const user = await t.db.selectFrom('staff_users').select('id').where('login', '=', login).executeTakeFirstOrThrow();
    return t.signIn({ id: user.id, login, password: l.password });
  };

  it('a Kovrov counsellor finds a crisis centre for a 14-year-old in the Vladimir region', async () => {
    const who = await signIn('kovrov.counsellor');
    const found = await search(t, who, { term: termId('crisis'), area: 'RU-VLA', age: 14, openNow: true });
    // The national line for those who live through violence is a crisis service for 14+ everywhere, too.
    expect(names(found)).toEqual([
      'Всероссийская горячая линия помощи пострадавшим от домашнего насилия',
      'Кризисный центр для детей и подростков «Маяк»',
    ]);
    const centre = found.items.find((i) => i.name.startsWith('Кризисный центр'))!;
    expect(centre).toMatchObject({ national: false, free: true, minAge: 7, maxAge: 18, openNow: true, stale: false });
    expect(centre.phones[0]!.number).toBe('+7 (4922) 00-11-01');
    const byWord = await search(t, who, { q: 'кризисный', area: 'RU-VLA' });
    expect(names(byWord)).toContain('Кризисный центр для детей и подростков «Маяк»');
    const all = names(await search(t, who, { perPage: 100 }));
    expect(all).toEqual(expect.arrayContaining(['Детский телефон доверия', 'Отдел опеки и попечительства администрации города Коврова']));
    expect(all).not.toContain('Гатчинский центр психолого-педагогической помощи «Диалог»');
  });

  it('the national helpline is everyone’s, with its real number; a stale national entry is flagged', async () => {
    const who = await signIn('lenobl.counsellor');
    const helpline = (await search(t, who, { q: 'детский телефон доверия' })).items.find((i) => i.name === 'Детский телефон доверия')!;
    expect(helpline).toMatchObject({ national: true, phones: [{ number: '8-800-2000-122' }], hours: 'круглосуточно', openNow: true });
    const stale = (await search(t, who, { term: termId('hotlines') })).items.filter((i) => i.stale).map((i) => i.name);
    expect(stale).toEqual(['Линия помощи при угрозах в интернете']);
  });
});
