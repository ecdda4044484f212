// Directory entries for the referral tests, written straight as HSDS rows (with the search index
// rebuilt) so these tests do not depend on the directory's editing API.
import { randomUUID } from 'node:crypto';
import type { HsdsRow } from '../../src/domain/directory/directoryStore.js';
import { putRows } from '../../src/domain/directory/directoryStore.js';
import { reindexServices } from '../../src/domain/directory/serviceIndex.js';
import { termId } from '../../src/domain/directory/taxonomySeed.js';
import type { TestApp } from '../helpers/testApp.js';

export interface EntryOptions {
  name: string;
  phones?: string[];
  /** National term codes (see taxonomySeed.ts), e.g. 'crisis.children'. */
  terms?: string[];
  /** A region's name as a service area, e.g. 'Владимирская область'. */
  area?: string;
  address?: string;
  note?: string;
}

const orderedId = (i: number) => `${String(i).padStart(8, '0')}${randomUUID().slice(8)}`;

/** Writes an entry owned by `tenantId` (null: national); returns the HSDS service's id. */
export async function directoryEntry(t: TestApp, tenantId: string | null, o: EntryOptions): Promise<string> {
  const org = randomUUID();
  const service = randomUUID();
  const rows: HsdsRow[] = [
    { kind: 'organization', data: { id: org, name: `${o.name} (организация)` } },
    {
      kind: 'service',
      data: { id: service, organization_id: org, name: o.name, status: 'active', application_process: o.note ?? null },
    },
    // Phone ids in the order given: a card lists a service's phones by id.
    ...(o.phones ?? []).map((number, i) => ({ kind: 'phone' as const, data: { id: orderedId(i), service_id: service, number } })),
    ...(o.terms ?? []).map((code) => ({
      kind: 'attribute' as const,
      data: { id: randomUUID(), link_id: service, link_type: 'service', link_entity: 'service', taxonomy_term_id: termId(code) },
    })),
    ...(o.area ? [{ kind: 'service_area' as const, data: { id: randomUUID(), service_id: service, name: o.area } }] : []),
  ];
  if (o.address) {
    const location = randomUUID();
    rows.push(
      { kind: 'location', data: { id: location, location_type: 'physical', name: o.name } },
      {
        kind: 'address',
        data: { id: randomUUID(), location_id: location, address_1: o.address, city: 'Владимир', address_type: 'physical' },
      },
      { kind: 'service_at_location', data: { id: randomUUID(), service_id: service, location_id: location } },
    );
  }
  await t.db.transaction().execute(async (tx) => {
    await putRows(tx, { tenantId, actorId: null, at: t.clock.now() }, rows);
    await reindexServices(tx, [service], t.clock.now());
  });
  return service;
}

/** Changes an entry's name and phone numbers in place (the referral's snapshot must not follow). */
export async function renameEntry(t: TestApp, serviceId: string, name: string, phone: string): Promise<void> {
  await t.db.transaction().execute(async (tx) => {
    const svc = await tx.selectFrom('directory_rows').select(['data', 'tenant_id']).where('id', '=', serviceId).executeTakeFirstOrThrow();
    const phones = await tx
      .selectFrom('directory_rows')
      .select(['id', 'data'])
      .where('kind', '=', 'phone')
      .where((eb) => eb(eb.val(serviceId), '=', eb.fn.any('links')))
      .execute();
    const owner = { tenantId: svc.tenant_id, actorId: null, at: t.clock.now() };
    await putRows(tx, owner, [
      { kind: 'service', data: { ...svc.data, name } },
      ...phones.map((p) => ({ kind: 'phone' as const, data: { ...p.data, number: phone } })),
    ]);
    await reindexServices(tx, [serviceId], t.clock.now());
  });
}

export { termId };
