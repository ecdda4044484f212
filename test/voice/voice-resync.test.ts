// The resync after a start, with the edge's answers given by the test (the real JSON-RPC path is in
// test/voice/e2e): registrations decide who can be rung; a call the edge no longer has is closed as
// ended by the system only if its own end has not arrived within the grace period.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callKeyOf, contactIdOfCall } from '../../src/domain/voice/callIds.js';
import { sipUserOf } from '../../src/domain/voice/sipUsers.js';
import { VoiceNumbers } from '../../src/domain/voice/voiceNumbers.js';
import { VoiceService, type EdgeControl } from '../../src/domain/voice/voiceService.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { presence } from '../routing/routingApi.js';
import { event, route, serviceWithNumber, voiceConfig } from './voiceApi.js';

describe.each(DATABASES)('voice resync on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { voice: voiceConfig() });
  });
  afterAll(() => t.close());

  function serviceWith(edge: EdgeControl): VoiceService {
    return new VoiceService({
      db: t.db,
      routing: t.routing,
      pepper: t.config.secrets.hmacPepper,
      clock: t.clock.now,
      numbers: new VoiceNumbers(t.db),
      settings: { greetingUri: null, holdUri: null, greetingSeconds: 10, holdSeconds: 5 },
      edge,
      phone: {
        wsUrl: 'ws://127.0.0.1:5066',
        realm: '127.0.0.1',
        credentialSecret: 'x'.repeat(32),
        credentialTtlSeconds: 60,
        transferHost: '127.0.0.1:5060',
      },
      onError: (err) => {
        throw err;
      },
    });
  }

  it('takes who is registered from the edge, and closes a call the edge lost only when its end does not come', async () => {
    const s = await serviceWithNumber(t);
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    await presence(t, c, s.id);
    const kept = randomUUID();
    const lost = randomUUID();
    const endsLate = randomUUID();
    const dialogs = [{ callId: kept, hEntry: 1, hId: 2, state: 4, fromTag: 'a', toTag: 'b', referable: false }];
    const voice = serviceWith({
      registrations: async () => [{ user: sipUserOf(c.userId), contacts: 1 }],
      dialogs: async () => dialogs,
      endDialog: async () => {},
      transfer: async () => {},
      contactsOf: async () => [],
      removeContact: async () => {},
    });
    for (const callId of [kept, lost, endsLate]) expect((await route(t, { callId, to: s.number })).action).toBe('queue');
    expect(t.routing.phones.has(c.userId)).toBe(false);
    await voice.resync(300);
    expect(t.routing.phones.has(c.userId)).toBe(true);
    // The end of one lost call arrives within the grace period (the edge re-sends it after the restart).
    await event(t, { event: 'abandoned', callId: endsLate, target: '', attempt: 1 });
    await new Promise((r) => setTimeout(r, 800));
    await t.routing.settled();
    const state = async (callId: string) =>
      (
        await t.db
          .selectFrom('routing_contacts')
          .select('state')
          .where('id', '=', contactIdOfCall(t.config.secrets.hmacPepper, callId))
          .executeTakeFirst()
      )?.state;
    const facts = async (callId: string) =>
      t.db
        .selectFrom('voice_calls')
        .select(['ended_by', 'outcome'])
        .where('call_key', '=', callKeyOf(t.config.secrets.hmacPepper, callId))
        .executeTakeFirst();
    expect(await state(lost)).toBe('abandoned');
    expect(await facts(lost)).toEqual({ ended_by: 'system', outcome: 'failed' });
    expect(await facts(endsLate)).toEqual({ ended_by: 'caller', outcome: 'abandoned' });
    expect(await state(kept)).not.toBe('abandoned');
    expect(await facts(kept)).toEqual({ ended_by: null, outcome: null });
    voice.stop();
  });
});
