// Kysely table types of the referral directory (HSDS 3.0 rows, the services' search index, public
// access, referrals in records); part of ./schema.ts's DB, mirroring migration 0009.
import type { ColumnType } from 'kysely';
import type { CreatedAt, Json } from './schema.js';

/** An HSDS table name (the `name` of the table in the standard's tabular schema). */
export type HsdsKind =
  | 'organization'
  | 'program'
  | 'service'
  | 'attribute'
  | 'service_at_location'
  | 'location'
  | 'phone'
  | 'contact'
  | 'address'
  | 'schedule'
  | 'funding'
  | 'service_area'
  | 'required_document'
  | 'language'
  | 'accessibility'
  | 'taxonomy_term'
  | 'metadata'
  | 'meta_table_description'
  | 'cost_option'
  | 'organization_identifier'
  | 'taxonomy';

/** One HSDS row's own fields (no nested arrays), exactly as the standard names them. */
export type HsdsData = Record<string, string | number | boolean | null>;

export interface DirectoryRowsTable {
  id: string;
  kind: HsdsKind;
  /** The helpline service owning the row; null: a national entry everyone sees. */
  tenant_id: string | null;
  /** Every id the row points to (organization_id, service_id, link_id, parent_id, …). */
  links: ColumnType<string[], string[] | undefined, string[]>;
  data: Json<HsdsData>;
  created_at: CreatedAt;
  updated_at: Date;
  updated_by: string | null;
}

export interface DirectoryServicesTable {
  service_id: string;
  tenant_id: string | null;
  organization_id: string | null;
  name: string;
  organization_name: string | null;
  status: string;
  /** tsvector, written with to_tsvector('russian', …). */
  search: ColumnType<string, unknown, unknown>;
  term_ids: ColumnType<string[], string[] | undefined, string[]>;
  area_codes: ColumnType<string[], string[] | undefined, string[]>;
  min_age: number | null;
  max_age: number | null;
  free: boolean;
  /** int4multirange of minutes of the week (UTC, Monday 00:00 = 0); null: hours unknown. */
  open_minutes: ColumnType<string | null, unknown, unknown>;
  closed_dates: ColumnType<string[], string[] | undefined, string[]>;
  assured_date: ColumnType<string | null, string | null | undefined, string | null>;
  referral_note: string | null;
  updated_at: Date;
}

export interface DirectorySettingsTable {
  tenant_id: string;
  public: boolean;
  updated_at: Date;
}

export interface RecordReferralsTable {
  id: string;
  record_id: string;
  service_id: string;
  directory_service_id: string;
  name: string;
  phone: string | null;
  term_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  created_by: string | null;
}
