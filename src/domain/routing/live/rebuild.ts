// Rebuilding the engine from the log (start, standby taking over, after a failed write): the last
// presence of every counsellor, the contacts closed within the retention the engine remembers them
// for (in the order they closed), then every open contact's events; and the command results still
// remembered for retries.
import type { Database } from '../../../db/database.js';
import { RoutingEngine } from '../engine.js';
import { applyEvent, CLOSED_RETENTION_MS, RoutingState } from '../state.js';
import type { RoutingSettings } from '../types.js';
import { loadCommandResults, loadRecovery, type CommandRecord } from './routingLog.js';

export async function rebuildFromLog(
  db: Database,
  now: number,
  settingsOf: (serviceId: string) => RoutingSettings,
  commandMemoryMs: number,
): Promise<{ engine: RoutingEngine; commands: CommandRecord[] }> {
  const recovery = await loadRecovery(db, new Date(now - CLOSED_RETENTION_MS));
  const state = new RoutingState();
  for (const c of recovery.closed) state.closedContacts.set(c.id, c);
  for (const c of recovery.counsellors) {
    applyEvent(state, { type: 'presence.changed', staffId: c.staffId, presence: c.presence, by: 'recovery', profile: c.profile }, c.since);
  }
  for (const e of recovery.events) applyEvent(state, e, e.at);
  for (const c of recovery.counsellors) {
    const counsellor = state.counsellors.get(c.staffId)!;
    counsellor.idleSince = c.idleSince;
    counsellor.presenceSince = c.since;
  }
  const commands = await loadCommandResults(db, new Date(now - commandMemoryMs));
  return { engine: new RoutingEngine({ settingsOf }, state), commands };
}
