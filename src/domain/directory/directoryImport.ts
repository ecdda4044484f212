// An HSDS import into one helpline service's directory, in one transaction: either every row of the
// file is saved or none (an issue anywhere refuses the whole file), unless the user chose to skip bad
// rows — then the good rows are saved and the bad ones listed. Rows are upserted by id: an id the
// service already has (of the same table) is updated; an id of another service's or of a national
// row is refused. After writing, the search index of every HSDS service the rows touch is rebuilt,
// and the audit log records the import with its counts, in the same transaction.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, HsdsKind } from '../../db/schema.js';
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import { appendAudit } from '../audit/appendAudit.js';
import { putRows } from './directoryStore.js';
import type { ImportIssue } from './importIssues.js';
import type { ImportRow, ParsedImport } from './importRows.js';
import { reindexServices, servicesTouchedBy } from './serviceIndex.js';

export interface Progress {
  total(n: number): void;
  /** Awaited inside the import's transaction: what it waits for, the whole import waits for. */
  advance(n: number): void | Promise<void>;
}

export interface ImportRequest {
  tenantId: string;
  actorId: string;
  format: 'json' | 'csv';
  skipBadRows: boolean;
}

export interface ImportOutcome {
  status: 'done' | 'failed';
  issues: ImportIssue[];
  issueCount: number;
  /** Rows saved, by HSDS table. */
  imported: Partial<Record<HsdsKind, number>>;
}

const WRITE_CHUNK = 500;
/** Ids per statement: Postgres takes at most 65,535 parameters, and index rebuilds read per service. */
const ID_CHUNK = 5000;
const REINDEX_CHUNK = 200;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

class Rollback extends Error {}

/** Rows whose id is taken by another owner or another table: reported, and left out. */
async function checkOwners(db: Database, tenantId: string, parsed: ParsedImport): Promise<{ rows: ImportRow[]; existing: string[] }> {
  const found = new Map<string, { kind: HsdsKind; tenant_id: string | null }>();
  for (const ids of chunks(
    parsed.rows.map((r) => String(r.data.id)),
    ID_CHUNK,
  )) {
    const rows = await db
      .selectFrom('directory_rows')
      .select(['id', 'kind', 'tenant_id'])
      .where(sql<boolean>`id = any(${sql.val(ids)}::uuid[])`)
      .execute();
    for (const r of rows) found.set(r.id, r);
  }
  const ok: ImportRow[] = [];
  for (const row of parsed.rows) {
    const id = String(row.data.id);
    const other = found.get(id);
    if (other && other.tenant_id !== tenantId) parsed.issues.add(row.where, 'id_taken', 'id', id);
    else if (other && other.kind !== row.kind) parsed.issues.add(row.where, 'id_other_table', 'id', id);
    else ok.push(row);
  }
  return { rows: ok, existing: ok.map((r) => String(r.data.id)).filter((id) => found.has(id)) };
}

async function touched(tx: Transaction<DB>, ids: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const part of chunks(ids, ID_CHUNK)) for (const id of await servicesTouchedBy(tx, part)) out.add(id);
  return [...out];
}

export async function importDirectory(
  deps: UnitDeps,
  req: ImportRequest,
  parsed: ParsedImport,
  progress: Progress,
): Promise<ImportOutcome> {
  progress.total(parsed.total);
  const { rows, existing } = await checkOwners(deps.db, req.tenantId, parsed);
  const failed = (): ImportOutcome => ({ status: 'failed', issues: parsed.issues.items, issueCount: parsed.issues.count, imported: {} });
  if (parsed.issues.count > 0 && !req.skipBadRows) return failed();
  await progress.advance(parsed.total - rows.length);
  if (rows.length === 0) return { status: 'done', issues: parsed.issues.items, issueCount: parsed.issues.count, imported: {} };

  try {
    const imported = await inUnit(deps, async (u) => {
      // The services these rows touched before the change (a phone or attribute may move elsewhere) and after it.
      const before = await touched(u.tx, existing);
      const byId = new Map(rows.map((r) => [String(r.data.id), r]));
      const written: string[] = [];
      for (const part of chunks(rows, WRITE_CHUNK)) {
        const res = await putRows(u.tx, { tenantId: req.tenantId, actorId: req.actorId, at: u.now }, part);
        for (const id of res.refused) parsed.issues.add(byId.get(id)!.where, 'id_taken', 'id', id);
        if (res.refused.length > 0 && !req.skipBadRows) throw new Rollback();
        written.push(...res.written);
        await progress.advance(part.length);
      }
      const services = new Set([...before, ...(await touched(u.tx, written))]);
      for (const part of chunks([...services], REINDEX_CHUNK)) await reindexServices(u.tx, part, u.now);
      const counts: Partial<Record<HsdsKind, number>> = {};
      for (const id of written) {
        const kind = byId.get(id)!.kind;
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
      await appendAudit(u.tx, u.now, {
        actorId: req.actorId,
        serviceId: req.tenantId,
        action: 'directory.import',
        targetType: 'service',
        targetId: req.tenantId,
        details: {
          format: req.format,
          skipBadRows: req.skipBadRows,
          rowsRead: parsed.total,
          rowsSaved: written.length,
          issues: parsed.issues.count,
          tables: counts,
        },
      });
      return counts;
    });
    return { status: 'done', issues: parsed.issues.items, issueCount: parsed.issues.count, imported };
  } catch (err) {
    if (err instanceof Rollback) return failed();
    throw err;
  }
}
