// `npm run simulate -- --arrivals-per-hour 200 --handle-seconds 180 --counsellors 14 ...`: runs the
// routing engine on a simulated queue and prints one JSON line with the service level, ASA,
// abandonment and occupancy it achieved (and Erlang's prediction for constant inputs).
// Exit code 0 on success, 2 on bad input.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { simulate, SimulationInputError, type SimulationInput } from '../domain/routing/simulation.js';

const USAGE = `Usage: npm run simulate -- --arrivals-per-hour A --handle-seconds H --counsellors N
         [--patience-seconds P] [--hours D] [--seed S] [--warmup-hours W]
         [--profile profile.json] [--distribution distribution.json]

  --arrivals-per-hour  mean contacts per hour (Poisson)
  --handle-seconds     mean handle time (exponential)
  --counsellors        counsellors on duty
  --patience-seconds   mean time callers wait before giving up (exponential); default Infinity (never)
  --hours              measured hours, after the warm-up (default 24)
  --warmup-hours       simulated first and left out of the figures (default 1)
  --seed               random seed, 0..4294967295 (default 1)
  --profile            JSON {"arrivalsPerHour": [24 numbers], "counsellors": [24 numbers]}, by hour of
                       day from midnight; either key replaces the matching option
  --distribution       JSON {"handleSeconds": [...], "patienceSeconds": [...]}: observed seconds drawn
                       at random instead of the exponential; either key replaces the matching option`;

class UsageError extends Error {}

function number(name: string, raw: string | undefined, fallback?: number): number | undefined {
  if (raw === undefined) return fallback;
  const text = raw.trim();
  if (/^(\+?inf(inity)?|never)$/i.test(text)) return Infinity;
  const n = Number(text);
  if (text === '' || Number.isNaN(n)) throw new UsageError(`--${name}: not a number: "${raw}"`);
  return n;
}

function readJson(option: string, path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--${option}: cannot read ${path}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--${option}: ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`--${option}: ${path} must hold a JSON object`);
  return value as Record<string, unknown>;
}

function numberArray(option: string, key: string, value: unknown): number[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'number'))
    throw new UsageError(`--${option}: "${key}" must be an array of numbers`);
  return value;
}

/** Reads the command line into a simulation input; throws UsageError or SimulationInputError. */
function inputFrom(argv: string[]): SimulationInput | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'arrivals-per-hour': { type: 'string' },
        'handle-seconds': { type: 'string' },
        counsellors: { type: 'string' },
        'patience-seconds': { type: 'string' },
        hours: { type: 'string' },
        'warmup-hours': { type: 'string' },
        seed: { type: 'string' },
        profile: { type: 'string' },
        distribution: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';

  let profileArrivals: number[] | undefined;
  let profileCounsellors: number[] | undefined;
  if (v.profile !== undefined) {
    const p = readJson('profile', v.profile);
    for (const key of Object.keys(p)) {
      if (key !== 'arrivalsPerHour' && key !== 'counsellors')
        throw new UsageError(`--profile: unknown key "${key}" (expected arrivalsPerHour, counsellors)`);
    }
    profileArrivals = numberArray('profile', 'arrivalsPerHour', p.arrivalsPerHour);
    profileCounsellors = numberArray('profile', 'counsellors', p.counsellors);
  }
  let distribution: SimulationInput['distribution'];
  if (v.distribution !== undefined) {
    const d = readJson('distribution', v.distribution);
    for (const key of Object.keys(d)) {
      if (key !== 'handleSeconds' && key !== 'patienceSeconds')
        throw new UsageError(`--distribution: unknown key "${key}" (expected handleSeconds, patienceSeconds)`);
    }
    const handleSeconds = numberArray('distribution', 'handleSeconds', d.handleSeconds);
    const patienceSeconds = numberArray('distribution', 'patienceSeconds', d.patienceSeconds);
    distribution = { ...(handleSeconds ? { handleSeconds } : {}), ...(patienceSeconds ? { patienceSeconds } : {}) };
    if (handleSeconds && v['handle-seconds'] !== undefined)
      throw new UsageError('give --handle-seconds or handleSeconds in --distribution, not both');
    if (patienceSeconds && v['patience-seconds'] !== undefined)
      throw new UsageError('give --patience-seconds or patienceSeconds in --distribution, not both');
  }

  const arrivals = number('arrivals-per-hour', v['arrivals-per-hour']);
  if (profileArrivals && arrivals !== undefined) throw new UsageError('give --arrivals-per-hour or arrivalsPerHour in --profile, not both');
  const counsellors = number('counsellors', v.counsellors);
  if (profileCounsellors && counsellors !== undefined) throw new UsageError('give --counsellors or counsellors in --profile, not both');
  const arrivalsPerHour = profileArrivals ?? arrivals;
  const staffing = profileCounsellors ?? counsellors;
  if (arrivalsPerHour === undefined) throw new UsageError('--arrivals-per-hour is required (or arrivalsPerHour in --profile)');
  if (staffing === undefined) throw new UsageError('--counsellors is required (or counsellors in --profile)');
  const handleSeconds = number('handle-seconds', v['handle-seconds']);
  if (handleSeconds === undefined && !distribution?.handleSeconds)
    throw new UsageError('--handle-seconds is required (or handleSeconds in --distribution)');

  return {
    arrivalsPerHour,
    counsellors: staffing,
    handleSeconds,
    patienceSeconds: number('patience-seconds', v['patience-seconds']),
    hours: number('hours', v.hours, 24)!,
    warmupHours: number('warmup-hours', v['warmup-hours'], 1)!,
    seed: number('seed', v.seed, 1)!,
    distribution,
  };
}

/** Six decimals are far below any sampling error and keep the line readable; NaN/Infinity never reach JSON. */
const rounded = (_key: string, value: unknown): unknown =>
  typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(6)) : value;

function main(argv: string[]): number {
  let input: SimulationInput | 'help';
  try {
    input = inputFrom(argv);
    if (input === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const report = simulate(input);
    process.stdout.write(`${JSON.stringify(report, rounded)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof SimulationInputError) {
      process.stderr.write(`simulate: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = main(process.argv.slice(2));
