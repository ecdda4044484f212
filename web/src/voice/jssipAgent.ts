// JsSIP as the softphone uses it: loaded on demand, one user agent registered over the SIP server's
// WebSocket, and a REGISTER with renewed credentials sent as soon as JsSIP will send one.
import type { UA } from 'jssip';
import type { SipCredentials } from './voiceApi';

type JsSip = typeof import('jssip');
let jssip: Promise<JsSip> | null = null;

/** JsSIP, loaded only where telephony is configured (its own chunk of the bundle); tried again after a failed load. */
export function loadJsSip(): Promise<JsSip> {
  jssip ??= import('jssip').then(
    (mod) => {
      const js = (mod as JsSip & { default?: JsSip }).default ?? mod;
      // JsSIP logs SIP messages (digest headers, SDP) when localStorage.debug asks for it: never here.
      js.debug.disable();
      return js;
    },
    (err: unknown) => {
      jssip = null;
      throw err;
    },
  );
  return jssip;
}

export function newUserAgent(js: JsSip, creds: SipCredentials): UA {
  return new js.UA({
    sockets: [new js.WebSocketInterface(creds.wsUrl)],
    uri: creds.uri,
    authorization_user: creds.username,
    password: creds.password,
    register: true,
    // Short, so that a closed tab stops being rung soon even if its un-REGISTER was lost.
    register_expires: 120,
    session_timers: false,
    user_agent: 'Doverie',
    connection_recovery_min_interval: 2,
    connection_recovery_max_interval: 30,
  });
}

const BUSY_POLL_MS = 200;

/**
 * Whether JsSIP's Registrator has a REGISTER in progress. Its register() is then silently ignored
 * ("Register request in progress..."), and the REGISTER in flight keeps whatever credentials it was
 * challenged with. JsSIP tells nothing when a refresh of the registration ends, so this reads the
 * Registrator's own flag (jssip is pinned to 3.13.8 in package.json; the softphone's browser test
 * holds a refresh in flight across a renewal and fails if this stops working).
 */
function registering(ua: UA): boolean {
  return (ua.registrator() as unknown as { _registering?: unknown })._registering === true;
}

/**
 * A REGISTER with the credentials now set on `ua`: at once, or right after the REGISTER in progress
 * (a refresh, or the one JsSIP sends on reconnecting) has its answer. Not connected: JsSIP registers
 * with the current credentials when the WebSocket is back. Calls in progress are not touched.
 * Returns a function that cancels the wait.
 */
export function registerWhenIdle(ua: UA): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = () => {
    if (!ua.isConnected()) return;
    if (registering(ua)) timer = setTimeout(attempt, BUSY_POLL_MS);
    else ua.register();
  };
  attempt();
  return () => clearTimeout(timer);
}
