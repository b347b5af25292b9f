import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PanelModule } from '../core/panel.js';
import { PanelFault } from '../core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../core/types.js';
import type { PanelId } from '../../kernel/panel-id.js';
import { PANELS } from '../mockpanel.js';
import { route, type Listener } from '../server/routing.js';
import { rawBody, type Cassette, type CassetteRequest, type Interaction } from './cassette.js';
import { show } from './masks.js';
import { closeServer } from './recorder.js';
import { isPlaceholder } from './secrets.js';
import { decodeRequest } from './wire.js';
import { DEFAULT_MAX_BODY, readBody } from '../server/http-server.js';

export type ReplayOrder = 'strict' | 'any';

export interface ReplayOptions {
  /** `strict`: each panel's interactions must come in recorded order, once each. `any` (default): any order; a used answer may repeat. */
  order?: ReplayOrder;
}

interface Entry {
  cassette: number;
  index: number;
  interaction: Interaction;
  used: number;
}

/** One difference between a request and the nearest recorded one. */
interface ArgDiff {
  path: string;
  recorded: unknown;
  got: unknown;
}

export interface Replayer {
  /** The panels the cassettes hold. */
  readonly panels: PanelId[];
  /** Answers a request from the cassettes, or with the panel's own fault naming the nearest recorded interaction. */
  answer(request: PanelRequest): PanelResponse;
  /** Interactions never served, as `cassette#index method`. */
  unused(): string[];
}

/**
 * Serves recorded answers. A request matches an interaction on panel, method
 * and arguments (decoded by the panel's codec, so spacing, key order and
 * `<i4>` versus `<int>` do not matter); a placeholder recorded where a
 * secret was stands for whatever the client sends, the same each time.
 */
export function createReplayer(cassettes: Cassette[], options: ReplayOptions = {}): Replayer {
  const order = options.order ?? 'any';
  const entries = new Map<PanelId, Entry[]>();
  cassettes.forEach((cassette, c) => {
    const list = entries.get(cassette.panel) ?? [];
    cassette.interactions.forEach((interaction, index) => list.push({ cassette: c, index, interaction, used: 0 }));
    entries.set(cassette.panel, list);
  });
  const bound = new Map<string, unknown>();

  const matches = (entry: Entry, request: CassetteRequest) =>
    entry.interaction.request.method === request.method && diffRequests(entry.interaction.request, request, bound).length === 0;

  return {
    panels: [...entries.keys()],
    answer(request) {
      const panel = PANELS.find((p) => p.id === request.panel)!;
      const codec = panel.route(request.path);
      if (!codec) return { status: 404, headers: { 'content-type': 'text/plain' }, body: `${panel.title} has no endpoint at ${request.path}\n` };
      const decoded = decodeRequest(panel, request);
      const list = entries.get(panel.id) ?? [];
      let chosen: Entry | undefined;
      if (order === 'strict') {
        const next = list.find((e) => e.used === 0);
        if (next && matches(next, decoded.request)) chosen = next;
        else return miss(panel, request, decoded, next ? [next] : [], 'strict order');
      } else {
        chosen = list.find((e) => e.used === 0 && matches(e, decoded.request)) ?? [...list].reverse().find((e) => e.used > 0 && matches(e, decoded.request));
        if (!chosen) return miss(panel, request, decoded, list, 'any order');
      }
      chosen.used++;
      bindPlaceholders(chosen.interaction.request, decoded.request, bound);
      return served(panel, request, decoded.call, chosen.interaction);
    },
    unused() {
      return [...entries.values()]
        .flat()
        .filter((e) => e.used === 0)
        .map((e) => `cassette ${e.cassette + 1} #${e.index} ${e.interaction.request.method}`);
    },
  };

  function miss(panel: PanelModule, request: PanelRequest, decoded: ReturnType<typeof decodeRequest>, candidates: Entry[], mode: string): PanelResponse {
    const codec = panel.route(request.path)!;
    let nearest: { entry: Entry; diffs: ArgDiff[] } | undefined;
    for (const entry of candidates) {
      const diffs = diffRequests(entry.interaction.request, decoded.request, bound);
      if (entry.interaction.request.method !== decoded.request.method)
        diffs.unshift({ path: 'method', recorded: entry.interaction.request.method, got: decoded.request.method });
      const score = diffs.length + (entry.used > 0 ? 0.5 : 0);
      const best = nearest ? nearest.diffs.length + (nearest.entry.used > 0 ? 0.5 : 0) : Infinity;
      if (score < best) nearest = { entry, diffs };
    }
    const what = decoded.request.undecodable ? `an unreadable request (${decoded.request.undecodable})` : `${decoded.request.method}`;
    const detail = nearest
      ? `nearest is cassette ${nearest.entry.cassette + 1} #${nearest.entry.index} ${nearest.entry.interaction.request.method}${nearest.entry.used ? ' (already served)' : ''}: ${
          nearest.diffs.length
            ? nearest.diffs
                .slice(0, 5)
                .map((d) => `${d.path} recorded ${show(d.recorded)}, got ${show(d.got)}`)
                .join('; ')
            : 'same request, but it was already served'
        }`
      : 'no interaction left to serve';
    return codec.encodeFault(panel.faults.protocol(`mockpanel replay (${mode}): no recorded interaction matches ${what}; ${detail}`), decoded.call, request);
  }
}

