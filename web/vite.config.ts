import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The staff SPA. Built into dist/web and served by the Doverie server; `npm run dev:web`
// serves it with hot reload and proxies /api to a running server on :8080.
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
});
