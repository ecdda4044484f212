// Imminent risk: an alert row and a message to the service's live board (after commit), the
// contact's routing priority raised — and that of the same caller's contacts still waiting — and
// the supervisors' list and acknowledgement of open alerts.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { inUnit, type Unit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, visibleServices, type Actor } from '../auth/policy.js';
import type { Risk } from '../routing/types.js';
import type { RecordDeps, RecordRow } from './recordStore.js';
import type { RiskLevel } from './vocabulary.js';

export const RISK_ALERT_EVENT = 'risk.alert';
export const RISK_ALERT_ACKNOWLEDGED_EVENT = 'risk.alert_acknowledged';

export const riskAlertViewSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  recordId: z.string(),
  level: z.string(),
  raisedAt: z.iso.datetime({ offset: true }),
  counsellorPseudonym: z.string().nullable(),
  acknowledgedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type RiskAlertView = z.infer<typeof riskAlertViewSchema>;

export interface RaisedAlert {
  id: string;
  serviceId: string;
  recordId: string;
  callerKey: string | null;
}

/** The screener's level in the routing engine's words ('none' asks for no priority). */
export function routingRiskOf(level: RiskLevel): Risk {
  return level === 'none' ? 'low' : level;
}

export async function raiseAlert(u: Unit, actor: Actor, row: RecordRow): Promise<RaisedAlert> {
  const id = randomUUID();
  await u.tx
    .insertInto('risk_alerts')
    .values({ id, service_id: row.service_id, record_id: row.id, level: 'imminent', raised_by: actor.userId, raised_at: u.now })
    .execute();
  await appendAudit(u.tx, u.now, {
    actorId: actor.userId,
    serviceId: row.service_id,
    action: 'risk_alert.raise',
    targetType: 'risk_alert',
    targetId: id,
    details: { recordId: row.id, level: 'imminent' },
  });
  const counsellor = await pseudonym(u, row.staff_id ?? actor.userId);
  const view: RiskAlertView = {
    id,
    serviceId: row.service_id,
    recordId: row.id,
    level: 'imminent',
    raisedAt: u.now.toISOString(),
    counsellorPseudonym: counsellor,
    acknowledgedAt: null,
  };
  u.emit({ topic: `board:${row.service_id}`, name: RISK_ALERT_EVENT, data: view });
  return { id, serviceId: row.service_id, recordId: row.id, callerKey: row.caller_key };
}

async function pseudonym(u: Unit, staffId: string): Promise<string | null> {
  const s = await u.tx.selectFrom('staff_users').select('pseudonym').where('id', '=', staffId).executeTakeFirst();
  return s?.pseudonym ?? null;
}

/** How long an answer waits for the routing writer (a standby process has none running). */
const ROUTING_WAIT_MS = 2_000;

/**
 * Raises to imminent the contact itself while it is live, and every contact of the same caller
 * still waiting (queued or offered) in the service, through the single writer. The record and the
 * alert are committed already: a refusal here (the contact closed meanwhile) changes nothing.
 */
export async function raiseRoutingPriority(deps: RecordDeps, alert: RaisedAlert): Promise<void> {
  const routing = deps.routing;
  if (!routing) return;
  const state = routing.engine.state;
  const targets = new Set<string>();
  if (state.contacts.has(alert.recordId)) targets.add(alert.recordId);
  if (alert.callerKey) {
    for (const c of state.contacts.values())
      if (c.serviceId === alert.serviceId && c.attributes.callerKey === alert.callerKey && (c.state === 'queued' || c.state === 'offered'))
        targets.add(c.id);
  }
  const risk = routingRiskOf('imminent');
  const submitted = [...targets].map((contactId) =>
    routing.submit({ command: { type: 'setRisk', contactId, risk }, present: () => ({}) }).catch(() => undefined),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ROUTING_WAIT_MS)));
  await Promise.race([Promise.all(submitted), timeout]);
  clearTimeout(timer);
}

function toAlertView(r: {
  id: string;
  service_id: string;
  record_id: string;
  level: string;
  raised_at: Date;
  pseudonym: string | null;
  acknowledged_at: Date | null;
}): RiskAlertView {
  return {
    id: r.id,
    serviceId: r.service_id,
    recordId: r.record_id,
    level: r.level,
    raisedAt: r.raised_at.toISOString(),
    counsellorPseudonym: r.pseudonym,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
  };
}

const alertQuery = (db: Database | Unit['tx']) =>
  db
    .selectFrom('risk_alerts as a')
    .innerJoin('contact_records as r', 'r.id', 'a.record_id')
    .leftJoin('staff_users as s', 's.id', 'r.staff_id')
    .select(['a.id', 'a.service_id', 'a.record_id', 'a.level', 'a.raised_at', 'a.acknowledged_at', 's.pseudonym']);

/** Open alerts of the services whose alerts the actor handles (optionally one of them), oldest first. */
export async function listOpenAlerts(db: Database, actor: Actor, serviceId: string | undefined): Promise<RiskAlertView[]> {
  const visible = visibleServices(actor);
  const candidates = visible === 'all' ? [] : visible;
  const services = candidates.filter((s) => policy.handleRiskAlerts(actor, s) === 'allow' && (serviceId === undefined || s === serviceId));
  if (services.length === 0) return [];
  const rows = await alertQuery(db)
    .where('a.service_id', 'in', services)
    .where('a.acknowledged_at', 'is', null)
    .orderBy('a.raised_at')
    .orderBy('a.id')
    .limit(500)
    .execute();
  return rows.map(toAlertView);
}

export async function acknowledgeAlert(deps: RecordDeps, actor: Actor, alertId: string): Promise<RiskAlertView> {
  return inUnit(deps, async (u) => {
    const alert = await u.tx.selectFrom('risk_alerts').selectAll().where('id', '=', alertId).forUpdate().executeTakeFirst();
    if (!alert) throw new AppError('risk_alert.not_found');
    enforce(policy.handleRiskAlerts(actor, alert.service_id), 'risk_alert.not_found');
    if (alert.acknowledged_at === null) {
      await u.tx
        .updateTable('risk_alerts')
        .set({ acknowledged_by: actor.userId, acknowledged_at: u.now })
        .where('id', '=', alertId)
        .execute();
      await appendAudit(u.tx, u.now, {
        actorId: actor.userId,
        serviceId: alert.service_id,
        action: 'risk_alert.acknowledge',
        targetType: 'risk_alert',
        targetId: alertId,
        details: { recordId: alert.record_id },
      });
      u.emit({
        topic: `board:${alert.service_id}`,
        name: RISK_ALERT_ACKNOWLEDGED_EVENT,
        data: { id: alertId, serviceId: alert.service_id },
      });
    }
    const row = await alertQuery(u.tx).where('a.id', '=', alertId).executeTakeFirstOrThrow();
    return toAlertView(row);
  });
}
