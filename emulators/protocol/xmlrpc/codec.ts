import { gzipSync } from 'node:zlib';
import { PanelFault } from '../../core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../../core/types.js';
import type { Codec, DecodedCall } from '../codec.js';
import { pythonUnsupportedMethod } from '../python/http-error-page.js';
import { DEFAULT_XMLRPC_LIMITS, readMethodCall, type XmlRpcLimits } from './parse.js';
import { XmlRpcProtocolError, xmlRpcError, type XmlRpcProblem } from './problem.js';
import { PYTHON_XML_DECLARATION, serializeFault, serializeMethodResponse, type XmlRpcSerializeOptions } from './serialize.js';

export { XmlRpcDouble } from './double.js';
export type { XmlRpcProblem } from './problem.js';

/** What a panel decides about its XML-RPC wire. Every field has a default fit for a Python-era server. */
export interface XmlRpcCodecOptions {
  /**
   * Turns a protocol-level problem (not XML, not a methodCall, DOCTYPE, too
   * deep, a value the wire cannot carry…) into the panel's fault. Default:
   * {@link pythonDispatcherFault}, faultCode 1 with Python's
   * `<class '…'>:detail` text.
   */
  protocolFault?: (detail: string, problem: XmlRpcProblem) => PanelFault;
  /** Emit `<nil/>` for null/undefined. Default false: WebFaction and Gandi 1.0 never sent it (apache/libcloud's 2011 Gandi fixtures send empty strings; Ruby clients crashed on nil: pickabee/gandi commit 8e544a5). */
  allowNil?: boolean;
  /** XML declaration of every response. Default Python's `<?xml version='1.0'?>`. */
  xmlDeclaration?: string;
  /** Default `text/xml`, as SimpleXMLRPCServer sends. */
  contentType?: string;
  /** Answer to GET, HEAD and the rest: Python's 501 HTML page (default) or a fault body. */
  nonPost?: 'python-501' | 'fault';
  /** Deepest XML element nesting accepted. Default 64. */
  maxDepth?: number;
  /** Largest request body (after gzip) accepted. Default 10 MiB. */
  maxBodyBytes?: number;
  /**
   * Gzip responses larger than this many bytes when the client accepts gzip.
   * Python's SimpleXMLRPCRequestHandler does so above 1400 bytes; off by
   * default so recorded bodies stay readable.
   */
  gzipThreshold?: number;
  /** faultCode used when a fault's code is not an integer (a string code from a generic fault). Default 1. */
  fallbackFaultCode?: number;
}

/**
 * The fault Python's SimpleXMLRPCDispatcher answers for any exception while
 * reading or answering a call: faultCode 1 and `"%s:%s" % (exc_type, exc_value)`
 * (Python's SimpleXMLRPCDispatcher, as jerivas/mezzanine-webf issue #8 shows; fixtures/captures/xmlrpc/python-simplexmlrpcserver/).
 */
export function pythonDispatcherFault(detail: string, problem: XmlRpcProblem): PanelFault {
  return new PanelFault(1, `<class '${problem.pythonException}'>:${detail}`, { origin: 'protocol' });
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The XML-RPC codec for WebFaction and Gandi: methodCall in, methodResponse (params or fault) out. */
export function createXmlRpcCodec(options: XmlRpcCodecOptions = {}): Codec {
  const limits: XmlRpcLimits = {
    maxDepth: options.maxDepth ?? DEFAULT_XMLRPC_LIMITS.maxDepth,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_XMLRPC_LIMITS.maxBodyBytes,
  };
  const serialize: XmlRpcSerializeOptions = {
    allowNil: options.allowNil ?? false,
    xmlDeclaration: options.xmlDeclaration ?? PYTHON_XML_DECLARATION,
    maxDepth: 100,
  };
  const contentType = options.contentType ?? 'text/xml';
  const fallbackFaultCode = options.fallbackFaultCode ?? 1;
  const makeFault = options.protocolFault ?? pythonDispatcherFault;

  function protocolFault(error: unknown, fallbackKind: XmlRpcProblem['kind']): PanelFault {
    const problemError =
      error instanceof XmlRpcProtocolError
        ? error
        : // Not ours (a stack overflow, a bug): say what kind of thing failed, never how (no stack to the client).
          xmlRpcError(
            fallbackKind,
            fallbackKind === 'cannot-marshal' ? 'the result could not be written as XML-RPC' : 'the request could not be read as XML-RPC',
          );
    let fault: PanelFault;
    try {
      fault = makeFault(problemError.message, problemError.problem);
    } catch {
      fault = pythonDispatcherFault(problemError.message, problemError.problem);
    }
    if (fault.origin === 'protocol') return fault;
    return new PanelFault(fault.code, fault.faultString, { httpStatus: fault.httpStatus, data: fault.data, origin: 'protocol' });
  }

  function respond(status: number, xml: string, request: PanelRequest): PanelResponse {
    let body = Buffer.from(xml, 'utf8');
    const headers: Record<string, string> = { 'content-type': contentType };
    if (options.gzipThreshold !== undefined && body.length > options.gzipThreshold && acceptsGzip(request.headers['accept-encoding'])) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    // Content-Length on every answer keeps HTTP/1.1 keep-alive working (Python clients reuse one connection).
    headers['content-length'] = String(body.length);
    return { status, headers, body };
  }

  function faultCode(code: string | number): number {
    const n = typeof code === 'number' ? code : /^\s*[+-]?\d{1,10}\s*$/.test(code) ? Number(code) : Number.NaN;
    return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX ? n : fallbackFaultCode;
  }

  const codec: Codec = {
    name: 'xmlrpc',

    decode(request) {
      if (request.httpMethod.toUpperCase() !== 'POST') {
        if ((options.nonPost ?? 'python-501') === 'python-501') return { kind: 'response', response: pythonUnsupportedMethod(request.httpMethod) };
        throw protocolFault(xmlRpcError('http-method', `HTTP ${request.httpMethod.slice(0, 20)} is not an XML-RPC call; POST a methodCall`), 'http-method');
      }
      try {
        const parsed = readMethodCall(request.body, request.headers['content-encoding'], limits);
        const call: DecodedCall = { method: parsed.method, args: parsed.params, wire: { encoding: parsed.encoding } };
        return { kind: 'call', call };
      } catch (error) {
        throw protocolFault(error, 'not-well-formed');
      }
    },

    encodeResult(value, call, request) {
      let xml: string;
      try {
        xml = serializeMethodResponse(value, serialize);
      } catch (error) {
        return codec.encodeFault(protocolFault(error, 'cannot-marshal'), call, request);
      }
      return respond(200, xml, request);
    },

    encodeFault(fault, _call, request) {
      // XML-RPC faults travel as HTTP 200: Python's client turns any other status into ProtocolError
      // (Python 3.11 xmlrpc.client; fixtures/captures/xmlrpc/python-xmlrpc-client). Only an injected fault rule may ask for another status.
      const status = fault.origin === 'injected' && fault.httpStatus ? fault.httpStatus : 200;
      return respond(status, serializeFault(faultCode(fault.code), String(fault.faultString), serialize), request);
    },
  };
  return codec;
}

/** Python's accept_encodings(): gzip counts when listed with a q above 0. */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [token, ...params] = part.trim().split(';');
    if (token?.trim().toLowerCase() !== 'gzip') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}
