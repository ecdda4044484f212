// Machine-to-machine routes (channel ingress, the SIP edge) are authenticated by a bearer token from
// the configuration, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const digest = (v: string) => createHash('sha256').update(v).digest();

export function requireBearer(token: string, request: FastifyRequest): void {
  const header = request.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!timingSafeEqual(digest(given), digest(token))) throw new AppError('auth.unauthenticated');
}
