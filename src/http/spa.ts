// Serves the built staff SPA (dist/web) and the child's chat page (dist/web-chat at /chat), and
// answers unknown paths: JSON 404 under /api, the SPA's index.html elsewhere so client-side routes
// survive a reload.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { webChatDistDir, webDistDir } from '../paths.js';
import { sendError } from './errorHandler.js';
import type { App, AppDeps } from './types.js';

/** Vite puts a content hash in every asset name, so assets can be cached forever. */
function cacheHeaders(res: { setHeader(name: string, value: string): unknown }, path: string): void {
  res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

export async function installSpa(app: App, deps: AppDeps): Promise<void> {
  const serve = deps.config.serveWeb && existsSync(`${webDistDir}/index.html`);
  const serveChat = deps.config.serveWeb && existsSync(`${webChatDistDir}/index.html`);
  if (serve) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false, cacheControl: false, setHeaders: cacheHeaders });
  }
  if (serveChat) {
    // The chat page's own files under /chat/ (its assets under /chat/assets/); the page itself at /chat and /chat/.
    await app.register(fastifyStatic, {
      root: webChatDistDir,
      prefix: '/chat/',
      wildcard: false,
      index: false,
      cacheControl: false,
      decorateReply: !serve,
      setHeaders: cacheHeaders,
    });
    // Read on each request (a small file), so a rebuild is served without a restart, as the SPA's is.
    const sendPage = async (_request: unknown, reply: FastifyReply) =>
      reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(await readFile(`${webChatDistDir}/index.html`));
    app.get('/chat', { schema: { hide: true } }, sendPage);
    app.get('/chat/', { schema: { hide: true } }, sendPage);
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (serve && request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/chat/') && !path.includes('.')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(request, reply, 'route.not_found');
  });
}
