// The workstation's softphone, without React: a JsSIP user agent registered over the SIP server's
// WebSocket with short-lived credentials from Doverie (kept in memory only, renewed ~10 minutes before
// they expire), and at most one call — ringing → answered with the chosen microphone → in call
// (mute, hold) → ended. A second INVITE while a call is ringing or in progress is refused with 486.
// Calls only come in: the softphone never dials. Nothing about the caller is read or shown.
import type { UA } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent, UnRegisteredEvent } from 'jssip/lib/UA';
import type { AudioDevices } from './audioDevices';
import { negotiateHold } from './holdGuard';
import { loadJsSip, newUserAgent, registerWhenIdle } from './jssipAgent';
import type { RemoteAudio } from './remoteAudio';
import { INITIAL_STATE, Store, type CallState, type FailReason, type Notice, type SoftphoneState } from './softphoneState';
import type { SipCredentials } from './voiceApi';
import { attachRemoteAudio, callSessionEnded } from './sessionMedia';

const RENEW_BEFORE_MS = 10 * 60_000;
const RETRY_MS = 30_000;
/** Not registered this long after starting: said to be unreachable (JsSIP keeps trying meanwhile). */
const CONNECT_TIMEOUT_MS = 15_000;
const BUSY = { status_code: 486, reason_phrase: 'Busy Here' } as const;

export interface SoftphoneDeps {
  credentials: () => Promise<SipCredentials>;
  devices: AudioDevices;
  audio: RemoteAudio;
}

export class Softphone {
  readonly store = new Store<SoftphoneState>(INITIAL_STATE);
  private ua: UA | null = null;
  private where: { wsUrl: string; uri: string } | null = null;
  private session: RTCSession | null = null;
  private microphone: MediaStream | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Cancels the wait for JsSIP to send the REGISTER with renewed credentials. */
  private cancelRegister: (() => void) | null = null;
  /** Bumped by start and stop: answers to an older run's requests are dropped. */
  private run = 0;
  private running = false;
  private seq = 0;

  constructor(private readonly deps: SoftphoneDeps) {}

  get state(): SoftphoneState {
    return this.store.get();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const run = ++this.run;
    this.patch({ registration: { kind: 'connecting' }, notice: null });
    // A WebSocket the browser blocks (or one that never opens) reports nothing: give it a limit.
    this.connectTimer = setTimeout(() => {
      if (run === this.run && this.state.registration.kind === 'connecting')
        this.patch({ registration: { kind: 'failed', reason: 'connection' } });
    }, CONNECT_TIMEOUT_MS);
    void this.connect(run);
  }

  /** Unregisters and forgets the credentials; a call in progress is hung up. */
  stop(): void {
    this.run++;
    this.running = false;
    clearTimeout(this.timer);
    clearTimeout(this.connectTimer);
    try {
      this.session?.terminate();
    } catch {
      // Already over.
    }
    this.endCall(false);
    this.stopUa();
    this.patch({ registration: { kind: 'off' } });
  }

  answer(): void {
    void this.answerCall();
  }

  /** Refuses the ringing call: the SIP server hears "busy" (486) and offers the call elsewhere. */
  decline(): void {
    if (this.session && this.state.call?.phase === 'ringing') this.session.terminate(BUSY);
  }

  hangup(): void {
    if (!this.session) return;
    if (this.state.call?.phase === 'ringing') this.decline();
    else this.session.terminate();
  }

  toggleMute(): void {
    const call = this.state.call;
    if (!this.session || call?.phase !== 'active') return;
    if (call.muted) this.session.unmute({ audio: true });
    else this.session.mute({ audio: true });
    this.patchCall({ muted: !call.muted });
  }

  async toggleHold(): Promise<void> {
    const session = this.session;
    const call = this.state.call;
    if (!session || call?.phase !== 'active' || call.holdPending) return;
    const hold = !call.held;
    this.patch({ notice: null });
    this.patchCall({ holdPending: true });
    const ok = await negotiateHold(session, hold);
    if (this.session !== session) return;
    this.patchCall({ holdPending: false, ...(ok ? { held: hold } : {}) });
    if (!ok) this.patch({ notice: 'holdUnsupported' });
  }

  private async connect(run: number): Promise<void> {
    let creds: SipCredentials;
    let js: Awaited<ReturnType<typeof loadJsSip>>;
    try {
      creds = await this.deps.credentials();
    } catch {
      if (run === this.run) this.failAndRetry(run, 'credentials');
      return;
    }
    try {
      js = await loadJsSip();
    } catch {
      // The chunk did not load (e.g. the server was updated meanwhile): as if unreachable, try again.
      if (run === this.run) this.failAndRetry(run, 'connection');
      return;
    }
    if (run !== this.run) return;
    let ua: UA;
    try {
      ua = newUserAgent(js, creds);
    } catch {
      this.failAndRetry(run, 'connection');
      return;
    }
    this.ua = ua;
    this.where = { wsUrl: creds.wsUrl, uri: creds.uri };
    ua.on('registered', () => this.patch({ registration: { kind: 'registered' } }));
    ua.on('unregistered', () => this.running && this.patch({ registration: { kind: 'connecting' } }));
    ua.on('registrationFailed', (e: UnRegisteredEvent) => this.registrationFailed(run, String(e.cause)));
    ua.on('disconnected', () => this.running && this.patch({ registration: { kind: 'failed', reason: 'connection' } }));
    ua.on('newRTCSession', (e: RTCSessionEvent) => this.incoming(e));
    ua.start();
    this.renewAt(run, creds.expiresInSeconds);
  }

