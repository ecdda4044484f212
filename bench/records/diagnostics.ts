// `--diag`: where a finalize's time goes in PostgreSQL during the timed load. PostgreSQL runs with
// pg_stat_statements and I/O timing; the statistics are reset when the load starts and read when it
// ends: the statements by their slowest run, with the blocks each read from outside PostgreSQL's
// buffers and the time those reads took, and the checkpoints and autovacuum runs meanwhile.
import type pg from 'pg';

/** PostgreSQL settings for a diagnostic run. */
export const DIAG_SETTINGS = { shared_preload_libraries: 'pg_stat_statements', track_io_timing: 'on', 'pg_stat_statements.max': '1000' };

export async function startDiagnostics(db: pg.Client): Promise<void> {
  await db.query('create extension if not exists pg_stat_statements');
  await db.query('select pg_stat_statements_reset()');
  await db.query("select pg_stat_reset_shared('bgwriter')");
  await db.query('select pg_stat_reset()');
}

interface StatementRow {
  query: string;
  calls: string;
  mean: number;
  max: number;
  total: number;
  read: string;
  hit: string;
  read_ms: number;
}

/** The report's lines. */
export async function readDiagnostics(db: pg.Client): Promise<string[]> {
  const { rows } = await db.query<StatementRow>(
    `select regexp_replace(left(query, 110), '\\s+', ' ', 'g') as query, calls, mean_exec_time as mean, max_exec_time as max,
       total_exec_time as total, shared_blks_read as read, shared_blks_hit as hit, blk_read_time as read_ms
     from pg_stat_statements where calls >= 20 order by max_exec_time desc limit 12`,
  );
  const f = (n: number) => n.toFixed(2);
  const lines = ['slowest statements during the load (max, mean ms; blocks read outside the buffers / hit; read time ms):'];
  for (const r of rows)
    lines.push(`  max ${f(r.max)} mean ${f(r.mean)} ×${r.calls} read ${r.read}/${r.hit} ${f(r.read_ms)} ms — ${r.query}`);
  const bg = (
    await db.query<{ timed: string; requested: string; written: string; write_ms: number; sync_ms: number }>(
      `select checkpoints_timed as timed, checkpoints_req as requested, buffers_checkpoint as written,
         checkpoint_write_time as write_ms, checkpoint_sync_time as sync_ms from pg_stat_bgwriter`,
    )
  ).rows[0]!;
  lines.push(
    `checkpoints meanwhile: ${bg.timed} timed, ${bg.requested} requested, ${bg.written} buffers written in ${f(bg.write_ms)} ms (sync ${f(bg.sync_ms)} ms)`,
  );
  const vacuums = (
    await db.query<{ relname: string; autovacuum_count: string; autoanalyze_count: string }>(
      `select relname, autovacuum_count, autoanalyze_count from pg_stat_user_tables
       where autovacuum_count > 0 or autoanalyze_count > 0 order by relname`,
    )
  ).rows;
  lines.push(
    `autovacuum / autoanalyze meanwhile: ${vacuums.length ? vacuums.map((v) => `${v.relname} ${v.autovacuum_count}/${v.autoanalyze_count}`).join(', ') : 'none'}`,
  );
  return lines;
}
