import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { Core } from './core/dispatcher.js';
import type { PanelId, PanelRequest, PanelResponse } from './core/types.js';
import { createMockpanel } from './mockpanel.js';
import { route, type Listener } from './server/routing.js';

export interface PanelHandlersOptions {
  /**
   * The core to answer from. Pass one you keep (from `createMockpanel()`) to
   * reach its worlds (`core.worlds.reset('default')`) or to share it between
   * handler sets; by default each call builds its own.
   */
  core?: Core;
  /**
   * The world requests go to when they name none (`/_w/<world>/…` prefix or an
   * `X-Mockpanel-World` header win). A function is asked on every request, so a
   * test can switch worlds in `beforeEach`. Default `"default"`.
   */
  world?: string | (() => string | undefined);
  /** Only these panels answer; requests to the others pass through to the next handler. Default: every panel of the core. */
  panels?: PanelId[];
  /**
   * More hosts, as `host` (any port) or `host:port`, each answering one panel
   * at its real paths, e.g. `{ 'panel.example.com:8080': 'ispconfig', 'whm.example.com:2087': 'whm' }`.
   * `api.webfaction.com` and `api.gandi.net` answer without being listed.
   */
  hosts?: Record<string, PanelId>;
}

/** msw handlers that also carry the core they answer from. */
export type PanelHandlers = HttpHandler[] & {
  readonly core: Core;
  /** The same handlers (core, panels, hosts) sending requests that name no world to `world`: for `server.use()` inside a `server.boundary()`. */
  withWorld(world: string | (() => string | undefined)): PanelHandlers;
};

const SHARED: Listener = { kind: 'shared' };
/** Peers of an in-process call: there is no socket, so the caller is "local" (WHM token IP whitelists, ISPConfig session IPs). */
const REMOTE_ADDRESS = '127.0.0.1';

/**
 * msw request handlers that answer the panels' real hostnames from a
 * mockpanel core in memory: the same dispatcher, codecs and state as the HTTP
 * server, without a socket. Requests to other hosts are left to your other
 * handlers.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createMockpanel } from 'mockpanel';
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
  const core = options.core ?? createMockpanel({ panels: options.panels });
  const serves = (panel: PanelId) => core.panels.has(panel) && (!options.panels || options.panels.includes(panel));
  const hosts = new Map(Object.entries(options.hosts ?? {}).map(([host, panel]) => [host.toLowerCase(), panel]));
  const listeners = new Map<string, Listener | null>();

  /** Which listener a URL's host stands for, or null when the host is not ours (cached: hosts are few). */
  const listenerOf = (url: URL): Listener | null => {
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const key = `${url.hostname}:${port}`;
    let listener = listeners.get(key);
    if (listener === undefined) {
      const panel = hosts.get(key) ?? hosts.get(url.hostname);
      // The real hosts come from the server's own routing, so both doors agree on them.
      const byRealHost = route('/', url.hostname, undefined, SHARED);
      listener = panel ? { kind: 'panel', panel } : byRealHost.kind === 'panel' ? SHARED : null;
      const target = listener?.kind === 'panel' ? listener.panel : byRealHost.kind === 'panel' ? byRealHost.panel : undefined;
      if (target && !serves(target)) listener = null;
      listeners.set(key, listener);
    }
    return listener;
  };

  const handler = http.all(
    ({ request }) => listenerOf(new URL(request.url)) !== null,
    async ({ request }) => {
      const url = new URL(request.url);
      const worldHeader = request.headers.get('x-mockpanel-world') ?? (typeof options.world === 'function' ? options.world() : options.world);
      const target = route(url.pathname + url.search, url.hostname, worldHeader, listenerOf(url)!);
      // A real host always names a panel; 'none' cannot happen, but never answer for a path we did not map.
      if (target.kind !== 'panel') return undefined;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      headers.host ??= url.host;
      const panelRequest: PanelRequest = {
        panel: target.panel,
        world: target.world,
        httpMethod: request.method,
        path: target.path,
        query: target.query,
        headers,
        body: Buffer.from(await request.arrayBuffer()),
        remoteAddress: REMOTE_ADDRESS,
      };
      return toResponse(await core.handle(panelRequest));
    },
  );
  return Object.assign([handler], { core, withWorld: (world: PanelHandlersOptions['world']) => panelHandlers({ ...options, core, world }) });
}

/** A PanelResponse as the fetch Response msw hands to the caller, with injected transport faults acted out. */
async function toResponse(response: PanelResponse): Promise<Response> {
  if (response.delayMs) await delay(response.delayMs);
  // A connection reset: the caller sees a network error (fetch rejects, node:http emits 'error').
  if (response.transport?.kind === 'reset') return HttpResponse.error();
  const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
  const init = { status: response.status, headers: response.headers };
  if (response.transport?.kind !== 'truncate') return new HttpResponse(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), init);
  // A truncated body, as the server does it: the full Content-Length is announced, part of it arrives, then the connection dies.
  const part = body.subarray(0, Math.min(response.transport.bytes, body.length));
  let sent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent && part.length > 0) {
        sent = true;
        controller.enqueue(new Uint8Array(part));
        return;
      }
      controller.error(new TypeError('terminated: mockpanel closed the connection mid-body (injected truncate fault)'));
    },
  });
  return new HttpResponse(stream, { ...init, headers: { ...response.headers, 'content-length': String(body.length) } });
}
