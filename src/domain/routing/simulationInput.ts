// Input checks of the simulation (the CLI shows these messages as they are).
import { MAX_EXPECTED_CONTACTS, mean, SimulationInputError, type SimulationInput } from './simulationTypes.js';

export function checkProfileOrNumber(name: string, v: number | readonly number[], whole: boolean): void {
  const values = typeof v === 'number' ? [v] : v;
  if (typeof v !== 'number' && v.length !== 24)
    throw new SimulationInputError(`${name}: an hourly profile needs 24 values, got ${v.length}`);
  for (const x of values) {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
      throw new SimulationInputError(`${name}: expected numbers ≥ 0, got ${String(x)}`);
    if (whole && !Number.isInteger(x)) throw new SimulationInputError(`${name}: expected whole numbers, got ${x}`);
  }
}

export function checkSamples(name: string, xs: readonly number[] | undefined): void {
  if (xs === undefined) return;
  if (!Array.isArray(xs) || xs.length === 0) throw new SimulationInputError(`${name}: expected a non-empty array of seconds`);
  for (const x of xs) {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
      throw new SimulationInputError(`${name}: samples must be numbers ≥ 0, got ${String(x)}`);
  }
}

/** Checks the input; throws SimulationInputError with a message fit for a user. */
export function checkSimulationInput(input: SimulationInput): void {
  checkProfileOrNumber('arrivals per hour', input.arrivalsPerHour, false);
  checkProfileOrNumber('counsellors', input.counsellors, true);
  checkSamples('distribution handleSeconds', input.distribution?.handleSeconds);
  checkSamples('distribution patienceSeconds', input.distribution?.patienceSeconds);
  const handleSamples = input.distribution?.handleSeconds;
  if (handleSamples && input.handleSeconds !== undefined)
    throw new SimulationInputError('give a mean handle time or handle samples, not both');
  if (!handleSamples && !(typeof input.handleSeconds === 'number' && Number.isFinite(input.handleSeconds) && input.handleSeconds > 0)) {
    throw new SimulationInputError('handle seconds: expected a number > 0');
  }
  if (handleSamples && !(mean(handleSamples) > 0)) throw new SimulationInputError('distribution handleSeconds: the mean must be > 0');
  if (input.distribution?.patienceSeconds && input.patienceSeconds !== undefined) {
    throw new SimulationInputError('give a mean patience or patience samples, not both');
  }
  if (input.patienceSeconds !== undefined && !(typeof input.patienceSeconds === 'number' && input.patienceSeconds > 0)) {
    throw new SimulationInputError('patience seconds: expected a number > 0 (or Infinity)');
  }
  if (!(typeof input.hours === 'number' && Number.isFinite(input.hours) && input.hours > 0))
    throw new SimulationInputError('hours: expected a number > 0');
  const warmup = input.warmupHours ?? 1;
  if (!(typeof warmup === 'number' && Number.isFinite(warmup) && warmup >= 0))
    throw new SimulationInputError('warm-up hours: expected a number ≥ 0');
  if (!(Number.isInteger(input.seed) && input.seed >= 0 && input.seed < 2 ** 32))
    throw new SimulationInputError('seed: expected a whole number from 0 to 4294967295');
  const staffed = typeof input.counsellors === 'number' ? input.counsellors > 0 : input.counsellors.some((n) => n > 0);
  const patient = input.distribution?.patienceSeconds === undefined && !Number.isFinite(input.patienceSeconds ?? Infinity);
  if (!staffed && patient)
    throw new SimulationInputError('counsellors: nobody is ever on duty and callers never give up, so the queue never ends');
  const perHour = typeof input.arrivalsPerHour === 'number' ? input.arrivalsPerHour : mean(input.arrivalsPerHour);
  if (perHour * (input.hours + warmup) > MAX_EXPECTED_CONTACTS) {
    throw new SimulationInputError(
      `too large: about ${Math.round(perHour * (input.hours + warmup))} contacts; at most ${MAX_EXPECTED_CONTACTS}`,
    );
  }
}
