// The in-memory copies of staff sessions: used for a minute, dropped at once when the user's sessions
// change, never kept from a read that a change overtook, and an "ended" copy is confirmed by the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COPY_MS, SessionStore } from '../src/domain/auth/sessionStore.js';
import { sessionIdOf } from '../src/domain/auth/sessions.js';
import { DATABASES } from './helpers/testDatabase.js';
import { TestApp, type SignedIn } from './helpers/testApp.js';

const tokenOf = (who: SignedIn) => who.cookie.slice(who.cookie.indexOf('=') + 1);

describe.each(DATABASES)('session store on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  const store = () => new SessionStore(t.db, t.config.secrets, t.config.session);
  const revokeInDatabase = (who: SignedIn) =>
    t.db
      .updateTable('sessions')
      .set({ revoked_at: t.clock.now() })
      .where('id', '=', sessionIdOf(t.config.secrets, tokenOf(who)))
      .execute();

  it('answers from its copy for a minute; a change to the user drops the copy at once', async () => {
    const who = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const s = store();
    expect((await s.resolve(tokenOf(who), t.clock.now()))?.userId).toBe(who.userId);
    // Revoked behind the store's back (as another process would): the copy still answers…
    await revokeInDatabase(who);
    expect((await s.resolve(tokenOf(who), t.clock.now()))?.userId).toBe(who.userId);
    // …until the change is announced (this process's changes always are) or the minute is over.
    s.forgetUser(who.userId);
    expect(await s.resolve(tokenOf(who), t.clock.now())).toBeUndefined();

    const other = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const s2 = store();
    expect(await s2.resolve(tokenOf(other), t.clock.now())).toBeDefined();
    await revokeInDatabase(other);
    t.clock.advance(SESSION_COPY_MS);
    expect(await s2.resolve(tokenOf(other), t.clock.now())).toBeUndefined();
  });

  it('does not keep a read that a change overtook', async () => {
    const who = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const s = store();
    const inFlight = s.resolve(tokenOf(who), t.clock.now());
    s.forgetUser(who.userId);
    expect((await inFlight)?.userId, 'the read in flight is still answered').toBe(who.userId);
    await revokeInDatabase(who);
    expect(await s.resolve(tokenOf(who), t.clock.now()), 'but was not kept').toBeUndefined();
  });

  it('asks the database before calling a session idle: activity seen elsewhere counts', async () => {
    const who = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const here = store();
    const elsewhere = store();
    await here.resolve(tokenOf(who), t.clock.now());
    t.clock.advance(t.config.session.idleMs - 5_000);
    // Another process (or a workstation's socket) sees the person active.
    expect(await elsewhere.resolve(tokenOf(who), t.clock.now())).toBeDefined();
    t.clock.advance(10_000);
    // This store's copy is older than the idle window, the database's is not.
    expect((await here.resolve(tokenOf(who), t.clock.now()))?.userId).toBe(who.userId);
  });

  it('batches the reads of many sessions asked for at once into one answer each', async () => {
    const service = (await t.service()).id;
    const people = await Promise.all(Array.from({ length: 12 }, () => t.as([{ role: 'counsellor', serviceId: service }])));
    const s = store();
    const sessions = await Promise.all(people.map((p) => s.recheck(tokenOf(p), t.clock.now())));
    expect(sessions.map((x) => x?.userId)).toEqual(people.map((p) => p.userId));
    expect(sessions.every((x) => x?.grants.length === 1 && x.grants[0]!.serviceId === service)).toBe(true);
  });
});
