import { isPanelFault, type PanelFault } from '../../core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../../core/types.js';
import type { Codec, DecodedCall } from '../codec.js';
import { decodeSoapRequest, soapProtocolFault, type SoapWire } from './decode.js';
import { encodeSoapFault, encodeSoapResult, SoapEncodingError } from './encode.js';
import type { SoapVersion } from './namespaces.js';
import { DEFAULT_XML_LIMITS, inflateBody, XmlRejection, type XmlLimits } from './xml-document.js';

export { isSoapStruct, decodeSoapResponse, type SoapWire, type SoapHeaderEntry, type DecodedSoapResponse } from './decode.js';
export { phpFloat, PhpFloat } from '../php/value.js';

/** What a panel may tune about its SOAP wire; the defaults are PHP 8.2's. */
export interface SoapCodecOptions {
  /** php.ini `precision`, used for xsd:float text. Default 14. */
  floatPrecision?: number;
  /** Emit {@link WireInt} for integer texts that are not canonical or not safe in JS (default true; false gives PHP's plain int). */
  wireInts?: boolean;
  /** Body size (default 8 MiB, PHP's post_max_size) and element depth (default 2049, libxml2's) bounds. */
  limits?: Partial<XmlLimits>;
}

const XML_11 = 'text/xml; charset=utf-8';
const XML_12 = 'application/soap+xml; charset=utf-8';

/** What SoapServer::handle() leaves when it has nothing to do: 200, no body, ISPConfig's own text/html header (protocol.md §1). */
function emptyAnswer(): PanelResponse {
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': '0' }, body: Buffer.alloc(0) };
}

function versionOf(call: DecodedCall | undefined, fault?: PanelFault): SoapVersion {
  const fromCall = (call?.wire as Partial<SoapWire> | undefined)?.soapVersion;
  const fromFault = fault?.data?.soapVersion;
  return fromCall === 2 || fromFault === 2 ? 2 : 1;
}

function xmlResponse(status: number, xml: string, version: SoapVersion, faultOrder: boolean): PanelResponse {
  const body = Buffer.from(xml, 'utf8');
  const type = version === 2 ? XML_12 : XML_11;
  // PHP sends Content-Length before Content-Type on faults and after it on results (protocol.md §2).
  const headers = faultOrder
    ? { 'content-length': String(body.length), 'content-type': type }
    : { 'content-type': type, 'content-length': String(body.length) };
  return { status, headers, body };
}

/** The request URI PHP's REQUEST_URI would hold: path and query as sent (ISPConfig makes it SoapServer's `uri`). */
function requestUri(request: PanelRequest): string {
  return request.query === '' ? request.path : `${request.path}?${request.query}`;
}

/**
 * PHP 8.2 SoapServer in non-WSDL mode, as ISPConfig 3 runs it at
 * `/remote/index.php`: rpc/encoded SOAP 1.1 and 1.2 in, byte-identical
 * answers out. Arguments are positional (`call.args`); associative arrays
 * (`ns2:Map`) decode to plain objects, lists to arrays, untyped structs to
 * objects marked by {@link isSoapStruct}. Results follow the PHP value
 * mapping in php-value.ts (integers → xsd:int, other numbers → xsd:float,
 * `phpFloat(2)` for an integral float, strings always xsd:string).
 */
export function createSoapCodec(options: SoapCodecOptions = {}): Codec {
  const limits: XmlLimits = { ...DEFAULT_XML_LIMITS, ...options.limits };
  const encodeOptions = { floatPrecision: options.floatPrecision };

  const fault = (code: string | number, faultString: string, version: SoapVersion, status = 500): PanelResponse =>
    xmlResponse(status, encodeSoapFault(code, faultString, version), version, true);

  return {
    name: 'soap',

    decode(request) {
      try {
        const method = request.httpMethod.toUpperCase();
        // SoapServer::handle: only `GET ?wsdl` (any case) is answered; without WSDL it is a fault.
        if (method === 'GET' && request.query.toLowerCase() === 'wsdl') {
          throw soapProtocolFault('SOAP-ENV:Server', 'WSDL generation is not supported yet');
        }
        // PHP reads a request body only for POST with a Content-Type (SAPI rule); anything else gets nothing back (measured).
        if (method !== 'POST' || request.headers['content-type'] === undefined) return { kind: 'response', response: emptyAnswer() };
        const body = inflateBody(request.body, request.headers['content-encoding'], limits);
        // An unknown Content-Encoding makes SoapServer warn and return without output.
        if (body === 'unknown-encoding') return { kind: 'response', response: emptyAnswer() };
        const decoded = decodeSoapRequest(body, { limits, wireInts: options.wireInts });
        return { kind: 'call', call: { method: decoded.method, args: decoded.args, wire: decoded.wire } };
      } catch (error) {
        if (isPanelFault(error)) throw error;
        if (error instanceof XmlRejection) throw soapProtocolFault('SOAP-ENV:Client', 'Bad Request');
        throw soapProtocolFault('SOAP-ENV:Server', `mockpanel: ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    encodeResult(value, call, request) {
      const version = versionOf(call);
      try {
        return xmlResponse(200, encodeSoapResult(value, call.method, requestUri(request), version, encodeOptions), version, false);
      } catch (error) {
        // PHP answers a value it cannot encode with a Server fault; a JS stack overflow on absurd nesting lands here too.
        const message = error instanceof SoapEncodingError ? error.message : `SOAP-ERROR: Encoding: ${error instanceof Error ? error.message : String(error)}`;
        return fault('SOAP-ENV:Server', message, version);
      }
    },

    encodeFault(panelFault, call, _request) {
      const version = versionOf(call, panelFault);
      // SoapServer always answers a fault with 500; a fault may ask for another status (an injected 503).
      const status = panelFault.httpStatus ?? 500;
      return fault(panelFault.code, panelFault.faultString, version, status);
    },
  };
}
