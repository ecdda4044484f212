// Generates one month of the network's contacts in SQL (set-based, no COPY): every service's records
// for the month are drawn in a temporary table, then written as final `contact_records` with their
// `contact_record_reasons`, and the month's rollups are added from exactly those rows (rollups.ts).
import type pg from 'pg';
import { addToRollups } from './rollups.js';
import {
  AGE_GROUPS,
  AGE_WEIGHTS_ADULT,
  AGE_WEIGHTS_CHILD,
  GENDER_WEIGHTS,
  GENDERS,
  HEARD,
  HEARD_WEIGHTS,
  HOUR_WEIGHTS,
  LOCALITIES,
  LOCALITY_WEIGHTS,
  OTHER_TYPE_WEIGHTS,
  OTHER_TYPES,
  OUTCOMES,
  REASON_COUNT_WEIGHTS,
  RISK_ANSWERS,
  RISK_WEIGHTS,
  RISKS,
  VULNERABLE,
  reasonTable,
  thresholds,
  type MonthPlan,
} from './shares.js';

/** Our own constants as SQL literals (numbers and fixed identifiers only, never input). */
const nums = (xs: readonly number[]) => `array[${xs.map((x) => x.toFixed(9)).join(',')}]::float8[]`;
const texts = (xs: readonly string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;
const pick = (values: readonly string[], u: string, weights: readonly number[]) =>
  `(${texts(values)})[1 + width_bucket(${u}, ${nums(thresholds(weights))})]`;

const reasons = reasonTable();
const K = reasons.codes.length;
const CODES = `(${texts(reasons.codes)})`;
const ROWS = `(${texts(reasons.rows)})`;
const riskAnswers = `case risk_level ${RISKS.filter((r) => RISK_ANSWERS[r])
  .map((r) => `when '${r}' then '${JSON.stringify(RISK_ANSWERS[r])}'::jsonb`)
  .join(' ')} end`;

/** The contact_records columns the generator fills (the rest keep their defaults or stay null). */
export const RECORD_COLUMNS = [
  'id',
  'service_id',
  'origin',
  'status',
  'classification_version',
  'staff_id',
  'channel',
  'language',
  'repeat_contact',
  'contact_type',
  'caller_type',
  'child_gender',
  'child_age',
  'age_group',
  'locality_type',
  'region',
  'vulnerable',
  'heard_from',
  'risk_level',
  'risk_answers',
  'actions',
  'arrived_at',
  'answered_at',
  'ended_at',
  'closed_at',
  'outcome',
  'after_greeting',
  'answered_by_service_id',
  'wait_ms',
  'talk_ms',
  'wrap_ms',
  'stats_day',
  'stats_keys',
  'routing_counted',
  'created_at',
  'updated_at',
  'finalized_at',
  'finalized_by',
].join(', ');

// $1 services uuid[], $2 their contacts this month int[], $3 the month's first day, $4 day thresholds, $5 channel thresholds.
// Read it from the innermost subquery outwards: `d` draws each contact's uniform numbers, and each layer
// around it derives columns from the one inside. `offset 0` keeps the layers apart, so every column is
// computed once per row (merged, the planner would copy a layer's expressions into every use).
export const DRAW = `
create temp table chunk as
select gen_random_uuid() as id, service_id, 'routing' as origin, 'final' as status, 1 as classification_version, staff_id, channel,
  'ru' as language, cc and u_rep < 0.15 as repeat_contact, contact_type, caller_type,
  case when cc then ${pick(GENDERS, 'u_gender', GENDER_WEIGHTS)} end as child_gender,
  (case age_group when 'under_10' then 3 + floor(u_years * 7) when '10_14' then 10 + floor(u_years * 5)
    when '15_17' then 15 + floor(u_years * 3) when '18_plus' then 18 + floor(u_years * 5) end)::smallint as child_age,
  age_group,
  case when cc then ${pick(LOCALITIES, 'u_loc', LOCALITY_WEIGHTS)} end as locality_type,
  case when cc then region end as region,
  case when cc and u_vul < 0.06 then array[(${texts(VULNERABLE)})[1 + floor(u_vul2 * ${VULNERABLE.length})::int]] else '{}'::text[] end as vulnerable,
  case when cc then ${pick(HEARD, 'u_heard', HEARD_WEIGHTS)} end as heard_from,
  risk_level, ${riskAnswers} as risk_answers,
  case when cc then array_remove(array['support', case when u_act < 0.3 then 'information' end,
    case when risk_level in ('high', 'imminent') then 'supervisor_involved' end,
    case when risk_level = 'imminent' and u_act2 < 0.5 then 'emergency_called' end,
    case when u_act2 > 0.99 then 'signal_needed' end], null) else '{}'::text[] end as actions,
  arrived_at, answered_at, ended_at, closed_at, outcome,
  case when outcome = 'abandoned' then u_greet < 0.5 end as after_greeting,
  case when outcome <> 'answered' then null when by_partner then partner else service_id end as answered_by_service_id,
  wait_ms, talk_ms, wrap_ms, lt::date as stats_day,
  jsonb_build_array(jsonb_build_array('contacts', 'all', 1), jsonb_build_array('type', contact_type, 1), jsonb_build_array('channel', channel, 1),
    jsonb_build_array('hour', hr, 1), jsonb_build_array('weekday', dow, 1))
  || case when not cc then '[]'::jsonb else
    jsonb_build_array(jsonb_build_array('c.channel', channel, 1), jsonb_build_array('c.caller', caller_type, 1), jsonb_build_array('c.age', age_group, 1),
      jsonb_build_array('c.gender', child_gender_k, 1), jsonb_build_array('c.risk', risk_level, 1), jsonb_build_array('c.hour', hr, 1),
      jsonb_build_array('c.weekday', dow, 1))
    || case when u_rep < 0.15 then '[["c.repeat", "yes", 1]]'::jsonb else '[]'::jsonb end
    || jsonb_build_array(jsonb_build_array('c.row', ${ROWS}[1 + i1], 1))
    || case when n >= 2 and ${ROWS}[1 + i2] <> ${ROWS}[1 + i1] then jsonb_build_array(jsonb_build_array('c.row', ${ROWS}[1 + i2], 1)) else '[]'::jsonb end
    || case when n >= 3 and ${ROWS}[1 + i3] not in (${ROWS}[1 + i1], ${ROWS}[1 + i2]) then jsonb_build_array(jsonb_build_array('c.row', ${ROWS}[1 + i3], 1))
       else '[]'::jsonb end
    || jsonb_build_array(jsonb_build_array('c.reason', ${CODES}[1 + i1], 1))
    || case when n >= 2 then jsonb_build_array(jsonb_build_array('c.reason', ${CODES}[1 + i2], 1)) else '[]'::jsonb end
    || case when n >= 3 then jsonb_build_array(jsonb_build_array('c.reason', ${CODES}[1 + i3], 1)) else '[]'::jsonb end
  end as stats_keys,
  true as routing_counted, arrived_at as created_at, closed_at as updated_at, closed_at as finalized_at, staff_id as finalized_by,
  case when cc then ${CODES}[1 + i1] end as c1, case when cc and n >= 2 then ${CODES}[1 + i2] end as c2,
  case when cc and n >= 3 then ${CODES}[1 + i3] end as c3
from (select f.*, ${pick(GENDERS, 'u_gender', GENDER_WEIGHTS)} as child_gender_k from (  select e.*,
    case when outcome = 'answered' then arrived_at + wait_ms * interval '1 ms' end as answered_at,
    arrived_at + (wait_ms + coalesce(talk_ms, 0)) * interval '1 ms' as ended_at,
    arrived_at + (wait_ms + coalesce(talk_ms, 0) + coalesce(wrap_ms, 0)) * interval '1 ms' as closed_at,
    case when outcome <> 'answered' then null when by_partner then partner_counsellors[1 + floor(u_staff * cardinality(partner_counsellors))::int]
      else counsellors[1 + floor(u_staff * cardinality(counsellors))::int] end as staff_id,
    contact_type = 'counselling' as cc, extract(hour from lt)::int::text as hr, extract(isodow from lt)::int::text as dow
  from (  select c.*,
    case when contact_type <> 'counselling' then null when caller_type = 'child' then ${pick(AGE_GROUPS, 'u_age', AGE_WEIGHTS_CHILD)}
      else ${pick(AGE_GROUPS, 'u_age', AGE_WEIGHTS_ADULT)} end as age_group,
    case when contact_type = 'counselling' then ${pick(RISKS, 'u_risk', RISK_WEIGHTS)} else 'unknown' end as risk_level,
    case when i3r not in (i1, i2) then i3r when (i3r + 1) % ${K} not in (i1, i2) then (i3r + 1) % ${K} else (i3r + 2) % ${K} end as i3,
    1 + width_bucket(u_n, ${nums(thresholds(REASON_COUNT_WEIGHTS))}) as n,
    case outcome when 'answered' then least(600000, -ln(1 - u_wait) * 14000) when 'abandoned' then least(600000, -ln(1 - u_wait) * 25000)
      else 180000 + u_wait * 120000 end::int as wait_ms,
    case when outcome <> 'answered' then null when contact_type = 'counselling'
      then least(10800000, exp(ln(420000) + 0.7 * sqrt(-2 * ln(1 - u_t1)) * cos(2 * pi() * u_t2)) * (case channel when 'voice' then 1 else 1.8 end))
      else 3000 - ln(1 - u_t1) * 45000 end::int as talk_ms,
    case when outcome <> 'answered' then null when contact_type = 'counselling' then 30000 + u_wrap * 240000 else u_wrap * 15000 end::int as wrap_ms,
    arrived_at at time zone tz as lt
  from (  select b.*, case when contact_type = 'counselling'
      then (array['child','parent','other_adult'])[1 + width_bucket(u_caller, array[child_share, child_share + (1 - child_share) * 0.7])] end as caller_type,
    case when i2r = i1 then (i1 + 1) % ${K} else i2r end as i2
  from (  select a.*,
    case when outcome <> 'answered' then 'missed' when u_type < cshare then 'counselling'
      else ${pick(OTHER_TYPES, '(u_type - cshare) / (1 - cshare)', OTHER_TYPE_WEIGHTS)} end as contact_type,
    u_partner < 0.03 as by_partner,
    width_bucket(u_r1, ${nums(thresholds(reasons.weights))}) as i1,
    width_bucket(u_r2, ${nums(thresholds(reasons.weights))}) as i2r,
    width_bucket(u_r3, ${nums(thresholds(reasons.weights))}) as i3r
  from (  select d.*,
    (($3::date + width_bucket(u_day, $4::float8[])) + make_interval(hours => width_bucket(u_hour, ${nums(thresholds(HOUR_WEIGHTS))}),
      secs => floor(u_sec * 3600000) / 1000.0)) at time zone tz as arrived_at,
    case when u_out < ${OUTCOMES.abandoned} then 'abandoned' when u_out < ${OUTCOMES.abandoned + OUTCOMES.expired} then 'expired'
      else 'answered' end as outcome,
    (array['voice','chat','messenger'])[1 + width_bucket(u_chan, $5::float8[])] as channel
  from (  select b.id as service_id, b.tz, b.region, b.cshare, b.child_share, b.counsellors, b.partner, b.partner_counsellors,
    random() as u_day, random() as u_hour, random() as u_sec, random() as u_out, random() as u_type, random() as u_chan,
    random() as u_caller, random() as u_age, random() as u_years, random() as u_gender, random() as u_risk, random() as u_n,
    random() as u_r1, random() as u_r2, random() as u_r3, random() as u_wait, random() as u_t1, random() as u_t2,
    random() as u_wrap, random() as u_staff, random() as u_partner, random() as u_loc, random() as u_heard, random() as u_vul,
    random() as u_vul2, random() as u_rep, random() as u_greet, random() as u_act, random() as u_act2
  from unnest($1::uuid[], $2::int[]) as c(id, n)
  join bench_services b on b.id = c.id
  cross join lateral generate_series(1, c.n) as g(i)
  offset 0) as d
  offset 0) as a
  offset 0) as b
  offset 0) as c
  offset 0) as e
  offset 0) as f) as g`;

/** Draws and writes one month; returns the number of records. The caller's client holds the temp tables. */
export async function generateMonth(
  client: pg.Client,
  serviceIds: readonly string[],
  counts: readonly number[],
  month: MonthPlan,
): Promise<number> {
  await client.query('drop table if exists chunk');
  await client.query('begin');
  try {
    await client.query(DRAW, [serviceIds, counts, month.start, month.dayThresholds, month.channelThresholds]);
    const inserted = await client.query(`insert into contact_records (${RECORD_COLUMNS}) select ${RECORD_COLUMNS} from chunk`);
    await client.query(
      `insert into contact_record_reasons (record_id, service_id, code, position)
       select id, service_id, x.code, x.pos from chunk cross join lateral (values (1, c1), (2, c2), (3, c3)) as x(pos, code)
       where x.code is not null`,
    );
    // The month's rollups from exactly the rows just written (the same tuples), in the same transaction.
    await addToRollups(
      client,
      'chunk',
      `(select id as record_id, unnest(array_remove(array[c1, c2, c3], null)) as code from chunk where c1 is not null)`,
    );
    await client.query('commit');
    return inserted.rowCount ?? 0;
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
}
