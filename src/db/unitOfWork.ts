// A unit of work: one database transaction plus the realtime events it causes. Events are handed
// to the publisher only after the transaction commits, so nobody hears of a change that rolled back.
import type { Transaction } from 'kysely';
import type { Database } from './database.js';
import type { DB } from './schema.js';

export interface RealtimeEvent {
  /** e.g. `service:<id>`, `user:<id>`, `admin`. */
  topic: string;
  /** e.g. `staff.updated`. */
  name: string;
  data: Record<string, unknown>;
}

export type Publisher = (events: readonly RealtimeEvent[]) => void;

export interface Unit {
  tx: Transaction<DB>;
  /** The time of this unit, from the injected clock; every row it writes uses the same instant. */
  now: Date;
  emit(event: RealtimeEvent): void;
}

export interface UnitDeps {
  db: Database;
  publish: Publisher;
  clock: () => Date;
}

export async function inUnit<T>(deps: UnitDeps, work: (unit: Unit) => Promise<T>): Promise<T> {
  const events: RealtimeEvent[] = [];
  const now = deps.clock();
  const result = await deps.db.transaction().execute((tx) => work({ tx, now, emit: (e) => events.push(e) }));
  if (events.length > 0) deps.publish(events);
  return result;
}