  private registrationFailed(run: number, cause: string): void {
    if (run !== this.run) return;
    const reason: FailReason = cause === 'Connection Error' || cause === 'Request Timeout' ? 'connection' : 'rejected';
    this.patch({ registration: { kind: 'failed', reason } });
    // Refused: perhaps the credentials expired while the computer slept. Fresh ones, in a while.
    if (reason === 'rejected') {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.renew(run), RETRY_MS);
    }
  }

  private failAndRetry(run: number, reason: FailReason): void {
    this.patch({ registration: { kind: 'failed', reason } });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => run === this.run && void this.connect(run), RETRY_MS);
  }

  /** Renews ten minutes before the credentials expire, counted from when they came (whatever this computer's clock says). */
  private renewAt(run: number, expiresInSeconds: number): void {
    const ms = Math.max(RETRY_MS, expiresInSeconds * 1000 - RENEW_BEFORE_MS);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.renew(run), Math.min(ms, 2_000_000_000));
  }

  /**
   * New credentials for the same phone, then a REGISTER with them (the call in progress goes on): at
   * once, or — when JsSIP has a REGISTER in flight, e.g. a refresh still challenged with the old
   * credentials, and would ignore register() — as soon as that one is answered.
   */
  private async renew(run: number): Promise<void> {
    let creds: SipCredentials;
    try {
      creds = await this.deps.credentials();
    } catch {
      if (run === this.run) this.timer = setTimeout(() => void this.renew(run), RETRY_MS);
      return;
    }
    const ua = this.ua;
    if (run !== this.run || !ua) return;
    if (creds.wsUrl !== this.where?.wsUrl || creds.uri !== this.where.uri) {
      // The server moved: a new user agent, once no call needs this one.
      if (this.session) this.timer = setTimeout(() => void this.renew(run), RETRY_MS);
      else this.restart();
      return;
    }
    ua.set('authorization_user', creds.username);
    ua.set('password', creds.password);
    this.cancelRegister?.();
    this.cancelRegister = registerWhenIdle(ua);
    this.renewAt(run, creds.expiresInSeconds);
  }

  private restart(): void {
    this.stop();
    this.start();
  }

  private stopUa(): void {
    const ua = this.ua;
    this.ua = null;
    this.where = null;
    this.cancelRegister?.();
    this.cancelRegister = null;
    ua?.removeAllListeners();
    try {
      ua?.stop();
    } catch {
      // Already stopped.
    }
  }

  private incoming({ originator, session }: RTCSessionEvent): void {
    if (originator !== 'remote') return;
    // One call at a time.
    if (this.session) {
      session.terminate(BUSY);
      return;
    }
    this.session = session;
    this.patch({
      call: { phase: 'ringing', answeredAt: null, muted: false, held: false, holdPending: false },
      notice: null,
      announcement: { kind: 'incoming', seq: ++this.seq },
    });
    attachRemoteAudio(session, this.deps.audio);
    session.on('confirmed', () => this.session === session && this.patchCall({ phase: 'active', answeredAt: Date.now() }));
    callSessionEnded(session, () => this.session === session && this.endCall(true));
  }

  private async answerCall(): Promise<void> {
    const session = this.session;
    if (!session || this.state.call?.phase !== 'ringing') return;
    this.patch({ notice: null });
    this.patchCall({ phase: 'answering' });
    let microphone: MediaStream;
    try {
      microphone = await this.deps.devices.openMicrophone();
    } catch {
      if (this.session === session) this.ringAgain('microphone');
      return;
    }
    if (this.session !== session || session.isEnded()) {
      for (const t of microphone.getTracks()) t.stop();
      return;
    }
    this.microphone = microphone;
    try {
      session.answer({ mediaStream: microphone, pcConfig: { iceServers: [] } });
    } catch {
      this.ringAgain('answerFailed');
    }
    // Allowed to use the microphone now: the browser tells the devices' names.
    void this.deps.devices.refresh();
  }

  private ringAgain(notice: Notice): void {
    this.patch({ notice });
    this.patchCall({ phase: 'ringing' });
  }

  private endCall(announce: boolean): void {
    const had = this.session !== null;
    this.session = null;
    for (const t of this.microphone?.getTracks() ?? []) t.stop();
    this.microphone = null;
    this.deps.audio.stop();
    this.patch({ call: null, ...(had && announce ? { announcement: { kind: 'ended' as const, seq: ++this.seq } } : {}) });
  }

  private patch(p: Partial<SoftphoneState>): void {
    this.store.update((s) => ({ ...s, ...p }));
  }

  private patchCall(p: Partial<CallState>): void {
    this.store.update((s) => (s.call ? { ...s, call: { ...s.call, ...p } } : s));
  }
}
