// The single writer. Every routing command of the process goes through `submit`; commands are decided
// one at a time by the pure engine, and each batch of decisions is written to the log in one
// transaction before any caller is answered or any socket hears of it (group commit). While a batch
// is being written the next commands wait, so memory never runs ahead of the log by more than the
// batch in flight; if that write fails, the engine is rebuilt from the log and the batch is refused.
import { AppError } from '../../../errors.js';
import type { Database } from '../../../db/database.js';
import type { Publisher } from '../../../db/unitOfWork.js';
import { RoutingEngine } from '../engine.js';
import { isTerminal, type Command, type Contact, type LoggedEvent, type RoutingSettings } from '../types.js';
import { decideBatch } from './batchDecision.js';
import { PhoneEndpoints } from './phoneEndpoints.js';
import { acquireLeaderLease, LeaseLostError, type Lease } from './leaderLease.js';
import { realtimeOf } from './publishEvents.js';
import { rebuildFromLog } from './rebuild.js';
import { ServiceFacts } from './serviceFacts.js';
import { ContactLoggedBefore, ContactsLoggedBeforeError, writeBatch, type CommandRecord, type LoggedContact } from './routingLog.js';

export interface RuntimeDeps {
  db: Database;
  /** On PostgreSQL: hold the leader lease (one writer per database). */
  lease?: { waitMs: number; retryMs?: number } | undefined;
  publish: Publisher;
  clock: () => Date;
  onError?: (err: unknown, what: string) => void;
}

export interface Submission<R extends object> {
  /**
   * null: a read, answered in turn so it sees only what is (about to be) committed. A function builds
   * the command in turn, from the state it is decided on: checks that depend on the engine's state
   * (who handles a contact, where a counsellor works now) go there, so that no command queued in
   * between can change what they saw. It throws AppError to refuse, or returns null when there is
   * nothing to do in that state.
   */
  command: Command | null | ((engine: RoutingEngine) => Command | null);
  /** Client-chosen id: the same id again returns the first answer instead of acting twice. */
  commandId?: string;
  /** What makes two commands "the same" (actor, type, target, payload). */
  fingerprint?: string;
  /** Builds the answer from the engine right after the decision (before anything else changes). */
  present: (engine: RoutingEngine, events: LoggedEvent[]) => R;
}

export interface Pending {
  sub: Submission<Record<string, unknown>>;
  resolve(result: Record<string, unknown>): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 500;
const MAX_PENDING = 20_000;
/** How long a command's result is remembered for retries (in memory and in routing_commands). */
const COMMAND_MEMORY_MS = 24 * 60 * 60 * 1000;
/** How often the log's older command results are deleted (with a batch). */
const FORGET_COMMANDS_EVERY_MS = 10 * 60 * 1000;
const MAX_TIMER_MS = 5_000;

export class RoutingRuntime {
  engine: RoutingEngine;
  /** Services' settings, whether they take contacts, care plans. */
  readonly facts: ServiceFacts;
  /** Counsellors with a registered phone (reported by the SIP edge). */
  readonly phones = new PhoneEndpoints();
  private readonly commands = new Map<string, CommandRecord>();
  /** Open contacts by id (the same objects the state holds), so a contact closed in a batch can still be written. */
  private readonly known = new Map<string, Contact>();
  private pending: Pending[] = [];
  private flushing = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private tickQueued = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  private lease: Lease | null = null;
  private needsRebuild = false;
  /** Commands wait (queued) until the engine has been rebuilt from the log. */
  private started = false;
  private stopping = false;
  private opening: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private commandsForgottenAt = -Infinity;

  private constructor(private readonly deps: RuntimeDeps) {
    this.facts = new ServiceFacts(deps.db);
    this.engine = new RoutingEngine({ settingsOf: this.settingsOf });
  }

  /** A runtime that is not running yet: call `open` or `openInBackground`. */
  static create(deps: RuntimeDeps): RoutingRuntime {
    return new RoutingRuntime(deps);
  }

  static async start(deps: RuntimeDeps): Promise<RoutingRuntime> {
    const rt = new RoutingRuntime(deps);
    await rt.open();
    return rt;
  }

