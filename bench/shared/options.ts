// Command-line options as the benchmarks read them (see bench/README.md): `--name value`, flags,
// --quick and --server.
import { join, resolve } from 'node:path';

/** The value after `name`, when `name` is given. */
export const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

export const flag = (name: string): boolean => process.argv.includes(name);

/** The positive whole number after `name`, or `fallback` without it; anything else is refused. */
export const num = (name: string, fallback: number): number => {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} needs a positive whole number, got ${v}`);
  return n;
};

/** --quick: a short run (about 10 s of load). */
export const quick = flag('--quick');

/** --server <main.js>: benchmark another build of the server (e.g. to compare a change); default dist/. */
export const MAIN = arg('--server') ? resolve(arg('--server')!) : join(import.meta.dirname, '../../dist/server/main.js');
