import type { PanelModule } from '../../emulators/core/panel.js';
import { PanelFault } from '../../emulators/core/panel-fault.js';
import type { PanelRequest } from '../../emulators/core/types.js';
import { serializeMethodResponse } from '../../emulators/protocol/xmlrpc/serialize.js';
import { bodyFields, type RawResponse } from '../../emulators/replay/cassette.js';

/**
 * Builds the wire form of a documented example: the request as the
 * document's own client would send it, the answer as the document gives it,
 * rendered by the panel's codec (the document shows decoded values only, so
 * the raw response of a docs cassette is mockpanel's rendering of it).
 */

/** A methodCall as Python's xmlrpc.client writes it (the WebFaction and Gandi documents' examples are Python). */
export function pythonMethodCall(method: string, args: unknown[]): string {
  const params = args
    .map((arg) => {
      const response = serializeMethodResponse(arg);
      return response.slice(response.indexOf('<param>\n'), response.lastIndexOf('</param>\n') + '</param>\n'.length);
    })
    .join('');
  return `<?xml version='1.0'?>\n<methodCall>\n<methodName>${method}</methodName>\n<params>\n${params}</params>\n</methodCall>\n`;
}

/** An XML-RPC request as Python 3's ServerProxy posts it. */
export function xmlRpcRequest(panel: PanelModule, path: string, method: string, args: unknown[]): PanelRequest {
  const body = Buffer.from(pythonMethodCall(method, args));
  return {
    panel: panel.id,
    world: 'default',
    httpMethod: 'POST',
    path,
    query: '',
    headers: {
      host: hostOf(panel),
      'accept-encoding': 'gzip',
      'content-type': 'text/xml',
      'user-agent': 'Python-xmlrpc/3.11',
      'content-length': String(body.length),
    },
    body,
    remoteAddress: '127.0.0.1',
  };
}

function hostOf(panel: PanelModule): string {
  return panel.id === 'webfaction' ? 'api.webfaction.com' : panel.id === 'gandi' ? 'api.gandi.net' : 'panel.example.com';
}

/** The documented answer (a value, or a fault) as the panel's codec puts it on the wire. */
export function documentedAnswer(
  panel: PanelModule,
  request: PanelRequest,
  answer: { value: unknown } | { fault: { code: string | number; string: string } },
): RawResponse {
  const codec = panel.route(request.path)!;
  const decoded = codec.decode(request);
  if (decoded.kind !== 'call') throw new Error(`${panel.id}: the example request for ${request.path} is not a call`);
  const response =
    'fault' in answer
      ? codec.encodeFault(new PanelFault(answer.fault.code, answer.fault.string), decoded.call, request)
      : codec.encodeResult(answer.value, decoded.call, request);
  return { status: response.status, headers: { ...response.headers }, ...bodyFields(Buffer.from(response.body)) };
}
