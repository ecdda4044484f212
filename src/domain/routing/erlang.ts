// Queueing formulas for staffing: Erlang B, Erlang C (M/M/N) and Erlang A (M/M/N+M, callers who
// give up). They predict what the routing engine should achieve with N counsellors, and the
// simulation (simulation.ts) checks the engine against them. Definitions follow DOMAIN.md
// "Operating metrics"; formulas and test vectors are in shared/research/contact-center.md §3.2–3.3.
// Units: seconds and contacts per second throughout.

/** Stationary inputs of the queue: arrival rate λ (per second), mean handle time h, agents N. */
export interface QueueInput {
  arrivalsPerSecond: number;
  handleSeconds: number;
  agents: number;
}

/** An Erlang A queue: as QueueInput, plus the callers' mean patience 1/θ (exponential). */
export interface PatientQueueInput extends QueueInput {
  patienceSeconds: number;
}

/** Offered load A = λ·h in erlangs (how many counsellors would be busy if nobody ever waited). */
export const trafficErlangs = (q: QueueInput): number => q.arrivalsPerSecond * q.handleSeconds;

/**
 * Erlang B (blocking probability of M/M/N/N) by the stable recursion B₀ = 1, Bₖ = A·Bₖ₋₁/(k + A·Bₖ₋₁).
 * Used as a building block: the factorial form overflows already for N ≈ 170.
 */
export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (traffic * b) / (k + traffic * b);
  return b;
}

export interface ErlangCResult {
  trafficErlangs: number;
  /** False when A ≥ N: the queue grows without bound and the figures below are 1, 0, Infinity, 1. */
  stable: boolean;
  /** P(W > 0): the share of contacts that wait at all. */
  pWait: number;
  /** SL(T) = P(W ≤ T); with nobody abandoning this is also DOMAIN.md's SL. */
  serviceLevel: number;
  /** ASA: mean wait of answered contacts (everyone is answered in M/M/N). */
  asaSeconds: number;
  /** A/N: the share of staffed time spent handling. */
  occupancy: number;
}

/** Erlang C probability of waiting, C = N·B_N / (N − A(1 − B_N)); 1 when the queue is unstable. */
export function erlangCPWait(agents: number, traffic: number): number {
  if (traffic >= agents) return 1;
  const b = erlangB(agents, traffic);
  return (agents * b) / (agents - traffic * (1 - b));
}

/** Erlang C for M/M/N: the textbook staffing model, where every caller waits as long as it takes. */
export function erlangC(q: QueueInput, targetSeconds: number): ErlangCResult {
  const a = trafficErlangs(q);
  const n = q.agents;
  if (a >= n) return { trafficErlangs: a, stable: false, pWait: 1, serviceLevel: 0, asaSeconds: Infinity, occupancy: 1 };
  const c = erlangCPWait(n, a);
  return {
    trafficErlangs: a,
    stable: true,
    pWait: c,
    serviceLevel: 1 - c * Math.exp((-(n - a) * targetSeconds) / q.handleSeconds),
    asaSeconds: (c * q.handleSeconds) / (n - a),
    occupancy: a / n,
  };
}

export interface ErlangAResult {
  trafficErlangs: number;
  /** P(W > 0): the share of arrivals that find every counsellor busy. */
  pWait: number;
  /** P(Ab): the share of arrivals that give up before being answered (short abandons included). */
  pAbandon: number;
  /** E[W] over all arrivals (answered and abandoned), = E[L_q]/λ by Little's law. */
  meanWaitSeconds: number;
  /** ASA: mean wait of the answered contacts only. */
  asaSeconds: number;
  /** Carried load ÷ N = λ(1 − P(Ab))·h/N. */
  occupancy: number;
}

/**
 * The Erlang A birth–death chain, seen by an arrival (PASTA): `pBelow` = P(some counsellor free),
 * `ahead[j]` = P(all busy and j others already waiting), truncated where the tail is < 1e-15.
 * States k ≤ N are folded into Erlang B: Σ_{k≤N} π_k / π_N = 1/B(N, A), which avoids A^k/k!
 * overflowing; above N the ratios are π_{N+j}/π_{N+j−1} = λ/(Nμ + jθ).
 */
