import { defineConfig } from 'vite';

// The child's chat page (/chat): plain TypeScript, no framework, its own small bundle. Built into
// dist/web-chat (separate from the staff SPA's dist/web, which its build empties) and served by the server.
export default defineConfig({
  root: 'web/chat',
  base: '/chat/',
  build: { outDir: '../../dist/web-chat', emptyOutDir: true, sourcemap: false, target: 'es2020', modulePreload: { polyfill: false } },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
});
