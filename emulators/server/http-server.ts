import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/dispatcher.js';
import type { PanelRequest, PanelResponse } from '../core/types.js';
import type { PanelId } from '../../kernel/panel-id.js';
import { route, type Listener } from './routing.js';

export const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

export interface ServerOptions {
  host?: string;
  /** The shared port (all panels under prefixes, the admin API); 0 picks a free one. */
  port?: number;
  /** A listener per panel at the real paths. */
  panelPorts?: Partial<Record<PanelId, number>>;
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Largest request body accepted, in bytes. */
  maxBody?: number;
  adminToken?: string;
}

export interface ListenerInfo {
  name: 'shared' | PanelId;
  url: string;
  port: number;
}

export interface RunningServer {
  listeners: ListenerInfo[];
  /** Base URL of the shared port. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a core over HTTP(S). Panel traffic goes from node:http straight to
 * the core (express routing costs several times the call itself); only the
 * admin API runs on express.
 *
 * @example
 * const server = await startServer(createMockpanel(), { port: 0 });
 * await fetch(`${server.url}/whm/json-api/version?api.version=1`, { headers: { authorization: 'whm root:MOCKPANELROOTTOKEN00000000000000' } });
 * await server.close();
 */
export async function startServer(core: Core, options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const maxBody = options.maxBody ?? DEFAULT_MAX_BODY;
  // express and the dashboard load on the first admin request: panel calls never need them, and their
  // module graph (express and its ~40 packages) was about a tenth of the CLI's cold start (bench/run.ts).
  let adminApp: Promise<AdminHandler> | undefined;
  const admin: AdminHandler = async (req, res) => {
    adminApp ??= Promise.all([import('./admin-api.js'), import('./admin-ui.js')]).then(([api, ui]) => {
      const app = api.createAdminApp(core, { token: options.adminToken, maxBody });
      return (req2, res2) => (ui.isDashboardPath(req2.url ?? '/') ? ui.serveDashboard(req2, res2, options.adminToken) : app(req2, res2));
    });
    return (await adminApp)(req, res);
  };
  const servers: Server[] = [];
  const listeners: ListenerInfo[] = [];

  const open = async (name: ListenerInfo['name'], port: number, listener: Listener) => {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      onRequest(core, admin, listener, maxBody, req, res).catch((error) => {
        if (isAborted(error, req)) {
          // A client that hangs up mid-upload is ordinary traffic, not a mockpanel fault: one short line, no stack.
          console.error(`[mockpanel] ${req.method} ${(req.url ?? '').slice(0, 120)}: the client closed the connection before sending the whole body`);
          res.destroy();
          return;
        }
        console.error('[mockpanel] request failed:', error);
        if (!res.headersSent)
          writeJson(res, 500, { error: { code: 'internal', message: 'mockpanel failed on this request; the server log has the details.' } });
        else res.destroy();
      });
    };
    // node:https (and tls under it) loads only when asked for: a few ms of every plain-HTTP cold start otherwise.
    const server = options.tls
      ? (await import('node:https')).createServer({ cert: options.tls.cert, key: options.tls.key }, handler)
      : createHttpServer(handler);
    server.keepAliveTimeout = 65_000;
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      // Headers past node's 16 KiB limit get the status every front end gives them (RFC 6585 §5), anything else 400.
      const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
      const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
      if (socket.writable)
        socket.end(
          `HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${tooLarge ? 'request headers too large' : 'malformed HTTP request'}\n`,
        );
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    servers.push(server);
    const actual = (server.address() as AddressInfo).port;
    const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
    listeners.push({ name, port: actual, url: `${options.tls ? 'https' : 'http'}://${shownHost}:${actual}` });
  };

  try {
    await open('shared', options.port ?? 7777, { kind: 'shared' });
    for (const [panel, port] of Object.entries(options.panelPorts ?? {}) as [PanelId, number][]) {
      if (port !== undefined) await open(panel, port, { kind: 'panel', panel });
    }
  } catch (error) {
    await Promise.all(servers.map((s) => closeServer(s)));
    throw error;
  }

  return {
    listeners,
    url: listeners[0].url,
    close: () => Promise.all(servers.map((s) => closeServer(s))).then(() => undefined),
  };
}

/** True for the error node:http raises when the client goes away while its body is being read. */
function isAborted(error: unknown, req: IncomingMessage): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return req.destroyed && (code === 'ECONNRESET' || code === 'ECONNABORTED' || (error as Error | undefined)?.message === 'aborted');
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

type AdminHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

async function onRequest(core: Core, admin: AdminHandler, listener: Listener, maxBody: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = route(req.url ?? '/', req.headers.host, header(req, 'x-mockpanel-world'), listener);
  if (target.kind === 'admin') {
    await admin(req, res);
    return;
  }
  if (target.kind === 'index') return writeJson(res, 200, index(core));
  if (target.kind === 'none') {
    return writeJson(res, 404, {
      error: {
        code: 'unknown_path',
        message: `Nothing at ${target.path}. Panels live under /webfaction/, /gandi/, /ispconfig/, /whm/, /cpanel/; the admin API under /_admin/.`,
      },
    });
  }

  const request: PanelRequest = {
    panel: target.panel,
    world: target.world,
    httpMethod: req.method ?? 'GET',
    path: target.path,
    query: target.query,
    headers: req.headers as Record<string, string | undefined>,
    body: EMPTY,
    remoteAddress: req.socket.remoteAddress ?? '',
  };
  // A bodiless request (most WHM calls are GETs) needs no wait for the stream's end, nor a promise for it.
  const body = bodiless(req) ? (req.resume(), EMPTY) : await readBody(req, maxBody);
  if (body === undefined) {
    // Stop reading: answer at once and close, so an oversized upload is never buffered.
    res.shouldKeepAlive = false;
    await write(res, core.refuse(request, `request body exceeds the ${maxBody}-byte limit`));
    req.destroy();
    return;
  }
  request.body = body;
  return write(res, await core.handle(request));
}

const EMPTY = Buffer.alloc(0);

const bodiless = (req: IncomingMessage) => req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined;

/** The body, or undefined as soon as it is known to exceed `limit` (nothing past the limit is buffered). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (bodiless(req)) {
    req.resume();
    return Promise.resolve(EMPTY);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
  });
}

/** Writes the response, after its injected latency if it has one (no promise to wait for otherwise). */
function write(res: ServerResponse, response: PanelResponse): Promise<void> | void {
  if (response.delayMs) return new Promise<void>((r) => setTimeout(r, response.delayMs)).then(() => writeNow(res, response));
  writeNow(res, response);
}

function writeNow(res: ServerResponse, response: PanelResponse): void {
  const effect = response.transport;
  if (effect?.kind === 'reset') {
    res.socket?.resetAndDestroy();
    return;
  }
  if (effect?.kind === 'truncate') {
    const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
    res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
    res.write(body.subarray(0, Math.min(effect.bytes, body.length)));
    res.socket?.destroySoon();
    return;
  }
  // A string body goes to end() as it is: node:http then sends head and body in one write, where a Buffer body
  // costs a second chunk through writev (the larger share of a trivial call's time in the profile, issue 21).
  const length = typeof response.body === 'string' ? Buffer.byteLength(response.body) : response.body.length;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(length) });
  res.end(response.body);
}

function writeJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function index(core: Core): unknown {
  return {
    name: 'mockpanel',
    panels: [...core.panels.values()].map((p) => ({ id: p.id, title: p.title, paths: p.paths.map((path) => `/${p.id}${path}`) })),
    worlds: core.worlds.list(),
    admin: '/_admin/health',
  };
}
