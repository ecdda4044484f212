// What the edge reported about each call, as facts that only ever fill in (arrived, rang, answered,
// ended): an event that comes late or twice changes nothing it should not, whatever the order.
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { VoiceCallsTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';

export type CallRow = Selectable<VoiceCallsTable>;

export interface CallFactsPatch {
  ringingAt?: Date;
  answeredAt?: Date;
  staffId?: string;
  endedAt?: Date;
  endedBy?: 'caller' | 'counsellor' | 'system';
  outcome?: NonNullable<CallRow['outcome']>;
  abandonedStage?: 'queued' | 'ringing';
  greetingDone?: boolean;
  attempt?: number;
}

/** Opens the call's row once (a repeated arrival keeps the first) and counts the attempt, in one statement. */
export async function openCall(
  db: Database,
  row: { contactId: string; callKey: string; serviceId: string; at: Date; attempt: number },
): Promise<CallRow> {
  return db
    .insertInto('voice_calls')
    .values({ contact_id: row.contactId, call_key: row.callKey, service_id: row.serviceId, arrived_at: row.at, attempts: row.attempt })
    .onConflict((oc) => oc.column('contact_id').doUpdateSet({ attempts: sql<number>`greatest(voice_calls.attempts, excluded.attempts)` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function callByKey(db: Database, callKey: string): Promise<CallRow | undefined> {
  return db.selectFrom('voice_calls').selectAll().where('call_key', '=', callKey).executeTakeFirst();
}

/** Fills in facts: the first answer and end win, the latest ringing wins, attempts only grow. */
export async function recordFacts(db: Database, contactId: string, p: CallFactsPatch): Promise<CallRow | undefined> {
  return db
    .updateTable('voice_calls')
    .set((eb) => ({
      ringing_at: p.ringingAt ? sql<Date>`greatest(ringing_at, ${p.ringingAt})` : eb.ref('ringing_at'),
      answered_at: p.answeredAt ? eb.fn.coalesce('answered_at', eb.val(p.answeredAt)) : eb.ref('answered_at'),
      staff_id: p.staffId ? eb.fn.coalesce('staff_id', eb.val(p.staffId)) : eb.ref('staff_id'),
      ended_at: p.endedAt ? eb.fn.coalesce('ended_at', eb.val(p.endedAt)) : eb.ref('ended_at'),
      ended_by: p.endedBy ? eb.fn.coalesce('ended_by', eb.val(p.endedBy)) : eb.ref('ended_by'),
      outcome: p.outcome ? sql<CallRow['outcome']>`case when outcome = 'answered' then outcome else ${p.outcome} end` : eb.ref('outcome'),
      abandoned_stage: p.abandonedStage ? eb.fn.coalesce('abandoned_stage', eb.val(p.abandonedStage)) : eb.ref('abandoned_stage'),
      greeting_done: p.greetingDone ? sql<boolean>`true` : eb.ref('greeting_done'),
      attempts: p.attempt ? sql<number>`greatest(attempts, ${p.attempt})` : eb.ref('attempts'),
    }))
    .where('contact_id', '=', contactId)
    .returningAll()
    .executeTakeFirst();
}

/** Calls the edge has not reported ended (for the resync with its dialogs). */
export async function openCalls(db: Database): Promise<CallRow[]> {
  return db.selectFrom('voice_calls').selectAll().where('ended_at', 'is', null).orderBy('arrived_at').execute();
}
