// The live board of one service, read in turn through the single writer (so it shows only what is
// committed), with the service-level alert from the last 15 minutes of the log.
import { enforce, policy, type Actor } from '../../auth/policy.js';
import type { RoutingDeps } from './routingCommands.js';
import { serviceStatistics } from './statistics.js';
import { boardView } from './views.js';

/** Below this share answered within 20 s over the last 15 minutes, the board raises an alert. */
export const SL_TARGET = 0.8;

export async function serviceBoard(deps: RoutingDeps, actor: Actor, serviceId: string) {
  enforce(policy.superviseService(actor, serviceId), 'service.not_found');
  const board = await deps.routing.submit({
    command: null,
    present: (engine) => boardView(engine.state, serviceId, deps.clock().getTime(), deps.routing.settingsOf),
  });
  const stats = await serviceStatistics(deps, actor, serviceId, { window: '15m' });
  if (stats.serviceLevel !== null && stats.serviceLevel < SL_TARGET)
    board.alerts.push({ kind: 'sl_below_target', value: stats.serviceLevel });
  return board;
}
