// Helpers for the record tests: a service with its staff, contacts answered through routing,
// records made by hand, the record commands, and the rollups of a service.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { SignedIn, TestApp } from '../helpers/testApp.js';
import { accept, arrive, ok, presence, theOffer } from '../routing/routingApi.js';

export interface RecordView {
  id: string;
  serviceId: string;
  origin: string;
  status: string;
  version: number;
  staffId: string | null;
  staffPseudonym: string | null;
  channel: string;
  repeatContact: boolean;
  riskLevel: string;
  fields: Record<string, unknown> & { reasons: string[]; summary: string | null; contactType: string | null };
  times: Record<string, unknown> & { outcome: string | null };
  finalizedAt: string | null;
  editableUntil: string | null;
  canEdit: boolean;
}

export interface Team {
  serviceId: string;
  counsellor: SignedIn;
  colleague: SignedIn;
  supervisor: SignedIn;
  head: SignedIn;
}

export async function team(t: TestApp): Promise<Team> {
  const s = await t.service();
  const [counsellor, colleague, supervisor, head] = await Promise.all([
    t.as([{ role: 'counsellor', serviceId: s.id }]),
    t.as([{ role: 'counsellor', serviceId: s.id }]),
    t.as([{ role: 'supervisor', serviceId: s.id }]),
    t.as([{ role: 'head', serviceId: s.id }]),
  ]);
  return { serviceId: s.id, counsellor, colleague, supervisor, head };
}

/** A chat contact that `who` (on duty) has accepted; returns its id. */
export async function answered(t: TestApp, serviceId: string, who: SignedIn, extra: Record<string, unknown> = {}): Promise<string> {
  await presence(t, who, serviceId);
  const contactId = await arrive(t, serviceId, extra);
  const offer = await theOffer(t, who);
  expect(offer.contact.id).toBe(contactId);
  await ok(accept(t, who, offer.id));
  return contactId;
}

export const sync = (t: TestApp) => t.app.recordsSync.runOnce();

export const getRecord = (t: TestApp, who: SignedIn, id: string) => t.request(who, 'GET', `/api/records/${id}`);
export const patchRecord = (t: TestApp, who: SignedIn, id: string, version: number, fields: Record<string, unknown>) =>
  t.request(who, 'PATCH', `/api/records/${id}`, { version, fields });
export const finalize = (t: TestApp, who: SignedIn, id: string, version: number, fields?: Record<string, unknown>) =>
  t.request(who, 'POST', `/api/records/${id}/finalize`, fields ? { version, fields } : { version });
export const assessRisk = (t: TestApp, who: SignedIn, id: string, version: number, answers: Record<string, string>) =>
  t.request(who, 'POST', `/api/records/${id}/risk`, { version, answers });

export async function manual(t: TestApp, who: SignedIn, serviceId: string, channel = 'in_person'): Promise<RecordView> {
  return ok<RecordView>(t.request(who, 'POST', '/api/records', { id: randomUUID(), serviceId, channel }), 201);
}

export const view = (res: Promise<LightMyRequestResponse> | LightMyRequestResponse, status = 200) => ok<RecordView>(res, status);

export const COUNSELLING = { contactType: 'counselling', callerType: 'child', reasons: ['school.performance'] };

/** The rollups of a service, daily and monthly, sorted, as plain rows. */
export async function rollups(t: TestApp, serviceId: string) {
  const daily = await t.db
    .selectFrom('record_stats_daily')
    .select(['day', 'dim', 'value', 'n'])
    .where('service_id', '=', serviceId)
    .where('n', '!=', 0)
    .orderBy('day')
    .orderBy('dim')
    .orderBy('value')
    .execute();
  const monthly = await t.db
    .selectFrom('record_stats_monthly')
    .select(['month', 'dim', 'value', 'n'])
    .where('service_id', '=', serviceId)
    .where('n', '!=', 0)
    .orderBy('month')
    .orderBy('dim')
    .orderBy('value')
    .execute();
  return { daily, monthly };
}

/** One rollup figure summed over all days: e.g. count(t, s, 'type', 'missed'). */
export async function figure(t: TestApp, serviceId: string, dim: string, value: string): Promise<number> {
  const { daily } = await rollups(t, serviceId);
  return daily.filter((r) => r.dim === dim && r.value === value).reduce((n, r) => n + r.n, 0);
}

export async function auditOf(t: TestApp, recordId: string) {
  return t.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('target_id', '=', recordId).orderBy('id').execute();
}
