// Helpers for the routing HTTP tests: contacts arriving through channel ingress, counsellors going on
// duty, reading a workstation or board, moving the clock and letting the engine act on deadlines, and
// counting what routing has written (to show a refused command changed nothing).
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { SignedIn, TestApp } from '../helpers/testApp.js';

export const TOKEN = 'ingress-token-for-routing-tests-0123456789abcdef';

export const cmd = () => ({ commandId: randomUUID() });

export interface Offer {
  id: string;
  kind: string;
  contact: { id: string; serviceId: string; origin: string; transferNote: string | null; fromContactId: string | null };
}
export interface Workstation {
  onDuty: boolean;
  presence: string;
  shown: string;
  serviceId: string | null;
  contacts: { id: string; state: string; origin: string; staffId: string | null }[];
  offers: Offer[];
}

export function ingress(t: TestApp, payload: Record<string, unknown>, path = '/api/routing/ingress/contacts') {
  return t.app.inject({ method: 'POST', url: path, headers: { authorization: `Bearer ${TOKEN}` }, payload });
}

/** A contact arriving from a channel; returns its id. */
export async function arrive(t: TestApp, serviceId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const contactId = randomUUID();
  const res = await ingress(t, { contactId, serviceId, channel: 'chat', ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return contactId;
}

export async function callerLeft(t: TestApp, contactId: string): Promise<void> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/routing/ingress/contacts/${contactId}/caller-left`,
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** A request that must succeed with `status`; returns its JSON. */
export async function ok<T = Record<string, unknown>>(
  res: Promise<LightMyRequestResponse> | LightMyRequestResponse,
  status = 200,
): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

export const presence = (t: TestApp, who: SignedIn, serviceId: string, value: 'available' | 'break' | 'offline' = 'available') =>
  ok<Workstation>(t.request(who, 'PUT', '/api/routing/workstation/presence', { ...cmd(), serviceId, presence: value }));

export const workstation = (t: TestApp, who: SignedIn) => ok<Workstation>(t.request(who, 'GET', '/api/routing/workstation'));

export const board = (t: TestApp, who: SignedIn, serviceId: string) =>
  ok(t.request(who, 'GET', `/api/routing/services/${serviceId}/board`));

/** The one offer on a counsellor's workstation. */
export async function theOffer(t: TestApp, who: SignedIn): Promise<Offer> {
  const ws = await workstation(t, who);
  expect(ws.offers, 'offers on the workstation').toHaveLength(1);
  return ws.offers[0]!;
}

export const accept = (t: TestApp, who: SignedIn, offerId: string, body = cmd()) =>
  t.request(who, 'POST', `/api/routing/offers/${offerId}/accept`, body);

export const onContact = (t: TestApp, who: SignedIn, contactId: string, action: string, body: Record<string, unknown> = cmd()) =>
  t.request(who, 'POST', `/api/routing/contacts/${contactId}/${action}`, body);

/** Lets the engine act on deadlines at the current (test) time: waits for the batch in flight, ticks, waits again. */
export async function tick(t: TestApp): Promise<void> {
  await t.routing.settled();
  await t.routing.tick();
  await t.routing.settled();
}

export async function advance(t: TestApp, ms: number): Promise<void> {
  t.clock.advance(ms);
  await tick(t);
}

/** The logged event types of a contact, in log order. */
export async function eventsOf(t: TestApp, contactId: string): Promise<string[]> {
  const rows = await t.db.selectFrom('routing_events').select('type').where('contact_id', '=', contactId).orderBy('seq').execute();
  return rows.map((r) => r.type);
}

/** Row counts and the last log position of everything routing writes (and the audit log). */
export async function written(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await sql<Record<string, number>>`
    select (select count(*) from routing_events)::int as events, (select coalesce(max(seq), 0) from routing_events)::int as seq,
      (select count(*) from routing_contacts)::int as contacts, (select count(*) from routing_presence)::int as presence,
      (select count(*) from routing_commands)::int as commands, (select count(*) from care_plans)::int as care_plans,
      (select count(*) from audit_log)::int as audit`.execute(t.db);
  return rows[0]!;
}

/** The status and error code of a response. */
export const outcome = (res: LightMyRequestResponse) => ({ status: res.statusCode, code: (res.json() as { code?: string }).code });
