// The operating statistics (metrics.ts) as the HTTP API presents them. Field meanings and the
// definitions behind them are documented once, in metrics.ts; this only describes the shape.
import { z } from 'zod';
import { CHANNELS, RISKS } from './types.js';

const count = () => z.number().int().min(0);
const share = () => z.number().min(0).max(1).nullable();
const secondsOrNull = () => z.number().min(0).nullable();

export const serviceStatisticsSchema = z
  .object({
    serviceId: z.string(),
    from: z.number().int().describe('window start, ms since the epoch (inclusive)'),
    to: z.number().int().describe('window end, ms since the epoch (exclusive)'),
    shortAbandonSeconds: z.number().min(0),
    slSeconds: z.number().min(0),

    offered: count().describe('channel contacts of the service that arrived in the window'),
    answered: count(),
    answeredByPartner: count().describe('answered by another service (partner or national backup); part of answered'),
    answeredWithinSl: count(),
    abandoned: count().describe('abandons after a wait ≥ shortAbandonSeconds'),
    shortAbandoned: count().describe('abandons after a wait < shortAbandonSeconds; out of SL and the abandonment rate'),
    abandonedByStage: z.object({ queued: count(), offered: count() }).strict(),
    abandonedByGreeting: z.object({ beforeGreeting: count(), afterGreeting: count() }).strict(),
    expired: count(),
    waitingAtEnd: count(),
    transferredOut: count(),
    transferredIn: count().describe('created by a transfer; not offered to the queue'),
    offline: count().describe('recorded by hand; not offered to the queue'),

    serviceLevel: share().describe('SL(T) = answered within T ÷ (answered + abandoned + expired)'),
    abandonRate: share().describe('abandoned ÷ (offered − shortAbandoned)'),
    asaSeconds: secondsOrNull(),
    p90WaitSeconds: secondsOrNull(),
    longestAnsweredWaitSeconds: secondsOrNull(),
    longestWaitingSeconds: secondsOrNull(),

    handled: count(),
    ahtSeconds: secondsOrNull().describe('talk + hold + wrap-up, mean over answered contacts completed by `to`'),
    talkSeconds: secondsOrNull(),
    holdSeconds: secondsOrNull(),
    wrapUpSeconds: secondsOrNull(),

    occupancy: share().describe('handling ÷ (handling + available idle)'),
    handlingSeconds: z.number().min(0),
    availableIdleSeconds: z.number().min(0),
    occupancyCounsellors: count(),

    offeredByChannel: z.record(z.enum(CHANNELS), count()),
    contactsPerHourByChannel: z.record(z.enum(CHANNELS), z.number().min(0)),
    offeredByRisk: z.record(z.enum(RISKS), count()),
  })
  .strict();

export type ServiceStatisticsView = z.infer<typeof serviceStatisticsSchema>;
