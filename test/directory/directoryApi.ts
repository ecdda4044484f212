// Helpers for the directory tests: a helpline with its staff, entries made through the editing API,
// searches and cards read back.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { DirectoryCard } from '../../src/domain/directory/directoryCards.js';
import { putRows } from '../../src/domain/directory/directoryStore.js';
import { entryRows } from '../../src/domain/directory/entryRows.js';
import { entryInputSchema, type EntryView } from '../../src/domain/directory/entrySchemas.js';
import { reindexServices } from '../../src/domain/directory/serviceIndex.js';
import type { SignedIn, TestApp } from '../helpers/testApp.js';

export { termId } from '../../src/domain/directory/taxonomySeed.js';

export interface Helpline {
  id: string;
  counsellor: SignedIn;
  head: SignedIn;
}

export async function helpline(t: TestApp, timeZone = 'Europe/Moscow'): Promise<Helpline> {
  const s = await t.service();
  if (timeZone !== 'Europe/Moscow') await t.db.updateTable('services').set({ time_zone: timeZone }).where('id', '=', s.id).execute();
  const [counsellor, head] = await Promise.all([
    t.as([{ role: 'counsellor', serviceId: s.id }]),
    t.as([{ role: 'head', serviceId: s.id }]),
  ]);
  return { id: s.id, counsellor, head };
}

export const outcome = (res: LightMyRequestResponse) => ({ status: res.statusCode, code: (res.json() as { code?: string }).code });

export function ok<T>(res: LightMyRequestResponse, status = 200): T {
  expect({ status: res.statusCode, body: res.statusCode === status ? null : res.body }).toEqual({ status, body: null });
  return (status === 204 ? null : res.json()) as T;
}

/** A unique word, so a test's entries are found apart from other tests' (stems are the word itself: Latin letters). */
export const tag = () => `tag${Math.random().toString(36).slice(2, 10)}`;

export const createEntry = (t: TestApp, who: SignedIn, tenantId: string, entry: Record<string, unknown>) =>
  t.request(who, 'POST', `/api/services/${tenantId}/directory/entries`, entry);

export async function entry(t: TestApp, who: SignedIn, tenantId: string, entry: Record<string, unknown>): Promise<EntryView> {
  return ok<EntryView>(await createEntry(t, who, tenantId, entry), 201);
}

export async function search(t: TestApp, who: SignedIn, query: Record<string, string | number | boolean>) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return ok<{ total: number; page: number; perPage: number; items: DirectoryCard[] }>(
    await t.request(who, 'GET', `/api/directory/services?${qs}`),
  );
}

export const names = (page: { items: { name: string }[] }) => page.items.map((i) => i.name).sort();

export async function card(t: TestApp, who: SignedIn, id: string): Promise<DirectoryCard> {
  return ok<DirectoryCard>(await t.request(who, 'GET', `/api/directory/services/${id}`));
}

/** A national entry (tenant null), written as an import would: straight as HSDS rows, then indexed. Returns its id. */
export async function nationalEntry(t: TestApp, fields: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  const input = entryInputSchema.parse(fields);
  await t.db.transaction().execute(async (tx) => {
    await putRows(tx, { tenantId: null, actorId: null, at: t.clock.now() }, entryRows(id, input, null, t.clock.now(), 3).rows);
    await reindexServices(tx, [id], t.clock.now());
  });
  return id;
}
