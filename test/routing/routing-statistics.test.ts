// The statistics endpoint over a scripted scenario: five voice contacts, three answered within the
// service level, one abandoned after 30 s and one after 2 s (a short abandon, left out of SL and the
// abandon rate). The last 15 minutes, today and a custom window covering it give the same figures;
// a window before it gives none; a bad custom range is 400 request.invalid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfDay } from '../../src/domain/routing/live/statistics.js';
import type { SignedIn } from '../helpers/testApp.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { accept, arrive, callerLeft, ok, outcome, presence, theOffer, TOKEN } from './routingApi.js';

describe.each(DATABASES)('routing statistics on %s', (kind) => {
  let t: TestApp;
  let supervisor: SignedIn;
  let serviceId: string;
  let scenarioStart: Date;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
    // Noon in Moscow, so that "today" holds the whole scenario whenever the suite runs.
    const now = t.clock.now();
    let noon = startOfDay(now, 'Europe/Moscow').getTime() + 12 * 3_600_000;
    if (noon < now.getTime()) noon += 24 * 3_600_000;
    t.clock.advance(noon - now.getTime());
    await scenario();
  });
  afterAll(() => t.close());

  async function scenario() {
    const s = await t.service();
    serviceId = s.id;
    supervisor = await t.as([{ role: 'supervisor', serviceId }]);
    const counsellors = [];
    for (let i = 0; i < 3; i++) {
      const c = await t.as([{ role: 'counsellor', serviceId }]);
      await presence(t, c, serviceId);
      counsellors.push(c);
    }
    t.clock.advance(60_000);
    scenarioStart = t.clock.now();
    for (let i = 0; i < 3; i++) await arrive(t, serviceId, { channel: 'voice', risk: i === 0 ? 'high' : 'unknown' });
    const offers = await Promise.all(counsellors.map((c) => theOffer(t, c)));
    t.clock.advance(5_000);
    for (const [i, c] of counsellors.entries()) await ok(accept(t, c, offers[i]!.id));
    const abandoned = await arrive(t, serviceId, { channel: 'voice' });
    t.clock.advance(30_000);
    await callerLeft(t, abandoned);
    const short = await arrive(t, serviceId, { channel: 'voice' });
    t.clock.advance(2_000);
    await callerLeft(t, short);
    t.clock.advance(1_000);
  }

  const stats = (query: string) => ok(t.request(supervisor, 'GET', `/api/routing/services/${serviceId}/statistics${query}`));
  const expected = {
    offered: 5,
    answered: 3,
    answeredByPartner: 0,
    answeredWithinSl: 3,
    abandoned: 1,
    shortAbandoned: 1,
    abandonedByStage: { queued: 1, offered: 0 },
    expired: 0,
    waitingAtEnd: 0,
    serviceLevel: 0.75,
    abandonRate: 0.25,
    asaSeconds: 5,
    longestAnsweredWaitSeconds: 5,
    offeredByChannel: { voice: 5, chat: 0, messenger: 0 },
    offeredByRisk: { unknown: 4, low: 0, moderate: 0, high: 1, imminent: 0 },
  };

  it('the last 15 minutes (the default window) match the scenario: 3 answered, 1 abandoned, 1 short abandon', async () => {
    const last15 = await stats('?window=15m');
    expect(last15).toMatchObject({ serviceId, ...expected });
    // The window is [from, to) and includes this very instant.
    expect(last15.to).toBe(t.clock.now().getTime() + 1);
    expect(last15.from).toBe(t.clock.now().getTime() - 15 * 60_000);
    expect(await stats('')).toEqual(last15);
  });

  it('today (from midnight in the service time zone) gives the same figures', async () => {
    const today = await stats('?window=today');
    expect(today).toMatchObject({ serviceId, ...expected, from: startOfDay(t.clock.now(), 'Europe/Moscow').getTime() });
  });

  it('a custom window around the scenario gives the same figures; one before it gives none', async () => {
    const from = new Date(scenarioStart.getTime() - 1_000).toISOString();
    const to = t.clock.now().toISOString();
    expect(await stats(`?window=custom&from=${from}&to=${to}`)).toMatchObject({ ...expected, from: Date.parse(from), to: Date.parse(to) });
    // With an offset instead of Z: the same instants.
    const moscow = (iso: string) => new Date(Date.parse(iso) + 3 * 3_600_000).toISOString().replace('Z', '+03:00');
    expect(await stats(`?window=custom&from=${encodeURIComponent(moscow(from))}&to=${encodeURIComponent(moscow(to))}`)).toMatchObject(
      expected,
    );
    const before = new Date(scenarioStart.getTime() - 3_600_000).toISOString();
    expect(await stats(`?window=custom&from=${before}&to=${from}`)).toMatchObject({ offered: 0, answered: 0, serviceLevel: null });
  });

  it('a bad window or custom range is 400 request.invalid', async () => {
    const now = t.clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    for (const query of [
      `?window=custom&from=${iso(now)}&to=${iso(now - 60_000)}`, // ends before it starts
      `?window=custom&from=${iso(now)}&to=${iso(now)}`, // empty
      `?window=custom&from=${iso(now - 32 * 86_400_000)}&to=${iso(now)}`, // longer than 31 days
      `?window=custom&from=${iso(now - 60_000)}`, // no end
      `?window=custom`,
      `?window=custom&from=yesterday&to=${iso(now)}`,
      `?window=custom&from=${iso(now - 60_000).slice(0, 19)}&to=${iso(now)}`, // no offset
      '?window=1h',
      '?window=15m&serviceId=x',
    ]) {
      const res = await t.request(supervisor, 'GET', `/api/routing/services/${serviceId}/statistics${query}`);
      expect({ query, ...outcome(res) }).toEqual({ query, status: 400, code: 'request.invalid' });
    }
  });
});
