// The synthetic directory, generated in PostgreSQL: each entry is planned here (its helpline or
// national, kind of help, names, terms, ages, fee, hours, place — seeded, so every run is the same),
// the plan goes over in one table, and SQL writes the HSDS rows (organization, service, location,
// address, service_at_location, phones, schedules, service_area, attributes, cost_option) and each
// service's search index row in a few set-based statements, as reindexServices would write it.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { HsdsData } from '../../src/db/schema.js';
import { areaCodesOf } from '../../src/domain/directory/regions.js';
import { NATIONAL_TERMS, termId } from '../../src/domain/directory/taxonomySeed.js';
import { FOLD_FROM, FOLD_TO } from '../../src/domain/directory/tsQuery.js';
import { multirangeLiteral, weeklyHours } from '../../src/domain/directory/weeklyHours.js';
import { seeded } from '../records/shares.js';
import { HELP_KINDS, NATIONAL, STREETS, TOWN_SUFFIXES } from './vocabulary.js';

export interface Tenant {
  id: string;
  region: string;
  timeZone: string;
  /** Share of the network's entries. */
  weight: number;
}

/** Opening hours patterns: schedules of the HSDS rows (none: hours unknown). */
const HOURS: readonly HsdsData[][] = [
  [{ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '18:00' }],
  [
    { freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '08:00', closes_at: '17:00' },
    { freq: 'WEEKLY', byday: 'SA', opens_at: '10:00', closes_at: '14:00' },
  ],
  [{ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '00:00', closes_at: '24:00' }],
  [{ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '10:00', closes_at: '20:00' }],
  [],
];
const HOURS_WEIGHTS = [45, 20, 10, 15, 10];
const TOWNS = ['Центральный район', 'Заречный', 'Первомайский', 'Северный', 'Октябрьский', 'Советский район', 'Ленинский район'];

interface Plan {
  id: string;
  org: string;
  newOrg: boolean;
  orgName: string;
  tenant: string | null;
  name: string;
  description: string;
  area: string;
  areaCode: string | null;
  city: string;
  street: string;
  leafTerms: string[];
  allTerms: string[];
  termNames: string;
  minAge: number | null;
  maxAge: number | null;
  fee: number | null;
  hours: number;
  open: string | null;
  phone: string;
  phone2: string | null;
  location: string;
}

function offsetHours(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.find((p) => p.type === 'timeZoneName')?.value ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60) : 0;
}

const children = new Map<string, typeof NATIONAL_TERMS>();
for (const t of NATIONAL_TERMS) if (t.parentId) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t] as typeof NATIONAL_TERMS);
const termById = new Map(NATIONAL_TERMS.map((t) => [t.id, t]));

