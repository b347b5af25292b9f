import { readSoapAnswer, soapRequestEnvelope, type SoapAnswer } from './soap-wire.js';

export { soapRequestEnvelope } from './soap-wire.js';

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
    const body = await response.text();
    let decoded: SoapAnswer;
    try {
      decoded = readSoapAnswer(body);
    } catch {
      throw new SoapTransportError(`HTTP ${response.status} without a SOAP envelope: ${body.slice(0, 200)}`, method, response.status);
    }
    if (decoded.kind === 'fault') throw new SoapFault(decoded.code, decoded.string, method);
    return decoded.value as T;
  }
}
