// `npm run audit:verify`: checks every audit chain and reports the first broken row.
// Exit code 0 when intact, 1 when broken, 2 when the check could not run.
// With the embedded database, stop the server first (PGlite serves one process at a time).
import { ConfigError, loadDatabaseSettings } from '../config.js';
import { openDatabase } from '../db/database.js';
import { verifyAuditChain } from '../domain/audit/verifyAuditChain.js';

async function main(): Promise<number> {
  const settings = loadDatabaseSettings();
  const handle = await openDatabase(settings);
  try {
    const result = await verifyAuditChain(handle.db);
    if (result.ok) {
      console.log(`Audit log intact: ${result.rows} rows in ${result.chains} chains.`);
      return 0;
    }
    const b = result.firstBreak!;
    console.log(`Audit log BROKEN at row id ${b.id} (chain ${b.chain}, seq ${b.seq}): ${b.reason.replace('_', ' ')}.`);
    return 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `Audit verification failed to run: ${(err as Error).message}`);
    process.exit(2);
  },
);
