import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest, migrator, throwIfFailed } from '../src/db/migrate.js';
import { migrations } from '../src/db/migrations/index.js';
import { inUnit } from '../src/db/unitOfWork.js';
import { appendAudit } from '../src/domain/audit/appendAudit.js';
import { GENESIS_HASH, auditHash } from '../src/domain/audit/auditHash.js';
import { verifyAuditChain } from '../src/domain/audit/verifyAuditChain.js';
import { DATABASES, openEmptyDatabase } from './helpers/testDatabase.js';

const run = promisify(execFile);

async function writeRows(handle: DatabaseHandle, serviceId: string | null, n: number) {
  for (let i = 0; i < n; i++) {
    await inUnit({ db: handle.db, publish: () => {}, clock: () => new Date() }, (u) =>
      appendAudit(u.tx, u.now, { actorId: null, serviceId, action: 'test.action', details: { i, text: 'детали' } }),
    );
  }
}

/** The attacker with database access: switch the append-only trigger off, edit, switch it on. */
async function tamper(handle: DatabaseHandle, statement: ReturnType<typeof sql>) {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(handle.db);
  await statement.execute(handle.db);
  await sql`alter table audit_log enable trigger audit_log_no_update`.execute(handle.db);
}

describe.each(DATABASES)('audit log on %s', (kind) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openEmptyDatabase(kind);
    await migrateToLatest(h.db);
  });
  afterAll(() => h.close());

  it('chains rows per service and verifies intact chains', async () => {
    const a = crypto.randomUUID();
    const b = crypto.randomUUID();
    await writeRows(h, a, 3);
    await writeRows(h, b, 2);
    await writeRows(h, null, 2);
    const rows = await h.db.selectFrom('audit_log').selectAll().where('chain', '=', a).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    const result = await verifyAuditChain(h.db);
    expect(result).toMatchObject({ ok: true, rows: 7, chains: 3 });
  });

  it('is append-only: UPDATE and DELETE are refused by the database', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(h.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(h.db)).rejects.toThrow(/append-only/);
  });

  it('writes nothing when the transaction that records it rolls back', async () => {
    const s = crypto.randomUUID();
    await expect(
      inUnit({ db: h.db, publish: () => {}, clock: () => new Date() }, async (u) => {
        await appendAudit(u.tx, u.now, { actorId: null, serviceId: s, action: 'test.rolled_back' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const n = await h.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('chain', '=', s)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    const s = crypto.randomUUID();
    await Promise.all(Array.from({ length: 12 }, () => writeRows(h, s, 1)));
    const seqs = (await h.db.selectFrom('audit_log').select('seq').where('chain', '=', s).orderBy('seq').execute()).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it('detects an edited row and reports it as the first broken row', async () => {
    const s = crypto.randomUUID();
    await writeRows(h, s, 4);
    const third = await h.db.selectFrom('audit_log').select('id').where('chain', '=', s).where('seq', '=', 3).executeTakeFirstOrThrow();
    await tamper(h, sql`update audit_log set details = '{"i": 99}'::jsonb where id = ${third.id}`);
    const result = await verifyAuditChain(h.db);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toEqual({ id: third.id, chain: s, seq: 3, reason: 'hash_mismatch' });
  });
});

describe.each(DATABASES)('audit chain heads on %s', (kind) => {
  const open: DatabaseHandle[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((x) => x.close()));
  });
  const migrated = async (upTo?: string) => {
    const x = await openEmptyDatabase(kind);
    open.push(x);
    const names = Object.keys(migrations);
    const only = upTo ? names.slice(0, names.indexOf(upTo) + 1) : names;
    throwIfFailed(await migrator(x.db, Object.fromEntries(only.map((n) => [n, migrations[n]!]))).migrateToLatest());
    return x;
  };

  it('moves with every append, and a chain whose last rows were deleted is reported', async () => {
    const x = await migrated();
    const s = crypto.randomUUID();
    await writeRows(x, s, 4);
    const last = await x.db
      .selectFrom('audit_log')
      .select(['id', 'hash'])
      .where('chain', '=', s)
      .where('seq', '=', 4)
      .executeTakeFirstOrThrow();
    expect(await x.db.selectFrom('audit_chain_heads').selectAll().where('chain', '=', s).executeTakeFirstOrThrow()).toEqual({
      chain: s,
      seq: 4,
      hash: last.hash,
    });
    const second = await x.db.selectFrom('audit_log').select('id').where('chain', '=', s).where('seq', '=', 2).executeTakeFirstOrThrow();
    // Every row left is intact and linked: only the head shows the two deleted at the end.
    await tamper(x, sql`delete from audit_log where chain = ${s} and seq >= 3`);
    expect(await verifyAuditChain(x.db)).toEqual({
      ok: false,
      rows: 2,
      chains: 1,
      firstBreak: { id: second.id, chain: s, seq: 4, reason: 'head_mismatch' },
    });
  });

  it('a database migrated with chains already written gets their heads, and appending continues them', async () => {
    const x = await migrated('2026_11_24_0013_desk_phones');
    const s = crypto.randomUUID();
    // Rows as the appender before heads wrote them: linked by hash, no head.
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const f = {
        chain: s,
        seq,
        at: new Date(),
        actorId: null,
        serviceId: s,
        action: 'test.before',
        targetType: null,
        targetId: null,
        details: { seq },
        prevHash,
      };
      const hash = auditHash(f);
      await sql`insert into audit_log (chain, seq, at, service_id, action, details, prev_hash, hash)
        values (${s}, ${seq}, ${f.at}, ${s}::uuid, ${f.action}, ${JSON.stringify(f.details)}::jsonb, ${prevHash}, ${hash})`.execute(x.db);
      prevHash = hash;
    }
    await migrateToLatest(x.db);
    expect(await x.db.selectFrom('audit_chain_heads').selectAll().execute()).toEqual([{ chain: s, seq: 3, hash: prevHash }]);
    await writeRows(x, s, 2);
    expect((await x.db.selectFrom('audit_log').select('seq').where('chain', '=', s).orderBy('seq').execute()).map((r) => r.seq)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(await verifyAuditChain(x.db)).toEqual({ ok: true, rows: 5, chains: 1 });
  });
});

describe.each(DATABASES)('audit verify command on %s', (kind) => {
  const cli = ['--import', 'tsx', join(import.meta.dirname, '../src/cli/auditVerify.ts')];

  it('exits 0 on an intact log, 1 and names the first broken row after tampering', async () => {
    let env: Record<string, string>;
    let handle: DatabaseHandle;
    let cleanup: () => Promise<void>;
    if (kind === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'doverie-audit-'));
      env = { DOVERIE_DATA_DIR: dir };
      handle = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const name = `audit_cli_${Date.now()}`;
      const admin = inject('pgAdminUrl');
      handle = await openDatabase({ kind: 'postgres', url: admin, poolMax: 1 });
      await sql`create database ${sql.raw(name)}`.execute(handle.db);
      await handle.close();
      const url = admin.replace(/\/postgres$/, `/${name}`);
      env = { DATABASE_URL: url };
      handle = await openDatabase({ kind: 'postgres', url, poolMax: 2 });
      cleanup = async () => {
        const a = await openDatabase({ kind: 'postgres', url: admin, poolMax: 1 });
        await sql`drop database if exists ${sql.raw(name)} with (force)`.execute(a.db);
        await a.close();
      };
    }
    try {
      await migrateToLatest(handle.db);
      const s = crypto.randomUUID();
      await writeRows(handle, s, 3);
      await handle.close();

      const ok = await run(process.execPath, cli, { env: { ...process.env, ...env } });
      expect(ok.stdout).toMatch(/Audit log intact: 3 rows in 1 chains/);

      handle =
        kind === 'pglite'
          ? await openDatabase({ kind: 'pglite', dataDir: join(env.DOVERIE_DATA_DIR!, 'pglite') })
          : await openDatabase({ kind: 'postgres', url: env.DATABASE_URL!, poolMax: 1 });
      const second = await handle.db.selectFrom('audit_log').select('id').where('seq', '=', 2).executeTakeFirstOrThrow();
      await tamper(handle, sql`update audit_log set action = 'staff.nothing_happened' where id = ${second.id}`);
      await handle.close();

      const broken = await run(process.execPath, cli, { env: { ...process.env, ...env } }).then(
        () => undefined,
        (err: { code: number; stdout: string }) => err,
      );
      expect(broken?.code).toBe(1);
      expect(broken?.stdout).toContain(`BROKEN at row id ${second.id} (chain ${s}, seq 2): hash mismatch`);
    } finally {
      await cleanup();
    }
  });
});
