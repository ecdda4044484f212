// The queue order. Risk comes first, then the time waited, with ageing so nothing starves.
//
// The rule: each contact gets a head start in seconds by risk (RISK_HEAD_START). A contact's
// standing is `seconds waited + head start`; the highest standing is offered first, and equal
// standing goes to the longer wait. Because every waiting contact gains one second of standing per
// second, the order between two waiting contacts never changes with time, so it is stored once
// as `orderKey = arrivedAt − head start` (smaller goes first).
//
// What this means in practice: an imminent-risk contact is offered before a low-risk one unless the
// low-risk one has already waited 15 minutes longer; a low-risk contact that has waited 15 minutes
// outranks every contact that arrives after that, whatever its risk. So no contact can wait
// forever behind a stream of higher-risk ones: after waiting the largest head start, only contacts
// already waiting can still go ahead of it.
import type { Risk } from './types.js';

export const RISK_HEAD_START_SECONDS: Readonly<Record<Risk, number>> = {
  unknown: 0,
  low: 0,
  moderate: 120,
  high: 300,
  imminent: 900,
};

export const RISK_RANK: Readonly<Record<Risk, number>> = { unknown: 0, low: 0, moderate: 1, high: 2, imminent: 3 };

export const orderKeyOf = (arrivedAt: number, risk: Risk): number => arrivedAt - RISK_HEAD_START_SECONDS[risk] * 1000;

/** Compares two waiting contacts: negative when `a` goes first. Ties by arrival, then id (deterministic). */
export function compareWaiting(
  a: { orderKey: number; arrivedAt: number; id: string },
  b: { orderKey: number; arrivedAt: number; id: string },
): number {
  return a.orderKey - b.orderKey || a.arrivedAt - b.arrivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
