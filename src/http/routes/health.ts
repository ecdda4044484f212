// Liveness and readiness for process supervisors and load balancers.
import { z } from 'zod';
import { ping } from '../../db/database.js';
import { pendingMigrations } from '../../db/migrate.js';
import { withErrors } from '../errorBody.js';
import type { App, AppDeps } from '../types.js';

const readyBody = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.enum(['ok', 'unreachable']),
  pendingMigrations: z.array(z.string()),
});

export function healthRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['system'], response: withErrors({ 200: z.object({ status: z.literal('ok') }) }) } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/ready',
    { config: { access: 'public' }, schema: { tags: ['system'], response: withErrors({ 200: readyBody, 503: readyBody }) } },
    async (_request, reply) => {
      try {
        await ping(deps.db);
        const pending = await pendingMigrations(deps.db);
        const ready = pending.length === 0;
        return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', database: 'ok', pendingMigrations: pending });
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: 'unreachable', pendingMigrations: [] });
      }
    },
  );
}
