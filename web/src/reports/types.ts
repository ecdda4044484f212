// The statistics report's shape (mirrors src/domain/records/reportSchemas.ts).
export const REPORT_SCOPES = ['service', 'region', 'network'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

/** A count, or '<5' where a small count is suppressed (region and network views). */
export type Cell = number | '<5';
export type Derived = Cell | null;

export interface Label {
  ru: string;
  en: string;
}

export interface ReportRow {
  key: string;
  label: Label;
  n: Cell;
  share: Derived;
  counselling?: Cell;
  category?: { code: string; label: Label };
}

export const REPORT_TABLE_IDS = [
  'contactType',
  'callerType',
  'nationalRow',
  'reason',
  'ageGroup',
  'gender',
  'channel',
  'hour',
  'weekday',
  'risk',
  'referralTerm',
] as const;
export type ReportTableId = (typeof REPORT_TABLE_IDS)[number];

export interface ReportTable {
  id: ReportTableId;
  title: Label;
  /** What a share is of ('referrals': all referrals; one counts under each kind of help it carries). */
  base: 'all' | 'counselling' | 'referrals';
  rows: ReportRow[];
}

export interface ContactReport {
  scope: ReportScope;
  period: { from: string; to: string };
  service: { id: string; name: string; region: string } | null;
  region: string | null;
  suppressed: boolean;
  title: Label;
  summary: Label;
  totals: { all: Cell; counselling: Cell; nonCounselling: Cell; missed: Cell; repeatCounselling: Cell };
  /** Referrals to the directory in the period's final records. */
  referrals: { total: Cell };
  tables: ReportTable[];
  routing: {
    offered: Cell;
    answered: Cell;
    answeredInServiceLevel: Cell;
    shortAbandoned: Cell;
    abandoned: Cell;
    abandonedAfterGreeting: Cell;
    expired: Cell;
    answeredByPartner: Cell;
    handled: Cell;
    serviceLevel: Derived;
    asaSeconds: Derived;
    abandonmentRate: Derived;
    ahtSeconds: Derived;
  };
}

export interface ReportParams {
  scope: ReportScope;
  serviceId?: string;
  region?: string;
  /** Local days 'YYYY-MM-DD', both included. */
  from: string;
  to: string;
}

export interface ExportView {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: number;
}