  /** Takes the leader lease, loads settings and rebuilds the engine from the log; then commands flow. */
  async open(): Promise<void> {
    this.lease = this.deps.lease ? await acquireLeaderLease(this.deps.db, this.deps.lease) : null;
    try {
      await this.facts.loadAll();
      await this.rebuild();
    } catch (err) {
      await this.lease?.release();
      this.lease = null;
      throw err;
    }
    this.started = true;
    this.resumeFirst(this.pending);
    this.schedule();
    this.kick();
  }

  /** After a rebuild, before any other command: offers that lapsed while the engine was not running are made again. */
  private resumeFirst(queue: Pending[]): void {
    queue.unshift({
      sub: { command: { type: 'resume' }, present: () => ({}) },
      resolve: () => {},
      reject: (err: unknown) => this.deps.onError?.(err, 'routing resume failed'),
    });
  }

  /**
   * Opens without holding up the server: while the database is unreachable or not migrated yet, or
   * another process holds the lease (a standby), it retries; commands meanwhile get 503.
   */
  openInBackground(retryMs = 2000): void {
    const attempt = () => {
      if (this.stopping) return;
      this.opening = this.open().catch((err: unknown) => {
        this.deps.onError?.(err, 'routing engine not started; retrying');
        for (const p of this.pending.splice(0)) p.reject(new AppError('service.unavailable'));
        if (!this.stopping) {
          this.retryTimer = setTimeout(attempt, retryMs);
          this.retryTimer.unref();
        }
      });
    };
    attempt();
  }

  settingsOf = (serviceId: string): RoutingSettings => this.facts.settingsOf(serviceId);

  /** The engine has been rebuilt from the log and takes commands (false while a standby or stopping). */
  get isRunning(): boolean {
    return this.started && !this.stopping;
  }

  reloadSettings(serviceId: string): Promise<void> {
    return this.facts.reloadService(serviceId);
  }

  /** Rebuilds the engine and the command memory from the log (rebuild.ts). */
  async rebuild(): Promise<void> {
    const rebuilt = await rebuildFromLog(this.deps.db, this.deps.clock().getTime(), this.settingsOf, COMMAND_MEMORY_MS);
    this.engine = rebuilt.engine;
    this.known.clear();
    for (const contact of this.engine.state.contacts.values()) this.known.set(contact.id, contact);
    this.commands.clear();
    for (const r of rebuilt.commands) this.commands.set(r.commandId, r);
    this.needsRebuild = false;
  }

  submit<R extends object>(sub: Submission<R>): Promise<R> {
    if (this.stopped) return Promise.reject(new AppError('service.unavailable'));
    if (this.pending.length >= MAX_PENDING) return Promise.reject(new AppError('service.unavailable'));
    return new Promise<R>((resolve, reject) => {
      this.pending.push({
        sub: sub as unknown as Submission<Record<string, unknown>>,
        resolve: resolve as (r: Record<string, unknown>) => void,
        reject,
      });
      this.kick();
    });
  }

  private kick(): void {
    if (!this.started || this.flushing || this.pending.length === 0) return;
    this.flushing = true;
    this.idle = new Promise((r) => (this.markIdle = r));
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const taken = this.pending.splice(0, MAX_BATCH);
    try {
      // Memory may be ahead of the log after a failed write: nothing is decided until it is rebuilt.
      if (this.needsRebuild) {
        await this.rebuild();
        this.resumeFirst(taken);
      }
      await this.runBatch(taken);
    } catch (err) {
      this.deps.onError?.(err, 'routing batch failed');
      this.needsRebuild = true;
      for (const p of taken) p.reject(new AppError('service.unavailable'));
    } finally {
      this.flushing = false;
      this.markIdle();
      if (!this.stopped) {
        this.schedule();
        this.kick();
      }
    }
  }

