// Text the database cannot store faithfully never reaches a command: a NUL character (Postgres
// text refuses it) or a lone UTF-16 surrogate (would be silently replaced) anywhere in the body,
// query or path is a 400 `request.invalid`, before validation and before any write.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errorHandler.js';
import type { App } from './types.js';

function findBadString(value: unknown, path: string, depth = 0): string | undefined {
  if (depth > 32) return undefined;
  // A raw body (a zip upload) is bytes, not text; walking it entry by entry would take seconds.
  if (value instanceof Uint8Array) return undefined;
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed() ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadString(value[i], `${path}/${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const found = findBadString(key, `${path}/${key}`, depth + 1) ?? findBadString(v, `${path}/${key}`, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

export function installInputHygiene(app: App): void {
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    // Only what the route reads: a body sent to a route that declares none is ignored, as elsewhere.
    const schema = request.routeOptions.schema ?? {};
    const where =
      findBadString(request.params, '/params') ??
      (schema.querystring ? findBadString(request.query, '/query') : undefined) ??
      (schema.body ? findBadString(request.body, '/body') : undefined);
    if (where) {
      return sendError(request, reply, 'request.invalid', {
        issues: [{ path: where, message: 'text contains a NUL or an unpaired surrogate character' }],
      });
    }
  });
}
