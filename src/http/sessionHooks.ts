// Staff authentication for every route: the session cookie, idle/absolute expiry (in the session store),
// forced password change, and CSRF defence (same-origin check plus a per-session token header).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/auth/policy.js';
import type { SessionStore } from '../domain/auth/sessionStore.js';
import { csrfMatches, type ActiveSession } from '../domain/auth/sessions.js';
import { sendError } from './errorHandler.js';
import type { RealtimeEvent } from '../db/unitOfWork.js';
import type { App, AppDeps } from './types.js';

declare module 'fastify' {
  interface FastifyRequest {
    session?: ActiveSession;
    sessionToken?: string;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const cookieName = (deps: AppDeps) => (isSecure(deps) ? '__Host-doverie_session' : 'doverie_session');
const isSecure = (deps: AppDeps) => deps.config.publicUrl?.startsWith('https://') ?? false;

export function cookieOptions(deps: AppDeps, expires?: Date) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: isSecure(deps), ...(expires ? { expires } : {}) };
}

/** The signed-in actor of a `staff` route (the hook guarantees there is one). */
export function actorOf(request: FastifyRequest): Actor & { sessionId: string } {
  const s = request.session;
  if (!s) throw new Error('actorOf called on a route without a session');
  return { userId: s.userId, grants: s.grants, sessionId: s.id };
}

/** Browsers always send Origin on cross-site POSTs and WebSocket upgrades; it must be ours. */
function sameOrigin(request: FastifyRequest, deps: AppDeps): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return request.headers['sec-fetch-site'] !== 'cross-site';
  const allowed = new Set([`${request.protocol}://${request.headers.host ?? ''}`]);
  if (deps.config.publicUrl) allowed.add(new URL(deps.config.publicUrl).origin);
  return allowed.has(origin);
}

export function installSessionHooks(app: App, deps: AppDeps, sessions: SessionStore): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const upgrade = request.headers.upgrade?.toLowerCase() === 'websocket';
    if ((UNSAFE.has(request.method) || upgrade) && !sameOrigin(request, deps)) {
      return sendError(request, reply, 'auth.csrf_failed');
    }
    // The SPA's own files (everything outside /api/) hold no data and must load before sign-in.
    const isApi = (request.routeOptions.url ?? '').startsWith('/api/');
    const access = isApi ? (request.routeOptions.config.access ?? 'staff') : 'public';
    if (access === 'public' || request.is404) return;

    const token = request.cookies[cookieName(deps)];
    const session = token ? await sessions.resolve(token, deps.clock()) : undefined;
    if (!token || !session) {
      if (token) void reply.clearCookie(cookieName(deps), cookieOptions(deps));
      return sendError(request, reply, 'auth.unauthenticated');
    }
    if (UNSAFE.has(request.method) && !csrfMatches(deps.config.secrets, token, headerValue(request.headers['x-csrf-token']))) {
      return sendError(request, reply, 'auth.csrf_failed');
    }
    if (session.mustChangePassword && access !== 'staff-pending') {
      return sendError(request, reply, 'auth.password_change_required');
    }
    request.session = session;
    request.sessionToken = token;
  });
}

/** The user whose sessions or account an event says changed (signed out, roles, disabled…), if any. */
export function userChangedBy(event: RealtimeEvent): string | undefined {
  if (event.name === 'session.revoked' && event.topic.startsWith('user:')) return event.topic.slice('user:'.length);
  if (event.name === 'staff.updated' && event.topic === 'admin') return String(event.data.id);
  return undefined;
}

const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
