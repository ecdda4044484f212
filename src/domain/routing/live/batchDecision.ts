// Deciding one batch: each waiting command in turn on the pure engine (a retried command id gets its
// remembered answer), collecting the events, the touched contacts and counsellors, and the command
// results to write — nothing is answered or published here (the runtime does that after the write).
import { AppError, isAppError } from '../../../errors.js';
import type { RoutingEngine } from '../engine.js';
import type { Contact, LoggedEvent } from '../types.js';
import { serviceOfEvent, type Batch, type CommandRecord } from './routingLog.js';
import type { Pending } from './routingRuntime.js';

export interface Decided {
  batch: Batch;
  /** Answered commands, with the contacts each started (to refuse only those if the log holds one already). */
  done: { p: Pending; result: Record<string, unknown>; started: string[] }[];
  published: LoggedEvent[];
  /**
   * Commands the engine refused, answered only after the batch is written: if the write finds a contact
   * id the log already holds, they are decided again with the rest (a refusal may have come from the
   * contact that is then taken out, e.g. the same id arriving for two services in one batch).
   */
  refused: { p: Pending; err: unknown }[];
  /** A decision that failed with something other than a refusal: memory may be ahead of the log. */
  broken: unknown;
}

export function decideBatch(
  engine: RoutingEngine,
  memory: { commands: Map<string, CommandRecord>; known: Map<string, Contact> },
  taken: Pending[],
  now: number,
  forget: Date | null,
): Decided {
  const batch: Batch = { events: [], contacts: [], counsellors: [], commands: [], forgetCommandsBefore: forget, at: new Date(now) };
  const done: Decided['done'] = [];
  const refused: Decided['refused'] = [];
  const touchedContacts = new Map<string, Contact>();
  const touchedStaff = new Set<string>();
  const published: LoggedEvent[] = [];
  let broken: unknown = null;

  for (const p of taken) {
    const { sub } = p;
    const seen = sub.commandId ? memory.commands.get(sub.commandId) : undefined;
    if (seen) {
      if (seen.fingerprint !== (sub.fingerprint ?? '')) refused.push({ p, err: new AppError('routing.command_id_reused') });
      else done.push({ p, result: JSON.parse(seen.resultJson) as Record<string, unknown>, started: [] });
      continue;
    }
    try {
      const command = typeof sub.command === 'function' ? sub.command(engine) : sub.command;
      const events = command ? engine.execute(command, now) : [];
      for (const e of events) {
        if (e.type === 'contact.arrived') memory.known.set(e.contactId, engine.state.contacts.get(e.contactId)!);
        batch.events.push({ event: e, serviceId: serviceOfEvent(e, engine.state, memory.known), commandId: sub.commandId ?? null });
        if ('contactId' in e) {
          const c = engine.state.contacts.get(e.contactId) ?? memory.known.get(e.contactId);
          if (c) touchedContacts.set(c.id, c);
        }
        if ('staffId' in e) touchedStaff.add(e.staffId);
        published.push(e);
      }
      const result = sub.present(engine, events);
      const started = events.flatMap((e) => (e.type === 'contact.arrived' ? [e.contactId] : []));
      if (sub.commandId) {
        const record = { commandId: sub.commandId, fingerprint: sub.fingerprint ?? '', resultJson: JSON.stringify(result), at: now };
        memory.commands.set(sub.commandId, record);
        batch.commands.push(record);
      }
      done.push({ p, result, started });
    } catch (err) {
      // A refused command changed nothing; anything else is a bug that may have left memory ahead of the log.
      if (isAppError(err)) refused.push({ p, err });
      else {
        broken = err;
        p.reject(err);
      }
    }
  }

  // Counsellors whose load changed (completion, transfer) are written too: their idle time moved.
  for (const c of touchedContacts.values()) if (c.staffId) touchedStaff.add(c.staffId);
  batch.contacts = [...touchedContacts.values()];
  batch.counsellors = [...touchedStaff].map((id) => engine.state.counsellors.get(id)).filter((c) => c !== undefined);
  return { batch, done, refused, published, broken };
}
