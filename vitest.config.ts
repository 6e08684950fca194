import { defineConfig } from 'vitest/config';

// Unit, service and database tests. Browser tests have their own config (vitest.browser.config.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/{db,i18n}/**/*.test.ts', 'db/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