function erlangAChain(q: PatientQueueInput): { pBelow: number; ahead: number[] } {
  const { arrivalsPerSecond: lambda, agents: n } = q;
  const mu = 1 / q.handleSeconds;
  const theta = 1 / q.patienceSeconds;
  if (!(lambda > 0)) throw new RangeError('Erlang A needs arrivals (λ > 0)');
  if (!(theta > 0) && lambda >= n * mu) throw new RangeError('Erlang A needs finite patience or A < N');
  const b = erlangB(n, lambda / mu);
  const below = 1 / b - 1; // Σ_{k<N} π_k / π_N
  const ahead = [1]; // π_{N+j} / π_N
  let sum = 1;
  for (let j = 1; ; j++) {
    const ratio = lambda / (n * mu + j * theta);
    const term = ahead[j - 1]! * ratio;
    ahead.push(term);
    sum += term;
    // Once the ratio is < 1 the terms fall at least geometrically, so the rest is ≤ term·r/(1 − r).
    if (ratio < 1 && (term * ratio) / (1 - ratio) < 1e-15 * sum) break;
    if (j > 10_000_000) throw new RangeError('Erlang A queue too long to evaluate (patience too long for the overload)');
  }
  const total = below + sum;
  return { pBelow: below / total, ahead: ahead.map((x) => x / total) };
}

/**
 * Erlang A (Palm's M/M/N+M) in the birth–death form of the research note: departures kμ up to N,
 * Nμ + (k − N)θ above. Exact except for the truncation above. Besides P(W>0) and P(Ab) = θ·E[L_q]/λ
 * it gives the ASA of answered contacts, using that a caller who finds j others waiting is answered
 * with probability Nμ/(Nμ + (j+1)θ) after an expected Σ_{i=1}^{j+1} 1/(Nμ + iθ) (competing
 * exponential clocks: in each step the caller's own patience races the queue ahead moving up).
 * Infinite patience reduces it to Erlang C (when A < N).
 */
export function erlangA(q: PatientQueueInput): ErlangAResult {
  const a = trafficErlangs(q);
  const { pBelow, ahead } = erlangAChain(q);
  const mu = 1 / q.handleSeconds;
  const theta = Number.isFinite(q.patienceSeconds) ? 1 / q.patienceSeconds : 0;
  const nmu = q.agents * mu;
  let pWait = 0;
  let queueLength = 0; // E[L_q]
  let answeredWaiting = 0; // P(wait > 0 and answered)
  let answeredWaitSum = 0; // E[W; answered]
  let stepTimes = 0; // Σ_{i=1}^{j+1} 1/(Nμ + iθ)
  for (let j = 0; j < ahead.length; j++) {
    const p = ahead[j]!;
    pWait += p;
    queueLength += j * p;
    stepTimes += 1 / (nmu + (j + 1) * theta);
    const answered = nmu / (nmu + (j + 1) * theta);
    answeredWaiting += p * answered;
    answeredWaitSum += p * answered * stepTimes;
  }
  const lambda = q.arrivalsPerSecond;
  // With θ = 0 nobody abandons; θ·E[L_q]/λ is then 0 as it should be.
  const pAbandon = theta > 0 ? (theta * queueLength) / lambda : 0;
  const pAnswered = pBelow + answeredWaiting;
  return {
    trafficErlangs: a,
    pWait,
    pAbandon,
    meanWaitSeconds: queueLength / lambda,
    asaSeconds: pAnswered > 0 ? answeredWaitSum / pAnswered : NaN,
    occupancy: q.agents > 0 ? (a * (1 - pAbandon)) / q.agents : 0,
  };
}

/** Under Erlang A: the share of arrivals answered within t, and the share that gave up within t. */
export interface WaitOutcomeByTime {
  seconds: number;
  answered: number;
  abandoned: number;
}

