import type { PanelId } from '../../kernel/panel-id.js';

/**
 * What each reference client's `url` option takes, below the panel's root
 * (`…/webfaction`, `…/_w/<world>/gandi`, or a per-panel listener's origin):
 * WebFaction's XML-RPC endpoint is `/` (the trailing slash matters to
 * xmlrpc clients), Gandi's `/hosting/`, while the ISPConfig, WHM and cPanel
 * clients take the root and append `/remote/…`, `/json-api/…` and `/execute/…` themselves.
 */
const CLIENT_PATH: Record<PanelId, string> = { webfaction: '/', gandi: '/hosting/', ispconfig: '', whm: '', cpanel: '' };

/** The `url` a reference client of `panel` takes, given the root under which the panel's real paths live. */
export function clientUrl(panelRoot: string, panel: PanelId): string {
  return `${panelRoot.replace(/\/+$/, '')}${CLIENT_PATH[panel]}`;
}
