// One versioned change of a case or a signal: the next version written and the audit entry that
// says what happened, in the caller's transaction. The row was read (and locked) by the caller, who
// checked its version; this only moves it on, so two writers can never both succeed.
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Unit } from '../../db/unitOfWork.js';
import { appendAudit } from './appendAudit.js';

type Versioned = 'cases' | 'signals';
const TARGET = { cases: 'case', signals: 'signal' } as const;

export async function auditedUpdate<T extends Versioned>(
  u: Unit,
  actorId: string,
  table: T,
  row: { id: string; service_id: string; version: number },
  set: Updateable<DB[T]>,
  audit: { action: string; details: Record<string, unknown> },
): Promise<Selectable<DB[T]>> {
  // Kysely cannot type an update over a union of tables; `set` and the result are typed by T above.
  const tx = u.tx as unknown as Kysely<{ versioned: { id: string; version: number; updated_at: Date } }>;
  const updated = await tx
    .updateTable(table as unknown as 'versioned')
    .set({ ...(set as object), version: row.version + 1, updated_at: u.now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(u.tx, u.now, {
    actorId,
    serviceId: row.service_id,
    action: audit.action,
    targetType: TARGET[table],
    targetId: row.id,
    details: audit.details,
  });
  return updated as unknown as Selectable<DB[T]>;
}
