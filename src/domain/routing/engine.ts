// The routing engine: a deterministic state machine with an injected clock and no I/O.
// `execute` decides a command against the current state and returns the events it caused, already
// applied. The caller (runtime/routingRuntime.ts) writes them to the log before anyone hears of them.
import { randomUUID } from 'node:crypto';
import { decide, type Touched } from './commands.js';
import { dispatchAll, dispatchTouched, type DecisionContext } from './dispatch.js';
import { nextThreshold, type SettingsOf } from './eligibility.js';
import { applyEvent, RoutingState } from './state.js';
import type { Command, LoggedEvent, RoutingEvent } from './types.js';

export interface EngineOptions {
  settingsOf: SettingsOf;
  /** Id source for offers; deterministic in tests and simulations. */
  newId?: () => string;
}

export class RoutingEngine {
  readonly state: RoutingState;
  private readonly settingsOf: SettingsOf;
  private readonly newId: () => string;

  constructor(options: EngineOptions, state = new RoutingState()) {
    this.state = state;
    this.settingsOf = options.settingsOf;
    this.newId = options.newId ?? randomUUID;
  }

  /** Decides one command at `now` (ms). Throws AppError, having changed nothing, when it is refused. */
  execute(command: Command, now: number): LoggedEvent[] {
    const events: LoggedEvent[] = [];
    const ctx: DecisionContext = {
      state: this.state,
      now,
      settingsOf: this.settingsOf,
      newId: this.newId,
      emit: (event: RoutingEvent) => {
        applyEvent(this.state, event, now);
        events.push({ ...event, at: now });
      },
    };
    const touched: Touched = decide(ctx, command);
    if (command.type === 'tick') dispatchAll(ctx);
    else dispatchTouched(ctx, touched.counsellors, touched.contacts);
    return events;
  }

  /** The next instant something happens by itself (an offer lapses, a wrap-up ends, targets widen). */
  nextDeadline(now: number): number | null {
    let next = Infinity;
    for (const o of this.state.offers.values()) next = Math.min(next, o.deadline);
    for (const c of this.state.contacts.values()) {
      if (c.state === 'wrapup' && c.wrapUpUntil !== null) next = Math.min(next, c.wrapUpUntil);
      if (c.state === 'queued' || c.state === 'offered') {
        const t = nextThreshold(c, now, this.settingsOf);
        if (t !== null) next = Math.min(next, t);
      }
    }
    return Number.isFinite(next) ? next : null;
  }
}
