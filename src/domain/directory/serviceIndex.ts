// The search index of HSDS services (directory_services): one row per service, rebuilt from its
// rows whenever they change — the words search matches (Russian stemming: name first, then other
// names and taxonomy terms, then descriptions, areas and places), the taxonomy terms with their
// ancestors (filtering by a term finds services under its sub-terms), the regions it serves, ages,
// whether it is free, its opening hours as minutes of the week and its closed days.
import { sql, type Transaction } from 'kysely';
import type { DB, HsdsData } from '../../db/schema.js';
import { areaCodesOf } from './regions.js';
import { foldForSearch } from './searchText.js';
import { multirangeLiteral, weeklyHours } from './weeklyHours.js';

type Row = { id: string; kind: string; tenant_id: string | null; data: HsdsData };

async function byIds(tx: Transaction<DB>, ids: readonly string[]): Promise<Row[]> {
  if (!ids.length) return [];
  return tx.selectFrom('directory_rows').select(['id', 'kind', 'tenant_id', 'data']).where('id', 'in', ids).execute();
}
async function linkedTo(tx: Transaction<DB>, ids: readonly string[]): Promise<Row[]> {
  if (!ids.length) return [];
  return tx
    .selectFrom('directory_rows')
    .select(['id', 'kind', 'tenant_id', 'data'])
    .where(sql<boolean>`links && ${sql.val([...ids])}::uuid[]`)
    .execute();
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null);
const isoDate = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);

function offsetHours(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.find((p) => p.type === 'timeZoneName')?.value ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60) : 0;
}

