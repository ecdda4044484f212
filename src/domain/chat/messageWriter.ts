// Group commit for chat messages: messages arriving while a write is in flight go together in the
// next one — one statement for all of them — so 1,000 messages a second are a few hundred round
// trips, not 1,000. Each message is still durable before its sender is answered, resends (same
// chat, sender and client id) get the first answer, and each chat's messages are numbered in the
// order they came. One batch at a time (one writer per process), so two batches never race on a resend.
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { Batcher } from '../../db/batcher.js';
import { isUniqueViolation } from '../../db/pgErrors.js';
import { AppError } from '../../errors.js';
import { seal } from '../privacy/sealedText.js';
import { appendMessage, sealContext, type Sender } from './chatStore.js';

export interface NewMessage {
  chatId: string;
  from: Sender;
  staffId: string | null;
  clientId: string;
  text: string;
  at: Date;
}

export type Appended = { seq: number; at: Date; duplicate: boolean };
type Outcome = Appended | AppError;

export class MessageWriter {
  private readonly batcher: Batcher<NewMessage, Outcome>;

  constructor(
    private readonly db: Database,
    private readonly key: Buffer,
  ) {
    this.batcher = new Batcher((items) => this.write(items), { maxInFlight: 1, maxBatch: 500 });
  }

  async append(m: NewMessage): Promise<Appended> {
    const r = await this.batcher.load(m);
    if (r instanceof AppError) throw r;
    return r;
  }

  private async write(items: NewMessage[]): Promise<Outcome[]> {
    // The same message twice in one batch (a resend racing its original) is written once.
    const firstOf = new Map<string, number>();
    const unique: NewMessage[] = [];
    const slot = items.map((m) => {
      const k = `${m.chatId}|${m.from}|${m.clientId}`;
      let i = firstOf.get(k);
      if (i === undefined) firstOf.set(k, (i = unique.push(m) - 1));
      return i;
    });
    let written: Outcome[];
    try {
      written = await this.writeUnique(unique);
    } catch (err) {
      // A resend committed by someone else between our check and insert: fall back to one at a time.
      if (!isUniqueViolation(err, 'chat_messages_client_idx')) throw err;
      written = await Promise.all(
        unique.map((m) =>
          appendMessage(this.db, this.key, m.chatId, m, m.at).catch((e: unknown) => {
            if (e instanceof AppError) return e;
            throw e;
          }),
        ),
      );
    }
    // The later copy of a message in the same batch is a duplicate of the first.
    const answered = new Set<number>();
    return slot.map((i) => {
      const w = written[i]!;
      const again = answered.has(i);
      answered.add(i);
      return again && !(w instanceof AppError) ? { ...w, duplicate: true } : w;
    });
  }

  private async writeUnique(items: NewMessage[]): Promise<Outcome[]> {
    const col = <T>(f: (m: NewMessage) => T) => items.map(f);
    const { rows } = await sql<{ ord: string; seq: number; at: Date; duplicate: boolean }>`
      with input as (
        select * from unnest(
          ${col((m) => m.chatId)}::uuid[], ${col((m) => m.from)}::text[], ${col((m) => m.staffId)}::uuid[],
          ${col((m) => m.clientId)}::text[], ${col((m) => seal(this.key, m.text, sealContext(m.chatId, m.from, m.clientId)))}::text[],
          ${col((m) => m.at.toISOString())}::timestamptz[]
        ) with ordinality as i(chat_id, sender, staff_id, client_id, body, at, ord)
      ), existing as (
        select i.ord, m.seq, m.created_at from input i
        join chat_messages m on m.chat_id = i.chat_id and m.sender = i.sender and m.client_id = i.client_id
      ), fresh as (
        select i.*, row_number() over (partition by i.chat_id order by i.ord) as n from input i
        where not exists (select 1 from existing e where e.ord = i.ord)
      ), counts as (
        select chat_id, count(*) as k, count(*) filter (where sender = 'child') as kc, count(*) filter (where sender = 'counsellor') as ks
        from fresh group by chat_id
      ), bump as (
        update chat_sessions s set last_seq = s.last_seq + c.k, child_messages = s.child_messages + c.kc, staff_messages = s.staff_messages + c.ks
        from counts c where s.id = c.chat_id and s.state <> 'ended'
        returning s.id, s.last_seq - c.k as base
      ), ins as (
        insert into chat_messages (chat_id, seq, sender, staff_id, client_id, body, created_at)
        select f.chat_id, b.base + f.n, f.sender, f.staff_id, f.client_id, f.body, f.at from fresh f join bump b on b.id = f.chat_id
        returning chat_id, seq, sender, client_id, created_at
      )
      select f.ord::text as ord, i.seq, i.created_at as at, false as duplicate
      from fresh f join ins i on i.chat_id = f.chat_id and i.sender = f.sender and i.client_id = f.client_id
      union all
      select ord::text, seq, created_at, true from existing`.execute(this.db);
    const byOrd = new Map(rows.map((r) => [Number(r.ord), { seq: r.seq, at: new Date(r.at), duplicate: r.duplicate }]));
    const missing = items.filter((_, i) => !byOrd.has(i + 1)).map((m) => m.chatId);
    const states =
      missing.length === 0
        ? new Map<string, string>()
        : new Map(
            (
              await this.db
                .selectFrom('chat_sessions')
                .select(['id', 'state'])
                .where('id', 'in', [...new Set(missing)])
                .execute()
            ).map((r) => [r.id, r.state]),
          );
    return items.map((m, i) => byOrd.get(i + 1) ?? new AppError(states.has(m.chatId) ? 'chat.ended' : 'chat.not_found'));
  }
}
