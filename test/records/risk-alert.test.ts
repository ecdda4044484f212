// Imminent risk: the screener's answers give the level, every assessment is audited (level before and
// after), an alert is stored and reaches the service's live board at once, the contact and the same
// caller's waiting contact move up the queue, and the supervisors list and acknowledge open alerts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { connectWs } from '../helpers/wsClient.js';
import { arrive, ok, outcome, TOKEN } from '../routing/routingApi.js';
import { answered, assessRisk, auditOf, getRecord, team, view } from './recordApi.js';

describe.each(DATABASES)('risk alerts on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  it("imminent risk alerts the board within a second and raises the caller's waiting contact", async () => {
    const { serviceId, counsellor, supervisor } = await team(t);
    const caller = { kind: 'phone', value: '+7 900 111-22-33' };
    const id = await answered(t, serviceId, counsellor, { channel: 'voice', caller });
    // The same caller again, on another line: waiting (the only counsellor is busy on a call).
    const waiting = await arrive(t, serviceId, { channel: 'voice', caller });
    const board = await connectWs(t, supervisor);
    expect(await board.subscribe(`board:${serviceId}`)).toEqual({ type: 'subscribed', topic: `board:${serviceId}` });

    const rec = await view(getRecord(t, counsellor, id));
    const moderate = await view(assessRisk(t, counsellor, id, rec.version, { q1: 'yes', q2: 'yes', q3: 'no' }));
    expect(moderate.riskLevel).toBe('moderate');
    expect(await t.db.selectFrom('risk_alerts').select('id').where('record_id', '=', id).execute()).toEqual([]);

    const started = Date.now();
    const imminent = await view(assessRisk(t, counsellor, id, moderate.version, { q1: 'yes', q2: 'yes', q6: 'yes', q6_now: 'yes' }));
    expect(imminent.riskLevel).toBe('imminent');
    const message = await board.waitFor((m) => m.name === 'risk.alert', 'risk.alert on the board');
    expect(Date.now() - started).toBeLessThan(1000);
    const alerts = await t.db.selectFrom('risk_alerts').selectAll().where('record_id', '=', id).execute();
    expect(alerts).toHaveLength(1);
    expect(message).toMatchObject({
      type: 'event',
      topic: `board:${serviceId}`,
      data: { id: alerts[0]!.id, recordId: id, serviceId, level: 'imminent', counsellorPseudonym: 'Тест', acknowledgedAt: null },
    });
    const risks = await t.db.selectFrom('routing_contacts').select(['id', 'risk']).where('id', 'in', [id, waiting]).execute();
    expect(Object.fromEntries(risks.map((r) => [r.id, r.risk]))).toEqual({ [id]: 'imminent', [waiting]: 'imminent' });
    expect(t.routing.engine.state.contacts.get(waiting)?.risk).toBe('imminent');

    const levels = (await auditOf(t, id)).filter((a) => a.action === 'record.risk_assess').map((a) => a.details);
    expect(levels).toEqual([
      { levelBefore: 'unknown', levelAfter: 'moderate' },
      { levelBefore: 'moderate', levelAfter: 'imminent' },
    ]);
    board.ws.terminate();
  });

  it('supervisors list and acknowledge open alerts; a counsellor or an outsider cannot', async () => {
    const { serviceId, counsellor, supervisor } = await team(t);
    const id = await answered(t, serviceId, counsellor);
    const rec = await view(getRecord(t, counsellor, id));
    await view(assessRisk(t, counsellor, id, rec.version, { q4: 'yes', q5: 'yes', means_available: 'yes' }));
    const list = await ok<{ items: { id: string; recordId: string }[] }>(
      t.request(supervisor, 'GET', `/api/records/alerts?serviceId=${serviceId}`),
    );
    expect(list.items.map((a) => a.recordId)).toEqual([id]);
    const alertId = list.items[0]!.id;
    // Those who do not handle the service's alerts see none and acknowledge none.
    const outsider = await t.as([{ role: 'supervisor', serviceId: (await t.service()).id }]);
    expect((await ok<{ items: unknown[] }>(t.request(counsellor, 'GET', `/api/records/alerts?serviceId=${serviceId}`))).items).toEqual([]);
    expect((await ok<{ items: unknown[] }>(t.request(outsider, 'GET', '/api/records/alerts'))).items).toEqual([]);
    expect(outcome(await t.request(counsellor, 'POST', `/api/records/alerts/${alertId}/acknowledge`))).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });
    expect(outcome(await t.request(outsider, 'POST', `/api/records/alerts/${alertId}/acknowledge`))).toEqual({
      status: 404,
      code: 'risk_alert.not_found',
    });
    const acked = await ok<{ acknowledgedAt: string | null }>(t.request(supervisor, 'POST', `/api/records/alerts/${alertId}/acknowledge`));
    expect(acked.acknowledgedAt).not.toBeNull();
    expect((await ok<{ items: unknown[] }>(t.request(supervisor, 'GET', `/api/records/alerts?serviceId=${serviceId}`))).items).toEqual([]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_id', '=', alertId)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'risk_alert.raise', actor_id: counsellor.userId },
      { action: 'risk_alert.acknowledge', actor_id: supervisor.userId },
    ]);
  });
});
