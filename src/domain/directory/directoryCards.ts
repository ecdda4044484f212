// The card a counsellor reads about a directory entry: what it is, how to reach it (phones,
// address, hours), whether it is open now, for whom (ages, cost, areas, taxonomy terms), what to
// say when referring, and when it was last verified. A page of cards costs two reads of HSDS rows
// whatever its size: the services with their own rows, then their places, terms and organisations'
// phones. Rows another helpline attached to an entry that is not theirs are never shown.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { HsdsData, HsdsKind } from '../../db/schema.js';
import type { Actor } from '../auth/policy.js';
import { canEdit } from './directoryAccess.js';
import { hoursText } from './hoursText.js';
import { areaCodesOf, areaName } from './regions.js';

export const directoryCardSchema = z.object({
  id: z.string(),
  tenantId: z.string().nullable(),
  national: z.boolean(),
  name: z.string(),
  organizationName: z.string().nullable(),
  description: z.string().nullable(),
  phones: z.array(z.object({ number: z.string(), description: z.string().nullable() })),
  address: z.string().nullable(),
  hours: z.string().nullable(),
  openNow: z.boolean().nullable(),
  minAge: z.number().nullable(),
  maxAge: z.number().nullable(),
  free: z.boolean(),
  terms: z.array(z.object({ id: z.string(), name: z.string() })),
  areas: z.array(z.string()),
  referralNote: z.string().nullable(),
  assuredDate: z.string().nullable(),
  stale: z.boolean(),
  editable: z.boolean(),
});
export type DirectoryCard = z.infer<typeof directoryCardSchema>;

/** What the search index gives a card (directory_services). */
export interface IndexedService {
  service_id: string;
  tenant_id: string | null;
  name: string;
  organization_name: string | null;
  min_age: number | null;
  max_age: number | null;
  free: boolean;
  assured_date: string | null;
  open_now: boolean | null;
}

type Row = { id: string; kind: HsdsKind; tenant_id: string | null; data: HsdsData };

const STALE_MONTHS = 12;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const low = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : '');
const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Entries last verified before this day (or never) are stale: twelve months before `now`. */
export function staleBefore(now: Date): string {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - STALE_MONTHS);
  return d.toISOString().slice(0, 10);
}

async function rowsWhere(db: Database, where: ReturnType<typeof sql<boolean>>): Promise<Row[]> {
  return db.selectFrom('directory_rows').select(['id', 'kind', 'tenant_id', 'data']).where(where).execute();
}

function formatAddress(a: Row | undefined): string | null {
  if (!a) return null;
  const d = a.data;
  const parts = [d.postal_code, d.state_province, d.region, d.city, d.address_1, d.address_2].map(str).filter((p): p is string => !!p);
  return parts.length ? [...new Set(parts)].join(', ') : null;
}

const phoneOf = (p: Row) => ({ number: String(p.data.number ?? ''), description: str(p.data.description) });

