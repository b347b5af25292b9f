/** Something the server noticed about a call, measured against the contract (as the admin API sends it). */
export interface Finding {
  /** Stable kind: unknown-method, argument-count, argument-type, missing-required, value-not-allowed, or a panel footgun id. */
  kind: string;
  message: string;
  /** The closest documented method or signature, for unknown methods and argument mismatches. */
  hint?: string;
  param?: string;
  /** Why it matters to a client author. */
  why?: string;
}

/**
 * One journal entry as `GET /_admin/worlds/:id/journal` answers it. The
 * client's own copy of the wire shape (it imports nothing from the server);
 * test/clients/wire-only.test.ts keeps it equal to the server's type.
 */
export interface JournalEntry {
  id: number;
  worldTime: string;
  wallTime: string;
  panel: string;
  method: string;
  args: unknown;
  outcome: 'ok' | 'fault';
  result?: unknown;
  fault?: { code: string; string: string };
  durationMs: number;
  injected?: string;
  findings: Finding[];
  remoteAddress?: string;
}

/** Journal filters: panel, method, status (ok | fault), since (ISO wall time), sinceId, limit. */
export interface JournalFilter {
  panel?: string;
  method?: string;
  status?: 'ok' | 'fault';
  since?: string;
  sinceId?: number;
  limit?: number;
}

function journalQuery(query: JournalFilter & { count?: number }): string {
  const params = new URLSearchParams(
    Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  return params.size ? `?${params}` : '';
}

/** An admin API refusal, with the server's stable error code (`world_exists`, `world_not_found`, `bad_request`…). */
export class MockpanelAdminError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'MockpanelAdminError';
  }
}

