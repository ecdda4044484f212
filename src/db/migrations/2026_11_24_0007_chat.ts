// Web chat: one chat per routing contact (same id), its messages (sealed, numbered by the server),
// the caller keys a supervisor blocked, and each service's canned responses.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // resume_hash: sha256 of the child's resume token (the token itself stays on the device).
  // pre_chat: the optional answers before the chat (who, age, gender, region) — no identifiers.
  // staff_id / answered_by_service_id: the counsellor who holds (held) it last, and their service.
  await sql`
    create table chat_sessions (
      id uuid primary key,
      service_id uuid not null references services (id),
      caller_key text,
      resume_hash text not null,
      pre_chat jsonb not null default '{}',
      state text not null check (state in ('waiting', 'active', 'ended')),
      staff_id uuid references staff_users (id),
      answered_by_service_id uuid references services (id),
      ended_by text check (ended_by in ('child', 'counsellor', 'system')),
      last_seq int not null default 0,
      child_read_seq int not null default 0,
      staff_read_seq int not null default 0,
      child_messages int not null default 0,
      staff_messages int not null default 0,
      feedback_rating smallint check (feedback_rating between 1 and 5),
      feedback_comment text,
      feedback_at timestamptz,
      created_at timestamptz not null,
      ended_at timestamptz,
      transcript_deleted_at timestamptz
    )`.execute(db);
  await sql`create index chat_sessions_caller_idx on chat_sessions (caller_key, created_at) where caller_key is not null`.execute(db);
  await sql`create index chat_sessions_retention_idx on chat_sessions (service_id, ended_at) where transcript_deleted_at is null`.execute(
    db,
  );

  // body: sealed (AES-GCM) with the chat id, sender and client id as associated data. client_id makes resends idempotent.
  await sql`
    create table chat_messages (
      chat_id uuid not null references chat_sessions (id),
      seq int not null,
      sender text not null check (sender in ('child', 'counsellor', 'system')),
      staff_id uuid references staff_users (id),
      client_id text not null,
      body text not null,
      created_at timestamptz not null,
      primary key (chat_id, seq)
    )`.execute(db);
  await sql`create unique index chat_messages_client_idx on chat_messages (chat_id, sender, client_id)`.execute(db);

  // reason: sealed (a supervisor's free text about a caller).
  await sql`
    create table chat_blocks (
      id uuid primary key,
      service_id uuid not null references services (id),
      caller_key text not null,
      chat_id uuid references chat_sessions (id),
      reason text not null,
      blocked_until timestamptz not null,
      created_by uuid not null references staff_users (id),
      created_at timestamptz not null,
      lifted_at timestamptz,
      lifted_by uuid references staff_users (id)
    )`.execute(db);
  await sql`create index chat_blocks_caller_idx on chat_blocks (caller_key, blocked_until) where lifted_at is null`.execute(db);

  await sql`
    create table canned_responses (
      id uuid primary key,
      service_id uuid not null references services (id),
      title text not null,
      body text not null,
      position int not null,
      version int not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index canned_responses_service_idx on canned_responses (service_id, position)`.execute(db);

  // Services that exist already get the Russian defaults new services get (a frozen copy of
  // src/domain/chat/cannedResponses.ts as it was when this migration landed).
  const defaults = [
    ['Приветствие', 'Здравствуй! Это детский телефон доверия. Я рядом и готов(а) тебя выслушать. Что случилось?'],
    ['Ты в безопасности?', 'Ты сейчас в безопасности? Рядом есть кто-то, кто может тебе навредить?'],
    ['Мысли о смерти', 'Бывает ли, что тебе хочется умереть или причинить себе вред?'],
    ['Я слышу тебя', 'Спасибо, что написал(а). Это важно, и ты правильно сделал(а), что обратился(-ась).'],
    ['Завершение', 'Спасибо, что написал(а) нам. Если захочешь поговорить ещё — пиши или звони 8-800-2000-122, бесплатно и круглосуточно.'],
  ];
  for (const [i, [title, body]] of defaults.entries()) {
    await sql`
      insert into canned_responses (id, service_id, title, body, position, created_at, updated_at)
      select gen_random_uuid(), id, ${title}, ${body}, ${i}, now(), now() from services`.execute(db);
  }
}
