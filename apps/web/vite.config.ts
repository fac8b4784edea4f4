import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    // Exact matches: `@automations/domain/constants` is its own light entry point (no ajv, no cron-parser).
    alias: [
      {
        find: /^@automations\/domain$/,
        replacement: fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)),
      },
      {
        find: /^@automations\/domain\/constants$/,
        replacement: fileURLToPath(new URL('../../libs/domain/src/constants/index.ts', import.meta.url)),
      },
    ],
  },
  build: { outDir: fileURLToPath(new URL('../../dist/apps/web', import.meta.url)), emptyOutDir: true },
  // API_PROXY_TARGET: an API on another port (the default is `npm run dev`'s).
  server: { proxy: { '/api': apiTarget, '/health': apiTarget } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: [fileURLToPath(new URL('./src/test/setup.ts', import.meta.url))],
  },
});
