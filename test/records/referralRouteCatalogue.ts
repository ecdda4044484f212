// The referral routes in the route catalogue (test/helpers/routeCatalogue.ts): a record's referrals to
// the directory (list, attach, remove) and a directory card sent in a chat (src/http/routes/referrals.ts).
import { z } from 'zod';
import type { RouteEntry } from '../helpers/routeCatalogue.js';

// Restated from src/http/routes/referrals.ts (the tests' specification).
export const referralBodySchema = z.object({ directoryServiceId: z.uuid() }).strict();
export const directoryCardBodySchema = z
  .object({ directoryServiceId: z.uuid(), clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) })
  .strict();

export const REFERRAL_ROUTES: readonly RouteEntry[] = [
  { method: 'GET', url: '/api/records/:recordId/referrals', access: 'staff', params: ['recordId'] },
  { method: 'POST', url: '/api/records/:recordId/referrals', access: 'staff', params: ['recordId'], body: referralBodySchema },
  { method: 'DELETE', url: '/api/records/:recordId/referrals/:referralId', access: 'staff', params: ['recordId', 'referralId'] },
  { method: 'POST', url: '/api/chats/:chatId/directory-card', access: 'staff', params: ['chatId'], body: directoryCardBodySchema },
];
