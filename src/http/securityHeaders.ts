// Security headers on every response. The CSP allows nothing from outside this origin: no CDN,
// no third-party script, font or tracker can load even if someone adds one by mistake.
// helmet's middleware is built once here and run on every request (the Fastify wrapper rebuilt it per
// request, which cost 3 % of the server's CPU under the routing benchmark's load).
import helmet from 'helmet';
import type { App, AppDeps } from './types.js';

/** The child's chat page, which services embed in their own sites (an iframe): it alone may be framed. */
const isChatPage = (url: string) => url === '/chat' || url.startsWith('/chat/') || url.startsWith('/chat?');

export function installSecurityHeaders(app: App, deps: AppDeps): void {
  const https = deps.config.publicUrl?.startsWith('https://') ?? false;
  // The workstation's softphone connects to the SIP edge's WebSocket (its own origin); the chat page never does.
  const sip = deps.config.voice ? [new URL(deps.config.voice.wsUrl).origin] : [];
  const strict = headersFor(https, false, sip);
  const framable = headersFor(https, true, []);
  app.addHook('onRequest', (request, reply, done) => {
    const setHeaders = isChatPage(request.url) ? framable : strict;
    setHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('permissions-policy', 'camera=(), geolocation=(), payment=(), usb=(), microphone=(self)');
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
}

function headersFor(https: boolean, framable: boolean, connect: string[]) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'script-src': ["'self'"],
        // Mantine sets component styles through style attributes and one <style> element.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'", ...connect],
        'manifest-src': ["'self'"],
        'media-src': ["'self'"],
        'form-action': ["'self'"],
        // Any site may embed the chat page (services put it on their own sites); nothing else may be framed.
        'frame-ancestors': framable ? ['*'] : ["'none'"],
        'base-uri': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    // X-Frame-Options cannot allow other sites; frame-ancestors above says who may frame.
    xFrameOptions: framable ? false : undefined,
  });
}
