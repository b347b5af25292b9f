import { http, type HttpHandler } from 'msw';
import { createPanelResolver, type InProcessOptions } from './in-process.js';
import type { Core } from './core/dispatcher.js';

export type PanelHandlersOptions = InProcessOptions;

/** msw handlers that also carry the core they answer from. */
export type PanelHandlers = HttpHandler[] & {
  readonly core: Core;
  /** The same handlers (core, panels, hosts) sending requests that name no world to `world`: for `server.use()` inside a `server.boundary()`. */
  withWorld(world: string | (() => string | undefined)): PanelHandlers;
};

/**
 * msw request handlers that answer the panels' real hostnames from a
 * mockpanel core in memory: the same dispatcher, codecs and state as the HTTP
 * server, without a socket. `api.webfaction.com` and `api.gandi.net` answer
 * at their real paths; ISPConfig and WHM at the hosts you name. Requests to
 * other hosts are left to your other handlers.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { panelHandlers } from 'mockpanel/msw';
 *
 * const handlers = panelHandlers({ hosts: { 'whm.example.com:2087': 'whm' } });
 * const server = setupServer(...handlers);
 * beforeAll(() => server.listen());
 * afterEach(() => handlers.core.worlds.reset('default'));
 * afterAll(() => server.close());
 *
 * // A world of its own per concurrent test: handlers added inside a boundary stay inside it.
 * it.concurrent('isolated', server.boundary(async () => {
 *   const world = handlers.core.worlds.create().id;
 *   server.use(...handlers.withWorld(world));
 *   // … calls to https://api.webfaction.com/ now reach `world` …
 *   handlers.core.worlds.delete(world);
 * }));
 */
export function panelHandlers(options: PanelHandlersOptions = {}): PanelHandlers {
  const resolver = createPanelResolver(options);
  const handler = http.all(
    ({ request }) => resolver.matches(new URL(request.url)),
    ({ request }) => resolver.answer(request),
  );
  const core = resolver.core;
  return Object.assign([handler], { core, withWorld: (world: InProcessOptions['world']) => panelHandlers({ ...options, core, world }) });
}
