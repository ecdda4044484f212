// The history of an entry as HSDS keeps it: a metadata row per changed field (what it was, what it
// became, when, by whom), owned like the entry so it travels with its export.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { HsdsRow } from './directoryStore.js';
import type { EntryView } from './entrySchemas.js';

export type EntryAction = 'create' | 'update' | 'delete' | 'verify';

/** The editor's fields and the HSDS field (or table) each one is kept in. */
const FIELDS: Record<Exclude<keyof EntryView, 'id' | 'tenantId' | 'updatedAt'>, string> = {
  organizationName: 'organization.name',
  name: 'name',
  description: 'description',
  phones: 'phone',
  address: 'address',
  schedules: 'schedule',
  closedDates: 'schedule.closed',
  areaCodes: 'service_area',
  termIds: 'attribute',
  minAge: 'minimum_age',
  maxAge: 'maximum_age',
  free: 'cost_option',
  feesDescription: 'fees_description',
  email: 'email',
  url: 'url',
  referralNote: 'application_process',
  assuredDate: 'assured_date',
};

export interface FieldChange {
  field: string;
  previous: string;
  replacement: string;
}

const asText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The fields that differ between two views of an entry. */
export function changedFields(before: EntryView, after: EntryView): FieldChange[] {
  return (Object.keys(FIELDS) as (keyof typeof FIELDS)[])
    .filter((k) => asText(before[k]) !== asText(after[k]))
    .map((k) => ({ field: FIELDS[k], previous: asText(before[k]), replacement: asText(after[k]) }));
}

export function metadataRows(
  serviceId: string,
  action: EntryAction,
  changes: readonly FieldChange[],
  day: string,
  updatedBy: string,
): HsdsRow[] {
  return changes.map((c) => ({
    kind: 'metadata',
    data: {
      id: randomUUID(),
      resource_id: serviceId,
      resource_type: 'service',
      last_action_date: day,
      last_action_type: action,
      field_name: c.field,
      previous_value: c.previous,
      replacement_value: c.replacement,
      updated_by: updatedBy,
    },
  }));
}

/** The name the history shows for a staff member: their pseudonym (what colleagues know them by), else their id. */
export async function displayName(tx: Transaction<DB>, userId: string): Promise<string> {
  const row = await tx.selectFrom('staff_users').select('pseudonym').where('id', '=', userId).executeTakeFirst();
  return row?.pseudonym ?? userId;
}
