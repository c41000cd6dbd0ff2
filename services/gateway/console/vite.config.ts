import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * The staff console: built into ./dist and served by the gateway at /console/. `npx vite --config
 * services/gateway/console/vite.config.ts` runs a dev server that forwards /staff to a gateway on :3000.
 */
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { host: '127.0.0.1', proxy: { '/staff': 'http://127.0.0.1:3000' } },
});
