import { WorldRegistry } from '../state/world-registry.js';
import { clockStart, type ClockOptions } from '../state/clock.js';
import { createCore, type Core, type CoreOptions } from './core/dispatcher.js';
import type { PanelModule } from './core/panel.js';
import type { PanelId } from '../kernel/panel-id.js';
import { cpanelAccountApis } from './cpanel/account-call.js';
import { cpanelPanel } from './cpanel/index.js';
import { gandiPanel } from './gandi/index.js';
import { ispconfigPanel } from './ispconfig/index.js';
import { webfactionPanel } from './webfaction/index.js';
import type { WhmPanelModule } from './whm/account-apis.js';
import { whmPanel } from './whm/index.js';

// WHM's uapi_cpanel and cpanel passthroughs run the cPanel panel's account functions (one implementation for both
// doors); panels do not import each other, so they meet here.
const whmWithAccountApis: WhmPanelModule = { ...whmPanel, accountApis: cpanelAccountApis };

/**
 * Every emulated panel, in the order of PANEL_IDS.
 *
 * @example
 * for (const panel of PANELS) console.log(panel.id, panel.paths); // webfaction ['/'], gandi ['/hosting/', '/xmlrpc/'], …
 */
export const PANELS: readonly PanelModule[] = [webfactionPanel, gandiPanel, ispconfigPanel, whmWithAccountApis, cpanelPanel];

export interface MockpanelOptions {
  /** Only these panels (default: all). */
  panels?: PanelId[];
  /** Persist worlds in this folder; in memory when absent. */
  dataDir?: string;
  journalLimit?: number;
  /** Seed sections keyed by panel id, replacing the built-in seeded accounts. */
  seed?: Record<string, unknown>;
  autoCreateWorlds?: boolean;
  /**
   * Where every new world's clock starts, and whether it stands still until
   * told to move (`POST /_admin/worlds/:id/clock`). `at` is an ISO-8601
   * instant with a zone, epoch ms, a Date, or "now" (the default: the wall
   * clock when the world is created). Defaults come from `MOCKPANEL_CLOCK`
   * and `MOCKPANEL_CLOCK_FROZEN=1` when set. Reset returns a world to this
   * instant.
   *
   * @example
   * createMockpanel({ clock: { at: '2027-01-31T23:59:40Z', frozen: true } });
   */
  clock?: ClockOptions;
  /** Most worlds panel calls may create on first use (default 500); the admin API is not limited. */
  maxWorlds?: number;
  /** Evict the least recently called world created on first use, idle this many seconds, when the limit is reached. */
  evictIdleWorldsAfterSeconds?: number;
  /** Where a handler's unexpected error is reported (default: one line with the stack on stderr); the client gets the panel's generic fault. */
  onInternalError?: CoreOptions['onInternalError'];
}

/**
 * Builds the emulators over a fresh world registry: the transport-free core
 * that the HTTP server, the msw handlers and tests all drive.
 *
 * @example
 * const core = createMockpanel();
 * const response = await core.handle({ panel: 'webfaction', world: 'default', httpMethod: 'POST', path: '/', query: '', headers: {}, body, remoteAddress: '127.0.0.1' });
 */
export function createMockpanel(options: MockpanelOptions = {}): Core {
  const panels = options.panels ? PANELS.filter((p) => options.panels!.includes(p.id)) : [...PANELS];
  // WHM and the cPanel door share one state (WHM's accounts, zones and mail; the door's tokens, FTP, cron):
  // a world with either carries both schemas, and WHM's passthrough reaches the door's functions.
  const shared = panels.some((p) => p.id === 'whm' || p.id === 'cpanel');
  const stores = PANELS.filter((p) => panels.includes(p) || (shared && (p.id === 'whm' || p.id === 'cpanel')));
  const worlds = new WorldRegistry({
    schemas: stores.map((p) => ({ id: p.id, migrations: p.migrations, seed: p.seed.bind(p) })),
    dataDir: options.dataDir,
    journalLimit: options.journalLimit,
    seedConfig: options.seed,
    clock: clockStart(options.clock),
  });
  return createCore({
    panels,
    worlds,
    autoCreateWorlds: options.autoCreateWorlds,
    maxWorlds: options.maxWorlds,
    evictIdleWorldsAfterSeconds: options.evictIdleWorldsAfterSeconds,
    onInternalError: options.onInternalError,
  });
}