export interface MockpanelAdminOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:7777` (no `/_admin`). */
  url: string;
  /** The server's `--admin-token`, when it was started with one. */
  token?: string;
}

/**
 * A client of a mockpanel server's admin API (`/_admin`): worlds, the virtual
 * clock, per-world settings and the journal. Errors are thrown as
 * {@link MockpanelAdminError}.
 *
 * @example
 * const admin = new MockpanelAdmin({ url: 'http://127.0.0.1:7777' });
 * const world = await admin.createWorld();
 * await admin.advanceClock(world, 13 * 3600);
 * await admin.deleteWorld(world);
 */
/** A clock change: an instant (ISO-8601 with a zone, a Date, or "now") and/or frozen. */
export interface WorldClockSetting {
  at?: string | Date;
  frozen?: boolean;
}

function clockBody(setting: WorldClockSetting): { at?: string; frozen?: boolean } {
  return { at: setting.at instanceof Date ? setting.at.toISOString() : setting.at, frozen: setting.frozen };
}

export class MockpanelAdmin {
  readonly url: string;
  private readonly headers: Record<string, string>;

  constructor(options: MockpanelAdminOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.headers = { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) };
  }

  /** Creates a world from the seeded state (or from snapshot `from`); returns its id (a random one unless `id` is given). */
  async createWorld(id?: string, from?: string, clock?: WorldClockSetting): Promise<string> {
    return (await this.request<{ id: string }>('POST', '/worlds', { id, from, clock: clock && clockBody(clock) })).id;
  }

  /** The ids of the server's worlds. */
  async listWorlds(): Promise<string[]> {
    return (await this.request<{ worlds: string[] }>('GET', '/worlds')).worlds;
  }

  /** Deletes a world and everything in it. */
  async deleteWorld(world: string): Promise<void> {
    await this.request('DELETE', `/worlds/${encodeURIComponent(world)}`);
  }

  /** Puts a world back to the seeded state: data, clock and journal. */
  async resetWorld(world: string): Promise<void> {
    await this.request('POST', `/worlds/${encodeURIComponent(world)}/reset`);
  }

  /** Moves a world's virtual clock forward; returns the new time. */
  async advanceClock(world: string, seconds: number): Promise<Date> {
    return new Date((await this.request<{ now: string }>('POST', `/worlds/${encodeURIComponent(world)}/clock`, { advanceSeconds: seconds })).now);
  }

  /** The world's clock: the instant it shows and whether it is frozen. */
  async clock(world: string): Promise<{ now: Date; frozen: boolean }> {
    const r = await this.request<{ now: string; frozen: boolean }>('GET', `/worlds/${encodeURIComponent(world)}/clock`);
    return { now: new Date(r.now), frozen: r.frozen };
  }

  /** Sets the world's clock to an instant (`"now"`: the wall clock), and/or freezes or unfreezes it. */
  async setClock(world: string, setting: WorldClockSetting): Promise<{ now: Date; frozen: boolean }> {
    const r = await this.request<{ now: string; frozen: boolean }>('POST', `/worlds/${encodeURIComponent(world)}/clock`, clockBody(setting));
    return { now: new Date(r.now), frozen: r.frozen };
  }

  /** Sets per-world settings (`{ 'gandi.operationSeconds': 0 }`); returns all of the world's settings. */
  async setSettings(world: string, settings: Record<string, unknown>): Promise<Record<string, unknown>> {
    return (await this.request<{ settings: Record<string, unknown> }>('PATCH', `/worlds/${encodeURIComponent(world)}/settings`, settings)).settings;
  }

  /** The world's journal: every call with its method, arguments (secrets redacted) and outcome, oldest first. */
  async journal(world: string, query: JournalFilter = {}): Promise<JournalEntry[]> {
    return (await this.request<{ entries: JournalEntry[] }>('GET', `/worlds/${encodeURIComponent(world)}/journal${journalQuery(query)}`)).entries;
  }

  /** How many journal entries match, e.g. `await admin.count(world, { method: 'login' })`. */
  async count(world: string, query: JournalFilter = {}): Promise<number> {
    return (await this.request<{ count: number }>('GET', `/worlds/${encodeURIComponent(world)}/journal${journalQuery({ ...query, count: 1 })}`)).count;
  }

  /** The first journal entry that matches the filter and the predicate, or undefined. */
  async find(world: string, query: JournalFilter = {}, predicate: (entry: JournalEntry) => boolean = () => true): Promise<JournalEntry | undefined> {
    return (await this.journal(world, query)).find(predicate);
  }

  /** Adds an injected-fault rule (latency, http, reset, truncate, malformed, session-expired, rate-limit); returns it with its id and seed. */
  async addFault(world: string, rule: Record<string, unknown>): Promise<{ id: number; seed: number; fired: number }> {
    return this.request('POST', `/worlds/${encodeURIComponent(world)}/faults`, rule);
  }

  /** The world's fault rules with how often each fired. */
  async faults(world: string): Promise<{ id: number; fired: number; remaining: number | null }[]> {
    return (await this.request<{ rules: { id: number; fired: number; remaining: number | null }[] }>('GET', `/worlds/${encodeURIComponent(world)}/faults`))
      .rules;
  }

  /** Removes one fault rule, or all when `id` is omitted. */
  async clearFaults(world: string, id?: number): Promise<void> {
    await this.request('DELETE', `/worlds/${encodeURIComponent(world)}/faults${id === undefined ? '' : `/${id}`}`);
  }

  /** The client report of a world (JSON form; `mockpanel report` renders md/html). */
  async report(world: string): Promise<unknown> {
    return this.request('GET', `/worlds/${encodeURIComponent(world)}/report`);
  }

  private async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/_admin${path}`, { method, headers: this.headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new MockpanelAdminError(
        'not_mockpanel',
        `${method} ${this.url}/_admin${path} answered ${response.status} with a non-JSON body; is this a mockpanel server?`,
        response.status,
      );
    }
    if (!response.ok) {
      const error = (value as { error?: { code?: string; message?: string } }).error;
      throw new MockpanelAdminError(error?.code ?? 'admin_error', error?.message ?? `${method} ${path} answered ${response.status}`, response.status);
    }
    return value as T;
  }
}
