import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serverSchemasAsTypes } from './web/vite/server-schemas-as-types.ts';

const webRoot = fileURLToPath(new URL('./web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

// In development the API runs as its own process (see scripts/dev.ts); everything the
// browser asks of the server goes through this proxy so the app stays same-origin,
// exactly as in production where one server serves both.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;
const proxy = Object.fromEntries(
  ['/api', '/fhir', '/healthz', '/readyz'].map((prefix) => [
    prefix,
    { target: apiTarget, changeOrigin: false },
  ]),
);

export default defineConfig({
  root: webRoot,
  publicDir: 'public',
  plugins: [react(), serverSchemasAsTypes()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    target: 'es2022',
  },
  server: { host: '127.0.0.1', proxy },
  preview: { host: '127.0.0.1', proxy },
});
