// The channel-ingress routes for the unauthorised suite (routing.test.ts runs their token cases):
// each with a request that changes something when the bearer token is right; and a contact arriving
// straight through the routing runtime, which the routing cases prepare their worlds with.
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../helpers/testApp.js';
import type { World } from '../world.js';

/** A channel contact arriving in a service, straight through the routing runtime (no ingress token needed). */
export async function arriveDirect(t: TestApp, serviceId: string, callerKey: string | null = null): Promise<string> {
  const contactId = randomUUID();
  await t.routing.submit({
    command: {
      type: 'arrive',
      contactId,
      serviceId,
      channel: 'chat',
      attributes: { language: null, region: null, callerKey, skills: [] },
      risk: 'unknown',
      carePlan: null,
    },
    present: () => ({}),
  });
  return contactId;
}

/** The ingress routes, each with a request that changes something when the token is right. */
export const INGRESS_CASES: {
  route: string;
  url: (t: TestApp, w: World) => Promise<string>;
  payload?: (w: World) => unknown;
  ok: number;
}[] = [
  {
    route: 'POST /api/routing/ingress/contacts',
    url: async () => '/api/routing/ingress/contacts',
    payload: (w) => ({ contactId: randomUUID(), serviceId: w.A, channel: 'voice', caller: { kind: 'phone', value: '+7 900 000-00-01' } }),
    ok: 201,
  },
  {
    route: 'POST /api/routing/ingress/contacts/:contactId/caller-left',
    url: async (t, w) => `/api/routing/ingress/contacts/${await arriveDirect(t, w.A)}/caller-left`,
    ok: 200,
  },
  {
    route: 'POST /api/routing/ingress/contacts/:contactId/greeting-done',
    url: async (t, w) => `/api/routing/ingress/contacts/${await arriveDirect(t, w.A)}/greeting-done`,
    ok: 200,
  },
];
