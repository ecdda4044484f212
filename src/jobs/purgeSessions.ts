// Hourly clean-up of ended sessions and forgotten login failures.
import type { Database } from '../db/database.js';
import { purgeEndedSessions, type SessionSettings } from '../domain/auth/sessions.js';

const EVERY_MS = 60 * 60_000;

export async function purgeOnce(db: Database, settings: SessionSettings, now: Date): Promise<void> {
  await purgeEndedSessions(db, settings, now);
  await db
    .deleteFrom('login_attempts')
    .where('last_failure_at', '<', new Date(now.getTime() - 24 * 3_600_000))
    .execute();
}

export function startSessionPurge(db: Database, settings: SessionSettings, clock: () => Date, onError: (err: unknown) => void): () => void {
  const timer = setInterval(() => void purgeOnce(db, settings, clock()).catch(onError), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
