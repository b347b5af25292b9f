import { decodeSoapResponse } from '../../emulators/protocol/soap-codec.js';
import { encodeSoapResult } from '../../emulators/protocol/soap-encode.js';
import { APACHE_SOAP, SOAP11_ENC, SOAP11_ENV, XSD, XSI } from '../../emulators/protocol/soap-namespaces.js';

/** A SOAP Fault answered by the server: `code` is the faultcode as sent (`login_failed`, `SOAP-ENV:Server`). */
export class SoapFault extends Error {
  constructor(
    readonly code: string,
    readonly faultString: string,
    readonly method: string,
  ) {
    super(`${method}: ${code}: ${faultString}`);
    this.name = 'SoapFault';
  }
}

/** The server could not be reached, or did not answer SOAP. */
export class SoapTransportError extends Error {
  constructor(
    message: string,
    readonly method: string,
    readonly status?: number,
  ) {
    super(`${method}: ${message}`);
    this.name = 'SoapTransportError';
  }
}

export interface SoapTransportOptions {
  /** The endpoint (`location`), e.g. `https://panel:8080/remote/index.php`. */
  url: string;
  /** The method namespace (`uri`); PHP's examples use `https://panel:8080/remote/`. Default: the endpoint's directory. */
  uri?: string;
  /** Extra HTTP headers (mockpanel's `X-Mockpanel-World`). */
  headers?: Record<string, string>;
  /** Per-call timeout in milliseconds. Default 30 s. */
  timeoutMs?: number;
}

/**
 * rpc/encoded SOAP 1.1 without WSDL, as PHP's SoapClient speaks it: the
 * arguments go as `param0…N` typed with xsi:type (associative arrays as
 * ns2:Map, lists as SOAP-ENC:Array) and the answer's `<return>` is read back
 * the way SoapClient reads it.
 */
export class SoapTransport {
  private readonly uri: string;

  constructor(private readonly options: SoapTransportOptions) {
    this.uri = options.uri ?? new URL('./', options.url).toString();
  }

  /** Calls `method` with positional arguments; trailing undefined ones are left out (PHP then uses its defaults). */
  async call<T = unknown>(method: string, args: unknown[]): Promise<T> {
    const params = [...args];
    while (params.length && params[params.length - 1] === undefined) params.pop();
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"${this.uri}#${method}"`,
          ...this.options.headers,
        },
        body: soapRequestEnvelope(method, params, this.uri),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new SoapTransportError(error instanceof Error ? error.message : String(error), method);
    }
    const body = Buffer.from(await response.arrayBuffer());
    let decoded: ReturnType<typeof decodeSoapResponse>;
    try {
      decoded = decodeSoapResponse(body, { wireInts: false });
    } catch {
      throw new SoapTransportError(`HTTP ${response.status} without a SOAP envelope: ${body.toString('utf8').slice(0, 200)}`, method, response.status);
    }
    if (decoded.kind === 'fault') throw new SoapFault(decoded.code, decoded.string, method);
    return decoded.value as T;
  }
}

/**
 * A request envelope as PHP's SoapClient writes it in non-WSDL mode: the
 * method in the `uri` namespace, arguments `param0…N`. Each argument is
 * written by mockpanel's one SOAP value encoder (the one the emulator answers
 * with; PHP encodes arguments and returns alike).
 */
export function soapRequestEnvelope(method: string, args: unknown[], uri: string): string {
  const open = `<ns1:${method}Response>`;
  const close = `</ns1:${method}Response>`;
  const params = args
    .map((value, i) => {
      const wrapped = encodeSoapResult(value === undefined ? null : value, method, uri, 1);
      const inner = wrapped.slice(wrapped.indexOf(open) + open.length, wrapped.lastIndexOf(close));
      return inner.replace(/^<return/, `<param${i}`).replace(/<\/return>$/, `</param${i}>`);
    })
    .join('');
  const ns = `xmlns:SOAP-ENV="${SOAP11_ENV}" xmlns:ns1="${escapeAttribute(uri)}" xmlns:xsd="${XSD}" xmlns:xsi="${XSI}" xmlns:ns2="${APACHE_SOAP}" xmlns:SOAP-ENC="${SOAP11_ENC}"`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope ${ns} SOAP-ENV:encodingStyle="${SOAP11_ENC}">` +
    `<SOAP-ENV:Body><ns1:${method}>${params}</ns1:${method}></SOAP-ENV:Body></SOAP-ENV:Envelope>\n`
  );
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
