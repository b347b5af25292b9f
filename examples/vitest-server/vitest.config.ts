// Runs this folder's tests against one mockpanel server started by the package's global setup:
//   npx vitest run --config examples/vitest-server/vitest.config.ts
// (Under the project's own config the same tests run too: each worker then starts its own server.)
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['examples/vitest-server/**/*.test.ts'],
    globalSetup: ['mockpanel/vitest/global-setup'],
  },
});
