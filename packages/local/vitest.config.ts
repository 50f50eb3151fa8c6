import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
