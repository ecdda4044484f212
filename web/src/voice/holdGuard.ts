// Hold and unhold (a re-INVITE with a=sendonly / sendrecv) without losing the call when the other side
// refuses: JsSIP 3.13 answers a refused hold by ending the whole call (BYE with "500 Hold Failed"),
// and a child's call must never drop because a trunk does not support hold. While our re-INVITE is
// out, that one termination is caught: the session's hold flag and local media go back to what they
// were, the offer the browser made is rolled back, and the caller resolves false ("not supported").
// Uses two JsSIP internals (_localHold, _setLocalMediaStatus): the version is pinned in package.json.
import type { RTCSession, TerminateOptions } from 'jssip/lib/RTCSession';

interface Internals {
  _localHold: boolean;
  _setLocalMediaStatus(): void;
  terminate(options?: TerminateOptions): void;
}

const REFUSED = /^(Un)?hold Failed$/i;

/** Puts the call on hold (or takes it off): true if the other side agreed, false otherwise. */
export function negotiateHold(session: RTCSession, hold: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const s = session as unknown as Internals;
    let settled = false;
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      delete (s as Partial<Internals>).terminate; // the prototype's terminate again
      session.off('ended', onEnd);
      resolve(ok);
    };
    const onEnd = () => finish(false);
    s.terminate = (options?: TerminateOptions) => {
      if (!settled && options?.status_code === 500 && REFUSED.test(options.reason_phrase ?? '')) {
        s._localHold = !hold;
        s._setLocalMediaStatus();
        const pc = session.connection;
        if (pc?.signalingState === 'have-local-offer') void pc.setLocalDescription({ type: 'rollback' }).catch(() => undefined);
        finish(false);
        return;
      }
      finish(false);
      session.terminate(options);
    };
    session.on('ended', onEnd);
    const started = hold ? session.hold({}, () => finish(true)) : session.unhold({}, () => finish(true));
    if (!started) finish(false);
  });
}
