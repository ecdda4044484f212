// What the softphone shows: its registration with the SIP server, the one call it may have, a notice
// about the last thing that went wrong, and what to announce to screen readers. Nothing here identifies
// the caller (the UI says «Абонент») and nothing holds the SIP credentials.

export type FailReason =
  /** The WebSocket to the SIP server does not connect or dropped. */
  | 'connection'
  /** The SIP server refused the registration (credentials refused or timed out). */
  | 'rejected'
  /** Doverie did not issue credentials for the phone. */
  | 'credentials';

export type Registration = { kind: 'off' } | { kind: 'connecting' } | { kind: 'registered' } | { kind: 'failed'; reason: FailReason };

export interface CallState {
  /** ringing → answering (microphone, SDP answer) → active (confirmed by the other side). */
  phase: 'ringing' | 'answering' | 'active';
  /** When the call was confirmed (browser clock, ms); null until then. */
  answeredAt: number | null;
  muted: boolean;
  held: boolean;
  /** A hold or unhold is being negotiated with the other side. */
  holdPending: boolean;
}

export type Notice =
  /** The other side refused the hold (or unhold) re-INVITE: the call goes on as it was. */
  | 'holdUnsupported'
  /** No microphone could be opened to answer with. */
  | 'microphone'
  /** The answer did not go through (the call ended or media failed). */
  | 'answerFailed';

export interface SoftphoneState {
  registration: Registration;
  call: CallState | null;
  notice: Notice | null;
  /** For the live region: the latest event worth announcing; seq tells a repeat from the same one. */
  announcement: { kind: 'incoming' | 'ended'; seq: number } | null;
}

export const INITIAL_STATE: SoftphoneState = { registration: { kind: 'off' }, call: null, notice: null, announcement: null };

/** A small observable value for useSyncExternalStore: get() is stable until set() changes it. */
export class Store<T> {
  private listeners = new Set<() => void>();
  constructor(private value: T) {}

  get = (): T => this.value;

  set(next: T): void {
    if (next === this.value) return;
    this.value = next;
    for (const l of [...this.listeners]) l();
  }

  update(fn: (value: T) => T): void {
    this.set(fn(this.value));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
}
