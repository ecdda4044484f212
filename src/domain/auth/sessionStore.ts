// Staff sessions as every request sees them. Reading the session and its grants from the database on
// every request was two round trips per click (a quarter of the server's CPU under the routing
// benchmark), so a live session is kept in memory for a minute after it was read.
//
// What keeps that safe: every change that ends a session or changes who its user is (sign-out,
// password change or reset, disabling, roles, names) publishes `session.revoked` or `staff.updated`
// after commit, and `forgetUser` drops the user's sessions before the change's own answer is sent; a
// read that was in flight while such a change committed is used once but never kept (the epoch).
// Expiry is decided on every request from the copy (absolute end, idle window with the activity this
// process saw), and a copy that says "ended" is confirmed with the database. Open sockets re-read
// their session every minute (`recheck`), which also refreshes the copy. Several processes would
// need these events across processes (docs/ARCHITECTURE.md); until then a change made by another
// process is seen within a minute, as by an open socket.
import type { Database } from '../../db/database.js';
import { Batcher } from '../../db/batcher.js';
import {
  liveSession,
  loadSessions,
  sessionIdOf,
  touchSessions,
  TOUCH_EVERY_MS,
  type ActiveSession,
  type SessionKeys,
  type SessionRow,
  type SessionSettings,
} from './sessions.js';

/** How long a copy read from the database is used. */
export const SESSION_COPY_MS = 60_000;

interface Copy {
  row: SessionRow;
  readAt: number;
}

export class SessionStore {
  private readonly copies = new Map<string, Copy>();
  private epoch = 0;
  private sweptAt = 0;
  private readonly reads: Batcher<string, SessionRow | undefined>;
  private readonly touches: Batcher<{ id: string; at: Date }, void>;

  constructor(
    private readonly db: Database,
    private readonly keys: SessionKeys,
    private readonly settings: SessionSettings,
  ) {
    this.reads = new Batcher(async (ids) => {
      const rows = await loadSessions(this.db, [...new Set(ids)]);
      return ids.map((id) => rows.get(id));
    });
    this.touches = new Batcher(async (touches) => {
      await touchSessions(this.db, this.settings, touches);
      return touches.map(() => undefined);
    });
  }

  /** The live session for a request's token; the request counts as activity (idle timeout). */
  async resolve(token: string, now: Date): Promise<ActiveSession | undefined> {
    const id = sessionIdOf(this.keys, token);
    this.sweep(now);
    const copy = this.copies.get(id);
    const age = copy ? now.getTime() - copy.readAt : Infinity;
    let row = copy && age >= 0 && age < SESSION_COPY_MS ? copy.row : undefined;
    let session = liveSession(row, this.settings, now);
    // Not in memory, or the copy says it ended: the database decides.
    if (!session) {
      row = await this.read(id, now);
      session = liveSession(row, this.settings, now);
    }
    if (!session || !row) return undefined;
    if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await this.touch(row, now);
    return session;
  }

  /** For an open socket: the session re-read from the database (not counted as activity). */
  async recheck(token: string, now: Date): Promise<ActiveSession | undefined> {
    return liveSession(await this.read(sessionIdOf(this.keys, token), now), this.settings, now);
  }

  /** The person is active (a workstation's activity message): extends the idle window. */
  async activity(sessionId: string, now: Date): Promise<void> {
    const row = this.copies.get(sessionId)?.row;
    if (row && now.getTime() - row.lastSeenAt.getTime() < TOUCH_EVERY_MS) return;
    await this.touches.load({ id: sessionId, at: now });
    if (row) this.extend(row, now);
  }

  /** The user's sessions changed (ended, roles, names, disabled): forget every copy of them. */
  forgetUser(userId: string): void {
    this.epoch++;
    for (const [id, copy] of this.copies) if (copy.row.userId === userId) this.copies.delete(id);
  }

  private async read(id: string, now: Date): Promise<SessionRow | undefined> {
    const epoch = this.epoch;
    const row = await this.reads.load(id);
    // Only a read that no change overtook is kept, and only while the session lives.
    if (row && epoch === this.epoch && liveSession(row, this.settings, now)) this.copies.set(id, { row, readAt: now.getTime() });
    else this.copies.delete(id);
    return row;
  }

  private async touch(row: SessionRow, now: Date): Promise<void> {
    await this.touches.load({ id: row.id, at: now });
    this.extend(row, now);
  }

  /** The copy follows what `touchSessions` did: a live session's idle window moves on; an ended one stays ended. */
  private extend(row: SessionRow, now: Date): void {
    if (liveSession(row, this.settings, now) && row.lastSeenAt < now) row.lastSeenAt = now;
  }

  /** Drops copies past their minute, at most once a minute (memory stays bounded by the active sessions). */
  private sweep(now: Date): void {
    const t = now.getTime();
    if (t - this.sweptAt < SESSION_COPY_MS && t >= this.sweptAt) return;
    this.sweptAt = t;
    for (const [id, copy] of this.copies) if (t - copy.readAt >= SESSION_COPY_MS || copy.readAt > t) this.copies.delete(id);
  }
}
