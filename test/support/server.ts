import { startMockpanel, type StartedMockpanel } from '../../emulators/testing/start.js';
import type { MockpanelOptions } from '../../emulators/mockpanel.js';
import type { ServerOptions } from '../../emulators/server/http-server.js';

export interface TestServer extends StartedMockpanel {
  /** `${url}/_admin` */
  admin: string;
}

/** A real mockpanel on an ephemeral loopback port, in-memory worlds. Close it in afterAll. */
export async function startTestServer(options: MockpanelOptions & Omit<ServerOptions, 'port'> & { port?: number } = {}): Promise<TestServer> {
  const server = await startMockpanel(options);
  return { ...server, admin: `${server.url}/_admin` };
}
