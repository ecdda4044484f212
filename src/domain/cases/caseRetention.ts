// Destruction after the retention period (152-FZ: destroy once the purpose is met, with an act and a
// log entry). A closed case whose period has run (days after closing, by its basis: consent or legal
// duty) and whose signals are all closed loses its personal data, notes, tasks and linked contacts;
// its signals lose what happened, the child's data and the outcome's note. A signal raised without
// a case follows its own period. Each destruction writes an act (what, when, by which rule) and an
// audit entry in one transaction; what stays — the basis, reasons, statuses, dates, the register's
// numbers and addressee agencies — is anonymous statistics.
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { appendAudit } from '../audit/appendAudit.js';
import { PERSONAL_COLUMNS, DEFAULT_CASE_SETTINGS } from './caseVocabulary.js';
import { filledFields } from './caseStore.js';

/** Items handled per query, so one run never holds a long transaction. */
const BATCH = 100;
const D = DEFAULT_CASE_SETTINGS;

const nulledPersonal = Object.fromEntries(Object.values(PERSONAL_COLUMNS).map((c) => [c, null])) as Record<
  (typeof PERSONAL_COLUMNS)[keyof typeof PERSONAL_COLUMNS],
  null
>;
const nulledSignal = { facts_sealed: null, child_sealed: null, outcome_note_sealed: null, record_id: null } as const;

async function dueCases(db: Database, now: Date): Promise<{ id: string; days: number }[]> {
  const { rows } = await sql<{ id: string; days: number }>`
    select c.id, (case when c.basis = 'consent'
        then coalesce(cs.retention_consent_days, ${D.retentionConsentDays})
        else coalesce(cs.retention_duty_days, ${D.retentionDutyDays}) end)::int as days
    from cases c left join case_settings cs on cs.service_id = c.service_id
    where c.status = 'closed' and c.destroyed_at is null
      and c.closed_at < ${now}::timestamptz - make_interval(days => case when c.basis = 'consent'
        then coalesce(cs.retention_consent_days, ${D.retentionConsentDays})
        else coalesce(cs.retention_duty_days, ${D.retentionDutyDays}) end)
      and not exists (select 1 from signals s where s.case_id = c.id and s.status <> 'closed')
    order by c.closed_at limit ${BATCH}`.execute(db);
  return rows;
}

async function dueSignals(db: Database, now: Date): Promise<{ id: string; days: number }[]> {
  const { rows } = await sql<{ id: string; days: number }>`
    select s.id, coalesce(cs.retention_signal_days, ${D.retentionSignalDays})::int as days
    from signals s left join case_settings cs on cs.service_id = s.service_id
    where s.case_id is null and s.status = 'closed' and s.destroyed_at is null
      and s.closed_at < ${now}::timestamptz - make_interval(days => coalesce(cs.retention_signal_days, ${D.retentionSignalDays}))
    order by s.closed_at limit ${BATCH}`.execute(db);
  return rows;
}

async function destroyCase(db: Database, now: Date, id: string, days: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', id)
      .where('destroyed_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return;
    const count = async (table: 'case_notes' | 'case_tasks' | 'case_contacts') =>
      (await tx.deleteFrom(table).where('case_id', '=', id).executeTakeFirst()).numDeletedRows;
    const what = {
      personalFields: filledFields(row),
      notes: Number(await count('case_notes')),
      tasks: Number(await count('case_tasks')),
      linkedContacts: Number(await count('case_contacts')),
      signals: (
        await tx
          .updateTable('signals')
          .set({ ...nulledSignal, destroyed_at: now })
          .where('case_id', '=', id)
          .where('destroyed_at', 'is', null)
          .returning('id')
          .execute()
      ).map((s) => s.id),
    };
    await tx
      .updateTable('cases')
      .set({ ...nulledPersonal, record_id: null, consent_purposes: [], destroyed_at: now })
      .where('id', '=', id)
      .execute();
    const rule = `retention.${row.basis}: ${days} days after closing`;
    await writeAct(tx, now, { serviceId: row.service_id, targetType: 'case', targetId: id, rule, what });
  });
}

async function destroySignal(db: Database, now: Date, id: string, days: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('signals')
      .selectAll()
      .where('id', '=', id)
      .where('destroyed_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return;
    const what = {
      facts: row.facts_sealed !== null,
      childFields: row.child_sealed !== null ? row.child_fields : [],
      outcomeNote: row.outcome_note_sealed !== null,
    };
    await tx
      .updateTable('signals')
      .set({ ...nulledSignal, destroyed_at: now })
      .where('id', '=', id)
      .execute();
    await writeAct(tx, now, {
      serviceId: row.service_id,
      targetType: 'signal',
      targetId: id,
      rule: `retention.signal: ${days} days after closing`,
      what,
    });
  });
}

async function writeAct(
  tx: Transaction<DB>,
  now: Date,
  a: { serviceId: string; targetType: 'case' | 'signal'; targetId: string; rule: string; what: Record<string, unknown> },
): Promise<void> {
  const actId = randomUUID();
  await tx
    .insertInto('destruction_acts')
    .values({
      id: actId,
      service_id: a.serviceId,
      at: now,
      target_type: a.targetType,
      target_id: a.targetId,
      rule: a.rule,
      what: JSON.stringify(a.what),
    })
    .execute();
  await appendAudit(tx, now, {
    actorId: null,
    serviceId: a.serviceId,
    action: `${a.targetType}.destroy`,
    targetType: a.targetType,
    targetId: a.targetId,
    details: { actId, rule: a.rule, what: a.what },
  });
}

/** Destroys what is due at `now`; returns how many cases and signals were destroyed. */
export async function destroyExpired(db: Database, now: Date): Promise<{ cases: number; signals: number }> {
  const done = { cases: 0, signals: 0 };
  for (;;) {
    const due = await dueCases(db, now);
    for (const c of due) await destroyCase(db, now, c.id, c.days);
    done.cases += due.length;
    if (due.length < BATCH) break;
  }
  for (;;) {
    const due = await dueSignals(db, now);
    for (const s of due) await destroySignal(db, now, s.id, s.days);
    done.signals += due.length;
    if (due.length < BATCH) break;
  }
  return done;
}
