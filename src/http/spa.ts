// Serves the built staff SPA (dist/web) and answers unknown paths: JSON 404 under /api,
// index.html elsewhere so client-side routes survive a reload.
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import { webDistDir } from '../paths.js';
import { sendError } from './errorHandler.js';
import type { App, AppDeps } from './types.js';

export async function installSpa(app: App, deps: AppDeps): Promise<void> {
  const serve = deps.config.serveWeb && existsSync(`${webDistDir}/index.html`);
  if (serve) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (res, path) => {
        // Vite puts a content hash in every asset name, so assets can be cached forever.
        res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (serve && request.method === 'GET' && !path.startsWith('/api/') && !path.includes('.')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(request, reply, 'route.not_found');
  });
}
