import { inject, test as base } from 'vitest';
import './provided.js';
import type { MockpanelProvided } from './provided.js';
import { createTestWorld, type MockpanelWorld, type TestWorldOptions } from '../testing/world.js';

// The runner-neutral helpers (`mockpanel/testing`), re-exported for vitest users.
export { createTestWorld, MockpanelWorld, startMockpanel, type PanelClients, type StartedMockpanel, type TestWorldOptions } from '../testing/index.js';
export type { MockpanelProvided } from './provided.js';

/**
 * vitest's `test` with a `mockpanel` fixture: every test that asks for it gets
 * a fresh world (seeded state, own clock and journal), deleted when the test
 * ends, so concurrent tests never see each other's data. The server is the one
 * the global setup `mockpanel/vitest/global-setup` started; without that setup,
 * each worker starts its own in-process server on first use.
 *
 * @example
 * import { test, expect } from 'mockpanel/vitest';
 *
 * test('creates an account', async ({ mockpanel }) => {
 *   await mockpanel.clients.whm.createAccount('acme', { domain: 'acme.example' });
 *   expect((await mockpanel.clients.whm.listAccounts()).map((a) => a.user)).toContain('acme');
 *   // Your own code gets the world's URL: mockpanel.baseUrl('whm') is …/_w/<world>/whm.
 * });
 */
export const test = base.extend<{
  mockpanel: MockpanelWorld;
  mockpanelServer: MockpanelProvided;
  mockpanelWorld: Omit<TestWorldOptions, 'url' | 'adminToken'>;
}>({
  // Options for each test's world (`clock`, `from`, `id`); set them for a file or a describe block with
  // `test.scoped({ mockpanelWorld: { clock: { at: '2027-01-31T23:59:40Z', frozen: true } } })`.
  mockpanelWorld: [{}, { injected: false }],
  mockpanelServer: [
    // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from its first parameter's pattern
    async ({}, use) => {
      const provided = inject('mockpanel');
      if (provided) return use(provided);
      // No global setup: a server for this worker only, loaded lazily so workers using the global one never build a core.
      const { startMockpanel } = await import('../testing/start.js');
      const server = await startMockpanel();
      try {
        await use({ url: server.url });
      } finally {
        await server.close();
      }
    },
    { scope: 'worker' },
  ],
  mockpanel: async ({ mockpanelServer, mockpanelWorld }, use) => {
    const world = await createTestWorld({ ...mockpanelWorld, url: mockpanelServer.url, adminToken: mockpanelServer.adminToken });
    try {
      await use(world);
    } finally {
      await world.dispose();
    }
  },
});

/** The same as {@link test}. */
export const it = test;
export { describe, expect, beforeAll, beforeEach, afterAll, afterEach } from 'vitest';
