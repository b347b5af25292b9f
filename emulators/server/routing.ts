import type { PanelId } from '../../kernel/panel-id.js';

/** Which listener a request came in on: the shared port, or a panel's own port at the real paths. */
export type Listener = { kind: 'shared' } | { kind: 'panel'; panel: PanelId };

export type Route =
  { kind: 'admin' } | { kind: 'index' } | { kind: 'panel'; panel: PanelId; path: string; query: string; world: string } | { kind: 'none'; path: string };

/** Real hostnames a client may have hard-coded; a hosts entry pointing them here reaches the panel at its real paths. */
const HOSTS: Record<string, PanelId> = { 'api.webfaction.com': 'webfaction', 'api.gandi.net': 'gandi' };
const PREFIXES: Record<string, PanelId> = { webfaction: 'webfaction', gandi: 'gandi', ispconfig: 'ispconfig', whm: 'whm', cpanel: 'cpanel' };
const WORLD_PREFIX = /^\/_w\/([^/?]+)(\/.*)?$/;

/**
 * Maps a request to a panel, a real-panel path and a world. Pure, so the URL
 * scheme is tested without sockets:
 * `/_w/<world>` prefix or `X-Mockpanel-World` choose the world; `Host`
 * `api.webfaction.com`/`api.gandi.net` reach those panels at their real paths;
 * on the shared port `/webfaction/`, `/gandi/`, `/ispconfig/`, `/whm/`, `/cpanel/` prefix the real paths.
 */
export function route(url: string, host: string | undefined, worldHeader: string | undefined, listener: Listener): Route {
  const q = url.indexOf('?');
  let path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q + 1);
  let world = worldHeader?.trim() || 'default';
  const prefixed = WORLD_PREFIX.exec(path);
  if (prefixed) {
    world = safeDecode(prefixed[1]);
    path = prefixed[2] ?? '/';
  }
  if (listener.kind === 'panel') return { kind: 'panel', panel: listener.panel, path, query, world };
  if (!prefixed && (path === '/_admin' || path.startsWith('/_admin/'))) return { kind: 'admin' };
  const hostPanel = host ? HOSTS[host.replace(/:\d+$/, '').toLowerCase()] : undefined;
  if (hostPanel) return { kind: 'panel', panel: hostPanel, path, query, world };
  const slash = path.indexOf('/', 1);
  const first = slash === -1 ? path.slice(1) : path.slice(1, slash);
  const panel = PREFIXES[first];
  if (panel) return { kind: 'panel', panel, path: slash === -1 ? '/' : path.slice(slash), query, world };
  if (path === '/' && !prefixed) return { kind: 'index' };
  return { kind: 'none', path };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
