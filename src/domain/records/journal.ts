// The journal (Журнал обращений): a service's records, newest first, filtered and paged by keyset
// on (arrived_at, id) so page 1000 costs what page 1 does. Scoped in SQL: a counsellor sees only
// their own records (the (staff_id, arrived_at) index), a supervisor or head the service's (the
// (service_id, arrived_at) index); a reason filter can start from the (service_id, code) index.
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { policy, type Actor } from '../auth/policy.js';
import type { JournalItem, JournalPage, JournalQuery } from './journalSchemas.js';
import { addDays, localDayStart } from './reportPeriod.js';

export async function listJournal(db: Database, actor: Actor, q: JournalQuery): Promise<JournalPage> {
  const scope = policy.listRecords(actor, q.serviceId);
  if (scope === 'not_found') throw new AppError('service.not_found');
  const cursor = q.cursor === undefined ? null : decodeCursor(q.cursor);
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) invalid('/to', 'the period ends before it starts');
  const service = await db.selectFrom('services').select('time_zone').where('id', '=', q.serviceId).executeTakeFirst();
  if (!service) throw new AppError('service.not_found');

  let query = db
    .selectFrom('contact_records as r')
    .leftJoin('staff_users as s', 's.id', 'r.staff_id')
    .select([
      'r.id',
      'r.arrived_at',
      'r.channel',
      'r.status',
      'r.contact_type',
      'r.caller_type',
      'r.child_gender',
      'r.age_group',
      'r.risk_level',
      'r.staff_id',
      's.pseudonym',
      'r.region',
      'r.wait_ms',
      'r.talk_ms',
      // The exact instant (microseconds) for the cursor: a JS Date would round it to milliseconds.
      sql<number>`(extract(epoch from r.arrived_at) * 1000000)::bigint`.as('us'),
    ])
    .where('r.service_id', '=', q.serviceId);
  if (scope === 'own') query = query.where('r.staff_id', '=', actor.userId);
  if (q.from !== undefined) query = query.where('r.arrived_at', '>=', localDayStart(q.from, service.time_zone));
  if (q.to !== undefined) query = query.where('r.arrived_at', '<', localDayStart(addDays(q.to, 1), service.time_zone));
  if (q.channel !== undefined) query = query.where('r.channel', '=', q.channel);
  if (q.type !== undefined) query = query.where('r.contact_type', '=', q.type);
  if (q.risk !== undefined) query = query.where('r.risk_level', '=', q.risk);
  if (q.staffId !== undefined) query = query.where('r.staff_id', '=', q.staffId);
  if (q.region !== undefined) query = query.where('r.region', '=', q.region);
  if (q.callerType !== undefined) query = query.where('r.caller_type', '=', q.callerType);
  if (q.ageGroup !== undefined) query = query.where('r.age_group', '=', q.ageGroup);
  if (q.status !== undefined) query = query.where('r.status', '=', q.status);
  if (q.reason !== undefined) {
    const reason = q.reason;
    query = query.where('r.id', 'in', (eb) =>
      eb
        .selectFrom('contact_record_reasons as x')
        .select('x.record_id')
        .where('x.service_id', '=', q.serviceId)
        .where('x.code', '=', reason),
    );
  }
  if (cursor) {
    const at = sql<Date>`timestamptz 'epoch' + ${cursor.us}::bigint * interval '1 microsecond'`;
    query = query.where('r.arrived_at', '<=', at).where((eb) => eb.or([eb('r.arrived_at', '<', at), eb('r.id', '<', cursor.id)]));
  }
  const rows = await query
    .orderBy('r.arrived_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const reasons = await reasonsOf(
    db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r): JournalItem => ({
      id: r.id,
      arrivedAt: r.arrived_at.toISOString(),
      channel: r.channel,
      status: r.status,
      contactType: r.contact_type,
      callerType: r.caller_type,
      childGender: r.child_gender,
      ageGroup: r.age_group,
      riskLevel: r.risk_level,
      reasons: reasons.get(r.id) ?? [],
      staffId: r.staff_id,
      staffPseudonym: r.pseudonym,
      region: r.region,
      waitSeconds: r.wait_ms === null ? null : Math.round(r.wait_ms / 1000),
      talkSeconds: r.talk_ms === null ? null : Math.round(r.talk_ms / 1000),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(String(last.us), last.id) : null,
  };
}

async function reasonsOf(db: Database, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('contact_record_reasons')
    .select(['record_id', 'code'])
    .where('record_id', 'in', ids)
    .orderBy('record_id')
    .orderBy('position')
    .execute();
  for (const r of rows) out.set(r.record_id, [...(out.get(r.record_id) ?? []), r.code]);
  return out;
}

const CURSOR = /^(\d{1,17})~([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function encodeCursor(us: string, id: string): string {
  return Buffer.from(`${us}~${id}`, 'utf8').toString('base64url');
}

function decodeCursor(text: string): { us: string; id: string } {
  const m = /^[A-Za-z0-9_-]+$/.test(text) ? CURSOR.exec(Buffer.from(text, 'base64url').toString('utf8')) : null;
  if (!m) return invalid('/cursor', 'not a cursor this journal gave');
  return { us: m[1]!, id: m[2]! };
}

function invalid(path: string, message: string): never {
  throw new AppError('request.invalid', { issues: [{ path, message }] });
}
