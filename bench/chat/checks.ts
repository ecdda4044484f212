// What PostgreSQL holds after the chat benchmark's load, to check the load generator's counts against.
import pg from 'pg';

/** What PostgreSQL holds after the load: acknowledged messages missing from chat_messages, chats by state. */
export async function checkDatabase(
  url: string,
  ackedClientIds: string[],
): Promise<{ missing: number; stored: number; states: Record<string, number> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const missing = await client.query<{ n: string }>(
      `select count(*) as n from unnest($1::text[]) as a(id)
       where not exists (select 1 from chat_messages m where m.client_id = a.id and m.sender = 'child')`,
      [ackedClientIds],
    );
    const stored = await client.query<{ n: string }>(`select count(*) as n from chat_messages where sender = 'child'`);
    const states = await client.query<{ state: string; n: string }>(
      'select state, count(*) as n from chat_sessions group by state order by state',
    );
    return {
      missing: Number(missing.rows[0]!.n),
      stored: Number(stored.rows[0]!.n),
      states: Object.fromEntries(states.rows.map((r) => [r.state, Number(r.n)])),
    };
  } finally {
    await client.end();
  }
}
