// Is telephony installed here? kamailio (with every module the cfg loads), rtpengine and redis-server
// (topology hiding's memory-only store). And `kamailio -c` over a rendered cfg.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { REQUIRED_MODULES } from './cfg/core.js';

const run = promisify(execFile);

export type TelephonyBinaries =
  { ok: true; kamailio: string; rtpengine: string; redis: string; modulesDir: string } | { ok: false; reason: string };

const executable = async (file: string) =>
  access(file, constants.X_OK).then(
    () => true,
    () => false,
  );

const exists = async (file: string) =>
  access(file, constants.R_OK).then(
    () => true,
    () => false,
  );

export interface BinaryPaths {
  kamailioBin?: string;
  rtpengineBin?: string;
  redisBin?: string;
  /** Folders searched when a preferred path is missing (default: PATH, /usr/sbin, /usr/bin). */
  searchPath?: string[];
}

async function findExecutable(name: string, preferred: string | undefined, searchPath: string[]): Promise<string | null> {
  for (const c of [preferred, ...searchPath.filter(Boolean).map((d) => join(d, name))]) if (c && (await executable(c))) return c;
  return null;
}

/** The paths of kamailio, rtpengine and redis-server, or why telephony cannot run on this machine. */
export async function telephonyBinaries(paths: BinaryPaths = {}): Promise<TelephonyBinaries> {
  const searchPath = paths.searchPath ?? [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin'];
  const kamailio = await findExecutable('kamailio', paths.kamailioBin, searchPath);
  if (!kamailio) return { ok: false, reason: 'kamailio is not installed (Debian: kamailio and its module packages)' };
  const rtpengine = await findExecutable('rtpengine', paths.rtpengineBin, searchPath);
  if (!rtpengine) return { ok: false, reason: 'rtpengine is not installed (Debian: rtpengine-daemon)' };
  const redis = await findExecutable('redis-server', paths.redisBin, searchPath);
  if (!redis) return { ok: false, reason: 'redis-server is not installed (topology hiding keeps its call state there)' };
  let info: string;
  try {
    info = (await run(kamailio, ['-I'], { timeout: 10_000 })).stdout;
  } catch (e) {
    return { ok: false, reason: `kamailio -I failed: ${(e as Error).message.split('\n')[0]}` };
  }
  const modulesDir = /Default paths to modules:\s*(\S+)/.exec(info)?.[1];
  if (!modulesDir) return { ok: false, reason: 'kamailio -I does not name its module folder' };
  const missing: string[] = [];
  for (const m of REQUIRED_MODULES) if (!(await exists(join(modulesDir, `${m}.so`)))) missing.push(m);
  if (missing.length) return { ok: false, reason: `kamailio modules missing in ${modulesDir}: ${missing.join(', ')}` };
  return { ok: true, kamailio, rtpengine, redis, modulesDir };
}

/** Runs `kamailio -c -f <file>` over the text (written 0600 into a private temporary folder). */
export async function checkKamailioConfig(text: string, kamailioBin = '/usr/sbin/kamailio'): Promise<{ ok: boolean; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'doverie-kamcheck-'));
  try {
    const file = join(dir, 'kamailio.cfg');
    await writeFile(file, text, { mode: 0o600 });
    try {
      const r = await run(kamailioBin, ['-c', '-f', file], { timeout: 30_000, maxBuffer: 4 * 1024 * 1024 });
      return { ok: true, output: r.stdout + r.stderr };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      return { ok: false, output: (err.stdout ?? '') + (err.stderr ?? '') || err.message };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
