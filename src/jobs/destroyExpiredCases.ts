// Hourly destruction of cases' and signals' personal data past their service's retention period,
// each with its act and audit entry (src/domain/cases/caseRetention.ts).
import type { Database } from '../db/database.js';
import { destroyExpired } from '../domain/cases/caseRetention.js';

const EVERY_MS = 60 * 60_000;

export function startCaseDestruction(db: Database, clock: () => Date, onError: (err: unknown) => void): () => void {
  const timer = setInterval(() => void destroyExpired(db, clock()).catch(onError), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
