import { createMockpanel, type MockpanelOptions } from '../mockpanel.js';
import type { Core } from '../core/dispatcher.js';
import { startServer, type RunningServer, type ServerOptions } from '../server/http-server.js';

/** A running in-process mockpanel server and its core. */
export interface StartedMockpanel extends RunningServer {
  core: Core;
}

/**
 * Starts a mockpanel server in this process on an ephemeral loopback port
 * (what `mockpanel serve --port 0` does), with in-memory worlds unless
 * `dataDir` is given. Close it when done.
 *
 * @example
 * const server = await startMockpanel();
 * // … point clients at `${server.url}/webfaction/` …
 * await server.close();
 */
export async function startMockpanel(options: MockpanelOptions & Omit<ServerOptions, 'port'> & { port?: number } = {}): Promise<StartedMockpanel> {
  const core = createMockpanel(options);
  let server: RunningServer;
  try {
    server = await startServer(core, { ...options, port: options.port ?? 0 });
  } catch (error) {
    core.worlds.close();
    throw error;
  }
  return {
    ...server,
    core,
    close: async () => {
      await server.close();
      core.worlds.close();
    },
  };
}
