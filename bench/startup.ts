// Cold start to ready: spawn the built server (`node dist/server/main.js`, what `npm start` runs)
// and time until it prints "Doverie ready at". Two cases: first start on an empty data dir
// (cluster from the build-time template, migrations, demo network with 8 argon2id hashes) and a
// restart on existing data. Usage: npm run bench [-- --quick]. The last line is JSON.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '../dist/server/main.js');
const TARGET_MS = 5000;
const quick = process.argv.includes('--quick');
const runs = quick ? 2 : 7;

function startOnce(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, DOVERIE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let ms = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!ms && out.includes('Doverie ready at')) {
        ms = Number(process.hrtime.bigint() - t0) / 1e6;
        child.kill('SIGTERM');
      }
    });
    child.on('exit', (code) => (ms ? resolve(ms) : reject(new Error(`server exited ${code} before ready:\n${out}`))));
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

if (!existsSync(MAIN)) throw new Error('Run `npm run build` first.');
const first: number[] = [];
const restart: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'doverie-bench-'));
  try {
    first.push(await startOnce(dir));
    restart.push(await startOnce(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const result = {
  bench: 'startup',
  runs,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  first_start_median_ms: Math.round(median(first)),
  restart_median_ms: Math.round(median(restart)),
  first_start_vs_target: +(median(first) / TARGET_MS).toFixed(2),
  restart_vs_target: +(median(restart) / TARGET_MS).toFixed(2),
  first_vs_restart: +(median(first) / median(restart)).toFixed(2),
  target_ms: TARGET_MS,
};
console.log(`first start (empty data dir): median ${result.first_start_median_ms} ms of ${first.map(Math.round).join(', ')}`);
console.log(`restart (existing data):      median ${result.restart_median_ms} ms of ${restart.map(Math.round).join(', ')}`);
console.log(JSON.stringify(result));
