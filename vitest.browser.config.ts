import { defineConfig } from 'vitest/config';

// Browser tests: the built server (dist/) is started per file on a free port and driven with
// Debian's Chromium through playwright-core. `npm run build` must have run first.
export default defineConfig({
  test: {
    include: ['tests/{a11y,e2e}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
