import { setTimeout as sleep } from 'node:timers/promises';
import type { Core } from './core/dispatcher.js';
import { MockpanelError } from '../kernel/mockpanel-error.js';
import type { PanelRequest, PanelResponse } from './core/types.js';
import type { PanelId } from '../kernel/panel-id.js';
import { createMockpanel } from './mockpanel.js';
import type { ClockOptions } from '../state/clock.js';
import { route, type Listener } from './server/routing.js';

export interface InProcessOptions {
  /**
   * The core to answer from. Pass one you keep (from `createMockpanel()`) to
   * reach its worlds (`core.worlds.reset('default')`) or to share it; by
   * default each call builds its own.
   */
  core?: Core;
  /**
   * The world requests go to when they name none (`/_w/<world>/…` prefix or an
   * `X-Mockpanel-World` header win). A function is asked on every request, so a
   * test can switch worlds in `beforeEach`. Default `"default"`.
   */
  world?: string | (() => string | undefined);
  /** Only these panels answer. Default: every panel of the core. */
  panels?: PanelId[];
  /**
   * More hosts, as `host` (any port) or `host:port`, each answering one panel
   * at its real paths, e.g. `{ 'panel.example.com:8080': 'ispconfig', 'whm.example.com:2087': 'whm' }`.
   * `api.webfaction.com` and `api.gandi.net` answer without being listed.
   */
  hosts?: Record<string, PanelId>;
  /**
   * Where the worlds' clocks start and whether they are frozen, as
   * `createMockpanel`'s `clock` (used when no `core` is given).
   *
   * @example
   * panelHandlers({ clock: { at: '2027-01-31T23:59:40Z', frozen: true } });
   */
  clock?: ClockOptions;
}

/** Answers fetch `Request`s for the panels' hosts from a core; shared by the msw handlers and {@link panelFetch}. */
export interface PanelResolver {
  readonly core: Core;
  /** Whether the URL's host (and port) is one of ours. */
  matches(url: URL): boolean;
  /** The panel's answer, or undefined for a URL that is not ours. */
  answer(request: Request): Promise<Response | undefined>;
}

const SHARED: Listener = { kind: 'shared' };
/** The peer of an in-process call: there is no socket, so the caller is local (WHM token IP whitelists, ISPConfig session IPs). */
const REMOTE_ADDRESS = '127.0.0.1';

/** Builds the resolver behind {@link panelFetch} and `panelHandlers`. */
export function createPanelResolver(options: InProcessOptions = {}): PanelResolver {
  const core = options.core ?? createMockpanel({ panels: options.panels, clock: options.clock });
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

  return {
    core,
    matches: (url) => listenerOf(url) !== null,
    async answer(request) {
      const url = new URL(request.url);
      const listener = listenerOf(url);
      if (!listener) return undefined;
      const worldHeader = request.headers.get('x-mockpanel-world') ?? (typeof options.world === 'function' ? options.world() : options.world);
      const target = route(url.pathname + url.search, url.hostname, worldHeader, listener);
      // A real host's /_admin is not a panel path: leave it alone like any other host's.
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
        body: request.body ? Buffer.from(await request.arrayBuffer()) : Buffer.alloc(0),
        remoteAddress: REMOTE_ADDRESS,
      };
      return toResponse(await core.handle(panelRequest));
    },
  };
}

/**
 * A `fetch` that answers the panels' hosts from a mockpanel core in memory,
 * for code that takes a fetch function: the cheapest door (no msw, no
 * socket). Any other URL is refused with a `MockpanelError` (`not_a_panel_host`).
 *
 * @example
 * import { panelFetch } from 'mockpanel';
 *
 * const fetch = panelFetch({ hosts: { 'whm.example.com:2087': 'whm' } });
 * const res = await fetch('https://whm.example.com:2087/json-api/version?api.version=1', {
 *   headers: { authorization: 'whm root:MOCKPANELROOTTOKEN00000000000000' },
 * });
 * fetch.core.worlds.reset('default');
 */
export function panelFetch(options: InProcessOptions = {}): typeof fetch & { readonly core: Core } {
  const resolver = createPanelResolver(options);
  const fetchInProcess = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const response = await resolver.answer(request);
    if (!response) throw new MockpanelError('not_a_panel_host', `${request.url} is not a panel host here; add its host to the "hosts" option.`);
    // A connection reset: fetch rejects as it does on a network error.
    if (response.type === 'error') throw new TypeError('fetch failed', { cause: new Error('mockpanel reset the connection (injected fault)') });
    return response;
  };
  return Object.assign(fetchInProcess, { core: resolver.core });
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** A PanelResponse as a fetch Response, with injected transport faults acted out as the HTTP server does them. */
async function toResponse(response: PanelResponse): Promise<Response> {
  if (response.delayMs) await sleep(response.delayMs);
  // A connection reset: a network-error response (msw makes the caller's fetch reject and node:http emit 'error').
  if (response.transport?.kind === 'reset') return Response.error();
  const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
  const init = { status: response.status, headers: response.headers };
  // fetch forbids a body on these statuses, even an empty one.
  if (NULL_BODY_STATUSES.has(response.status)) return new Response(null, init);
  if (response.transport?.kind !== 'truncate') return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), init);
  // A truncated body: the full Content-Length is announced, part of it arrives, then the connection dies.
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
  return new Response(stream, { ...init, headers: { ...response.headers, 'content-length': String(body.length) } });
}
