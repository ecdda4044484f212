// An entry as the editor sees it and as HSDS rows: one service, its organization, one place
// (location + address + service_at_location), its own phones, weekly hours and closed days, areas,
// taxonomy attributes and a cost option. The editor manages only these rows: whatever else an
// imported entry has (contacts, languages, other places, fields the form does not show) is kept.
// Rows of lists get positional ids (their order is the editor's); single rows keep their ids.
import type { HsdsData, HsdsKind } from '../../db/schema.js';
import type { HsdsRow, StoredRow } from './directoryStore.js';
import type { EntryInput, EntryView } from './entrySchemas.js';
import { DAYS } from './entrySchemas.js';
import { hhmm, scheduleDays } from './hoursText.js';
import { areaCodesOf, areaName } from './regions.js';
import { positionalId, uuidV5 } from './stableIds.js';

/** An entry's rows as stored, those the editor manages sorted out. */
export interface LoadedEntry {
  service: StoredRow;
  organization: StoredRow | null;
  /** Whether another service uses the organization (then renaming it makes a new one for this entry). */
  organizationShared: boolean;
  /** The entry's place: its first service_at_location (by id), that location and its first address. */
  sal: StoredRow | null;
  location: StoredRow | null;
  locationShared: boolean;
  address: StoredRow | null;
  /** Phones, schedules, areas, attributes and cost options the editor replaces on save. */
  managed: StoredRow[];
}

