import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // `import 'server-only'` guards the browser bundle; tests run route handlers and server modules directly.
    alias: [
      { find: 'server-only', replacement: fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)) },
      // `@/` is the repository root, as in tsconfig.json's `paths` (tsx and esbuild read that file themselves).
      { find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) },
    ],
  },
  test: {
    include: ['lib/**/*.test.ts', 'tools/**/*.test.ts', 'db/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Bounds against a hang, not times to meet (timings belong to `npm run bench`): the suite must
    // pass on a machine that two other CPU-heavy jobs slow down several times.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Integration tests spawn the CLI and SQLite stores; two cores.
    maxWorkers: 2,
  },
});
