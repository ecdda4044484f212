// The bad-input suite's bodies and baselines for referrals (called as the head of `svc`, who may
// change its records and write in its chats): a directory service id (mostly one that does not
// exist: 404 directory.not_found, nothing written) and a client id; baselines name what does not exist.
import fc from 'fast-check';
import type { Fixture } from './fixture.js';
import { shaped } from './generators.js';
import type { Baseline } from './oracle.js';

type Mostly = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) => fc.Arbitrary<T | U>;

export function referralShapes(fx: Fixture, mostly: Mostly) {
  const directoryServiceId = mostly(fc.oneof(fc.uuid(), fc.constant(fx.missing)), fc.constantFrom('', 'not-a-uuid', `${fx.svc}0`));
  const clientId = mostly(fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/), fc.constantFrom('', 'short', 'with space 123', 'я'.repeat(10)));
  return {
    'POST /api/records/:recordId/referrals': shaped({ directoryServiceId }),
    'POST /api/chats/:chatId/directory-card': shaped({ directoryServiceId, clientId }),
  };
}

export function referralBaselines(fx: Fixture): Record<string, Baseline> {
  const noRecord = { status: 404, code: 'record.not_found' } as const;
  const referrals = `/api/records/${fx.missing}/referrals`;
  return {
    'GET /api/records/:recordId/referrals': { url: referrals, ...noRecord },
    'POST /api/records/:recordId/referrals': { url: referrals, body: { directoryServiceId: fx.missing }, ...noRecord },
    'DELETE /api/records/:recordId/referrals/:referralId': { url: `${referrals}/${fx.missing}`, ...noRecord },
    'POST /api/chats/:chatId/directory-card': {
      url: `/api/chats/${fx.missing}/directory-card`,
      body: { directoryServiceId: fx.missing, clientId: 'baseline-card' },
      status: 404,
      code: 'chat.not_found',
    },
  };
}
