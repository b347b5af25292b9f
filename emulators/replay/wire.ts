import type { PanelModule } from '../core/panel.js';
import { isPanelFault } from '../core/panel-fault.js';
import type { PanelRequest } from '../core/types.js';
import type { PanelId } from '../../kernel/panel-id.js';
import type { DecodedCall } from '../protocol/codec.js';
import { decodeSoapResponse } from '../protocol/soap/codec.js';
import { parseMethodResponse, xmlRpcBodyText } from '../protocol/xmlrpc/parse.js';
import { bodyFields, rawBody, toCassetteValue, type CassetteRequest, type CassetteResponse, type RawRequest, type RawResponse } from './cassette.js';

/** A raw request as the panel's codec takes it (the world is irrelevant to decoding). */
export function toPanelRequest(panel: PanelId, raw: RawRequest, world = 'default', remoteAddress = '127.0.0.1'): PanelRequest {
  return { panel, world, httpMethod: raw.method, path: raw.path, query: raw.query, headers: { ...raw.headers }, body: rawBody(raw), remoteAddress };
}

/** A panel request as a cassette's raw request. */
export function fromPanelRequest(request: PanelRequest): RawRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name.toLowerCase()] = value;
  return { method: request.httpMethod, path: request.path, query: request.query, headers, ...bodyFields(request.body) };
}

/** The request as the panel's own codec reads it, or why it cannot. */
export function decodeRequest(panel: PanelModule, request: PanelRequest): { call?: DecodedCall; request: CassetteRequest } {
  const codec = panel.route(request.path);
  if (!codec) return { request: { method: '', args: [], undecodable: `${panel.title} has no endpoint at ${request.path}` } };
  try {
    const decoded = codec.decode(request);
    if (decoded.kind === 'response') return { request: { method: '', args: [], undecodable: 'the codec answers this request by itself (no method call)' } };
    const { call } = decoded;
    const out: CassetteRequest = { method: call.method, args: call.args.map(toCassetteValue) };
    if (call.named) out.named = toCassetteValue(call.named) as Record<string, unknown>;
    return { call, request: out };
  } catch (error) {
    return { request: { method: '', args: [], undecodable: isPanelFault(error) ? error.faultString : String((error as Error).message ?? error) } };
  }
}

/**
 * The response as the panel's client reads it, by the codec that serves the
 * path: XML-RPC params or fault, SOAP return or Fault, ISPConfig JSON
 * `{code, message, response}`, WHM JSON (the whole body is the value; a
 * `metadata.result` of 0 is also a fault).
 */
export function decodeResponse(panel: PanelModule, path: string, raw: RawResponse): CassetteResponse {
  const codec = panel.route(path);
  const bytes = rawBody(raw);
  try {
    switch (codec?.name) {
      case 'xmlrpc': {
        const parsed = parseMethodResponse(xmlRpcBodyText(bytes, raw.headers['content-encoding']).text);
        if (parsed.kind === 'fault') return { fault: { code: faultCode(parsed.faultCode), string: String(parsed.faultString ?? '') } };
        return { value: toCassetteValue(parsed.params[0]) };
      }
      case 'soap': {
        const parsed = decodeSoapResponse(bytes, { wireInts: false });
        if (parsed.kind === 'fault') return { fault: { code: parsed.code, string: parsed.string } };
        return { value: toCassetteValue(parsed.value) };
      }
      case 'ispconfig-json': {
        const body = JSON.parse(bytes.toString('utf8')) as { code?: unknown; message?: unknown; response?: unknown };
        if (body.code !== 'ok') return { fault: { code: String(body.code), string: String(body.message ?? '') } };
        return { value: toCassetteValue(body.response) };
      }
      case 'whm-json': {
        const body = JSON.parse(bytes.toString('utf8')) as { metadata?: { result?: unknown; reason?: unknown }; status?: unknown; statusmsg?: unknown };
        const failed = body?.metadata?.result === 0 || body?.metadata?.result === '0';
        return failed ? { value: body, fault: { code: 0, string: String(body.metadata?.reason ?? '') } } : { value: body };
      }
      default:
        return { undecodable: `no response reader for path ${path}` };
    }
  } catch (error) {
    return { undecodable: `HTTP ${raw.status}: ${(error as Error).message}`.slice(0, 300) };
  }
}

function faultCode(code: unknown): string | number {
  if (typeof code === 'number' && Number.isInteger(code)) return code;
  if (typeof code === 'object' && code !== null && 'value' in code) return Number((code as { value: unknown }).value);
  return String(code);
}
