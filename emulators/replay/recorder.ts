import { createServer, request as httpRequest, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import type { PanelRequest } from '../core/types.js';
import type { PanelId } from '../../kernel/panel-id.js';
import { PANELS } from '../mockpanel.js';
import { bodyFields, writeCassette } from './cassette.js';
import { CassetteWriter } from './cassette-writer.js';
import { DEFAULT_MAX_BODY, readBody } from '../server/http-server.js';

export interface RecorderOptions {
  panel: PanelId;
  /** The real panel's base URL; a request for `/remote/index.php` at the recorder goes to `<target>/remote/index.php`. */
  target: string;
  /** The cassette file, rewritten after every interaction. */
  out: string;
  /** Listen port (default 0: any free port). */
  port?: number;
  host?: string;
  /** Also write placeholder → secret here (mode 0600), for `verify --secrets`; never commit it. */
  secretsOut?: string;
  panelVersion?: string;
  /** Accept the target's TLS certificate without checking it (panels on :8080/:2087 often have self-signed ones). */
  insecure?: boolean;
}

export interface Recorder {
  /** Where clients should point instead of the panel, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Interactions recorded so far. */
  readonly count: number;
  close(): Promise<void>;
}

/** Hop-by-hop and length headers: the recorder relays whole bodies, so it sets its own. */
const NOT_RELAYED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
  'accept-encoding',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
]);

/**
 * A reverse proxy in front of a real panel that writes what passes through
 * it as a cassette. Secrets are replaced by placeholders whenever the file
 * is written (after each interaction, from the whole session, so a secret
 * recognised late is scrubbed from earlier calls too); the file never holds
 * them.
 */
export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const panel = PANELS.find((p) => p.id === options.panel)!;
  const target = new URL(options.target);
  const base = target.pathname.replace(/\/+$/, '');
  const writer = new CassetteWriter(panel);
  const provenance = {
    source: sourceUrl(target),
    ...(options.panelVersion ? { panelVersion: options.panelVersion } : {}),
    // A recording talks to a real panel, so when it was made is the machine's time, not a world's.
    recordedAt: new Date().toISOString(),
    recordedBy: 'mockpanel record',
  };

  const save = () => {
    writeCassette(options.out, writer.cassette(provenance));
    if (options.secretsOut) writeFileSync(options.secretsOut, `${JSON.stringify(writer.vault.toJSON(), null, 2)}\n`, { mode: 0o600 });
  };
  save();

  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req, DEFAULT_MAX_BODY);
      if (body === undefined) {
        res.shouldKeepAlive = false;
        res.writeHead(413, { 'content-type': 'text/plain' }).end(`mockpanel record: request body over the ${DEFAULT_MAX_BODY}-byte limit; not relayed\n`);
        req.destroy();
        return;
      }
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && !NOT_RELAYED.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const answer = await forward(target, `${base}${url}`, req.method ?? 'GET', headers, body, options.insecure ?? false);
      res.writeHead(answer.status, answer.headers).end(answer.bytes);

      const panelRequest: PanelRequest = {
        panel: panel.id,
        world: 'default',
        httpMethod: req.method ?? 'GET',
        path: q === -1 ? url : url.slice(0, q),
        query: q === -1 ? '' : url.slice(q + 1),
        headers,
        body,
        remoteAddress: req.socket.remoteAddress ?? '',
      };
      writer.add(panelRequest, { status: answer.status, headers: answer.headers, ...bodyFields(answer.bytes) });
      save();
    } catch (error) {
      if (!res.headersSent)
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`mockpanel record: the panel did not answer: ${(error as Error).message}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    get count() {
      return writer.count;
    },
    close: () => closeServer(server),
  };
}

/** The target without user info or query (either may hold a token). */
function sourceUrl(target: URL): string {
  return `${target.protocol}//${target.host}${target.pathname}`;
}

function forward(
  target: URL,
  path: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
  insecure: boolean,
): Promise<{ status: number; headers: Record<string, string>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const auth = target.username ? `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}` : undefined;
    const outgoing = send(
      {
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port || undefined,
        method,
        path,
        auth,
        headers: { ...headers, host: target.host, 'content-length': String(body.length) },
        rejectUnauthorized: !insecure,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (c: Buffer) => chunks.push(c));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const out: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined && !NOT_RELAYED.has(name)) out[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: incoming.statusCode ?? 502, headers: out, bytes: Buffer.concat(chunks) });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
