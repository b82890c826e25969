import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/golden/__golden__/**'],
    // CLI and tsc tests start whole processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
