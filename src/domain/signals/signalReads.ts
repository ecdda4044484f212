// Reading signals. One signal with what happened and the child's data, or its letter, is read one at
// a time and audited with the fields opened. The register (a service's signals, by status or year)
// and the overdue board hold no sealed text and are scoped in SQL: a counsellor sees their own.
import type { Database } from '../../db/database.js';
import { inUnit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { policy, visibleServices, type Actor } from '../auth/policy.js';
import { open } from '../privacy/sealedText.js';
import { signalLetter, type SignalLetter } from './signalLetter.js';
import { addresseesOf, childContext, factsContext, outcomeContext, signalFor, type SignalDeps, type SignalRow } from './signalStore.js';
import { toSignalSummary, type SignalSummary, type SignalView } from './signalViews.js';
import type { SIGNAL_STATUSES } from './signalVocabulary.js';

/** The sealed parts a read opens, by name, for the audit. */
const openedParts = (row: SignalRow) => [
  ...(row.facts_sealed !== null ? ['facts'] : []),
  ...(row.child_sealed !== null ? row.child_fields : []),
  ...(row.outcome_note_sealed !== null ? ['outcomeNote'] : []),
];

export async function readSignal(deps: SignalDeps, actor: Actor, id: string): Promise<SignalView> {
  return inUnit(deps, async (u) => {
    const loaded = await signalFor(u.tx, actor, id, false);
    const { row } = loaded;
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: row.service_id,
      action: 'signal.read',
      targetType: 'signal',
      targetId: id,
      details: { fields: openedParts(row) },
    });
    const addressees = (await addresseesOf(u.tx, [id])).get(id) ?? [];
    return {
      ...toSignalSummary(loaded, addressees, actor, u.now),
      facts: row.facts_sealed === null ? null : open(deps.key, row.facts_sealed, factsContext(id)),
      child: row.child_sealed === null ? {} : JSON.parse(open(deps.key, row.child_sealed, childContext(id))),
      outcomeNote: row.outcome_note_sealed === null ? null : open(deps.key, row.outcome_note_sealed, outcomeContext(id)),
    };
  });
}

/** The letter's data (a preview while drafted); the read is audited like the signal's. */
export async function readLetter(deps: SignalDeps, actor: Actor, id: string): Promise<SignalLetter> {
  return inUnit(deps, async (u) => {
    const { row } = await signalFor(u.tx, actor, id, false);
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: row.service_id,
      action: 'signal.letter_read',
      targetType: 'signal',
      targetId: id,
      details: { fields: openedParts(row).filter((f) => f !== 'outcomeNote') },
    });
    return signalLetter(u.tx, deps.key, row);
  });
}

const LIST_MAX = 500;

async function summaries(db: Database, actor: Actor, rows: (SignalRow & { case_assigned_to: string | null })[], now: Date) {
  const addressees = await addresseesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map(({ case_assigned_to, ...row }) =>
    toSignalSummary({ row, caseAssignedTo: case_assigned_to }, addressees.get(row.id) ?? [], actor, now),
  );
}

const withCase = (db: Database) =>
  db.selectFrom('signals as s').leftJoin('cases as c', 'c.id', 's.case_id').selectAll('s').select('c.assigned_to as case_assigned_to');

/** The register of a service: its signals (a counsellor: their own and their cases'), by number then newest drafts. */
export async function listSignals(
  db: Database,
  actor: Actor,
  now: Date,
  q: { serviceId: string; status?: (typeof SIGNAL_STATUSES)[number] | undefined; year?: number | undefined },
): Promise<SignalSummary[]> {
  const scope = policy.listSignals(actor, q.serviceId);
  if (scope === 'not_found') throw new AppError('service.not_found');
  let query = withCase(db).where('s.service_id', '=', q.serviceId);
  if (scope === 'own') query = query.where((eb) => eb.or([eb('s.created_by', '=', actor.userId), eb('c.assigned_to', '=', actor.userId)]));
  if (q.status) query = query.where('s.status', '=', q.status);
  if (q.year) query = query.where('s.number_year', '=', q.year);
  const rows = await query
    .orderBy('s.number_year', (ob) => ob.desc().nullsFirst())
    .orderBy('s.number_seq', (ob) => ob.desc().nullsFirst())
    .orderBy('s.created_at', 'desc')
    .limit(LIST_MAX)
    .execute();
  return summaries(db, actor, rows, now);
}

/**
 * Signals overdue at `now` in the services the actor supervises (optionally one): an agency has not
 * acknowledged in time, the outcome is late, or an urgent send still awaits its review. For the
 * supervisor's board and the head's dashboard; shown until handled.
 */
export async function overdueSignals(db: Database, actor: Actor, now: Date, serviceId: string | undefined): Promise<SignalSummary[]> {
  if (serviceId !== undefined && policy.listSignals(actor, serviceId) !== 'all') {
    if (policy.listSignals(actor, serviceId) === 'own') throw new AppError('auth.forbidden');
    throw new AppError('service.not_found');
  }
  const visible = visibleServices(actor);
  const services = (visible === 'all' ? [] : visible).filter(
    (s) => policy.listSignals(actor, s) === 'all' && (serviceId === undefined || s === serviceId),
  );
  if (services.length === 0) return [];
  const rows = await withCase(db)
    .where('s.service_id', 'in', services)
    .where('s.destroyed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('s.status', '=', 'sent'), eb('s.ack_due_at', '<', now)]),
        eb.and([eb('s.status', 'in', ['sent', 'acknowledged']), eb('s.outcome_due_at', '<', now)]),
        eb.and([eb('s.sent_without_approval', '=', true), eb('s.reviewed_at', 'is', null)]),
      ]),
    )
    .orderBy('s.ack_due_at')
    .orderBy('s.id')
    .limit(LIST_MAX)
    .execute();
  return summaries(db, actor, rows, now);
}
