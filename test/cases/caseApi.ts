// Helpers for the case and signal tests: a service's team with a record, a case opened with consent,
// agencies in the service's list, signals drafted, approved and sent, and the audit of a target.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { SignedIn, TestApp } from '../helpers/testApp.js';
import { manual, team, type Team } from '../records/recordApi.js';
import { ok } from '../routing/routingApi.js';

export interface CaseSummary {
  id: string;
  serviceId: string;
  recordId: string | null;
  status: string;
  version: number;
  assignedTo: string | null;
  filledFields: string[];
  destroyedAt: string | null;
  basis: Record<string, unknown>;
}
export interface SignalSummary {
  id: string;
  serviceId: string;
  number: string | null;
  status: string;
  version: number;
  urgency: string;
  overdue: string[];
  sentWithoutApproval: boolean;
  addressees: {
    id: string;
    agencyType: string;
    channel: string;
    sendStatus: string;
    sendDetail: string | null;
    acknowledgedAt: string | null;
  }[];
  ackDueAt: string | null;
  outcomeDueAt: string | null;
}

export const PERSONAL = {
  childName: 'Петров Иван',
  childAge: 12,
  address: 'г. Ковров, ул. Ленина, д. 1, кв. 2',
  school: 'Школа № 5',
  family: 'Мать: Петрова Анна, +7 900 000-00-00',
};

/** A consent given a minute ago, by the child, to pass the data to agencies. */
export const consent = (t: TestApp) => ({
  kind: 'consent',
  by: 'child',
  at: new Date(t.clock.now().getTime() - 60_000).toISOString(),
  purposes: ['pass_to_agencies'],
});

export const openCase = (t: TestApp, who: SignedIn, recordId: string, extra: Record<string, unknown> = {}) =>
  t.request(who, 'POST', '/api/cases', { id: randomUUID(), recordId, basis: consent(t), personal: PERSONAL, ...extra });

/** A team, a record of the counsellor's, and a case opened on it with consent and the child's data. */
export async function caseOfTeam(t: TestApp, existing?: Team): Promise<Team & { recordId: string; caseId: string }> {
  const tm = existing ?? (await team(t));
  const rec = await manual(t, tm.counsellor, tm.serviceId);
  const c = await ok<CaseSummary>(openCase(t, tm.counsellor, rec.id), 201);
  return { ...tm, recordId: rec.id, caseId: c.id };
}

/** An agency in the service's own list; returns its id. */
export async function agency(
  t: TestApp,
  supervisor: SignedIn,
  serviceId: string,
  agencyType = 'guardianship',
  extra: Record<string, unknown> = {},
) {
  const res = await ok<{ id: string }>(
    t.request(supervisor, 'POST', `/api/services/${serviceId}/signal-agencies`, {
      name: `Отдел опеки ${agencyType}`,
      agencyType,
      email: 'opeka@example.ru',
      phone: '+7 49232 2-00-00',
      ...extra,
    }),
    201,
  );
  return res.id;
}

export const draftSignal = (t: TestApp, who: SignedIn, caseId: string, body: Record<string, unknown>) =>
  t.request(who, 'POST', `/api/cases/${caseId}/signals`, {
    id: randomUUID(),
    urgency: 'normal',
    reason: 'physical_abuse',
    facts: 'Ребёнок сообщил о побоях со стороны отчима.',
    childFields: ['childName', 'address'],
    ...body,
  });

export const signalAction = (t: TestApp, who: SignedIn, id: string, action: string, body: Record<string, unknown>) =>
  t.request(who, 'POST', `/api/signals/${id}/${action}`, body);

/** A drafted, approved (by the supervisor) and sent signal of the case to the given agencies. */
export async function sentSignal(t: TestApp, tm: Team & { caseId: string }, agencyIds: string[]): Promise<SignalSummary> {
  const addressees = agencyIds.map((agencyId) => ({ source: 'list', agencyId }));
  const drafted = await ok<SignalSummary>(draftSignal(t, tm.counsellor, tm.caseId, { addressees }), 201);
  const approved = await ok<SignalSummary>(signalAction(t, tm.supervisor, drafted.id, 'approve', { version: drafted.version }));
  const sent = await ok<SignalSummary>(signalAction(t, tm.counsellor, drafted.id, 'send', { version: approved.version }));
  expect(sent.status).toBe('sent');
  return sent;
}

export async function auditOf(t: TestApp, targetId: string) {
  return t.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('target_id', '=', targetId).orderBy('id').execute();
}
