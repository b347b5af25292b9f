import { defineConfig } from 'vitest/config';
import { TEST_EPOCH } from './test/support/clock.js';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    // Third-party clients (PHP, Perl, Python, Ansible, Chromium) start real processes; give them room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Time is an input: every world, in process or in a spawned `mockpanel serve`, starts at one fixed
    // instant (test/support/clock.ts), so no answer depends on the day the suite runs.
    env: { MOCKPANEL_CLOCK: TEST_EPOCH },
    // Under CI a JSON report lets .ci/run refuse a run that executed no test.
    reporters: process.env.CI ? ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT ?? 'reports/vitest.json' }]] : ['default'],
  },
});
