// Tenant isolation in routing: staff of service B cannot answer, end, transfer, assign or take a
// contact of service A, nor see A's board, statistics or care plans, nor set the presence of A's
// counsellors. Each refusal is the not-found of what was named (A's things do not exist for B), and
// leaves every routing row, and A's workstations, as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../helpers/testApp.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { accept, arrive, cmd, ok, onContact, outcome, presence, theOffer, TOKEN, workstation, written } from './routingApi.js';

describe.each(DATABASES)('routing tenant isolation on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  /** A and B, each with a counsellor on duty and a supervisor; a voice contact of A offered to A's counsellor. */
  async function twoServices() {
    const [a, b] = [await t.service(), await t.service()];
    const counsellorA = await t.as([{ role: 'counsellor', serviceId: a.id }]);
    const counsellorB = await t.as([{ role: 'counsellor', serviceId: b.id }]);
    const supervisorA = await t.as([{ role: 'supervisor', serviceId: a.id }]);
    const supervisorB = await t.as([{ role: 'supervisor', serviceId: b.id }]);
    await presence(t, counsellorA, a.id);
    await presence(t, counsellorB, b.id);
    const contactId = await arrive(t, a.id, { channel: 'voice' });
    const offer = await theOffer(t, counsellorA);
    expect(offer.contact.id).toBe(contactId);
    return { A: a.id, B: b.id, counsellorA, counsellorB, supervisorA, supervisorB, contactId, offerId: offer.id };
  }

  /** Runs the refused requests; each must get `status code`, and nothing routing writes may change. */
  async function refused(watched: SignedIn[], requests: [string, () => ReturnType<TestApp['request']>, number, string][]) {
    const before = await written(t);
    const screens = await Promise.all(watched.map((w) => workstation(t, w)));
    for (const [label, send, status, code] of requests) expect({ label, ...outcome(await send()) }).toEqual({ label, status, code });
    expect(await written(t)).toEqual(before);
    expect(await Promise.all(watched.map((w) => workstation(t, w)))).toEqual(screens);
  }

  it("B's counsellor cannot accept or decline an offer made in A (404), and the offer stays A's", async () => {
    const w = await twoServices();
    await refused(
      [w.counsellorA, w.counsellorB],
      [
        ['accept', () => accept(t, w.counsellorB, w.offerId), 404, 'routing.offer_not_found'],
        [
          'decline',
          () => t.request(w.counsellorB, 'POST', `/api/routing/offers/${w.offerId}/decline`, cmd()),
          404,
          'routing.offer_not_found',
        ],
        ['accept as B supervisor', () => accept(t, w.supervisorB, w.offerId), 404, 'routing.offer_not_found'],
      ],
    );
    await ok(accept(t, w.counsellorA, w.offerId));
  });

  it("B's counsellor and supervisor cannot end, complete, transfer or extend A's contact (404)", async () => {
    const w = await twoServices();
    await ok(accept(t, w.counsellorA, w.offerId));
    const contactNotFound = (label: string, who: SignedIn, action: string, body: Record<string, unknown> = cmd()) =>
      [label, () => onContact(t, who, w.contactId, action, body), 404, 'routing.contact_not_found'] as [
        string,
        () => ReturnType<TestApp['request']>,
        number,
        string,
      ];
    await refused(
      [w.counsellorA, w.counsellorB],
      [
        contactNotFound('end by B counsellor', w.counsellorB, 'end'),
        contactNotFound('end by B supervisor', w.supervisorB, 'end'),
        contactNotFound('complete by B counsellor', w.counsellorB, 'complete'),
        contactNotFound('extend by B supervisor', w.supervisorB, 'extend-wrap-up', { ...cmd(), seconds: 60 }),
        contactNotFound('transfer to B by B supervisor', w.supervisorB, 'transfer', {
          ...cmd(),
          target: { kind: 'queue', serviceId: w.B },
        }),
        contactNotFound('transfer to B counsellor by B counsellor', w.counsellorB, 'transfer', {
          ...cmd(),
          target: { kind: 'counsellor', staffId: w.counsellorB.userId },
        }),
        // A's own counsellor cannot push the contact into B's queue either (B is no partner of A).
        [
          'transfer to B by A counsellor',
          () => onContact(t, w.counsellorA, w.contactId, 'transfer', { ...cmd(), target: { kind: 'queue', serviceId: w.B } }),
          404,
          'service.not_found',
        ],
        [
          'transfer to a B counsellor by A counsellor',
          () =>
            onContact(t, w.counsellorA, w.contactId, 'transfer', {
              ...cmd(),
              target: { kind: 'counsellor', staffId: w.counsellorB.userId },
            }),
          409,
          'routing.counsellor_unavailable',
        ],
      ],
    );
    expect((await workstation(t, w.counsellorA)).contacts).toMatchObject([{ id: w.contactId, state: 'active' }]);
  });

  it("B's supervisor cannot see A's board, statistics or care plans, nor assign, take or set presence in A (404)", async () => {
    const w = await twoServices();
    // A second contact of A waits: A's only counsellor is offered a voice contact already.
    const waiting = await arrive(t, w.A, { channel: 'voice' });
    const sup = w.supervisorB;
    await refused(
      [w.counsellorA, w.counsellorB, w.supervisorB],
      [
        ['board', () => t.request(sup, 'GET', `/api/routing/services/${w.A}/board`), 404, 'service.not_found'],
        ['statistics', () => t.request(sup, 'GET', `/api/routing/services/${w.A}/statistics?window=today`), 404, 'service.not_found'],
        ['care plans', () => t.request(sup, 'GET', `/api/routing/services/${w.A}/care-plans`), 404, 'service.not_found'],
        [
          'care plan from a contact of A',
          () =>
            t.request(sup, 'POST', `/api/routing/services/${w.B}/care-plans`, {
              contactId: waiting,
              preferredStaffId: w.counsellorB.userId,
            }),
          404,
          'routing.contact_not_found',
        ],
        [
          'assign to B counsellor',
          () => onContact(t, sup, waiting, 'assign', { ...cmd(), staffId: w.counsellorB.userId }),
          404,
          'routing.contact_not_found',
        ],
        ['take', () => onContact(t, sup, waiting, 'take'), 404, 'routing.contact_not_found'],
        ['take the offered one', () => onContact(t, sup, w.contactId, 'take'), 404, 'routing.contact_not_found'],
        [
          "presence of A's counsellor via A",
          () =>
            t.request(sup, 'PUT', `/api/routing/services/${w.A}/counsellors/${w.counsellorA.userId}/presence`, {
              ...cmd(),
              presence: 'break',
            }),
          404,
          'service.not_found',
        ],
        [
          "presence of A's counsellor via B",
          () =>
            t.request(sup, 'PUT', `/api/routing/services/${w.B}/counsellors/${w.counsellorA.userId}/presence`, {
              ...cmd(),
              presence: 'break',
            }),
          404,
          'staff.not_found',
        ],
        [
          'offline contact in A',
          () => t.request(sup, 'POST', `/api/routing/services/${w.A}/offline-contacts`, cmd()),
          404,
          'service.not_found',
        ],
        [
          'go on duty in A',
          () => t.request(sup, 'PUT', '/api/routing/workstation/presence', { ...cmd(), serviceId: w.A, presence: 'available' }),
          404,
          'service.not_found',
        ],
      ],
    );
    // A's supervisor, for contrast, may take it.
    const taken = await ok<{ contacts: { id: string }[] }>(onContact(t, w.supervisorA, waiting, 'take'));
    expect(taken.contacts.map((c) => c.id)).toEqual([waiting]);
  });
});
