// Hourly deletion of chat transcripts older than each service's retention period (default 30 days
// after the chat ended). The chat row stays with its counts, times and rating — the anonymous
// statistics — while its messages and feedback comment are deleted.
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { DEFAULT_CHAT_SETTINGS } from '../domain/chat/chatSettings.js';

const EVERY_MS = 60 * 60_000;
/** Chats handled per statement, so one run never holds a long transaction. */
const BATCH = 500;

/** Deletes due transcripts; returns how many chats were purged. */
export async function purgeChatTranscripts(db: Database, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await sql<{ id: string }>`
      with due as (
        select c.id from chat_sessions c join services s on s.id = c.service_id
        where c.transcript_deleted_at is null and c.state = 'ended'
          and c.ended_at < ${now}::timestamptz
            - make_interval(days => coalesce((s.settings->>'chatRetentionDays')::int, ${DEFAULT_CHAT_SETTINGS.retentionDays}))
        limit ${BATCH}
      ), gone as (
        delete from chat_messages m using due where m.chat_id = due.id
      )
      update chat_sessions c set transcript_deleted_at = ${now}::timestamptz, feedback_comment = null
      from due where c.id = due.id
      returning c.id`.execute(db);
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}

export function startChatPurge(db: Database, clock: () => Date, onError: (err: unknown) => void): () => void {
  const timer = setInterval(() => void purgeChatTranscripts(db, clock()).catch(onError), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