/**
 * The distribution of how a caller's wait ends, computed numerically: there is no closed form for
 * P(W ≤ T) under Erlang A (the note's "Guess": numeric integration or simulation). From an
 * arrival's view the wait is a pure-death chain on j = callers ahead: it moves up at rate Nμ + jθ
 * (a service or an abandonment ahead; from j = 0 the caller is answered) and the caller leaves at
 * rate θ. Its transient law is computed by uniformisation (Poisson-weighted powers of the jump
 * matrix), in slices short enough that e^{−Λ·dt} does not underflow. Exact up to ~1e-12.
 * Cost ≈ (Λ·t_max + slices·30) × (queue truncation); fine for helpline sizes, slow for
 * hundreds of counsellors with very patient callers in overload.
 */
export function erlangAWaitOutcomes(q: PatientQueueInput, seconds: readonly number[]): WaitOutcomeByTime[] {
  const { pBelow, ahead } = erlangAChain(q);
  const nmu = q.agents / q.handleSeconds;
  const theta = Number.isFinite(q.patienceSeconds) ? 1 / q.patienceSeconds : 0;
  const m = ahead.length;
  const rateUp = (j: number) => nmu + j * theta; // from j to j − 1, or answered from 0
  const uniform = rateUp(m) + theta; // ≥ every state's total out-rate
  let v: Float64Array = Float64Array.from(ahead);
  let answered = pBelow; // answered at once, wait 0
  let abandoned = 0;
  let now = 0;
  const out: WaitOutcomeByTime[] = [];
  for (const target of [...seconds].sort((x, y) => x - y)) {
    while (now < target) {
      const dt = Math.min(target - now, 20 / uniform);
      const stepped = uniformise(v, dt, uniform, rateUp, theta);
      v = stepped.v;
      answered += stepped.answered;
      abandoned += stepped.abandoned;
      now += dt;
    }
    out.push({ seconds: target, answered, abandoned });
  }
  // Return in the caller's order.
  return seconds.map((s) => out.find((o) => o.seconds === s)!);
}

/** One slice of uniformisation: v·e^{Q·dt} = Σ_n Poisson(n; Λdt)·v·Pⁿ, with P = I + Q/Λ. */
function uniformise(
  v0: Float64Array,
  dt: number,
  uniform: number,
  rateUp: (j: number) => number,
  theta: number,
): { v: Float64Array; answered: number; abandoned: number } {
  const m = v0.length;
  const x = uniform * dt;
  let weight = Math.exp(-x);
  let cumulative = weight;
  let cur = Float64Array.from(v0);
  let ans = 0; // absorbed mass after n jumps of the discrete chain
  let ab = 0;
  const v = new Float64Array(m);
  for (let j = 0; j < m; j++) v[j] = weight * cur[j]!;
  let answered = 0;
  let abandoned = 0;
  for (let n = 1; cumulative < 1 - 1e-14 && n < 100_000; n++) {
    const next = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const p = cur[j]!;
      if (p === 0) continue;
      const up = rateUp(j) / uniform;
      const leave = theta / uniform;
      next[j] = next[j]! + p * (1 - up - leave);
      if (j === 0) ans += p * up;
      else next[j - 1] = next[j - 1]! + p * up;
      ab += p * leave;
    }
    cur = next;
    weight *= x / n;
    cumulative += weight;
    for (let j = 0; j < m; j++) v[j] = v[j]! + weight * cur[j]!;
    answered += weight * ans;
    abandoned += weight * ab;
  }
  // Mass of the (≤ 1e-14) Poisson tail beyond the last term: take the chain's state after n jumps.
  const rest = 1 - cumulative;
  for (let j = 0; j < m; j++) v[j] = v[j]! + rest * cur[j]!;
  return { v, answered: answered + rest * ans, abandoned: abandoned + rest * ab };
}

/**
 * DOMAIN.md's SL(T) under Erlang A: answered within T ÷ (answered + abandoned after the short-abandon
 * threshold). Every arrival is eventually answered or abandons, so the denominator is
 * 1 − P(abandoned within the threshold).
 */
export function erlangAServiceLevel(q: PatientQueueInput, targetSeconds: number, shortAbandonSeconds: number): number {
  const [byTarget, byShort] = erlangAWaitOutcomes(q, [targetSeconds, shortAbandonSeconds]);
  return byTarget!.answered / (1 - byShort!.abandoned);
}