const low = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : '');
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const byId = (a: StoredRow, b: StoredRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const isClosedDay = (d: HsdsData) => hhmm(d.opens_at) === null && typeof d.valid_from === 'string' && d.valid_from === d.valid_to;

/** Whether a row of the service's children is one the editor manages. */
export function isManaged(row: StoredRow, serviceId: string): boolean {
  const d = row.data;
  const own = low(d.service_id) === serviceId;
  switch (row.kind) {
    case 'phone':
      return own && !d.location_id && !d.contact_id && !d.service_at_location_id;
    case 'schedule':
      return (
        own &&
        !d.location_id &&
        !d.service_at_location_id &&
        (isClosedDay(d) || (hhmm(d.opens_at) !== null && hhmm(d.closes_at) !== null && scheduleDays(d).length > 0))
      );
    case 'service_area':
      return own && areaCodesOf(String(d.extent ?? '')).length + areaCodesOf(String(d.name ?? '')).length > 0;
    case 'attribute':
      return low(d.link_id) === serviceId && !!d.taxonomy_term_id;
    case 'cost_option':
      return own;
    default:
      return false;
  }
}

/** Free unless a cost option asks for money (the same rule as the search index). */
export const freeOf = (costs: readonly StoredRow[]) => !costs.some((c) => !(typeof c.data.amount === 'number' && c.data.amount <= 0));

export function entryView(e: LoadedEntry): EntryView {
  const s = e.service.data;
  const of = (kind: HsdsKind) => e.managed.filter((r) => r.kind === kind).sort(byId);
  const schedules = of('schedule');
  const a = e.address?.data;
  return {
    id: e.service.id,
    tenantId: e.service.tenantId,
    updatedAt: e.service.updatedAt.toISOString(),
    organizationName: str(e.organization?.data.name),
    name: String(s.name ?? ''),
    description: str(s.description),
    phones: of('phone').map((p) => ({ number: String(p.data.number ?? ''), description: str(p.data.description) })),
    address: a
      ? {
          address1: String(a.address_1 ?? ''),
          city: String(a.city ?? ''),
          region: str(a.state_province) ?? str(a.region),
          postalCode: str(a.postal_code),
        }
      : null,
    schedules: schedules
      .filter((r) => !isClosedDay(r.data))
      .map((r) => ({ days: scheduleDays(r.data).map((d) => DAYS[d]!), opens: hhmm(r.data.opens_at)!, closes: hhmm(r.data.closes_at)! })),
    closedDates: schedules
      .filter((r) => isClosedDay(r.data))
      .map((r) => String(r.data.valid_from).slice(0, 10))
      .sort(),
    areaCodes: [
      ...new Set(
        of('service_area').flatMap((r) => [...areaCodesOf(String(r.data.extent ?? '')), ...areaCodesOf(String(r.data.name ?? ''))]),
      ),
    ],
    termIds: [...new Set(of('attribute').map((r) => low(r.data.taxonomy_term_id)))],
    minAge: int(s.minimum_age),
    maxAge: int(s.maximum_age),
    free: freeOf(of('cost_option')),
    feesDescription: str(s.fees_description),
    email: str(s.email),
    url: str(s.url),
    referralNote: str(s.application_process),
    assuredDate: typeof s.assured_date === 'string' ? s.assured_date.slice(0, 10) : null,
  };
}

/** An empty entry: what a new one is compared with (every field it sets is a change). */
export const emptyView = (id: string, tenantId: string | null): EntryView => ({
  id,
  tenantId,
  updatedAt: '',
  organizationName: null,
  name: '',
  description: null,
  phones: [],
  address: null,
  schedules: [],
  closedDates: [],
  areaCodes: [],
  termIds: [],
  minAge: null,
  maxAge: null,
  free: true,
  feesDescription: null,
  email: null,
  url: null,
  referralNote: null,
  assuredDate: null,
});

export interface EntryRows {
  rows: HsdsRow[];
  /** Ids of the entry's stored rows the new ones no longer include. */
  removed: string[];
}

/**
 * The rows of an entry after a save. `existing`: the entry as stored (null for a new one).
 * `utcOffsetHours`: the owner's time zone, written into each schedule row (HSDS reads times as UTC otherwise).
 */
export function entryRows(serviceId: string, input: EntryInput, existing: LoadedEntry | null, at: Date, utcOffsetHours: number): EntryRows {
  const sid = serviceId.toLowerCase();
  const rows: HsdsRow[] = [];
  const removed: string[] = [];
  const keep = (r: StoredRow | null | undefined) => (r ? r.data : {});

  // The organization: kept and renamed, unless other services share it and its name changes.
  let orgId: string | null = null;
  if (input.organizationName) {
    const org = existing?.organization ?? null;
    const reuse = org && (!existing?.organizationShared || org.data.name === input.organizationName);
    orgId = reuse ? org.id : uuidV5(`${sid}:organization`);
    rows.push({
      kind: 'organization',
      data: { ...(reuse ? keep(org) : {}), id: orgId, name: input.organizationName, description: str(org?.data.description) ?? '' },
    });
  }
  if (existing?.organization && existing.organization.id !== orgId && !existing.organizationShared) removed.push(existing.organization.id);

  rows.push({
    kind: 'service',
    data: {
      ...keep(existing?.service),
      id: sid,
      organization_id: orgId,
      name: input.name,
      description: input.description,
      url: input.url,
      email: input.email,
      status: str(existing?.service.data.status) ?? 'active',
      fees_description: input.feesDescription,
      minimum_age: input.minAge,
      maximum_age: input.maxAge,
      assured_date: input.assuredDate,
      application_process: input.referralNote,
      last_modified: at.toISOString(),
    },
  });

  // The place: one location with its address, linked through a service_at_location. A location
  // other services share is left to them: the entry moves to a place of its own.
  const location = existing?.location && !existing.locationShared ? existing.location : null;
  let salId: string | null = null;
  if (input.address) {
    const locationId = location?.id ?? uuidV5(`${sid}:location`);
    salId = (location && existing?.sal?.id) || uuidV5(`${sid}:service_at_location`);
    const addressId = (location && existing?.address?.id) || uuidV5(`${sid}:address`);
    rows.push(
      {
        kind: 'location',
        data: {
          ...keep(location),
          id: locationId,
          location_type: str(location?.data.location_type) ?? 'physical',
          organization_id: orgId,
          name: input.organizationName ?? input.name,
        },
      },
      {
        kind: 'address',
        data: {
          ...(location ? keep(existing?.address) : {}),
          id: addressId,
          location_id: locationId,
          address_1: input.address.address1,
          city: input.address.city,
          state_province: input.address.region ?? '',
          postal_code: input.address.postalCode ?? '',
          country: 'RU',
          address_type: 'physical',
        },
      },
      {
        kind: 'service_at_location',
        data: { ...(location ? keep(existing?.sal) : {}), id: salId, service_id: sid, location_id: locationId },
      },
    );
  } else if (location) {
    removed.push(location.id, ...(existing?.address ? [existing.address.id] : []));
  }
  if (existing?.sal && existing.sal.id !== salId) removed.push(existing.sal.id);

  const list = (kind: HsdsKind, tag: string, items: HsdsData[]) =>
    items.forEach((data, i) => rows.push({ kind, data: { id: positionalId(sid, tag, i), ...data } }));
  list(
    'phone',
    'phone',
    input.phones.map((p) => ({ service_id: sid, number: p.number, description: p.description, type: 'voice' })),
  );
  list(
    'schedule',
    'schedule',
    input.schedules.map((s) => ({
      service_id: sid,
      freq: 'WEEKLY',
      byday: DAYS.filter((d) => s.days.includes(d)).join(','),
      opens_at: s.opens,
      closes_at: s.closes,
      timezone: utcOffsetHours,
    })),
  );
  list(
    'schedule',
    'closed',
    [...input.closedDates].sort().map((d) => ({ service_id: sid, valid_from: d, valid_to: d, description: 'Не работает' })),
  );
  list(
    'service_area',
    'service_area',
    input.areaCodes.map((code) => ({ service_id: sid, name: areaName(code) ?? code, extent: code, extent_type: 'text' })),
  );
  list(
    'attribute',
    'attribute',
    input.termIds.map((t) => ({ link_id: sid, link_type: 'service_type', link_entity: 'service', taxonomy_term_id: t, value: null })),
  );
  list('cost_option', 'cost_option', [
    input.free
      ? { service_id: sid, option: 'Бесплатно', amount: 0, currency: 'RUB', amount_description: null }
      : { service_id: sid, option: 'Платно', amount: null, currency: 'RUB', amount_description: input.feesDescription },
  ]);

  const kept = new Set(rows.map((r) => String(r.data.id)));
  for (const r of existing?.managed ?? []) if (!kept.has(r.id)) removed.push(r.id);
  return { rows, removed: [...new Set(removed)].filter((id) => !kept.has(id)) };
}
