// Following a sent signal to its end: each agency's acknowledgement (its incoming number and date;
// the signal is 'acknowledged' once every addressee has answered), the outcome the agencies report,
// and closing it (supervisors). Every step is audited.
import { inUnit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { auditedUpdate } from '../audit/auditedUpdate.js';
import { policy, type Actor } from '../auth/policy.js';
import { seal } from '../privacy/sealedText.js';
import { answer } from './signalDraft.js';
import { addresseesOf, assertState, outcomeContext, signalFacts, signalFor, type SignalDeps } from './signalStore.js';
import type { SignalSummary } from './signalViews.js';

export async function acknowledgeAddressee(
  deps: SignalDeps,
  actor: Actor,
  signalId: string,
  addresseeId: string,
  ack: { incomingNumber: string; incomingDate: string },
): Promise<SignalSummary> {
  return inUnit(deps, async (u) => {
    const loaded = await signalFor(u.tx, actor, signalId, true);
    const { row } = loaded;
    const addressee = await u.tx
      .selectFrom('signal_addressees')
      .selectAll()
      .where('id', '=', addresseeId)
      .where('signal_id', '=', signalId)
      .executeTakeFirst();
    if (!addressee) throw new AppError('signal.addressee_not_found');
    assertState(row, ['sent', 'acknowledged', 'outcome_received']);
    await u.tx
      .updateTable('signal_addressees')
      .set({
        incoming_number: ack.incomingNumber,
        incoming_date: ack.incomingDate,
        acknowledged_at: addressee.acknowledged_at ?? u.now,
        acknowledged_by: addressee.acknowledged_by ?? actor.userId,
      })
      .where('id', '=', addresseeId)
      .execute();
    const all = (await addresseesOf(u.tx, [signalId])).get(signalId) ?? [];
    const everyone = all.every((a) => a.acknowledged_at !== null);
    const updated = await auditedUpdate(
      u,
      actor.userId,
      'signals',
      row,
      everyone && row.status === 'sent' ? { status: 'acknowledged', acknowledged_at: u.now } : {},
      {
        action: 'signal.acknowledge',
        details: { addresseeId, incomingNumber: ack.incomingNumber, incomingDate: ack.incomingDate, complete: everyone },
      },
    );
    return answer(u, { ...loaded, row: updated }, actor);
  });
}

export async function recordOutcome(
  deps: SignalDeps,
  actor: Actor,
  id: string,
  o: { version: number; outcome: string; note?: string | undefined },
): Promise<SignalSummary> {
  return inUnit(deps, async (u) => {
    const loaded = await signalFor(u.tx, actor, id, true);
    const { row } = loaded;
    assertState(row, ['sent', 'acknowledged'], o.version);
    const updated = await auditedUpdate(
      u,
      actor.userId,
      'signals',
      row,
      {
        status: 'outcome_received',
        outcome: o.outcome,
        outcome_at: u.now,
        outcome_note_sealed: o.note ? seal(deps.key, o.note, outcomeContext(id)) : null,
      },
      { action: 'signal.outcome', details: { outcome: o.outcome, note: o.note !== undefined } },
    );
    return answer(u, { ...loaded, row: updated }, actor);
  });
}

export async function closeSignal(deps: SignalDeps, actor: Actor, id: string, version: number): Promise<SignalSummary> {
  return inUnit(deps, async (u) => {
    const loaded = await signalFor(u.tx, actor, id, true);
    if (policy.closeSignal(actor, signalFacts(loaded)) !== 'allow') throw new AppError('auth.forbidden');
    const { row } = loaded;
    assertState(row, ['outcome_received'], version);
    const updated = await auditedUpdate(
      u,
      actor.userId,
      'signals',
      row,
      { status: 'closed', closed_at: u.now, closed_by: actor.userId },
      { action: 'signal.close', details: { outcome: row.outcome } },
    );
    return answer(u, { ...loaded, row: updated }, actor);
  });
}
