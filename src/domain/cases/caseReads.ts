// Reading cases. One case with its personal data, notes and tasks is read one at a time, and every
// such read is audited with the fields it opened (who, when, which fields — never the values). The
// list shows no personal data and is scoped in SQL: a counsellor sees only the cases assigned to them.
import type { Database } from '../../db/database.js';
import { inUnit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { policy, type Actor } from '../auth/policy.js';
import { open } from '../privacy/sealedText.js';
import { signalNumber } from '../signals/signalVocabulary.js';
import { assignableStaff, caseFacts, caseFor, filledFields, openPersonal, pseudonymOf, type CaseDeps } from './caseStore.js';
import { toCaseSummary, type CaseSummary, type CaseView } from './caseViews.js';
import { CASE_STATUSES, PERSONAL_FIELDS, type PersonalField } from './caseVocabulary.js';

export const noteContext = (noteId: string) => `case_note:${noteId}`;
export const taskContext = (taskId: string) => `case_task:${taskId}`;

/** The case with the personal fields asked for (all when `fields` is absent), its timeline, tasks, contacts and signals. */
export async function readCase(deps: CaseDeps, actor: Actor, id: string, fields?: readonly PersonalField[]): Promise<CaseView> {
  return inUnit(deps, async (u) => {
    const row = await caseFor(u.tx, actor, id, false);
    const asked = fields ?? PERSONAL_FIELDS;
    const [assignee, notes, tasks, contacts, signals] = await Promise.all([
      pseudonymOf(u.tx, row.assigned_to),
      u.tx
        .selectFrom('case_notes as n')
        .leftJoin('staff_users as s', 's.id', 'n.author_id')
        .select(['n.id', 'n.created_at', 'n.body_sealed', 's.pseudonym'])
        .where('n.case_id', '=', id)
        .orderBy('n.created_at')
        .orderBy('n.id')
        .execute(),
      u.tx.selectFrom('case_tasks').selectAll().where('case_id', '=', id).orderBy('due_on').orderBy('created_at').execute(),
      u.tx
        .selectFrom('case_contacts as c')
        .innerJoin('contact_records as r', 'r.id', 'c.record_id')
        .select(['r.id', 'r.arrived_at', 'r.channel', 'r.contact_type', 'r.risk_level', 'c.linked_at'])
        .where('c.case_id', '=', id)
        .orderBy('r.arrived_at')
        .execute(),
      u.tx
        .selectFrom('signals')
        .select(['id', 'number_year', 'number_seq', 'status', 'urgency', 'reason', 'created_at'])
        .where('case_id', '=', id)
        .orderBy('created_at')
        .execute(),
    ]);
    const opened = asked.filter((f) => filledFields(row).includes(f));
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: row.service_id,
      action: 'case.read',
      targetType: 'case',
      targetId: id,
      details: { fields: opened, notes: notes.length, tasks: tasks.length },
    });
    return {
      ...toCaseSummary(row, assignee, actor),
      personal: openPersonal(deps.key, row, asked),
      notes: notes.map((n) => ({
        id: n.id,
        at: n.created_at.toISOString(),
        authorPseudonym: n.pseudonym,
        text: open(deps.key, n.body_sealed, noteContext(n.id)),
      })),
      tasks: tasks.map((t) => ({
        id: t.id,
        title: open(deps.key, t.title_sealed, taskContext(t.id)),
        dueOn: t.due_on,
        doneAt: t.done_at?.toISOString() ?? null,
      })),
      contacts: contacts.map((c) => ({
        recordId: c.id,
        arrivedAt: c.arrived_at.toISOString(),
        channel: c.channel,
        contactType: c.contact_type,
        riskLevel: c.risk_level,
        linkedAt: c.linked_at.toISOString(),
      })),
      signals: signals.map((s) => ({
        id: s.id,
        number: signalNumber(s.number_year, s.number_seq),
        status: s.status,
        urgency: s.urgency,
        reason: s.reason,
        createdAt: s.created_at.toISOString(),
      })),
    };
  });
}

const LIST_MAX = 500;

/** The service's cases the actor may see (newest first), without personal data. */
export async function listCases(
  db: Database,
  actor: Actor,
  q: { serviceId: string; status?: (typeof CASE_STATUSES)[number] | undefined },
): Promise<CaseSummary[]> {
  const scope = policy.listCases(actor, q.serviceId);
  if (scope === 'not_found') throw new AppError('service.not_found');
  let query = db
    .selectFrom('cases as c')
    .leftJoin('staff_users as s', 's.id', 'c.assigned_to')
    .selectAll('c')
    .select('s.pseudonym')
    .where('c.service_id', '=', q.serviceId);
  if (scope === 'own') query = query.where('c.assigned_to', '=', actor.userId);
  if (q.status) query = query.where('c.status', '=', q.status);
  const rows = await query.orderBy('c.created_at', 'desc').orderBy('c.id').limit(LIST_MAX).execute();
  return rows.map(({ pseudonym, ...row }) => toCaseSummary(row, pseudonym, actor));
}

/**
 * Whom the case can be given to: its service's active staff who take contacts (pseudonyms only), for
 * those who may reassign it (supervisors and the head). Others who see the case are refused.
 */
export async function caseAssignees(db: Database, actor: Actor, id: string): Promise<{ id: string; pseudonym: string }[]> {
  const row = await caseFor(db, actor, id, false);
  if (policy.assignCase(actor, caseFacts(row)) !== 'allow') throw new AppError('auth.forbidden');
  return assignableStaff(db, row.service_id);
}
