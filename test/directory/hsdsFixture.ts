// Directory data for the HSDS API tests, written straight into directory_rows (putRows, then the
// search index): the standard's official examples (examples/tabular.json) into one helpline, and
// small Russian entries — an organization, its service with a place, address, phone, hours, area,
// taxonomy terms — for any helpline or as national entries.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HsdsData, HsdsKind } from '../../src/db/schema.js';
import { putRows, type HsdsRow } from '../../src/domain/directory/directoryStore.js';
import { HSDS_TABLES, hsdsDir } from '../../src/domain/directory/hsdsCatalogue.js';
import { reindexServices, servicesTouchedBy } from '../../src/domain/directory/serviceIndex.js';
import type { TestApp } from '../helpers/testApp.js';

/** Writes rows owned by `tenantId` (null: national) at the app's clock, and reindexes the services they touch. */
export async function putAll(t: TestApp, tenantId: string | null, rows: readonly HsdsRow[]): Promise<void> {
  const at = t.clock.now();
  await t.db.transaction().execute(async (tx) => {
    const { refused } = await putRows(tx, { tenantId, actorId: null, at }, rows);
    if (refused.length) throw new Error(`rows refused: ${refused.join(', ')}`);
    await reindexServices(
      tx,
      await servicesTouchedBy(
        tx,
        rows.map((r) => String(r.data.id)),
      ),
      at,
    );
  });
}

/** The official examples' rows (one of each table), as HSDS rows. */
export function exampleRows(): HsdsRow[] {
  const tabular = JSON.parse(readFileSync(join(hsdsDir, 'examples', 'tabular.json'), 'utf8')) as Record<string, HsdsData[]>;
  const kindOf = new Map(HSDS_TABLES.map((t) => [t.path, t.kind]));
  return Object.entries(tabular).flatMap(([path, rows]) => rows.map((data) => ({ kind: kindOf.get(path) as HsdsKind, data })));
}

export const exampleJson = (name: string): unknown => JSON.parse(readFileSync(join(hsdsDir, 'examples', name), 'utf8'));

/** Ids of the examples' rows. */
export const EXAMPLE = {
  organization: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
  service: 'ac148810-d857-441c-9679-408f346de14b',
  serviceAtLocation: 'e94c9f38-1e8f-4564-91d4-d53501ab1765',
  location: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
  taxonomy: '5c4d79d7-cc55-470e-9f1f-8cad074e4892',
  taxonomyTerm: '3f7b145d-84af-42d7-8fae-eaca714b02b2',
};

export interface EntrySpec {
  name: string;
  description?: string;
  /** An existing organization's id, or a name for a new one. */
  organization: { id: string } | { name: string };
  termIds?: string[];
  area?: string;
  minAge?: number;
  maxAge?: number;
  phone?: string;
  /** Extra fields on the service row that are not HSDS (must never reach the API). */
  extra?: HsdsData;
}

export interface Entry {
  serviceId: string;
  organizationId: string;
  serviceAtLocationId: string;
  locationId: string;
  rows: HsdsRow[];
}

/** One Russian entry: its organization (unless given), service, location with address, SAL, phone, hours, area and terms. */
export function entry(spec: EntrySpec): Entry {
  const serviceId = randomUUID();
  const locationId = randomUUID();
  const salId = randomUUID();
  const organizationId = 'id' in spec.organization ? spec.organization.id : randomUUID();
  const rows: HsdsRow[] = [];
  if ('name' in spec.organization)
    rows.push({
      kind: 'organization',
      data: { id: organizationId, name: spec.organization.name, description: `${spec.organization.name}.` },
    });
  rows.push(
    {
      kind: 'service',
      data: {
        id: serviceId,
        organization_id: organizationId,
        name: spec.name,
        description: spec.description ?? null,
        status: 'active',
        url: 'https://сайт.рф/помощь',
        email: 'help@example.ru',
        minimum_age: spec.minAge ?? null,
        maximum_age: spec.maxAge ?? null,
        assured_date: '2026-10-01',
        ...spec.extra,
      },
    },
    { kind: 'location', data: { id: locationId, location_type: 'physical', organization_id: organizationId, name: spec.name } },
    {
      kind: 'address',
      data: {
        id: randomUUID(),
        location_id: locationId,
        address_1: 'ул. Мира, д. 1',
        city: 'Владимир',
        state_province: 'Владимирская область',
        postal_code: '600000',
        country: 'RU',
        address_type: 'physical',
      },
    },
    { kind: 'service_at_location', data: { id: salId, service_id: serviceId, location_id: locationId, description: null } },
    {
      kind: 'phone',
      data: { id: randomUUID(), service_id: serviceId, number: spec.phone ?? '8 800 2000 122', internal_note: 'не для API' },
    },
    {
      kind: 'schedule',
      data: { id: randomUUID(), service_id: serviceId, freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '18:00' },
    },
    { kind: 'service_area', data: { id: randomUUID(), service_id: serviceId, name: spec.area ?? 'Владимирская область' } },
    ...(spec.termIds ?? []).map((termId): HsdsRow => ({
      kind: 'attribute',
      data: { id: randomUUID(), link_id: serviceId, link_type: 'service', link_entity: 'service', taxonomy_term_id: termId },
    })),
  );
  return { serviceId, organizationId, serviceAtLocationId: salId, locationId, rows };
}
