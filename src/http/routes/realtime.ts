// The one WebSocket endpoint for live updates. The upgrade request is authenticated like any
// route (session cookie, same origin). Clients subscribe to topics the policy allows; each
// connection starts subscribed to its own user topic. A revoked or expired session closes it.
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { policy, type Actor } from '../../domain/auth/policy.js';
import type { SessionStore } from '../../domain/auth/sessionStore.js';
import { errorMessage, pickLocale } from '../../i18n/messages.js';
import type { HubConnection, OutgoingMessage } from '../../realtime/hub.js';
import { sendError } from '../errorHandler.js';
import { actorOf, userChangedBy } from '../sessionHooks.js';
import type { App, AppDeps } from '../types.js';

const incoming = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topic: z.string().min(1).max(200) }),
  z.object({ type: z.literal('unsubscribe'), topic: z.string().min(1).max(200) }),
  z.object({ type: z.literal('ping') }),
  /** The person is using the workstation: counts as activity for the idle timeout. */
  z.object({ type: z.literal('activity') }),
]);

/** Close codes the SPA understands: session ended → show the sign-in page. */
export const CLOSE_SESSION_ENDED = 4401;
const RECHECK_MS = 60_000;
/** Sockets due for their re-check are looked for this often, so the re-checks spread over the minute. */
const RECHECK_SCAN_MS = 1_000;
const MAX_MESSAGE_BYTES = 4096;
/** A workstation needs its user topic, its services and `admin`; more is a misbehaving client. */
const MAX_TOPICS = 50;

export function realtimeRoutes(app: App, deps: AppDeps, sessions: SessionStore): void {
  const sockets = new Map<HubConnection, { socket: WebSocket; token: string; actor: Actor; recheckAt: number }>();

  /** Re-reads the session: closes the socket if it ended, drops topics the user may no longer hear. */
  const recheck = async (conn: HubConnection) => {
    const entry = sockets.get(conn);
    if (!entry) return;
    entry.recheckAt = performance.now() + RECHECK_MS;
    const session = await sessions.recheck(entry.token, deps.clock()).catch(() => undefined);
    if (!session) return entry.socket.close(CLOSE_SESSION_ENDED, 'session ended');
    entry.actor = { userId: session.userId, grants: session.grants };
    for (const topic of deps.hub.topicsOf(conn)) {
      if (policy.subscribe(entry.actor, topic) !== 'allow') {
        deps.hub.unsubscribe(conn, topic);
        conn.send({ type: 'unsubscribed', topic });
      }
    }
  };

  deps.hub.listen((event) => {
    const userId = userChangedBy(event);
    if (userId) for (const conn of deps.hub.connectionsOf(userId)) void recheck(conn);
  });

  // Every socket is re-checked once a minute, each at its own moment (the reads go in batches).
  const timer = setInterval(() => {
    const now = performance.now();
    for (const [conn, entry] of sockets) if (entry.recheckAt <= now) void recheck(conn);
  }, RECHECK_SCAN_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  app.route({
    method: 'GET',
    url: '/api/ws',
    schema: { tags: ['realtime'], hide: true },
    // A plain HTTP GET (no upgrade) gets a proper error instead of the plugin's empty 404.
    handler: (request, reply) => sendError(request, reply, 'realtime.upgrade_required'),
    wsHandler: (socket, request) => {
      const { sessionId: _, ...actor } = actorOf(request);
      const locale = pickLocale(request.headers['accept-language']);
      const conn: HubConnection = {
        userId: actor.userId,
        send: (message: OutgoingMessage) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
        },
      };
      // The first re-check falls anywhere in the first minute, so sockets opened together are not re-checked together.
      const entry = { socket, token: request.sessionToken!, actor, recheckAt: performance.now() + Math.random() * RECHECK_MS };
      sockets.set(conn, entry);
      deps.hub.subscribe(conn, `user:${actor.userId}`);

      const reject = (code: 'realtime.bad_message' | 'auth.forbidden', topic?: string) =>
        conn.send({ type: 'error', code, message: errorMessage(code, locale), ...(topic ? { topic } : {}) });

      socket.on('message', (raw: Buffer, isBinary: boolean) => {
        if (isBinary || raw.length > MAX_MESSAGE_BYTES) return reject('realtime.bad_message');
        let parsed;
        try {
          parsed = incoming.safeParse(JSON.parse(raw.toString('utf8')));
        } catch {
          return reject('realtime.bad_message');
        }
        if (!parsed.success) return reject('realtime.bad_message');
        const msg = parsed.data;
        switch (msg.type) {
          case 'ping':
            return conn.send({ type: 'pong' });
          case 'activity':
            return void sessions.activity(request.session!.id, deps.clock()).catch(() => undefined);
          case 'unsubscribe':
            deps.hub.unsubscribe(conn, msg.topic);
            return conn.send({ type: 'unsubscribed', topic: msg.topic });
          case 'subscribe':
            if (policy.subscribe(entry.actor, msg.topic) !== 'allow') return reject('auth.forbidden', msg.topic);
            if (deps.hub.topicsOf(conn).length >= MAX_TOPICS) return reject('realtime.bad_message', msg.topic);
            deps.hub.subscribe(conn, msg.topic);
            return conn.send({ type: 'subscribed', topic: msg.topic });
        }
      });
      socket.on('close', () => {
        deps.hub.remove(conn);
        sockets.delete(conn);
      });
    },
  });
}
