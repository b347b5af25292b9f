import { createMockpanel, type MockpanelOptions } from '../../emulators/mockpanel.js';
import type { Core } from '../../emulators/core/dispatcher.js';
import { startServer, type RunningServer, type ServerOptions } from '../../emulators/server/http-server.js';

export interface TestServer extends RunningServer {
  core: Core;
  /** `${url}/_admin` */
  admin: string;
}

/** A real mockpanel on an ephemeral loopback port, in-memory worlds. Close it in afterAll. */
export async function startTestServer(options: MockpanelOptions & Omit<ServerOptions, 'port'> & { port?: number } = {}): Promise<TestServer> {
  const core = createMockpanel(options);
  const server = await startServer(core, { port: 0, ...options });
  return {
    ...server,
    core,
    admin: `${server.url}/_admin`,
    close: async () => {
      await server.close();
      core.worlds.close();
    },
  };
}
