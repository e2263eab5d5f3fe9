import { defineConfig } from 'vitest/config';

// The JSON report is what .ci/run counts (`N passed, N failed`); people read the default reporter.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    testTimeout: 30_000,
  },
});
