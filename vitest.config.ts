import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Deadlines, not targets (see playwright.config.ts): generous enough for a loaded machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
