// Chats and their messages in the database. A message is sealed (AES-GCM, bound to its chat and
// sequence number) and written before anyone is told of it; the chat's counter gives the order.
import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/pgErrors.js';
import { AppError } from '../../errors.js';
import { open, seal } from '../privacy/sealedText.js';

export type Sender = 'child' | 'counsellor' | 'system';
export type ChatState = 'waiting' | 'active' | 'ended';

export interface PreChat {
  who?: 'child' | 'teen' | 'parent' | 'adult' | undefined;
  age?: number | undefined;
  gender?: 'female' | 'male' | 'other' | undefined;
  region?: string | undefined;
}

export interface ChatMessage {
  seq: number;
  from: Sender;
  text: string;
  at: string;
  /** The counsellor's pseudonym on their messages (never a name or id). */
  pseudonym: string | null;
}

export interface StoredChat {
  id: string;
  serviceId: string;
  callerKey: string | null;
  state: ChatState;
  endedBy: 'child' | 'counsellor' | 'system' | null;
  staffId: string | null;
  answeredByServiceId: string | null;
  preChat: PreChat;
  lastSeq: number;
  childReadSeq: number;
  staffReadSeq: number;
  createdAt: Date;
  endedAt: Date | null;
  feedbackAt: Date | null;
  transcriptDeletedAt: Date | null;
}

export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64url');

export function tokenMatches(token: string, hash: string): boolean {
  const a = Buffer.from(tokenHash(token));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A message is bound to its chat, sender and client id (unique together), so a body copied to another row does not open. */
export const sealContext = (chatId: string, sender: Sender, clientId: string) => `chat:${chatId}:${sender}:${clientId}`;

type ChatRow = {
  id: string;
  service_id: string;
  caller_key: string | null;
  state: ChatState;
  ended_by: StoredChat['endedBy'];
  staff_id: string | null;
  answered_by_service_id: string | null;
  pre_chat: Record<string, unknown>;
  last_seq: number;
  child_read_seq: number;
  staff_read_seq: number;
  created_at: Date;
  ended_at: Date | null;
  feedback_at: Date | null;
  transcript_deleted_at: Date | null;
};

const chatOf = (r: ChatRow): StoredChat => ({
  id: r.id,
  serviceId: r.service_id,
  callerKey: r.caller_key,
  state: r.state,
  endedBy: r.ended_by,
  staffId: r.staff_id,
  answeredByServiceId: r.answered_by_service_id,
  preChat: r.pre_chat as PreChat,
  lastSeq: r.last_seq,
  childReadSeq: r.child_read_seq,
  staffReadSeq: r.staff_read_seq,
  createdAt: r.created_at,
  endedAt: r.ended_at,
  feedbackAt: r.feedback_at,
  transcriptDeletedAt: r.transcript_deleted_at,
});

const CHAT_COLUMNS = [
  'id',
  'service_id',
  'caller_key',
  'state',
  'ended_by',
  'staff_id',
  'answered_by_service_id',
  'pre_chat',
  'last_seq',
  'child_read_seq',
  'staff_read_seq',
  'created_at',
  'ended_at',
  'feedback_at',
  'transcript_deleted_at',
] as const;

export async function loadChat(db: Database, id: string): Promise<(StoredChat & { resumeHash: string }) | undefined> {
  const row = await db
    .selectFrom('chat_sessions')
    .select([...CHAT_COLUMNS, 'resume_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { ...chatOf(row), resumeHash: row.resume_hash } : undefined;
}

export async function openChats(db: Database): Promise<StoredChat[]> {
  const rows = await db.selectFrom('chat_sessions').select(CHAT_COLUMNS).where('state', '<>', 'ended').execute();
  return rows.map(chatOf);
}

/**
 * Creates the chat (and its first message) once. The same id with the same resume token is the
 * child's retry and returns the stored chat; with another token it is refused.
 */
export async function createChat(
  db: Database,
  key: Buffer,
  input: {
    id: string;
    serviceId: string;
    callerKey: string | null;
    token: string;
    preChat: PreChat;
    firstMessage: { clientId: string; text: string } | null;
  },
  now: Date,
): Promise<{ chat: StoredChat; created: boolean }> {
  const created = await db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('chat_sessions')
      .values({
        id: input.id,
        service_id: input.serviceId,
        caller_key: input.callerKey,
        resume_hash: tokenHash(input.token),
        pre_chat: JSON.stringify(input.preChat),
        state: 'waiting',
        created_at: now,
        last_seq: input.firstMessage ? 1 : 0,
        child_messages: input.firstMessage ? 1 : 0,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted && input.firstMessage) {
      await tx
        .insertInto('chat_messages')
        .values({
          chat_id: input.id,
          seq: 1,
          sender: 'child',
          staff_id: null,
          client_id: input.firstMessage.clientId,
          body: seal(key, input.firstMessage.text, sealContext(input.id, 'child', input.firstMessage.clientId)),
          created_at: now,
        })
        .execute();
    }
    return inserted !== undefined;
  });
  const chat = await loadChat(db, input.id);
  if (!chat || chat.serviceId !== input.serviceId || !tokenMatches(input.token, chat.resumeHash)) throw new AppError('chat.exists');
  const { resumeHash: _, ...stored } = chat;
  return { chat: stored, created };
}

/**
 * Appends one message in one statement: the chat's counter moves only when this client id is new
 * and the chat is still open, so a resend gets the first answer and no number is skipped.
 */
export async function appendMessage(
  db: Database,
  key: Buffer,
  chatId: string,
  msg: { from: Sender; staffId: string | null; clientId: string; text: string },
  now: Date,
): Promise<{ seq: number; at: Date; duplicate: boolean }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await appendOnce(db, key, chatId, msg, now);
    } catch (err) {
      // Two copies of one resend raced past the check: the loser reads the winner's answer.
      if (attempt === 0 && isUniqueViolation(err, 'chat_messages_client_idx')) continue;
      throw err;
    }
  }
}

