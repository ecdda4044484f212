// The worlds the property tests run in, and the random steps taken in them. A step names what to do
// ("accept the n-th open offer"); the checker resolves it against the state at the time.
import fc from 'fast-check';
import { CHANNELS, RISKS, SETTABLE_PRESENCES, type Channel } from '../../src/domain/routing/types.js';
import type { ServiceSettings, StaffSpec } from './engineHarness.js';

export interface World {
  services: ServiceSettings;
  staff: Record<string, StaffSpec>;
  /** Services contacts arrive at (and may be transferred to). */
  queues: string[];
  channels: readonly Channel[];
}

/** Several services: partners both ways, a national backup pool, languages, skills, capacities. */
export const WIDE: World = {
  services: {
    A: { partnerServiceIds: ['B'], partnerAfterSeconds: 30, nationalBackupAfterSeconds: 90, carePlanSeconds: 40, maxWaitSeconds: 400 },
    B: {
      partnerServiceIds: ['A', 'C'],
      partnerAfterSeconds: 20,
      nationalBackupAfterSeconds: null,
      chatCapacity: 3,
      voiceBlocksText: false,
    },
    C: {
      chatCapacity: 1,
      wrapUpSeconds: 0,
      offerTimeoutSeconds: 15,
      declineCooldownSeconds: 10,
      nationalBackupAfterSeconds: 60,
      maxWaitSeconds: 300,
    },
    N: { nationalBackup: true, wrapUpSeconds: 30, chatCapacity: 2 },
  },
  staff: {
    a1: { service: 'A' },
    a2: { service: 'A', languages: ['ru'] },
    sa: { service: 'A', supervisor: true },
    b1: { service: 'B', skills: ['sign'] },
    b2: { service: 'B', supervisor: true },
    c1: { service: 'C', languages: ['ru', 'tt'] },
    n1: { service: 'N' },
  },
  queues: ['A', 'B', 'C'],
  channels: CHANNELS,
};

/** One busy service with few counsellors and a large chat capacity: many contacts wait, many offers are open at once. */
export const CROWDED: World = {
  services: { A: { chatCapacity: 3, wrapUpSeconds: 10, carePlanSeconds: 30, maxWaitSeconds: 600 } },
  staff: { x: { service: 'A' }, y: { service: 'A' }, s: { service: 'A', supervisor: true } },
  queues: ['A'],
  channels: ['chat', 'messenger', 'chat', 'voice'],
};

export function stepsOf(world: World) {
  const staff = fc.constantFrom(...Object.keys(world.staff));
  const queue = fc.constantFrom(...world.queues);
  const risk = fc.constantFrom(...RISKS);
  const pick = fc.nat(1000);
  /** `arbitrary` once in `n` times, otherwise null. */
  const onceIn = <T>(n: number, arbitrary: fc.Arbitrary<T>) =>
    fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
  const contact = fc.record({
    service: queue,
    channel: fc.constantFrom(...world.channels),
    risk,
    language: fc.constantFrom(null, null, 'ru', 'tt'),
    sign: fc.constantFrom(false, false, false, false, true),
    carePlan: onceIn(4, staff),
    retry: onceIn(10, pick),
  });
  const seconds = fc.oneof(
    { weight: 30, arbitrary: fc.integer({ min: 0, max: 5 }) },
    { weight: 12, arbitrary: fc.integer({ min: 5, max: 30 }) },
    { weight: 6, arbitrary: fc.integer({ min: 30, max: 400 }) },
    { weight: 1, arbitrary: fc.constant(3700) },
  );
  const transferTarget = fc.oneof(
    fc.record({ kind: fc.constant('counsellor' as const), staffId: staff }),
    fc.record({ kind: fc.constant('supervisor' as const) }),
    fc.record({ kind: fc.constant('queue' as const), serviceId: queue }),
  );
  const step = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
  return fc.oneof(
    // Several contacts may arrive at the same instant.
    step(8, fc.record({ kind: fc.constant('arrive' as const), contacts: fc.array(contact, { minLength: 1, maxLength: 4 }) })),
    step(4, fc.record({ kind: fc.constant('advance' as const), seconds })),
    step(
      3,
      fc.record({
        kind: fc.constant('presence' as const),
        staff,
        presence: fc.constantFrom(...SETTABLE_PRESENCES, 'available'),
        bySupervisor: fc.boolean(),
      }),
    ),
    // A counsellor with open offers leaves: their contacts wait again, all at once.
    step(2, fc.record({ kind: fc.constant('away' as const), pick, presence: fc.constantFrom('break' as const, 'offline' as const) })),
    step(4, fc.record({ kind: fc.constantFrom('accept' as const, 'decline' as const), pick })),
    step(
      3,
      fc.record({ kind: fc.constantFrom('end' as const, 'finishWrapUp' as const, 'greetingDone' as const, 'callerLeft' as const), pick }),
    ),
    step(1, fc.record({ kind: fc.constant('extendWrapUp' as const), pick, seconds: fc.integer({ min: -10, max: 2000 }) })),
    step(2, fc.record({ kind: fc.constant('setRisk' as const), pick, risk })),
    step(
      2,
      fc.record({
        kind: fc.constant('transfer' as const),
        pick,
        target: transferTarget,
        note: fc.option(fc.constantFrom('note', 'needs a lawyer')),
      }),
    ),
    step(2, fc.record({ kind: fc.constantFrom('assign' as const, 'take' as const), pick, staff })),
    step(1, fc.record({ kind: fc.constant('recordOffline' as const), staff, channel: fc.constantFrom(...world.channels), risk })),
    // Accepts and declines of any offer ever made, by anyone: mostly refused, sometimes a retry.
    step(1, fc.record({ kind: fc.constantFrom('staleAccept' as const, 'staleDecline' as const), pick, staff: fc.option(staff) })),
  );
}

export type Step = ReturnType<typeof stepsOf> extends fc.Arbitrary<infer T> ? T : never;

export const presencesOf = (world: World) => {
  const n = Object.keys(world.staff).length;
  return fc.array(fc.constantFrom('available' as const, 'available' as const, 'offline' as const), { minLength: n, maxLength: n });
};
