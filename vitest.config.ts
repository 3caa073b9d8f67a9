import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Many tests spawn the CLI or walk every fixture: on a 2-core machine a busy moment can pass 5 s.
    // Speed is measured by `npm run bench`, never by a test's time limit.
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
