import { CpanelClient } from '../../clients/cpanel/index.js';
import { GandiClient } from '../../clients/gandi/index.js';
import { IspconfigClient } from '../../clients/ispconfig/index.js';
import { WebfactionClient } from '../../clients/webfaction/index.js';
import { WhmClient } from '../../clients/whm/index.js';
import { seededCredentials } from '../seeded-credentials.js';
import type { PanelId } from '../../kernel/panel-id.js';

/** The reference clients of the panels, each bound to one world of one server. */
export interface PanelClients {
  /** Logs in with the seeded account on its first call. */
  webfaction: WebfactionClient;
  /** The seeded account; logs in on its first call (or call `gandi.login` yourself). */
  gandi: GandiClient;
  /** SOAP, the seeded remote user; logs in on its first call. */
  ispconfig: IspconfigClient;
  /** root with the seeded API token. */
  whm: WhmClient;
  /** The seeded account carol, with her password (Basic). */
  cpanel: CpanelClient;
}

/** How each reference client is built from its `url` (the world's `baseUrl(panel)`). */
const FACTORIES: { [P in PanelId]: (url: string) => PanelClients[P] } = {
  webfaction: (url) => new WebfactionClient({ url, ...seededCredentials('webfaction') }),
  gandi: (url) => new GandiClient({ url, ...seededCredentials('gandi') }),
  ispconfig: (url) => new IspconfigClient({ url, ...seededCredentials('ispconfig') }),
  whm: (url) => new WhmClient({ url, username: seededCredentials('whm').username, token: seededCredentials('whm').token! }),
  cpanel: (url) => new CpanelClient({ url, username: seededCredentials('cpanel').username, password: seededCredentials('cpanel').password }),
};

/** Reference clients made on first use (each keeps its own login session), all reaching `baseUrl(panel)`. */
export function bindClients(baseUrl: (panel: PanelId) => string): PanelClients {
  const clients = {} as PanelClients;
  for (const [panel, make] of Object.entries(FACTORIES) as [PanelId, (base: string) => never][]) {
    let client: PanelClients[typeof panel] | undefined;
    Object.defineProperty(clients, panel, { enumerable: true, get: () => (client ??= make(baseUrl(panel))) });
  }
  return clients;
}
