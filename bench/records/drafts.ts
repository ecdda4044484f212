// Draft records waiting to be finalized, as the routing projector leaves them once a contact answered
// by a counsellor has closed: status 'draft', the counsellor's fields filled in (counselling, a caller,
// two reasons, a screener with no or low risk), the routing figures already in the rollups.
import type pg from 'pg';
import { COUNSELLORS_PER_SERVICE, type Network, type Staff } from './network.js';
import { RECORD_COLUMNS } from './generate.js';
import { addToRollups } from './rollups.js';
import { reasonTable } from './shares.js';

export interface Draft {
  id: string;
  counsellor: Staff;
}

/** `count` drafts spread over the services, each with one counsellor (who has a session) as its owner. */
export async function makeDrafts(client: pg.Client, network: Network, count: number): Promise<Draft[]> {
  const owners = Array.from({ length: count }, (_, i) => {
    const service = i % network.services.length;
    return network.counsellors[service * COUNSELLORS_PER_SERVICE + (Math.floor(i / network.services.length) % COUNSELLORS_PER_SERVICE)]!;
  });
  const { codes } = reasonTable();
  await client.query('drop table if exists bench_drafts');
  await client.query(
    `create temp table bench_drafts as
     select gen_random_uuid() as id, o.service_id, 'routing' as origin, 'draft' as status, 1 as classification_version,
       o.staff_id, case when random() < 0.8 then 'voice' else 'chat' end as channel, 'ru' as language, false as repeat_contact,
       'counselling' as contact_type, 'child' as caller_type, 'girl' as child_gender, 14::smallint as child_age, '10_14' as age_group,
       'city' as locality_type, s.region, '{}'::text[] as vulnerable, 'school' as heard_from,
       case when random() < 0.8 then 'none' else 'low' end as risk_level, null::jsonb as risk_answers, array['support'] as actions,
       a.at as arrived_at, a.at + interval '12 s' as answered_at, a.at + interval '9 min' as ended_at, a.at + interval '11 min' as closed_at,
       'answered' as outcome, null::boolean as after_greeting, o.service_id as answered_by_service_id, 12000 as wait_ms, 516000 as talk_ms,
       120000 as wrap_ms, null::date as stats_day, null::jsonb as stats_keys, true as routing_counted, a.at as created_at,
       a.at + interval '11 min' as updated_at, null::timestamptz as finalized_at, null::uuid as finalized_by,
       ($3::text[])[1 + (o.n * 7) % cardinality($3::text[])] as c1, ($3::text[])[1 + (o.n * 7 + 3) % cardinality($3::text[])] as c2
     from unnest($1::uuid[], $2::uuid[]) with ordinality as o(staff_id, service_id, n)
     join services s on s.id = o.service_id,
     lateral (select now() - interval '8 hours' + random() * interval '7 hours' as at) as a`,
    [owners.map((o) => o.staffId), owners.map((o) => o.serviceId), codes],
  );
  // The screener's answers that give the level (riskLevelOf): none = every answer no, low = only q1 yes.
  await client.query(
    `update bench_drafts set risk_answers = case risk_level when 'none' then '{"q1":"no","q2":"no"}'::jsonb
       else '{"q1":"yes","q2":"no"}'::jsonb end`,
  );
  await client.query(`insert into contact_records (${RECORD_COLUMNS}) select ${RECORD_COLUMNS} from bench_drafts`);
  await client.query(
    `insert into contact_record_reasons (record_id, service_id, code, position)
     select id, service_id, c1, 1 from bench_drafts union all select id, service_id, c2, 2 from bench_drafts`,
  );
  // Their routing figures (the contact closed), counted as the projector counts them.
  await addToRollups(client, 'bench_drafts', '(select null::uuid as record_id, null::text as code where false)');
  const ids = await client.query<{ id: string; staff_id: string }>('select id, staff_id from bench_drafts order by arrived_at');
  const byId = new Map(owners.map((o) => [o.staffId, o]));
  await client.query('drop table bench_drafts');
  await client.query('analyze contact_records');
  return ids.rows.map((r) => ({ id: r.id, counsellor: byId.get(r.staff_id)! }));
}
