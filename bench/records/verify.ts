// --verify: recomputes one service-year of the rollups in JavaScript from the stored records, with the
// server's own functions (classificationKeys, routingKeys, localParts), and compares them with
// record_stats_daily and record_stats_monthly, and each final record's stats_day and stats_keys.
import type pg from 'pg';
import { mergeKeys } from '../../src/domain/records/statsRollup.js';
import { classificationKeys, localParts, routingKeys, type StatKey } from '../../src/domain/records/statsKeys.js';

export interface Verified {
  records: number;
  dailyRows: number;
  monthlyRows: number;
  mismatches: string[];
}

interface Row {
  id: string;
  service_id: string;
  origin: string;
  status: string;
  contact_type: string | null;
  channel: string;
  caller_type: string | null;
  age_group: string | null;
  child_gender: string | null;
  risk_level: string;
  repeat_contact: boolean;
  arrived_at: Date;
  outcome: 'answered' | 'abandoned' | 'expired' | 'transferred' | null;
  wait_ms: number | null;
  talk_ms: number | null;
  wrap_ms: number | null;
  after_greeting: boolean | null;
  answered_by_service_id: string | null;
  routing_counted: boolean;
  stats_day: string | null;
  stats_keys: StatKey[] | null;
  reasons: { code: string; nationalRow: string }[];
}

export async function verifyServiceYear(client: pg.Client, serviceId: string, year: number): Promise<Verified> {
  const tz = (await client.query<{ time_zone: string }>('select time_zone from services where id = $1', [serviceId])).rows[0]!.time_zone;
  const { rows } = await client.query<Row>(
    `select r.id, r.service_id, r.origin, r.status, r.contact_type, r.channel, r.caller_type, r.age_group, r.child_gender, r.risk_level,
       r.repeat_contact, r.arrived_at, r.outcome, r.wait_ms, r.talk_ms, r.wrap_ms, r.after_greeting, r.answered_by_service_id,
       r.routing_counted, to_char(r.stats_day, 'YYYY-MM-DD') as stats_day, r.stats_keys,
       coalesce((select json_agg(json_build_object('code', x.code, 'nationalRow', c.national_row) order by x.position)
         from contact_record_reasons x join reason_codes c on c.code = x.code where x.record_id = r.id), '[]') as reasons
     from contact_records r
     where r.service_id = $1 and r.arrived_at >= $2::timestamptz - interval '2 days' and r.arrived_at < $3::timestamptz + interval '2 days'`,
    [serviceId, `${year}-01-01T00:00:00Z`, `${year + 1}-01-01T00:00:00Z`],
  );
  const mismatches: string[] = [];
  const daily = new Map<string, number>();
  const monthly = new Map<string, number>();
  const add = (day: string, keys: readonly StatKey[]) => {
    for (const [dim, value, w] of keys) {
      const d = `${day}|${dim}|${value}`;
      const m = `${day.slice(0, 7)}-01|${dim}|${value}`;
      daily.set(d, (daily.get(d) ?? 0) + w);
      monthly.set(m, (monthly.get(m) ?? 0) + w);
    }
  };
  let records = 0;
  for (const r of rows) {
    const at = localParts(r.arrived_at, tz);
    if (!at.day.startsWith(`${year}-`)) continue;
    records++;
    if (r.status === 'final') {
      const keys = classificationKeys({
        contactType: r.contact_type ?? 'unknown',
        channel: r.channel,
        callerType: r.caller_type,
        ageGroup: r.age_group,
        childGender: r.child_gender,
        riskLevel: r.risk_level,
        repeatContact: r.repeat_contact,
        reasons: r.reasons,
        localHour: at.hour,
        localWeekday: at.weekday,
      });
      add(at.day, keys);
      if (r.stats_day !== at.day) mismatches.push(`record ${r.id}: stats_day ${r.stats_day}, local day ${at.day}`);
      if (JSON.stringify(mergeKeys(r.stats_keys ?? [])) !== JSON.stringify(mergeKeys(keys)))
        mismatches.push(`record ${r.id}: stats_keys ${JSON.stringify(r.stats_keys)} ≠ ${JSON.stringify(keys)}`);
    }
    if (r.routing_counted && r.outcome !== null) {
      add(
        at.day,
        routingKeys({
          queued: r.origin === 'routing',
          outcome: r.outcome,
          waitMs: r.wait_ms,
          talkMs: r.talk_ms,
          wrapMs: r.wrap_ms,
          afterGreeting: r.after_greeting,
          answeredByPartner: r.answered_by_service_id !== null && r.answered_by_service_id !== r.service_id,
        }),
      );
    }
  }
  const compare = (what: string, expected: Map<string, number>, stored: { k: string; n: string }[]) => {
    const got = new Map(stored.map((s) => [s.k, Number(s.n)]));
    for (const k of new Set([...expected.keys(), ...got.keys()])) {
      const e = expected.get(k) ?? 0;
      const g = got.get(k) ?? 0;
      if (e !== g) mismatches.push(`${what} ${k}: records give ${e}, rollup has ${g}`);
    }
  };
  const storedDaily = await client.query<{ k: string; n: string }>(
    `select to_char(day, 'YYYY-MM-DD') || '|' || dim || '|' || value as k, n from record_stats_daily
     where service_id = $1 and day >= $2::date and day < $3::date and n <> 0`,
    [serviceId, `${year}-01-01`, `${year + 1}-01-01`],
  );
  const storedMonthly = await client.query<{ k: string; n: string }>(
    `select to_char(month, 'YYYY-MM-DD') || '|' || dim || '|' || value as k, n from record_stats_monthly
     where service_id = $1 and month >= $2::date and month < $3::date and n <> 0`,
    [serviceId, `${year}-01-01`, `${year + 1}-01-01`],
  );
  compare('daily', daily, storedDaily.rows);
  compare('monthly', monthly, storedMonthly.rows);
  return { records, dailyRows: storedDaily.rows.length, monthlyRows: storedMonthly.rows.length, mismatches };
}
