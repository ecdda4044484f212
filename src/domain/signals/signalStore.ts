// Reading one signal: the row (locked for a change) with its case's assignee, the check that the
// actor may see it (else 404), its addressees, and the contexts its sealed text is bound to.
import type { Selectable } from 'kysely';
import type { SignalAddresseesTable, SignalsTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { policy, type Actor, type SignalFacts } from '../auth/policy.js';
import type { CaseDeps, Db } from '../cases/caseStore.js';
import type { SignalSenders } from './signalSender.js';

export type SignalRow = Selectable<SignalsTable>;
export type AddresseeRow = Selectable<SignalAddresseesTable>;

export interface SignalDeps extends CaseDeps {
  /** Channels that send by themselves (e-mail through SMTP, …); any other channel is recorded by hand. */
  senders: SignalSenders;
}

/** A signal with whom its case is assigned to (what the policy needs). */
export interface LoadedSignal {
  row: SignalRow;
  caseAssignedTo: string | null;
}

export const signalFacts = ({ row, caseAssignedTo }: LoadedSignal): SignalFacts => ({
  serviceId: row.service_id,
  createdBy: row.created_by,
  caseAssignedTo,
});

export const factsContext = (id: string) => `signal:${id}:facts`;
export const childContext = (id: string) => `signal:${id}:child`;
export const outcomeContext = (id: string) => `signal:${id}:outcome`;

/** The signal, locked for a change when `lock`; 404 when it does not exist or the actor may not see it. */
export async function signalFor(db: Db, actor: Actor, id: string, lock: boolean): Promise<LoadedSignal> {
  let q = db.selectFrom('signals').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('signal.not_found');
  const c = row.case_id ? await db.selectFrom('cases').select('assigned_to').where('id', '=', row.case_id).executeTakeFirst() : undefined;
  const loaded = { row, caseAssignedTo: c?.assigned_to ?? null };
  if (policy.viewSignal(actor, signalFacts(loaded)) !== 'allow') throw new AppError('signal.not_found');
  return loaded;
}

export async function addresseesOf(db: Db, signalIds: readonly string[]): Promise<Map<string, AddresseeRow[]>> {
  const out = new Map<string, AddresseeRow[]>();
  if (signalIds.length === 0) return out;
  const rows = await db.selectFrom('signal_addressees').selectAll().where('signal_id', 'in', signalIds).orderBy('position').execute();
  for (const r of rows) {
    const list = out.get(r.signal_id) ?? [];
    list.push(r);
    out.set(r.signal_id, list);
  }
  return out;
}

/** A signal that changes must be at the version the client saw and in one of the given statuses. */
export function assertState(row: SignalRow, statuses: readonly SignalRow['status'][], version?: number): void {
  if (version !== undefined && row.version !== version) throw new AppError('resource.version_conflict', { currentVersion: row.version });
  if (!statuses.includes(row.status) || row.destroyed_at !== null) throw new AppError('signal.invalid_status', { status: row.status });
}
