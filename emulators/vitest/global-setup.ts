import type { MockpanelOptions } from '../mockpanel.js';
import type { ServerOptions } from '../server/http-server.js';
import { startMockpanel } from '../testing/start.js';
import type { MockpanelProvided } from './provided.js';

/** The part of vitest's `TestProject` a global setup uses. */
export interface ProvideTarget {
  provide(key: 'mockpanel', value: MockpanelProvided): void;
}

/**
 * A vitest `globalSetup` that starts one mockpanel server (all four panels,
 * in-memory worlds, ephemeral loopback port) before any test file and stops it
 * after the last; workers receive its URL through `inject('mockpanel')`, which
 * the `test` fixture of `mockpanel/vitest` reads. Use this default export
 * directly, or {@link createGlobalSetup} for options.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ['mockpanel/vitest/global-setup'] } });
 */
export default createGlobalSetup();

/**
 * A global setup with options: a seed file's sections, an admin token, panel ports.
 *
 * @example
 * // test/mockpanel-setup.ts, listed in vitest.config.ts `globalSetup`
 * import { createGlobalSetup } from 'mockpanel/vitest/global-setup';
 * export default createGlobalSetup({ seed: { whm: { accounts: [] } } });
 */
export function createGlobalSetup(options: MockpanelOptions & Omit<ServerOptions, 'port'> & { port?: number } = {}) {
  return async function setup(project: ProvideTarget): Promise<() => Promise<void>> {
    const server = await startMockpanel(options);
    project.provide('mockpanel', { url: server.url, adminToken: options.adminToken });
    return () => server.close();
  };
}
