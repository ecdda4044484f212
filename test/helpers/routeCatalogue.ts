// The explicit catalogue of every HTTP route the app serves, with who may call it and the shapes it
// accepts. The unauthorised-access and bad-input suites are driven by it, and both check it against
// the routes the app really registers (parsed from printRoutes), so a new route cannot slip in untested.
import { z } from 'zod';
import { PASSWORD_MAX } from '../../src/domain/auth/passwords.js';
import { newStaffSchema, staffPatchSchema } from '../../src/domain/staff/staffSchemas.js';
import { newServiceSchema, servicePatchSchema } from '../../src/domain/tenants/serviceSchemas.js';
import type { App } from '../../src/http/types.js';

export type Method = 'GET' | 'POST' | 'PATCH';
export type Access = 'public' | 'staff' | 'staff-pending';

export interface RouteEntry {
  method: Method;
  /** Fastify's pattern, e.g. `/api/staff/:userId`. */
  url: string;
  access: Access;
  /** The path parameter, when the route has one (always a UUID). */
  param?: 'serviceId' | 'userId';
  /** The body the route validates; absent = the route declares no body schema (any body is ignored). */
  body?: z.ZodType;
  /** The querystring the route validates; absent = the query is ignored. */
  query?: z.ZodType;
  /** The WebSocket endpoint (its GET is an upgrade). */
  websocket?: true;
}

// Bodies and queries declared inline in src/http/routes/*.ts, restated here (the tests' specification).
export const credentialsSchema = z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(1024) }).strict();
export const passwordChangeSchema = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) })
  .strict();
export const resetPasswordSchema = z
  .object({
    password: z
      .string()
      .max(PASSWORD_MAX * 4)
      .optional(),
  })
  .strict();
export const staffQuerySchema = z.object({ serviceId: z.uuid().optional() }).strict();

export const ROUTE_CATALOGUE: readonly RouteEntry[] = [
  { method: 'GET', url: '/api/health', access: 'public' },
  { method: 'GET', url: '/api/ready', access: 'public' },
  { method: 'GET', url: '/api/openapi.json', access: 'public' },
  { method: 'POST', url: '/api/auth/login', access: 'public', body: credentialsSchema },
  { method: 'POST', url: '/api/auth/logout', access: 'staff-pending' },
  { method: 'GET', url: '/api/auth/me', access: 'staff-pending' },
  { method: 'POST', url: '/api/auth/password', access: 'staff-pending', body: passwordChangeSchema },
  { method: 'GET', url: '/api/services', access: 'staff' },
  { method: 'POST', url: '/api/services', access: 'staff', body: newServiceSchema },
  { method: 'GET', url: '/api/services/:serviceId', access: 'staff', param: 'serviceId' },
  { method: 'PATCH', url: '/api/services/:serviceId', access: 'staff', param: 'serviceId', body: servicePatchSchema },
  { method: 'GET', url: '/api/staff', access: 'staff', query: staffQuerySchema },
  { method: 'POST', url: '/api/staff', access: 'staff', body: newStaffSchema },
  { method: 'GET', url: '/api/staff/:userId', access: 'staff', param: 'userId' },
  { method: 'PATCH', url: '/api/staff/:userId', access: 'staff', param: 'userId', body: staffPatchSchema },
  { method: 'POST', url: '/api/staff/:userId/disable', access: 'staff', param: 'userId' },
  { method: 'POST', url: '/api/staff/:userId/enable', access: 'staff', param: 'userId' },
  { method: 'POST', url: '/api/staff/:userId/reset-password', access: 'staff', param: 'userId', body: resetPasswordSchema },
  { method: 'GET', url: '/api/ws', access: 'staff', websocket: true },
];

export const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

export function catalogueEntry(key: string): RouteEntry {
  const found = ROUTE_CATALOGUE.find((r) => routeKey(r) === key);
  if (!found) throw new Error(`no catalogue entry for ${key}`);
  return found;
}

export const isMutating = (r: { method: string }) => r.method !== 'GET' && r.method !== 'HEAD';

/**
 * Every (method, url) the app has registered, parsed from `printRoutes({ commonPrefix: false })`,
 * a tree whose lines look like `│   └── /:userId (GET, HEAD, PATCH)`; each level indents by 4.
 */
export function registeredRoutes(app: App): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+?)(?: \(([^)]*)\))?\s*$/u.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    const url = stack.join('');
    for (const method of (m[3] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      out.push({ method, url });
  }
  return out;
}

/**
 * Registered routes the catalogue does not describe, and catalogue entries the app lacks. HEAD is
 * covered by its GET (Fastify adds it automatically and it runs the same hooks).
 */
export function catalogueGaps(app: App): { uncatalogued: string[]; stale: string[] } {
  const registered = registeredRoutes(app);
  const catalogued = new Set(ROUTE_CATALOGUE.map(routeKey));
  const uncatalogued = registered
    .filter((r) => !catalogued.has(routeKey(r)) && !(r.method === 'HEAD' && catalogued.has(routeKey({ method: 'GET', url: r.url }))))
    .map(routeKey);
  const registeredKeys = new Set(registered.map(routeKey));
  const stale = ROUTE_CATALOGUE.filter((r) => !registeredKeys.has(routeKey(r)) || !app.hasRoute({ method: r.method, url: r.url })).map(
    routeKey,
  );
  return { uncatalogued, stale };
}
