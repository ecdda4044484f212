// The push when a signal becomes overdue. A pass finds signals overdue now for a kind (the agencies'
// acknowledgement, the outcome, a review of an urgent send) that was not announced before, records
// each in `signal_overdue_notices` and, after commit, tells the service's board — its supervisors and
// head — with ids and kinds only. The record is the one statement's insert, so a signal is announced
// once per kind across passes, restarts and processes; a signal handled before a pass finds it is
// no longer overdue and is never announced.
import { sql } from 'kysely';
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import type { OverdueKind } from './signalDeadlines.js';

export const SIGNAL_OVERDUE_EVENT = 'signal.overdue';

/** Notices recorded per statement, so a pass after a long stop never holds one long transaction. */
const BATCH = 500;

/** One pass at the clock's `now`; returns how many notices went out. */
export async function announceOverdueSignals(deps: UnitDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const sent = await inUnit(deps, async (u) => {
      // The same conditions as the board's list (overdueSignals in signalReads.ts).
      const { rows } = await sql<{ signal_id: string; kind: OverdueKind; service_id: string }>`
        insert into signal_overdue_notices (signal_id, kind, service_id, notified_at)
        select due.id, due.kind, due.service_id, ${u.now}::timestamptz
        from (
          select id, service_id, 'acknowledgement' as kind from signals
            where status = 'sent' and ack_due_at < ${u.now}::timestamptz and destroyed_at is null
          union all
          select id, service_id, 'outcome' from signals
            where status in ('sent', 'acknowledged') and outcome_due_at < ${u.now}::timestamptz and destroyed_at is null
          union all
          select id, service_id, 'review' from signals
            where sent_without_approval and reviewed_at is null and destroyed_at is null
        ) due
        where not exists (select 1 from signal_overdue_notices n where n.signal_id = due.id and n.kind = due.kind)
        limit ${BATCH}
        on conflict do nothing
        returning signal_id, kind, service_id`.execute(u.tx);
      for (const r of rows)
        u.emit({
          topic: `board:${r.service_id}`,
          name: SIGNAL_OVERDUE_EVENT,
          data: { id: r.signal_id, serviceId: r.service_id, kind: r.kind },
        });
      return rows.length;
    });
    total += sent;
    if (sent < BATCH) return total;
  }
}
