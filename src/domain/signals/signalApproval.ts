// Four eyes. A supervisor (or the head) who is not the signal's author approves a draft, which
// registers its outgoing number; a signal sent at once for imminent danger is reviewed afterwards by
// such a supervisor. The author is refused with signal.self_approval. Both paths are audited.
import { inUnit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { auditedUpdate } from '../audit/auditedUpdate.js';
import { policy, type Actor } from '../auth/policy.js';
import { answer } from './signalDraft.js';
import { register, registrationColumns } from './signalRegister.js';
import { assertState, signalFacts, signalFor, type LoadedSignal, type SignalDeps } from './signalStore.js';
import type { SignalSummary } from './signalViews.js';
import { signalNumber } from './signalVocabulary.js';

function authoriseFourEyes(actor: Actor, loaded: LoadedSignal): void {
  const decision = policy.approveSignal(actor, signalFacts(loaded));
  if (decision === 'own_signal') throw new AppError('signal.self_approval');
  if (decision === 'not_found') throw new AppError('signal.not_found');
  if (decision === 'forbidden') throw new AppError('auth.forbidden');
}

export async function approveSignal(deps: SignalDeps, actor: Actor, id: string, version: number): Promise<SignalSummary> {
  return inUnit(deps, async (u) => {
    const loaded = await signalFor(u.tx, actor, id, true);
    authoriseFourEyes(actor, loaded);
    assertState(loaded.row, ['drafted'], version);
    const reg = await register(u.tx, loaded.row.service_id, u.now);
    const updated = await u.tx
      .updateTable('signals')
      .set({
        status: 'approved',
        approved_by: actor.userId,
        approved_at: u.now,
        ...registrationColumns(reg, u.now),
        version: loaded.row.version + 1,
        updated_at: u.now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: loaded.row.service_id,
      action: 'signal.approve',
      targetType: 'signal',
      targetId: id,
      details: { number: signalNumber(reg.year, reg.seq), authorId: loaded.row.created_by },
    });
    return answer(u, { ...loaded, row: updated }, actor);
  });
}

/** A supervisor's review of a signal the counsellor sent at once (imminent danger). */
export async function reviewSignal(deps: SignalDeps, actor: Actor, id: string, version: number): Promise<SignalSummary> {
  return inUnit(deps, async (u) => {
    const loaded = await signalFor(u.tx, actor, id, true);
    authoriseFourEyes(actor, loaded);
    const { row } = loaded;
    if (!row.sent_without_approval || row.reviewed_at !== null) throw new AppError('signal.invalid_status', { status: row.status });
    assertState(row, ['approved', 'sent', 'acknowledged', 'outcome_received', 'closed'], version);
    const updated = await auditedUpdate(
      u,
      actor.userId,
      'signals',
      row,
      { reviewed_by: actor.userId, reviewed_at: u.now },
      { action: 'signal.review', details: { number: signalNumber(row.number_year, row.number_seq), authorId: row.created_by } },
    );
    return answer(u, { ...loaded, row: updated }, actor);
  });
}
