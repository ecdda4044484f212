// Messages between the benchmark (bench/routing.ts) and its load generator (bench/routing/loadgen.ts),
// which runs in its own process so that client work does not share the server's event loop.
import type { FromLoadGenerator } from '../shared/loadGenerator.js';
import type { Counsellor } from './seed.js';

export interface LoadConfig {
  url: string;
  ingressToken: string;
  services: string[];
  counsellors: Counsellor[];
  arrivalsPerSecond: number;
  seconds: number;
  /** After the last arrival: give up waiting for offers (and hang-ups) still owed after this long without progress. */
  drainSeconds: number;
  /** Talk time before the caller hangs up, uniform in [min, max] ms. */
  talkMs: [number, number];
  /** Keep-alive connection pools: the channel edge (arrivals, hang-ups) and the counsellors' browsers (accepts, presence). */
  edgeSockets: number;
  browserSockets: number;
}

export interface LoadResult {
  connected: number;
  connectSeconds: number;
  onDuty: number;
  presenceSeconds: number;
  sent: number;
  acked: number;
  arrivalErrors: Record<string, number>;
  offered: number;
  offersReceived: number;
  reoffered: number;
  accepted: number;
  acceptErrors: Record<string, number>;
  callerLeft: number;
  callerLeftErrors: Record<string, number>;
  double: number;
  /** Acknowledged (201) but never offered on any socket by the end of the drain. */
  notOffered: string[];
  ackedIds: string[];
  loadSeconds: number;
  offerLatency: { p50: number; p90: number; p99: number; max: number };
  ackLatency: { p50: number; p99: number };
  /** Part of arrival → offer spent waiting for a free connection of the edge's pool (client-side queueing). */
  poolWait: { p50: number; p99: number };
  acceptLatency: { p50: number; p99: number };
  /** p99 of arrival → offer for each second of the load. */
  p99BySecond: number[];
  clientLoopDelay: { p50: number; p99: number; max: number };
  socketsClosed: number;
}

/** load-start: first arrival; load-end: every arrival offered (or the drain ran out); done: every caller hung up. */
export type Phase = 'load-start' | 'load-end' | 'done';
export type ToGenerator = { type: 'start'; config: LoadConfig };
export type FromGenerator = FromLoadGenerator<Phase, LoadResult>;
