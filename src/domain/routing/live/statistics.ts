// Operating statistics of one service over a window (last 15 minutes, today in the service's time
// zone, or a custom period), computed from the routing log by metrics.ts.
import type { Database } from '../../../db/database.js';
import { AppError } from '../../../errors.js';
import { enforce, policy, type Actor } from '../../auth/policy.js';
import { computeStatistics } from '../metrics.js';
import { loadEventsSince } from './routingLog.js';

export type StatisticsWindow = { window: '15m' } | { window: 'today' } | { window: 'custom'; from: string; to: string };

const MAX_CUSTOM_MS = 31 * 24 * 60 * 60 * 1000;
/** Occupancy needs each counsellor's state at the window's start: read this much log before it. */
const LOOK_BACK_MS = 12 * 60 * 60 * 1000;

/** Midnight of `at`'s calendar day in a time zone, as an instant. */
export function startOfDay(at: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const wallAsUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  const offset = wallAsUtc - Math.floor(at.getTime() / 1000) * 1000;
  return new Date(Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!) - offset);
}

export async function serviceStatistics(deps: { db: Database; clock: () => Date }, actor: Actor, serviceId: string, w: StatisticsWindow) {
  enforce(policy.viewRoutingStatistics(actor, serviceId), 'service.not_found');
  const service = await deps.db.selectFrom('services').select(['time_zone']).where('id', '=', serviceId).executeTakeFirst();
  if (!service) throw new AppError('service.not_found');
  const now = deps.clock();
  let from: Date;
  // Windows ending now include what happened at this very instant (the window is [from, to)).
  let to = new Date(now.getTime() + 1);
  if (w.window === '15m') from = new Date(now.getTime() - 15 * 60 * 1000);
  else if (w.window === 'today') from = startOfDay(now, service.time_zone);
  else {
    from = new Date(w.from);
    to = new Date(w.to);
    if (!(from < to) || to.getTime() - from.getTime() > MAX_CUSTOM_MS) throw new AppError('request.invalid', { field: 'to' });
  }
  const events = await loadEventsSince(deps.db, serviceId, new Date(from.getTime() - LOOK_BACK_MS), to);
  return computeStatistics({ serviceId, from: from.getTime(), to: to.getTime(), events });
}