  private async runBatch(taken: Pending[]): Promise<void> {
    const now = this.deps.clock().getTime();
    // Results older than the promised memory are forgotten, as a restart would (it loads only younger ones).
    for (const [id, r] of this.commands) {
      if (r.at >= now - COMMAND_MEMORY_MS) break;
      this.commands.delete(id);
    }
    const forget = now - this.commandsForgottenAt >= FORGET_COMMANDS_EVERY_MS ? new Date(now - COMMAND_MEMORY_MS) : null;
    const { batch, done, refused, published, broken } = decideBatch(
      this.engine,
      { commands: this.commands, known: this.known },
      taken,
      now,
      forget,
    );
    try {
      const lease = this.lease;
      if (batch.events.length > 0 || batch.commands.length > 0) await writeBatch(this.deps.db, batch, lease?.pid);
    } catch (err) {
      this.needsRebuild = true;
      if (err instanceof ContactsLoggedBeforeError) return this.decideAgainWithout(taken, done, refused, err.contacts);
      this.deps.onError?.(err, 'routing batch write failed');
      for (const d of done) d.p.reject(new AppError('service.unavailable'));
      for (const r of refused) r.p.reject(r.err);
      if (err instanceof LeaseLostError) this.stepDown();
      return;
    }
    if (forget && (batch.events.length > 0 || batch.commands.length > 0)) this.commandsForgottenAt = now;
    for (const d of done) d.p.resolve(d.result);
    for (const r of refused) r.p.reject(r.err);
    if (published.length > 0) this.deps.publish(realtimeOf(published, this.engine.state, this.known));
    for (const c of batch.contacts) if (isTerminal(c.state)) this.known.delete(c.id);
    if (broken) {
      this.deps.onError?.(broken, 'routing decision failed');
      this.needsRebuild = true;
    }
  }

  /**
   * Nothing of the batch was written: the commands that started a contact the log already holds are
   * refused, the others (the engine's refusals too) wait at the head of the queue in their order and are
   * decided again after the rebuild, as if the refused ones had never come.
   */
  private decideAgainWithout(
    taken: Pending[],
    done: { p: Pending; started: string[] }[],
    refused: { p: Pending }[],
    logged: LoggedContact[],
  ): void {
    const byId = new Map(logged.map((c) => [c.id, c]));
    const waiting = new Set(refused.map((r) => r.p));
    for (const d of done) {
      const hit = d.started.map((id) => byId.get(id)).find((c) => c !== undefined);
      if (hit) d.p.reject(new ContactLoggedBefore(hit));
      else waiting.add(d.p);
    }
    // A command that broke the engine was answered already and is not run again.
    this.pending.unshift(...taken.filter((p) => waiting.has(p)));
  }

  /**
   * The lease was lost (its connection ended): another process may be the writer now. Stop deciding,
   * refuse what waits, and try to become the writer again from the log, like a standby.
   */
  private stepDown(): void {
    this.started = false;
    const lease = this.lease;
    this.lease = null;
    void lease?.release().catch(() => {});
    for (const p of this.pending.splice(0)) p.reject(new AppError('service.unavailable'));
    if (!this.stopping) this.openInBackground();
  }

  /** Sets the timer for the engine's next deadline (offer lapses, wrap-up ends, targets widen). */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const now = this.deps.clock().getTime();
    const next = this.engine.nextDeadline(now);
    const delay = next === null ? MAX_TIMER_MS : Math.min(Math.max(next - now, 0), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.tick(), delay);
    this.timer.unref();
  }

  /** Runs the engine's clock: one `tick` command through the same single writer. */
  tick(): Promise<void> {
    if (this.tickQueued || this.stopped) return Promise.resolve();
    this.tickQueued = true;
    return this.submit({ command: { type: 'tick' }, present: () => ({}) })
      .then(() => undefined)
      .catch((err: unknown) => this.deps.onError?.(err, 'routing tick failed'))
      .finally(() => {
        this.tickQueued = false;
      });
  }

  /** Waits for the batch in flight (tests and shutdown). */
  async settled(): Promise<void> {
    while (this.started && (this.flushing || this.pending.length > 0)) {
      if (!this.flushing) this.kick();
      await this.idle;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.opening;
    if (this.started) await this.settled();
    this.stopped = true;
    for (const p of this.pending.splice(0)) p.reject(new AppError('service.unavailable'));
    if (this.timer) clearTimeout(this.timer);
    await this.lease?.release();
  }
}