/** Cards for these index rows, in their order. */
export async function buildCards(db: Database, actor: Actor, now: Date, services: readonly IndexedService[]): Promise<DirectoryCard[]> {
  if (!services.length) return [];
  const ids = services.map((s) => s.service_id);
  const own = await rowsWhere(
    db,
    sql<boolean>`(id in (${sql.join(ids)}) or (links && ${sql.val(ids)}::uuid[] and kind in ('phone', 'schedule', 'service_at_location', 'attribute', 'service_area')))`,
  );
  const tenantOf = new Map(services.map((s) => [s.service_id, s.tenant_id]));
  // A row belongs to a service when it points to it and has the service's owner.
  const ofService = (r: Row, sid: string) =>
    r.tenant_id === tenantOf.get(sid) && (low(r.data.service_id) === sid || (r.kind === 'attribute' && low(r.data.link_id) === sid));
  const serviceRows = new Map(own.filter((r) => r.kind === 'service').map((r) => [r.id, r]));
  const sals = own.filter((r) => r.kind === 'service_at_location').sort(byId);
  const locationIds = [...new Set(sals.map((s) => low(s.data.location_id)).filter(Boolean))];
  const termIds = [
    ...new Set(
      own
        .filter((r) => r.kind === 'attribute')
        .map((a) => low(a.data.taxonomy_term_id))
        .filter(Boolean),
    ),
  ];
  const orgIds = [...new Set([...serviceRows.values()].map((s) => low(s.data.organization_id)).filter(Boolean))];
  const parentIds = [...locationIds, ...termIds];
  const around = [...locationIds, ...sals.map((s) => s.id), ...orgIds];
  const more =
    parentIds.length || around.length
      ? await rowsWhere(
          db,
          // No kind filter in SQL: with one, the planner ANDs in the kind index's bitmap of every address, phone and
          // schedule (15 ms at 100,000 entries, bench/directory.ts); the few rows these ids reach are told apart below.
          sql<boolean>`(${parentIds.length ? sql`id in (${sql.join(parentIds)})` : sql`false`} or ${around.length ? sql`links && ${sql.val(around)}::uuid[]` : sql`false`})`,
        )
      : [];
  const terms = new Map(more.filter((r) => r.kind === 'taxonomy_term').map((t) => [t.id, t]));
  const today = now.toISOString().slice(0, 10);
  const cutoff = staleBefore(now);

  return services.map((s) => {
    const sid = s.service_id;
    const owner = s.tenant_id;
    const svc = serviceRows.get(sid);
    const mine = own.filter((r) => ofService(r, sid));
    const mySals = sals.filter((x) => ofService(x, sid));
    const salIds = new Set(mySals.map((x) => x.id));
    const myLocations = mySals.map((x) => low(x.data.location_id));
    const near = more.filter((r) => r.tenant_id === owner);
    const servicePhones = mine.filter((r) => r.kind === 'phone').sort(byId);
    const salPhones = near.filter((r) => r.kind === 'phone' && salIds.has(low(r.data.service_at_location_id))).sort(byId);
    const locationPhones = near.filter((r) => r.kind === 'phone' && myLocations.includes(low(r.data.location_id))).sort(byId);
    const orgId = low(svc?.data.organization_id);
    const orgPhones = near.filter((r) => r.kind === 'phone' && orgId && low(r.data.organization_id) === orgId).sort(byId);
    const phones = [servicePhones, salPhones, locationPhones, orgPhones].find((p) => p.length) ?? [];
    const address = myLocations
      .map((l) => near.filter((r) => r.kind === 'address' && low(r.data.location_id) === l).sort(byId))
      .map((as) => as.find((a) => a.data.address_type !== 'postal') ?? as[0])
      .find(Boolean);
    const schedules = [
      ...mine.filter((r) => r.kind === 'schedule'),
      ...near.filter((r) => r.kind === 'schedule' && salIds.has(low(r.data.service_at_location_id))),
    ];
    const cardTerms = mine
      .filter((r) => r.kind === 'attribute')
      .map((a) => terms.get(low(a.data.taxonomy_term_id)))
      .filter((t): t is Row => !!t && (t.tenant_id === null || t.tenant_id === owner))
      .map((t) => ({ id: t.id, name: String(t.data.name ?? '') }));
    const areas = mine
      .filter((r) => r.kind === 'service_area')
      .sort(byId)
      .map((a) => {
        const code = [...areaCodesOf(String(a.data.extent ?? '')), ...areaCodesOf(String(a.data.name ?? ''))][0];
        return (code && areaName(code)) || str(a.data.name);
      })
      .filter((a): a is string => !!a);
    return {
      id: sid,
      tenantId: owner,
      national: owner === null,
      name: s.name,
      organizationName: s.organization_name,
      description: str(svc?.data.description),
      phones: phones.map(phoneOf),
      address: formatAddress(address),
      hours: hoursText(
        schedules.map((r) => r.data),
        today,
      ),
      openNow: s.open_now,
      minAge: s.min_age,
      maxAge: s.max_age,
      free: s.free,
      terms: [...new Map(cardTerms.map((t) => [t.id, t])).values()],
      areas: [...new Set(areas)],
      referralNote: str(svc?.data.application_process),
      assuredDate: s.assured_date,
      stale: s.assured_date === null || s.assured_date < cutoff,
      editable: canEdit(actor, owner),
    };
  });
}
