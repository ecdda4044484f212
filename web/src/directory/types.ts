// Shapes of the referral directory's API (the HTTP contract of issue 8; the server's zod schemas
// in src/http/routes/directory*.ts are the reference).

/** One directory entry (an HSDS service) as search and the card view show it. */
export interface DirectoryCard {
  id: string;
  /** The helpline service that owns the entry; null: a national entry everyone sees. */
  tenantId: string | null;
  national: boolean;
  name: string;
  organizationName: string | null;
  description: string | null;
  phones: { number: string; description: string | null }[];
  address: string | null;
  hours: string | null;
  /** Null: the entry's hours are unknown. */
  openNow: boolean | null;
  minAge: number | null;
  maxAge: number | null;
  free: boolean;
  terms: { id: string; name: string }[];
  /** Names of the regions served. */
  areas: string[];
  /** «Что сказать при направлении». */
  referralNote: string | null;
  /** Last verified (YYYY-MM-DD). */
  assuredDate: string | null;
  /** Not verified for 12 months. */
  stale: boolean;
  /** Computed by the server's policy: whether the signed-in user may change it. */
  editable: boolean;
}

export interface SearchPage {
  total: number;
  page: number;
  perPage: number;
  items: DirectoryCard[];
}

/** Search parameters; empty strings and false are left out of the query. */
export interface SearchParams {
  q: string;
  term: string;
  area: string;
  openNow: boolean;
  age: string;
  free: boolean;
  page: number;
}

export interface Term {
  id: string;
  parentId: string | null;
  code: string | null;
  name: string;
  /** Null: a national term (edited by the admin only). */
  tenantId: string | null;
}

export interface Region {
  code: string;
  name: string;
}

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Schedule {
  days: Weekday[];
  /** 'HH:MM' */
  opens: string;
  closes: string;
}

export interface EntryInput {
  organizationName: string | null;
  name: string;
  description: string | null;
  phones: { number: string; description: string | null }[];
  address: { address1: string; city: string; region: string | null; postalCode: string | null } | null;
  schedules: Schedule[];
  closedDates: string[];
  areaCodes: string[];
  termIds: string[];
  minAge: number | null;
  maxAge: number | null;
  free: boolean;
  feesDescription: string | null;
  email: string | null;
  url: string | null;
  referralNote: string | null;
  assuredDate: string | null;
}

/** GET /api/directory/entries/:id: the entry as the form edits it. */
export interface Entry extends EntryInput {
  id: string;
  tenantId: string | null;
  /** Sent back on PUT: a change by someone else in between → 409 directory.conflict. */
  updatedAt: string;
}

export type JobStatus = 'running' | 'done' | 'failed';

export interface ImportRowError {
  /** The CSV file of the package; null for JSON. */
  file: string | null;
  /** CSV: the line the record starts on (the header is 1); JSON: the row's JSONPath. */
  line: number | string | null;
  field: string | null;
  code: string;
  message: string;
}

export interface ImportJob {
  status: JobStatus;
  total: number;
  done: number;
  /** The first errors (the list is capped); errorCount says how many there were. */
  errors: ImportRowError[];
  errorCount: number;
  imported: Record<string, number>;
}

export interface ExportJob {
  status: JobStatus;
  total: number;
  done: number;
}

export type TransferFormat = 'json' | 'csv';
