// Directory search: Russian morphology with prefixes, filters that all must hold (each filter alone
// and together, against controls that fail exactly one), terms with their sub-terms, areas with
// whole-country entries, ages, free of charge, the stale flag, ranking, paging, and scope (another
// helpline's entries are not found).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { card, entry, helpline, names, nationalEntry, ok, outcome, search, tag, termId } from './directoryApi.js';

// Monday 2026-03-02 12:00 Moscow (09:00 UTC).
const MONDAY_NOON_MSK = Date.parse('2026-03-02T09:00:00Z');

describe.each(DATABASES)('directory search on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
    t.clock.advance(MONDAY_NOON_MSK - t.clock.now().getTime());
  });
  afterAll(() => t.close());

  it('finds words by their Russian stems and prefixes', async () => {
    const h = await helpline(t);
    const w = tag();
    await entry(t, h.head, h.id, { name: `Психологическая помощь подросткам ${w}`, description: 'Консультации для детей' });
    await entry(t, h.head, h.id, { name: `Органы опеки и попечительства ${w}` });
    await entry(t, h.head, h.id, { name: `Кризисный центр «Маяк» ${w}` });
    await entry(t, h.head, h.id, { name: `Детская поликлиника ${w}` });
    const found = async (q: string) => names(await search(t, h.counsellor, { q: `${q} ${w}` }));
    expect(await found('психолог')).toEqual([`Психологическая помощь подросткам ${w}`]);
    expect(await found('опека')).toEqual([`Органы опеки и попечительства ${w}`]);
    expect(await found('кризисный')).toEqual([`Кризисный центр «Маяк» ${w}`]);
    expect(await found('КРИЗИСНЫЕ ЦЕНТРЫ')).toEqual([`Кризисный центр «Маяк» ${w}`]);
    // Words of the description count too; every word must match.
    expect(await found('консультации')).toEqual([`Психологическая помощь подросткам ${w}`]);
    expect(await found('опека поликлиника')).toEqual([]);
    // Query syntax is not passed through: punctuation and operators are only separators.
    expect(await found("опека' | !(:* &")).toEqual([`Органы опеки и попечительства ${w}`]);
    // Stop words alone narrow nothing.
    expect((await search(t, h.counsellor, { q: `и для ${w}` })).total).toBe(4);
  });

  it('finds an entry by its taxonomy terms and organisation', async () => {
    const h = await helpline(t);
    const w = tag();
    await entry(t, h.head, h.id, { name: `Центр ${w}`, organizationName: 'Управление образования', termIds: [termId('ppms.children')] });
    expect(names(await search(t, h.counsellor, { q: `психолого ${w}` }))).toEqual([`Центр ${w}`]);
    expect(names(await search(t, h.counsellor, { q: `управление ${w}` }))).toEqual([`Центр ${w}`]);
  });

  it('ranks the name above other words, then by name', async () => {
    const h = await helpline(t);
    const w = tag();
    await entry(t, h.head, h.id, { name: `Б: приют ${w}`, description: 'опека' });
    await entry(t, h.head, h.id, { name: `В: отдел опеки ${w}` });
    await entry(t, h.head, h.id, { name: `А: отдел опеки ${w}` });
    const page = await search(t, h.counsellor, { q: `опека ${w}` });
    expect(page.items.map((i) => i.name)).toEqual([`А: отдел опеки ${w}`, `В: отдел опеки ${w}`, `Б: приют ${w}`]);
  });

  it('filters combine with AND: each alone, all together, and controls failing exactly one', async () => {
    const h = await helpline(t);
    const w = tag();
    const open = [{ days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '09:00', closes: '18:00' }];
    const base = {
      termIds: [termId('crisis.children')],
      areaCodes: ['RU-VLA'],
      schedules: open,
      minAge: 7,
      maxAge: 18,
      free: true,
    };
    const variants: Record<string, Record<string, unknown>> = {
      match: base,
      wrongTerm: { ...base, termIds: [termId('legal.free')] },
      wrongArea: { ...base, areaCodes: ['RU-LEN'] },
      closed: { ...base, schedules: [{ days: ['SA', 'SU'], opens: '09:00', closes: '18:00' }] },
      tooOld: { ...base, maxAge: 12 },
      paid: { ...base, free: false, feesDescription: '500 ₽' },
    };
    for (const [k, v] of Object.entries(variants)) await entry(t, h.head, h.id, { name: `${k} ${w}`, ...v });
    const filters = { term: termId('crisis'), area: 'RU-VLA', openNow: true, age: 14, free: true };
    const failing = { term: 'wrongTerm', area: 'wrongArea', openNow: 'closed', age: 'tooOld', free: 'paid' } as const;
    const all = Object.keys(variants).map((k) => `${k} ${w}`);
    for (const [f, value] of Object.entries(filters)) {
      const got = names(await search(t, h.counsellor, { q: w, [f]: value }));
      expect(got, f).toEqual(all.filter((n) => n !== `${failing[f as keyof typeof failing]} ${w}`).sort());
    }
    const together = await search(t, h.counsellor, { q: w, ...filters });
    expect(names(together)).toEqual([`match ${w}`]);
    expect(together.total).toBe(1);
    // The opposite of a filter where it has one: closed now, not free.
    expect(names(await search(t, h.counsellor, { q: w, openNow: false }))).toEqual([`closed ${w}`]);
    expect(names(await search(t, h.counsellor, { q: w, free: false }))).toEqual([`paid ${w}`]);
  });

  it('a term finds entries under its sub-terms; a sub-term does not find its parent', async () => {
    const h = await helpline(t);
    const w = tag();
    await entry(t, h.head, h.id, { name: `дети ${w}`, termIds: [termId('crisis.children')] });
    await entry(t, h.head, h.id, { name: `кризис ${w}`, termIds: [termId('crisis')] });
    await entry(t, h.head, h.id, { name: `юрист ${w}`, termIds: [termId('legal.free')] });
    expect(names(await search(t, h.counsellor, { q: w, term: termId('crisis') }))).toEqual([`дети ${w}`, `кризис ${w}`]);
    expect(names(await search(t, h.counsellor, { q: w, term: termId('crisis.children') }))).toEqual([`дети ${w}`]);
  });

  it('an area finds entries serving the whole country too; ages without a bound are open-ended', async () => {
    const h = await helpline(t);
    const w = tag();
    await entry(t, h.head, h.id, { name: `вся страна ${w}`, areaCodes: ['RU'] });
    await entry(t, h.head, h.id, { name: `владимир ${w}`, areaCodes: ['RU-VLA', 'RU-MOW'], minAge: 10 });
    await entry(t, h.head, h.id, { name: `без области ${w}`, maxAge: 3 });
    expect(names(await search(t, h.counsellor, { q: w, area: 'RU-VLA' }))).toEqual([`владимир ${w}`, `вся страна ${w}`]);
    expect(names(await search(t, h.counsellor, { q: w, area: 'RU-MOW' }))).toEqual([`владимир ${w}`, `вся страна ${w}`]);
    expect(names(await search(t, h.counsellor, { q: w, area: 'RU' }))).toEqual([`вся страна ${w}`]);
    expect(names(await search(t, h.counsellor, { q: w, age: 2 }))).toEqual([`без области ${w}`, `вся страна ${w}`]);
    expect(names(await search(t, h.counsellor, { q: w, age: 10 }))).toEqual([`владимир ${w}`, `вся страна ${w}`]);
    expect(names(await search(t, h.counsellor, { q: w, age: 25 }))).toEqual([`владимир ${w}`, `вся страна ${w}`]);
  });

  it('the card: phones in order, address, hours in words, terms, areas, what to say; stale after twelve months', async () => {
    const h = await helpline(t);
    const w = tag();
    const made = await entry(t, h.head, h.id, {
      name: `Кризисный центр ${w}`,
      organizationName: 'ГБУСО «Центр»',
      description: 'Помощь подросткам',
      phones: [
        { number: '+7 (4922) 00-11-01', description: 'психолог' },
        { number: '112', description: null },
      ],
      address: { address1: 'ул. Примерная, д. 1', city: 'Владимир', region: 'Владимирская область', postalCode: '600000' },
      schedules: [
        { days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '09:00', closes: '20:00' },
        { days: ['SA'], opens: '10:00', closes: '16:00' },
      ],
      closedDates: ['2026-03-08', '2025-01-01'],
      areaCodes: ['RU-VLA'],
      termIds: [termId('crisis.children')],
      minAge: 7,
      maxAge: 18,
      referralNote: 'Скажите, что вы от телефона доверия',
      assuredDate: '2025-03-02',
    });
    const c = await card(t, h.counsellor, made.id);
    expect(c).toEqual({
      id: made.id,
      tenantId: h.id,
      national: false,
      name: `Кризисный центр ${w}`,
      organizationName: 'ГБУСО «Центр»',
      description: 'Помощь подросткам',
      phones: [
        { number: '+7 (4922) 00-11-01', description: 'психолог' },
        { number: '112', description: null },
      ],
      address: '600000, Владимирская область, Владимир, ул. Примерная, д. 1',
      hours: 'Пн–Пт 09:00–20:00; Сб 10:00–16:00; не работает 08.03',
      openNow: true,
      minAge: 7,
      maxAge: 18,
      free: true,
      terms: [{ id: termId('crisis.children'), name: 'Кризисные центры для детей и подростков' }],
      areas: ['Владимирская область'],
      referralNote: 'Скажите, что вы от телефона доверия',
      assuredDate: '2025-03-02',
      stale: false,
      editable: false,
    });
    expect((await card(t, h.head, made.id)).editable).toBe(true);
    // A day past twelve months it is stale; an entry never verified is stale.
    const older = await entry(t, h.head, h.id, { name: `старше года ${w}`, assuredDate: '2025-03-01' });
    expect(await card(t, h.counsellor, older.id)).toMatchObject({ stale: true, assuredDate: '2025-03-01' });
    const never = await entry(t, h.head, h.id, { name: `без проверки ${w}` });
    expect(await card(t, h.counsellor, never.id)).toMatchObject({ stale: true, assuredDate: null, hours: null, openNow: null, phones: [] });
  });

  it("another helpline's entries are invisible; national entries are everyone's", async () => {
    const a = await helpline(t);
    const b = await helpline(t);
    const admin = await t.as([{ role: 'admin' }]);
    const w = tag();
    const mine = await entry(t, a.head, a.id, { name: `своя ${w}` });
    const theirs = await entry(t, b.head, b.id, { name: `чужая ${w}` });
    const national = await nationalEntry(t, { name: `общая ${w}`, phones: [{ number: '8-800-2000-122' }] });
    expect(names(await search(t, a.counsellor, { q: w }))).toEqual([`общая ${w}`, `своя ${w}`]);
    expect(names(await search(t, b.counsellor, { q: w }))).toEqual([`общая ${w}`, `чужая ${w}`]);
    expect(names(await search(t, admin, { q: w }))).toEqual([`общая ${w}`, `своя ${w}`, `чужая ${w}`]);
    expect(outcome(await t.request(a.counsellor, 'GET', `/api/directory/services/${theirs.id}`))).toEqual({
      status: 404,
      code: 'directory.not_found',
    });
    expect(await card(t, b.counsellor, national)).toMatchObject({ national: true, tenantId: null, phones: [{ number: '8-800-2000-122' }] });
    expect((await card(t, a.counsellor, mine.id)).national).toBe(false);
  });

  it('pages: total, page and perPage; a page past the end is empty with the total', async () => {
    const h = await helpline(t);
    const w = tag();
    for (const n of ['а', 'б', 'в', 'г', 'д']) await entry(t, h.head, h.id, { name: `${n} ${w}` });
    const p2 = await search(t, h.counsellor, { q: w, page: 2, perPage: 2 });
    expect({ total: p2.total, page: p2.page, perPage: p2.perPage, names: p2.items.map((i) => i.name) }).toEqual({
      total: 5,
      page: 2,
      perPage: 2,
      names: [`в ${w}`, `г ${w}`],
    });
    const past = await search(t, h.counsellor, { q: w, page: 9, perPage: 2 });
    expect({ total: past.total, items: past.items }).toEqual({ total: 5, items: [] });
  });

  it('bad queries are 400 request.invalid', async () => {
    const h = await helpline(t);
    for (const q of ['area=RU-XXX', 'age=26', 'age=-1', 'term=nope', 'openNow=yes', 'perPage=101', 'page=0', 'extra=1']) {
      const res = await t.request(h.counsellor, 'GET', `/api/directory/services?${q}`);
      expect({ q, ...outcome(res) }).toEqual({ q, status: 400, code: 'request.invalid' });
    }
    ok(await t.request(h.counsellor, 'GET', '/api/directory/services?area=RU-SPE&age=0&openNow=false&free=true'));
  });
});
