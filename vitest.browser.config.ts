import { defineConfig } from 'vitest/config';

// Browser and fault tests: the built server (dist/) is started per file on a free port and driven with
// Debian's Chromium through playwright-core (faults: plain HTTP after a real login). `npm run build` must have run first. Two files at a
// time (each with its own server, browser and database), one per core.
export default defineConfig({
  test: {
    include: ['tests/{a11y,e2e,security,faults}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
