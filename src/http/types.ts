// The Fastify instance type every route module receives, and the services the routes call.
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Hub } from '../realtime/hub.js';
import type { ChatService } from '../domain/chat/chatService.js';
import type { RoutingRuntime } from '../domain/routing/live/routingRuntime.js';
import type { RecordsSync } from '../domain/records/routingSync.js';
import type { ExportJobs } from '../domain/records/exportJobs.js';
import type { DirectoryJobs } from '../domain/directory/transferJobs.js';
import type { VoiceRuntime } from '../voice/voiceRuntime.js';
import type { OverdueSignalsJob } from '../jobs/announceOverdueSignals.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppDeps {
  config: Config;
  db: Database;
  hub: Hub;
  clock: () => Date;
  /** Which database `db` is (PostgreSQL gets the routing writer's leader lease); PGlite when absent. */
  databaseKind?: 'pglite' | 'postgres';
}

/** Who may call a route. Routes declare it in `config.access`; undeclared means `staff`. */
export type Access = 'public' | 'staff' | 'staff-pending';
// 'staff-pending': also reachable by a signed-in user who must still change their password.

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** The routing engine's single writer (tests and benchmarks reach it here). */
    routingRuntime: RoutingRuntime;
    /** The routing-to-records projector (tests run it on demand). */
    recordsSync: RecordsSync;
    chat: ChatService;
    /** The phone line (its domain service and the SIP edge it started). */
    voice: VoiceRuntime;
    /** Report exports in progress and done (tests look at them). */
    reportExports: ExportJobs;
    /** Directory imports and exports in progress and done (tests look at them). */
    directoryJobs: DirectoryJobs;
    /** The push of signals that became overdue (tests run a pass on demand). */
    overdueSignals: OverdueSignalsJob;
  }
}