/** The entries: `count` in all, `national` of them national, the rest over the helplines by weight. */
export function planDirectory(tenants: readonly Tenant[], count: number, national: number, at: Date): Plan[] {
  const rand = seeded(20261124);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const weighted = (w: readonly number[]) => {
    let u = rand() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < w.length; i++) if ((u -= w[i]!) < 0) return i;
    return w.length - 1;
  };
  const today = at.toISOString().slice(0, 10);
  const openOf = new Map<string, string | null>();
  const open = (hours: number, offset: number) => {
    const key = `${hours}|${offset}`;
    if (!openOf.has(key)) openOf.set(key, multirangeLiteral(weeklyHours(HOURS[hours]!, offset, today).ranges));
    return openOf.get(key)!;
  };
  const phone = () =>
    `+7 (${800 + Math.floor(rand() * 200)}) ${100 + Math.floor(rand() * 900)}-${10 + Math.floor(rand() * 90)}-${10 + Math.floor(rand() * 90)}`;
  const out: Plan[] = [];
  const entry = (tenant: Tenant | null, kind: (typeof HELP_KINDS)[number] | null, org: { id: string; name: string; isNew: boolean }) => {
    const top = termId(kind ? kind.term : NATIONAL.term);
    const options = children.get(top) ?? [];
    const leaves = [...new Set([pick(options), ...(rand() < 0.4 ? [pick(options)] : [])])].map((t) => t.id);
    const all = [...new Set([...leaves, top])];
    const [minAge, maxAge] = kind ? pick(kind.ages) : [null, null];
    const area = tenant ? tenant.region : 'Российская Федерация';
    const hours = tenant ? weighted(HOURS_WEIGHTS) : 2;
    out.push({
      id: randomUUID(),
      org: org.id,
      newOrg: org.isNew,
      orgName: org.name,
      tenant: tenant?.id ?? null,
      name: `${pick(kind ? kind.services : NATIONAL.services)}${tenant ? pick(TOWN_SUFFIXES) : ''}`,
      description: pick(kind ? kind.descriptions : NATIONAL.descriptions),
      area,
      areaCode: areaCodesOf(area)[0] ?? null,
      city: pick(TOWNS),
      street: `${pick(STREETS)}, д. ${1 + Math.floor(rand() * 120)}`,
      leafTerms: leaves,
      allTerms: all,
      termNames: all.map((t) => termById.get(t)!.name).join(' '),
      minAge,
      maxAge,
      fee: kind && rand() < kind.paid ? 500 + 100 * Math.floor(rand() * 30) : null,
      hours,
      open: open(hours, tenant ? offsetHours(tenant.timeZone, at) : offsetHours('Europe/Moscow', at)),
      phone: tenant ? phone() : `8 800 ${200 + Math.floor(rand() * 800)}-${10 + Math.floor(rand() * 90)}-${10 + Math.floor(rand() * 90)}`,
      phone2: rand() < 0.3 ? phone() : null,
      location: randomUUID(),
    });
  };
  const totalWeight = tenants.reduce((a, t) => a + t.weight, 0);
  const local = count - national;
  let made = 0;
  tenants.forEach((tenant, i) => {
    const n = i === tenants.length - 1 ? local - made : Math.round((local * tenant.weight) / totalWeight);
    made += n;
    // Organisations run one to four services of one kind each.
    for (let k = 0; k < n;) {
      const kind = HELP_KINDS[weighted(HELP_KINDS.map((h) => h.share))]!;
      const org = { id: randomUUID(), name: `${pick(kind.organizations)} № ${1 + Math.floor(rand() * 60)}`, isNew: true };
      for (let s = 1 + Math.floor(rand() * 4); s > 0 && k < n; s--, k++) {
        entry(tenant, kind, org);
        org.isNew = false;
      }
    }
  });
  for (let k = 0; k < national; k++) entry(null, null, { id: randomUUID(), name: pick(NATIONAL.organizations), isNew: true });
  return out;
}