/** Rebuilds the index rows of these HSDS services (ids that are not services, or are gone, are dropped). */
export async function reindexServices(tx: Transaction<DB>, serviceIds: readonly string[], at: Date): Promise<void> {
  const ids = [...new Set(serviceIds.map((id) => id.toLowerCase()))];
  if (!ids.length) return;
  const services = (await byIds(tx, ids)).filter((r) => r.kind === 'service');
  let gone = tx.deleteFrom('directory_services').where('service_id', 'in', ids);
  // (`not in ()` is not SQL: with no service left, every id goes.)
  if (services.length)
    gone = gone.where(
      'service_id',
      'not in',
      services.map((s) => s.id),
    );
  await gone.execute();
  if (!services.length) return;

  const children = await linkedTo(
    tx,
    services.map((s) => s.id),
  );
  const sals = children.filter((c) => c.kind === 'service_at_location');
  const locationIds = sals.map((s) => text(s.data.location_id)).filter(Boolean);
  const orgIds = services.map((s) => text(s.data.organization_id)).filter(Boolean);
  const termIds = children
    .filter((c) => c.kind === 'attribute')
    .map((a) => text(a.data.taxonomy_term_id))
    .filter(Boolean);
  const [salChildren, parents] = await Promise.all([
    linkedTo(tx, [...sals.map((s) => s.id), ...locationIds]),
    byIds(tx, [...new Set([...orgIds, ...locationIds, ...termIds])]),
  ]);
  const byId = new Map(parents.map((p) => [p.id, p]));
  // Taxonomy terms' ancestors, a level at a time (terms are few and shallow).
  const terms = new Map(parents.filter((p) => p.kind === 'taxonomy_term').map((t) => [t.id, t]));
  for (let depth = 0; depth < 6; depth++) {
    const missing = [...terms.values()].map((t) => text(t.data.parent_id).toLowerCase()).filter((p) => p && !terms.has(p));
    if (!missing.length) break;
    for (const t of await byIds(tx, [...new Set(missing)])) if (t.kind === 'taxonomy_term') terms.set(t.id, t);
  }
  const ancestors = (termId: string): string[] => {
    const out: string[] = [];
    for (let t = terms.get(termId); t && !out.includes(t.id); t = terms.get(text(t.data.parent_id).toLowerCase())) out.push(t.id);
    return out;
  };
  const tenantZones = new Map<string, string>();
  const tenants = [...new Set(services.map((s) => s.tenant_id).filter((t): t is string => t !== null))];
  if (tenants.length)
    for (const t of await tx.selectFrom('services').select(['id', 'time_zone']).where('id', 'in', tenants).execute())
      tenantZones.set(t.id, t.time_zone);
  const today = at.toISOString().slice(0, 10);

  const values = services.map((s) => {
    // Only rows of the service's own owner describe it (another helpline cannot attach a phone, an
    // area or a term to it by pointing at its id); what it points to may also be national.
    const sameOwner = (r: Row) => r.tenant_id === s.tenant_id;
    const usable = (r: Row | undefined): r is Row => !!r && (r.tenant_id === null || r.tenant_id === s.tenant_id);
    const own = children.filter(
      (c) => sameOwner(c) && (text(c.data.service_id).toLowerCase() === s.id || text(c.data.link_id).toLowerCase() === s.id),
    );
    const salIds = new Set(sals.filter((x) => sameOwner(x) && text(x.data.service_id).toLowerCase() === s.id).map((x) => x.id));
    const locIds = new Set(sals.filter((x) => salIds.has(x.id)).map((x) => text(x.data.location_id).toLowerCase()));
    const orgRow = byId.get(text(s.data.organization_id).toLowerCase());
    const org = usable(orgRow) ? orgRow : undefined;
    const serviceTerms = own
      .filter((c) => c.kind === 'attribute')
      .flatMap((a) => ancestors(text(a.data.taxonomy_term_id).toLowerCase()))
      .filter((id) => usable(terms.get(id)));
    const areas = own.filter((c) => c.kind === 'service_area');
    const schedules = [
      ...own.filter((c) => c.kind === 'schedule'),
      ...salChildren.filter((c) => sameOwner(c) && c.kind === 'schedule' && salIds.has(text(c.data.service_at_location_id).toLowerCase())),
    ];
    const places = [
      ...[...locIds].map((l) => byId.get(l)).filter(usable),
      ...salChildren.filter((c) => usable(c) && c.kind === 'address' && locIds.has(text(c.data.location_id).toLowerCase())),
    ];
    const costs = own.filter((c) => c.kind === 'cost_option');
    const hours = weeklyHours(
      schedules.map((x) => x.data),
      offsetHours(s.tenant_id ? (tenantZones.get(s.tenant_id) ?? 'Europe/Moscow') : 'Europe/Moscow', at),
      today,
    );
    const termNames = [...new Set(serviceTerms)].map((t) => text(terms.get(t)?.data.name));
    const weightA = text(s.data.name);
    const weightB = [text(s.data.alternate_name), text(org?.data.name), text(org?.data.alternate_name), ...termNames].join(' ');
    const weightC = [
      text(s.data.description),
      text(s.data.eligibility_description),
      ...areas.map((a) => `${text(a.data.name)} ${text(a.data.description)}`),
      ...places.map((p) => [p.data.name, p.data.city, p.data.address_1, p.data.region, p.data.state_province].map(text).join(' ')),
    ].join(' ');
    return {
      service_id: s.id,
      tenant_id: s.tenant_id,
      organization_id: org ? org.id : null,
      name: text(s.data.name),
      organization_name: org ? text(org.data.name) : null,
      status: text(s.data.status) || 'active',
      search: sql`setweight(to_tsvector('russian', ${foldForSearch(weightA)}), 'A') || setweight(to_tsvector('russian', ${foldForSearch(weightB)}), 'B') || setweight(to_tsvector('russian', ${foldForSearch(weightC)}), 'C')`,
      term_ids: [...new Set(serviceTerms)],
      area_codes: [...new Set(areas.flatMap((a) => [...areaCodesOf(text(a.data.name)), ...areaCodesOf(text(a.data.extent))]))],
      min_age: int(s.data.minimum_age),
      max_age: int(s.data.maximum_age),
      // Free unless a cost option asks for money: an amount above 0, or no amount at all (a paid option
      // described in words); an amount of 0 is an explicit "free".
      free: !costs.some((c) => !(typeof c.data.amount === 'number' && c.data.amount <= 0)),
      open_minutes: sql`${multirangeLiteral(hours.ranges)}::int4multirange`,
      closed_dates: hours.closedDates,
      assured_date: isoDate(s.data.assured_date),
      // What to say when referring: HSDS's application_process (the steps to access the service).
      referral_note: text(s.data.application_process) || null,
      updated_at: at,
    };
  });
  await tx
    .insertInto('directory_services')
    .values(values)
    .onConflict((oc) =>
      oc.column('service_id').doUpdateSet((eb) => ({
        tenant_id: eb.ref('excluded.tenant_id'),
        organization_id: eb.ref('excluded.organization_id'),
        name: eb.ref('excluded.name'),
        organization_name: eb.ref('excluded.organization_name'),
        status: eb.ref('excluded.status'),
        search: eb.ref('excluded.search'),
        term_ids: eb.ref('excluded.term_ids'),
        area_codes: eb.ref('excluded.area_codes'),
        min_age: eb.ref('excluded.min_age'),
        max_age: eb.ref('excluded.max_age'),
        free: eb.ref('excluded.free'),
        open_minutes: eb.ref('excluded.open_minutes'),
        closed_dates: eb.ref('excluded.closed_dates'),
        assured_date: eb.ref('excluded.assured_date'),
        referral_note: eb.ref('excluded.referral_note'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/**
 * The services whose index a change to these rows can alter: the services themselves, services of
 * changed children, of changed locations/organizations (through their service_at_locations and
 * organization_id), and of services tagged with changed taxonomy terms.
 */
export async function servicesTouchedBy(tx: Transaction<DB>, rowIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(rowIds.map((id) => id.toLowerCase()))];
  if (!ids.length) return [];
  const [rows, linked] = await Promise.all([byIds(tx, ids), linkedTo(tx, ids)]);
  const out = new Set<string>();
  const look = [...rows, ...linked];
  for (const r of look) {
    if (r.kind === 'service') out.add(r.id);
    const sid = text(r.data.service_id).toLowerCase();
    if (sid) out.add(sid);
    if (r.kind === 'attribute' && text(r.data.link_entity) === 'service') out.add(text(r.data.link_id).toLowerCase());
  }
  // Locations reach services through their service_at_locations (one more step).
  const locIds = look.filter((r) => r.kind === 'service_at_location').map((r) => text(r.data.service_id).toLowerCase());
  for (const id of locIds) if (id) out.add(id);
  // Taxonomy terms: services tagged with the term (attributes found above) — and the term's name in existing indexes.
  const termHits = await tx
    .selectFrom('directory_services')
    .select('service_id')
    .where(sql<boolean>`term_ids && ${sql.val(ids)}::uuid[]`)
    .execute();
  for (const t of termHits) out.add(t.service_id);
  return [...out];
}
