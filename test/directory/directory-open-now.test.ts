// "Open now" with an injected clock: opening hours in the owning helpline's time zone (Moscow,
// Vladivostok), hours that run past midnight and past the end of the week, closed days taken in
// the owner's calendar, and entries without known hours (open now: unknown).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../helpers/testApp.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { entry, helpline, search, tag, type Helpline } from './directoryApi.js';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];
const EVERY_DAY = [...WEEKDAYS, 'SA', 'SU'];

describe.each(DATABASES)('open now on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  const setClock = (iso: string) => t.clock.advance(Date.parse(iso) - t.clock.now().getTime());

  /** Sets the clock (a fresh session: the old one would be idle) and returns what is open, with each card's openNow. */
  async function openAt(h: Helpline, iso: string, w: string): Promise<{ open: string[]; cards: Record<string, boolean | null> }> {
    setClock(iso);
    const who: SignedIn = await t.as([{ role: 'counsellor', serviceId: h.id }]);
    const open = (await search(t, who, { q: w, openNow: true })).items.map((i) => i.name).sort();
    const all = await search(t, who, { q: w });
    return { open, cards: Object.fromEntries(all.items.map((i) => [i.name, i.openNow])) };
  }

  it("opening hours are the owner's local time", async () => {
    setClock('2026-03-01T12:00:00Z');
    const moscow = await helpline(t);
    const vladivostok = await helpline(t, 'Asia/Vladivostok');
    const w = tag();
    const office = [{ days: WEEKDAYS, opens: '09:00', closes: '18:00' }];
    await entry(t, moscow.head, moscow.id, { name: `москва ${w}`, schedules: office });
    await entry(t, vladivostok.head, vladivostok.id, { name: `владивосток ${w}`, schedules: office });
    // Sunday 23:30 UTC: Monday 09:30 in Vladivostok, 02:30 in Moscow.
    expect((await openAt(vladivostok, '2026-03-01T23:30:00Z', w)).open).toEqual([`владивосток ${w}`]);
    expect((await openAt(moscow, '2026-03-01T23:30:00Z', w)).open).toEqual([]);
    // Monday 09:30 UTC: 19:30 in Vladivostok (closed), 12:30 in Moscow (open).
    expect((await openAt(vladivostok, '2026-03-02T09:30:00Z', w)).open).toEqual([]);
    expect((await openAt(moscow, '2026-03-02T09:30:00Z', w)).cards).toEqual({ [`москва ${w}`]: true });
  });

  it('hours past midnight, also from Sunday into Monday', async () => {
    setClock('2026-03-01T12:00:00Z');
    const h = await helpline(t);
    const w = tag();
    await entry(t, h.head, h.id, { name: `ночная ${w}`, schedules: [{ days: ['SU'], opens: '22:00', closes: '06:00' }] });
    await entry(t, h.head, h.id, { name: `без часов ${w}` });
    const times: [string, boolean][] = [
      ['2026-03-08T18:30:00Z', false], // Sunday 21:30 Moscow
      ['2026-03-08T19:30:00Z', true], // Sunday 22:30
      ['2026-03-08T21:30:00Z', true], // Monday 00:30
      ['2026-03-09T02:30:00Z', true], // Monday 05:30
      ['2026-03-09T03:30:00Z', false], // Monday 06:30
      ['2026-03-09T19:30:00Z', false], // Monday 22:30: only Sunday nights
    ];
    for (const [iso, open] of times) {
      const got = await openAt(h, iso, w);
      expect({ iso, open: got.open, cards: got.cards }).toEqual({
        iso,
        open: open ? [`ночная ${w}`] : [],
        cards: { [`ночная ${w}`]: open, [`без часов ${w}`]: null },
      });
    }
  });

  it("closed days are the owner's calendar days", async () => {
    setClock('2026-03-01T12:00:00Z');
    const moscow = await helpline(t);
    const vladivostok = await helpline(t, 'Asia/Vladivostok');
    const w = tag();
    const always = { schedules: [{ days: EVERY_DAY, opens: '00:00', closes: '24:00' }], closedDates: ['2026-03-09'] };
    await entry(t, moscow.head, moscow.id, { name: `москва ${w}`, ...always });
    await entry(t, vladivostok.head, vladivostok.id, { name: `владивосток ${w}`, ...always });
    const cases: [Helpline, string, boolean][] = [
      [moscow, '2026-03-08T20:30:00Z', true], // 8 March 23:30 in Moscow
      [moscow, '2026-03-08T21:30:00Z', false], // 9 March 00:30 in Moscow, still the 8th in UTC
      [moscow, '2026-03-09T20:59:00Z', false], // 9 March 23:59
      [moscow, '2026-03-09T21:00:00Z', true], // 10 March 00:00
      [vladivostok, '2026-03-08T13:30:00Z', true], // 8 March 23:30 in Vladivostok
      [vladivostok, '2026-03-08T14:30:00Z', false], // 9 March 00:30 in Vladivostok
      [vladivostok, '2026-03-09T14:00:00Z', true], // 10 March 00:00
    ];
    for (const [h, iso, open] of cases) {
      const got = await openAt(h, iso, w);
      const name = h === moscow ? `москва ${w}` : `владивосток ${w}`;
      expect({ iso, name, open: got.cards[name] }).toEqual({ iso, name, open });
      expect({ iso, listed: got.open.includes(name) }).toEqual({ iso, listed: open });
    }
  });
});
