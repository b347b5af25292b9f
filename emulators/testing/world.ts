import { MockpanelAdmin, type JournalEntry, type WorldClockSetting } from '../../clients/mockpanel-admin.js';
import { seededCredentials } from '../seeded-credentials.js';
import type { PanelId } from '../../kernel/panel-id.js';
import { clientUrl } from '../server/client-urls.js';
import { bindClients, type PanelClients } from './panel-clients.js';

export interface TestWorldOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  adminToken?: string;
  /** The world id; a unique one by default. */
  id?: string;
  /** Start from this snapshot instead of the seeded state. */
  from?: string;
  /**
   * This world's clock: an instant to start at (ISO-8601 with a zone, a Date,
   * or "now") and/or frozen. Default: the server's `--clock` start.
   */
  clock?: WorldClockSetting;
}

let created = 0;

/**
 * One world on a mockpanel server, for one test: its own copy of the seeded
 * state of all four panels, its own clock and journal. Nothing another world
 * does is visible here. Make one per test with {@link createTestWorld} under
 * any runner; the `test` fixture of `mockpanel/vitest` hands one to each test
 * as `mockpanel`.
 *
 * @example
 * test('session expiry', async ({ mockpanel }) => {
 *   await mockpanel.clients.webfaction.listMailboxes();
 *   await mockpanel.advanceClock(2 * 3600);
 *   await mockpanel.clients.webfaction.listMailboxes(); // the client logs in again
 *   expect((await mockpanel.journal()).filter((e) => e.method === 'login')).toHaveLength(2);
 * });
 */
export class MockpanelWorld {
  /** Reference clients bound to this world (made on first use; log in with {@link credentials}). */
  readonly clients: PanelClients;

  constructor(
    /** The server's base URL. */
    readonly url: string,
    /** This world's id. */
    readonly id: string,
    /** The server's admin API. */
    readonly admin: MockpanelAdmin,
  ) {
    this.clients = bindClients((panel) => this.baseUrl(panel));
  }

  /**
   * The URL a client of `panel` is given in this world, exactly as the
   * reference clients' `url` option takes it: `…/webfaction/` (with the
   * slash XML-RPC clients need), `…/gandi/hosting/`, `…/ispconfig` (the
   * client appends `/remote/index.php`), `…/whm` (it appends `/json-api/…`).
   *
   * @example
   * const whm = new WhmClient({ url: world.baseUrl('whm'), ...world.credentials('whm') });
   */
  baseUrl(panel: PanelId): string {
    return clientUrl(this.rootUrl(panel), panel);
  }

  /**
   * The URL under which `panel`'s real paths live in this world, without a
   * trailing slash: append `/` (WebFaction), `/hosting/` or `/xmlrpc/` (Gandi),
   * `/remote/index.php` or `/remote/json.php` (ISPConfig), `/json-api/<function>` (WHM).
   *
   * @example
   * await fetch(`${world.rootUrl('whm')}/json-api/listaccts?api.version=1`, { headers: { authorization: `whm root:${token}` } });
   */
  rootUrl(panel: PanelId): string {
    return `${this.url}/_w/${encodeURIComponent(this.id)}/${panel}`;
  }

  /** The login seeded into every fresh world for `panel` (the documents' own example credentials). */
  credentials(panel: PanelId): { username: string; password: string; token?: string } {
    return seededCredentials(panel);
  }

  /** Moves this world's virtual clock forward (session expiry, Gandi operations) instead of sleeping. */
  advanceClock(seconds: number): Promise<Date> {
    return this.admin.advanceClock(this.id, seconds);
  }

  /** This world's clock: the instant it shows and whether it is frozen. */
  clock(): Promise<{ now: Date; frozen: boolean }> {
    return this.admin.clock(this.id);
  }

  /** Sets this world's clock to an instant and/or freezes or frees it. */
  setClock(setting: WorldClockSetting): Promise<{ now: Date; frozen: boolean }> {
    return this.admin.setClock(this.id, setting);
  }

  /** Sets per-world settings such as `{ 'gandi.operationSeconds': 0 }`. */
  setSettings(settings: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.admin.setSettings(this.id, settings);
  }

  /** Every call this world has served, oldest first. */
  journal(query?: Parameters<MockpanelAdmin['journal']>[1]): Promise<JournalEntry[]> {
    return this.admin.journal(this.id, query);
  }

  /** Back to the seeded state. */
  reset(): Promise<void> {
    return this.admin.resetWorld(this.id);
  }

  /** Deletes the world on the server. */
  dispose(): Promise<void> {
    return this.admin.deleteWorld(this.id);
  }
}

/**
 * Creates a fresh world on a running mockpanel server. The `test` fixture of
 * `mockpanel/vitest` does this for every test; call it yourself with any
 * other runner (from `mockpanel/testing`), and `dispose()` the world afterwards.
 *
 * @example
 * import { startMockpanel, createTestWorld } from 'mockpanel/testing';
 * const server = await startMockpanel();
 * const world = await createTestWorld({ url: server.url });
 * const gandi = world.clients.gandi;
 * await gandi.login(world.credentials('gandi').username, world.credentials('gandi').password);
 * await world.dispose();
 * await server.close();
 */
export async function createTestWorld(options: TestWorldOptions): Promise<MockpanelWorld> {
  const admin = new MockpanelAdmin({ url: options.url, token: options.adminToken });
  // Readable ids (pool, sequence) make a world easy to find in the journal or dashboard.
  const id = options.id ?? `vt${process.env.VITEST_POOL_ID ?? ''}-${++created}-${Math.random().toString(36).slice(2, 8)}`;
  return new MockpanelWorld(admin.url, await admin.createWorld(id, options.from, options.clock), admin);
}