function served(panel: PanelModule, request: PanelRequest, call: ReturnType<typeof decodeRequest>['call'], interaction: Interaction): PanelResponse {
  if (interaction.http) {
    const headers = Object.fromEntries(
      Object.entries(interaction.http.response.headers).filter(
        ([name]) => !['content-length', 'transfer-encoding', 'connection', 'date', 'keep-alive'].includes(name),
      ),
    );
    return { status: interaction.http.response.status, headers, body: rawBody(interaction.http.response) };
  }
  // A cassette written by hand may lack the raw exchange: the panel's codec renders the decoded answer.
  const codec = panel.route(request.path)!;
  const { response } = interaction;
  if (response.fault || !call)
    return codec.encodeFault(new PanelFault(response.fault?.code ?? 0, response.fault?.string ?? 'no answer recorded'), call, request);
  return codec.encodeResult(response.value, call, request);
}

/** Differences between a recorded request and an incoming one; recorded placeholders match any string (bound on first use). */
function diffRequests(recorded: CassetteRequest, got: CassetteRequest, bound: Map<string, unknown>, out: ArgDiff[] = []): ArgDiff[] {
  walk(recorded.args, got.args, 'args', bound, out);
  if (recorded.named || got.named) walk(recorded.named ?? {}, got.named ?? {}, 'named', bound, out);
  return out;
}

function walk(recorded: unknown, got: unknown, path: string, bound: Map<string, unknown>, out: ArgDiff[]): void {
  if (isPlaceholder(recorded)) {
    if (typeof got !== 'string' || (bound.has(recorded) && bound.get(recorded) !== got)) out.push({ path, recorded, got });
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(got)) {
    if (recorded.length !== got.length) out.push({ path: `${path}.length`, recorded: recorded.length, got: got.length });
    for (let i = 0; i < Math.min(recorded.length, got.length); i++) walk(recorded[i], got[i], `${path}[${i}]`, bound, out);
    return;
  }
  if (recorded && got && typeof recorded === 'object' && typeof got === 'object' && !Array.isArray(recorded) && !Array.isArray(got)) {
    const keys = new Set([...Object.keys(recorded), ...Object.keys(got)]);
    for (const key of keys) walk((recorded as Record<string, unknown>)[key], (got as Record<string, unknown>)[key], `${path}.${key}`, bound, out);
    return;
  }
  if (JSON.stringify(recorded) !== JSON.stringify(got)) out.push({ path, recorded, got });
}

function bindPlaceholders(recorded: unknown, got: unknown, bound: Map<string, unknown>): void {
  if (isPlaceholder(recorded)) {
    if (!bound.has(recorded)) bound.set(recorded, got);
  } else if (recorded && got && typeof recorded === 'object' && typeof got === 'object') {
    for (const [key, value] of Object.entries(recorded)) bindPlaceholders(value, (got as Record<string, unknown>)[key], bound);
  }
}

export interface ReplayServer {
  url: string;
  replayer: Replayer;
  close(): Promise<void>;
}

/**
 * Serves cassettes over HTTP. With one panel's cassettes the real paths
 * answer (`/`, `/hosting/`, `/remote/index.php`, `/json-api/…`), as if the
 * server were the panel; the shared-port prefixes (`/webfaction/`, `/gandi/`,
 * `/ispconfig/`, `/whm/`) always work.
 */
export async function startReplayServer(cassettes: Cassette[], options: ReplayOptions & { port?: number; host?: string } = {}): Promise<ReplayServer> {
  const replayer = createReplayer(cassettes, options);
  const only = replayer.panels.length === 1 ? replayer.panels[0] : undefined;
  const server: Server = createServer(async (req, res) => {
    try {
      const body = await readBody(req, DEFAULT_MAX_BODY);
      if (body === undefined) {
        res.shouldKeepAlive = false;
        res.writeHead(413, { 'content-type': 'text/plain' }).end(`mockpanel replay: request body over the ${DEFAULT_MAX_BODY}-byte limit\n`);
        req.destroy();
        return;
      }
      const url = req.url ?? '/';
      const shared: Listener = { kind: 'shared' };
      let target = route(url, req.headers.host, undefined, shared);
      if (target.kind !== 'panel' && only) target = route(url, undefined, undefined, { kind: 'panel', panel: only });
      if (target.kind !== 'panel' || !replayer.panels.includes(target.panel)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`mockpanel replay serves ${replayer.panels.join(', ')}; nothing at ${url}\n`);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      const answer = replayer.answer({
        panel: target.panel,
        world: 'default',
        httpMethod: req.method ?? 'GET',
        path: target.path,
        query: target.query,
        headers,
        body,
        remoteAddress: req.socket.remoteAddress ?? '',
      });
      res.writeHead(answer.status, answer.headers).end(answer.body);
    } catch (error) {
      console.error('[mockpanel] replay failed on a request:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('mockpanel replay failed on this request; the log has the details\n');
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return { url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`, replayer, close: () => closeServer(server) };
}
