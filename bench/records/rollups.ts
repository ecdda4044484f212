// The rollups (record_stats_daily / record_stats_monthly) computed in SQL from records, with exactly
// the keys of src/domain/records/statsKeys.ts: classificationKeys for final records, routingKeys for
// records whose routing figures are counted. --verify (verify.ts) recomputes them in JavaScript with
// those very functions and compares.
import type pg from 'pg';
import { SERVICE_LEVEL_SECONDS, SHORT_ABANDON_SECONDS } from '../../src/domain/records/statsKeys.js';

/**
 * Adds the keys of the records in `records` (a relation with contact_records' columns) to the rollups.
 * `reasons` is a relation (record_id, code) of their reasons. Both are SQL of our own, never input.
 */
export async function addToRollups(client: pg.Client, records: string, reasons: string): Promise<void> {
  await client.query('drop table if exists chunk_keys');
  await client.query(`
    create temp table chunk_keys as
    with r as (
      select r.id, r.service_id, r.contact_type, r.channel, r.caller_type, r.age_group, r.child_gender, r.risk_level, r.repeat_contact,
        r.outcome, r.talk_ms, r.wrap_ms, r.after_greeting, r.answered_by_service_id, l.lt, extract(hour from l.lt)::int::text as hr,
        extract(isodow from l.lt)::int::text as dow, r.status = 'final' as fin, r.contact_type = 'counselling' as cc,
        coalesce(r.wait_ms, 0) as wait, r.routing_counted and r.origin = 'routing' and r.outcome <> 'transferred' as routed
      from ${records} as r join services s on s.id = r.service_id, lateral (select r.arrived_at at time zone s.time_zone as lt) as l
    ), k as (
      select r.service_id, r.lt::date as day, k.dim, k.value, k.w from r cross join lateral (values
        ('contacts', 'all', 1::bigint, r.fin), ('type', r.contact_type, 1, r.fin), ('channel', r.channel, 1, r.fin),
        ('hour', r.hr, 1, r.fin), ('weekday', r.dow, 1, r.fin),
        ('c.channel', r.channel, 1, r.fin and r.cc),
        ('c.caller', coalesce(r.caller_type, 'unknown'), 1, r.fin and r.cc),
        ('c.age', coalesce(r.age_group, 'unknown'), 1, r.fin and r.cc),
        ('c.gender', coalesce(r.child_gender, 'unknown'), 1, r.fin and r.cc),
        ('c.risk', r.risk_level, 1, r.fin and r.cc),
        ('c.hour', r.hr, 1, r.fin and r.cc),
        ('c.weekday', r.dow, 1, r.fin and r.cc),
        ('c.repeat', 'yes', 1, r.fin and r.cc and r.repeat_contact),
        ('routing', 'offered', 1, r.routed),
        ('routing', 'answered', 1, r.routed and r.outcome = 'answered'),
        ('routing', 'wait_ms', r.wait, r.routed and r.outcome = 'answered'),
        ('routing', 'answered_in_sl', 1, r.routed and r.outcome = 'answered' and r.wait <= ${SERVICE_LEVEL_SECONDS * 1000}),
        ('routing', 'answered_by_partner', 1, r.routed and r.outcome = 'answered' and r.answered_by_service_id <> r.service_id),
        ('routing', 'handled', 1, r.routed and r.outcome = 'answered' and r.talk_ms is not null),
        ('routing', 'handle_ms', r.talk_ms + coalesce(r.wrap_ms, 0)::bigint, r.routed and r.outcome = 'answered' and r.talk_ms is not null),
        ('routing', 'expired', 1, r.routed and r.outcome = 'expired'),
        ('routing', 'short_abandoned', 1, r.routed and r.outcome = 'abandoned' and r.wait < ${SHORT_ABANDON_SECONDS * 1000}),
        ('routing', 'abandoned', 1, r.routed and r.outcome = 'abandoned' and r.wait >= ${SHORT_ABANDON_SECONDS * 1000}),
        ('routing', 'abandoned_after_greeting', 1,
          r.routed and r.outcome = 'abandoned' and r.wait >= ${SHORT_ABANDON_SECONDS * 1000} and r.after_greeting)
      ) as k(dim, value, w, applies) where k.applies
      union all
      select service_id, day, 'c.row', national_row, 1 from (select distinct r.id, r.service_id, r.lt::date as day, rc.national_row
        from r join ${reasons} as x on x.record_id = r.id join reason_codes rc on rc.code = x.code where r.fin and r.cc) as rows
      union all
      select r.service_id, r.lt::date, 'c.reason', x.code, 1 from r join ${reasons} as x on x.record_id = r.id where r.fin and r.cc
    )
    select service_id, day, dim, value, sum(w)::bigint as n from k group by 1, 2, 3, 4 having sum(w) <> 0`);
  await client.query(`
    insert into record_stats_daily (service_id, day, dim, value, n) select service_id, day, dim, value, n from chunk_keys
    on conflict (service_id, day, dim, value) do update set n = record_stats_daily.n + excluded.n`);
  await client.query(`
    insert into record_stats_monthly (service_id, month, dim, value, n)
    select service_id, date_trunc('month', day)::date, dim, value, sum(n) from chunk_keys group by 1, 2, 3, 4
    on conflict (service_id, month, dim, value) do update set n = record_stats_monthly.n + excluded.n`);
}