async function appendOnce(
  db: Database,
  key: Buffer,
  chatId: string,
  msg: { from: Sender; staffId: string | null; clientId: string; text: string },
  now: Date,
): Promise<{ seq: number; at: Date; duplicate: boolean }> {
  const body = seal(key, msg.text, sealContext(chatId, msg.from, msg.clientId));
  const { rows } = await sql<{ seq: number | null; at: Date | null; duplicate: boolean; state: ChatState | null }>`
    with existing as (
      select seq, created_at from chat_messages where chat_id = ${chatId} and sender = ${msg.from} and client_id = ${msg.clientId}
    ), bump as (
      update chat_sessions set last_seq = last_seq + 1,
        child_messages = child_messages + ${msg.from === 'child' ? 1 : 0},
        staff_messages = staff_messages + ${msg.from === 'counsellor' ? 1 : 0}
      where id = ${chatId} and state <> 'ended' and not exists (select 1 from existing)
      returning last_seq
    ), ins as (
      insert into chat_messages (chat_id, seq, sender, staff_id, client_id, body, created_at)
      select ${chatId}::uuid, last_seq, ${msg.from}::text, ${msg.staffId}::uuid, ${msg.clientId}::text, ${body}::text, ${now}::timestamptz from bump
      returning seq, created_at
    )
    select seq, created_at as at, false as duplicate, null::text as state from ins
    union all select seq, created_at, true, null from existing
    union all select null, null, false, state from chat_sessions where id = ${chatId}`.execute(db);
  const hit = rows.find((r) => r.seq !== null);
  if (hit) return { seq: hit.seq!, at: new Date(hit.at!), duplicate: hit.duplicate };
  throw new AppError(rows.length === 0 ? 'chat.not_found' : 'chat.ended');
}

/** Messages after `afterSeq`, in order, opened (the caller audits staff reads). */
export async function messagesAfter(db: Database, key: Buffer, chatId: string, afterSeq: number, limit = 1000): Promise<ChatMessage[]> {
  const rows = await db
    .selectFrom('chat_messages as m')
    .leftJoin('staff_users as u', 'u.id', 'm.staff_id')
    .select(['m.seq', 'm.sender', 'm.client_id', 'm.body', 'm.created_at', 'u.pseudonym'])
    .where('m.chat_id', '=', chatId)
    .where('m.seq', '>', afterSeq)
    .orderBy('m.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    from: r.sender,
    text: open(key, r.body, sealContext(chatId, r.sender, r.client_id)),
    at: r.created_at.toISOString(),
    pseudonym: r.sender === 'counsellor' ? (r.pseudonym ?? null) : null,
  }));
}

/** Moves a read mark forward (never back); returns the mark now stored. */
export async function markRead(db: Database, chatId: string, side: 'child' | 'staff', seq: number): Promise<number | undefined> {
  const column = side === 'child' ? 'child_read_seq' : 'staff_read_seq';
  const row = await db
    .updateTable('chat_sessions')
    .set({ [column]: sql`least(last_seq, greatest(${sql.ref(column)}, ${seq}))` })
    .where('id', '=', chatId)
    .returning(column)
    .executeTakeFirst();
  return row ? (row as Record<string, number>)[column] : undefined;
}

/** The counsellors now holding these chats (accepted, or a transfer's receiver): one statement for all of them. */
export async function setHolders(
  db: Database,
  holders: readonly { chatId: string; staffId: string; answeredByServiceId: string | null }[],
): Promise<void> {
  if (holders.length === 0) return;
  const col = <T>(f: (h: (typeof holders)[number]) => T) => holders.map(f);
  await sql`
    update chat_sessions s
    set staff_id = h.staff_id, answered_by_service_id = h.answered_by,
        state = case when s.state = 'waiting' then 'active' else s.state end
    from unnest(${col((h) => h.chatId)}::uuid[], ${col((h) => h.staffId)}::uuid[], ${col((h) => h.answeredByServiceId)}::uuid[])
      as h(chat_id, staff_id, answered_by)
    where s.id = h.chat_id and s.state <> 'ended'`.execute(db);
}

export async function markEnded(db: Database, chatId: string, by: NonNullable<StoredChat['endedBy']>, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('chat_sessions')
    .set({ state: 'ended', ended_by: by, ended_at: now })
    .where('id', '=', chatId)
    .where('state', '<>', 'ended')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function saveFeedback(db: Database, key: Buffer, chatId: string, rating: number | null, comment: string | null, now: Date) {
  const r = await db
    .updateTable('chat_sessions')
    .set({
      feedback_rating: rating,
      feedback_comment: comment === null ? null : seal(key, comment, `chat-feedback:${chatId}`),
      feedback_at: now,
    })
    .where('id', '=', chatId)
    .where('feedback_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new AppError('chat.feedback_given');
}

/** How many chats this caller key started since `since` (the new-chats-per-hour limit). */
export async function chatsStartedSince(db: Database, callerKey: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('chat_sessions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('caller_key', '=', callerKey)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The latest active block of this caller key in this service, if any. */
export async function activeBlock(db: Database, serviceId: string, callerKey: string, now: Date): Promise<Date | undefined> {
  const r = await db
    .selectFrom('chat_blocks')
    .select((eb) => eb.fn.max('blocked_until').as('until'))
    .where('service_id', '=', serviceId)
    .where('caller_key', '=', callerKey)
    .where('lifted_at', 'is', null)
    .where('blocked_until', '>', now)
    .executeTakeFirst();
  return r?.until ?? undefined;
}
