import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPanelFault } from '../../emulators/core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../../emulators/core/types.js';
import type { PanelId } from '../../kernel/panel-id.js';
import type { Codec, DecodedCall } from '../../emulators/protocol/codec.js';

export interface CodecServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Every call the codec decoded, in order. */
  calls: DecodedCall[];
  /** TCP connections accepted so far (keep-alive checks). */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A bare node:http server around one codec, for testing a codec against real
 * clients without any panel: each decoded call is answered with
 * `handle(call)`, or with the fault it throws, encoded by the same codec.
 */
export async function startCodecServer(codec: Codec, panel: PanelId, handle: (call: DecodedCall, request: PanelRequest) => unknown): Promise<CodecServer> {
  const calls: DecodedCall[] = [];
  let connections = 0;
  const answer = (request: PanelRequest): PanelResponse => {
    let call: DecodedCall | undefined;
    try {
      const decoded = codec.decode(request);
      if (decoded.kind === 'response') return decoded.response;
      call = decoded.call;
      calls.push(call);
      return codec.encodeResult(handle(call, request), call, request);
    } catch (error) {
      if (!isPanelFault(error)) throw error;
      return codec.encodeFault(error, call, request);
    }
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const response = answer({
        panel,
        world: 'default',
        httpMethod: req.method ?? 'GET',
        path: url.pathname,
        query: url.search.slice(1),
        headers: req.headers as Record<string, string | undefined>,
        body: Buffer.concat(chunks),
        remoteAddress: req.socket.remoteAddress ?? '',
      });
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