/** Writes the plan's HSDS rows and index rows; returns how many rows of directory_rows. */
export async function writeDirectory(client: pg.Client, plan: readonly Plan[]): Promise<number> {
  await client.query(`create unlogged table bench_plan (id uuid, org uuid, new_org boolean, org_name text, tenant uuid, name text,
    description text, area text, area_code text, city text, street text, leaf_terms uuid[], all_terms uuid[], term_names text,
    min_age int, max_age int, fee int, hours int, open text, phone text, phone2 text, location uuid)`);
  for (let i = 0; i < plan.length; i += 10_000) {
    const c = plan.slice(i, i + 10_000);
    const col = <K extends keyof Plan>(k: K) => c.map((p) => p[k]);
    const arr = <K extends 'leafTerms' | 'allTerms'>(k: K) => c.map((p) => `{${p[k].join(',')}}`);
    await client.query(
      `insert into bench_plan select id, org, new_org, org_name, tenant, name, description, area, area_code, city, street, leaf::uuid[],
         alls::uuid[], term_names, min_age, max_age, fee, hours, open, phone, phone2, location
       from unnest($1::uuid[], $2::uuid[], $3::boolean[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::int[], $16::int[], $17::int[], $18::int[], $19::text[],
         $20::text[], $21::text[], $22::uuid[]) as x(id, org, new_org, org_name, tenant, name, description, area, area_code, city, street,
         leaf, alls, term_names, min_age, max_age, fee, hours, open, phone, phone2, location)`,
      [
        col('id'),
        col('org'),
        col('newOrg'),
        col('orgName'),
        col('tenant'),
        col('name'),
        col('description'),
        col('area'),
        col('areaCode'),
        col('city'),
        col('street'),
        arr('leafTerms'),
        arr('allTerms'),
        col('termNames'),
        col('minAge'),
        col('maxAge'),
        col('fee'),
        col('hours'),
        col('open'),
        col('phone'),
        col('phone2'),
        col('location'),
      ],
    );
  }
  await client.query('create unlogged table bench_hours (hours int, n int, data jsonb)');
  await client.query(`insert into bench_hours select h, n, d from unnest($1::int[], $2::int[], $3::jsonb[]) as x(h, n, d)`, [
    HOURS.flatMap((s, h) => s.map(() => h)),
    HOURS.flatMap((s) => s.map((_, n) => n)),
    HOURS.flatMap((s) => s.map((d) => JSON.stringify(d))),
  ]);
  // One statement per HSDS table; `row` makes the row of directory_rows from its id, links and fields.
  const insert = (kind: string, select: string) =>
    client.query(`insert into directory_rows (id, kind, tenant_id, links, data, created_at, updated_at)
      select r.id, '${kind}', r.tenant, r.links, jsonb_strip_nulls(r.data || jsonb_build_object('id', r.id)), now(), now()
      from (${select}) r`);
  await insert(
    'organization',
    `select org as id, tenant, '{}'::uuid[] as links,
    jsonb_build_object('name', org_name, 'description', org_name || ' (' || area || ')', 'email', 'info@example.ru') as data
    from bench_plan where new_org`,
  );
  await insert(
    'service',
    `select id, tenant, array[org] as links, jsonb_build_object('organization_id', org, 'name', name,
    'description', description, 'status', 'active', 'email', 'help@example.ru', 'minimum_age', min_age, 'maximum_age', max_age,
    'assured_date', '2026-09-01', 'fees_description', case when fee is null then 'Бесплатно' else 'Платно, от ' || fee || ' ₽' end) as data
    from bench_plan`,
  );
  await insert(
    'location',
    `select location as id, tenant, array[org] as links,
    jsonb_build_object('location_type', 'physical', 'organization_id', org, 'name', name) as data from bench_plan`,
  );
  await insert(
    'address',
    `select gen_random_uuid() as id, tenant, array[location] as links, jsonb_build_object('location_id', location,
    'address_1', street, 'city', city, 'state_province', area, 'postal_code', '600000', 'country', 'RU', 'address_type', 'physical') as data
    from bench_plan`,
  );
  await insert(
    'service_at_location',
    `select gen_random_uuid() as id, tenant, array[id, location] as links,
    jsonb_build_object('service_id', id, 'location_id', location) as data from bench_plan`,
  );
  await insert(
    'phone',
    `select gen_random_uuid() as id, tenant, array[id] as links,
    jsonb_build_object('service_id', id, 'number', n, 'type', 'voice') as data
    from bench_plan, unnest(array[phone, phone2]) as n where n is not null`,
  );
  await insert(
    'schedule',
    `select gen_random_uuid() as id, tenant, array[p.id] as links, h.data || jsonb_build_object('service_id', p.id) as data
    from bench_plan p join bench_hours h on h.hours = p.hours`,
  );
  await insert(
    'service_area',
    `select gen_random_uuid() as id, tenant, array[id] as links,
    jsonb_build_object('service_id', id, 'name', area) as data from bench_plan`,
  );
  await insert(
    'attribute',
    `select gen_random_uuid() as id, tenant, array[id, t] as links, jsonb_build_object('link_id', id,
    'taxonomy_term_id', t, 'link_type', 'service', 'link_entity', 'service') as data from bench_plan, unnest(leaf_terms) as t`,
  );
  await insert(
    'cost_option',
    `select gen_random_uuid() as id, tenant, array[id] as links, jsonb_build_object('service_id', id,
    'amount', fee, 'currency', 'RUB', 'option', 'Приём') as data from bench_plan where fee is not null`,
  );
  // The search index, word for word as reindexServices builds it (A: name; B: other names, organisation,
  // terms with their parents; C: description, areas, places), folded as foldForSearch folds it.
  const fold = (text: string) => `to_tsvector('russian', translate(lower(${text}), $1, $2))`;
  await client.query(
    `insert into directory_services (service_id, tenant_id, organization_id, name, organization_name, status, search,
      term_ids, area_codes, min_age, max_age, free, open_minutes, closed_dates, assured_date, updated_at)
    select id, tenant, org, name, org_name, 'active',
      setweight(${fold('name')}, 'A') || setweight(${fold(`concat_ws(' ', '', org_name, '', term_names)`)}, 'B')
        || setweight(${fold(`concat_ws(' ', description, '', area, name, city, street, area)`)}, 'C'),
      all_terms, case when area_code is null then '{}' else array[area_code] end, min_age, max_age, fee is null, open::int4multirange,
      '{}', '2026-09-01', now()
    from bench_plan`,
    [FOLD_FROM, FOLD_TO],
  );
  const rows = Number((await client.query<{ n: string }>('select count(*) as n from directory_rows')).rows[0]!.n);
  await client.query('drop table bench_plan, bench_hours');
  return rows;
}
