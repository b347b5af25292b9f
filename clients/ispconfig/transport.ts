import { SoapFault, SoapTransport, SoapTransportError } from '../transport/soap-transport.js';
import { errorFor, FaultError, TransportError } from './errors.js';
import { FAULT_STRINGS } from './methods.generated.js';

/** One argument of a call: the PHP parameter name (the JSON API binds by it) and the value (SOAP sends it by position). */
export interface IspconfigArgument {
  name: string;
  value: unknown;
}

/** How the client reaches the panel: SOAP (`/remote/index.php`) or the JSON API (`/remote/json.php?<method>`). */
export interface IspconfigTransport {
  call(method: string, args: IspconfigArgument[]): Promise<unknown>;
}

export interface TransportOptions {
  /** Extra HTTP headers (mockpanel's `X-Mockpanel-World`). */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** SOAP, as PHP's SoapClient in non-WSDL mode; faults become the typed errors. */
export function soapTransport(url: string, options: TransportOptions = {}): IspconfigTransport {
  const soap = new SoapTransport({ url, headers: options.headers, timeoutMs: options.timeoutMs });
  return {
    async call(method, args) {
      try {
        return await soap.call(
          method,
          args.map((a) => a.value),
        );
      } catch (error) {
        if (error instanceof SoapFault) throw errorFor(error.code, error.faultString, method);
        if (error instanceof SoapTransportError) throw new TransportError('transport_error', error.message, method);
        throw error;
      }
    },
  };
}

/**
 * The JSON API answers every fault as `remote_fault` with the fault string
 * only; the code is recovered from the strings the contract documents
 * (`remote_fault` when none matches, e.g. validation messages).
 */
export function faultCodeOf(message: string): string {
  for (const [code, pattern] of FAULT_STRINGS) if (pattern.test(message)) return code;
  return 'remote_fault';
}

/** The JSON API: POST `<base>/remote/json.php?<method>` with the named parameters as a JSON object. */
export function jsonTransport(url: string, options: TransportOptions = {}): IspconfigTransport {
  return {
    async call(method, args) {
      const body: Record<string, unknown> = {};
      for (const a of args) if (a.value !== undefined) body[a.name] = a.value;
      let text: string;
      let status: number;
      try {
        const response = await fetch(`${url}?${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        throw new TransportError('transport_error', error instanceof Error ? error.message : String(error), method);
      }
      let answer: { code?: unknown; message?: unknown; response?: unknown };
      try {
        answer = JSON.parse(text) as typeof answer;
      } catch {
        // A PHP Error inside the method kills json.php: HTTP 500 with an empty body.
        if (status >= 500 && text === '') throw new FaultError('php_error', 'HTTP 500 with an empty body (a PHP error inside the method)', method);
        throw new TransportError('transport_error', `HTTP ${status}: ${text.slice(0, 200)}`, method);
      }
      if (answer.code === 'ok') return answer.response;
      const message = String(answer.message ?? '');
      let code = answer.code === 'remote_fault' ? faultCodeOf(message) : String(answer.code);
      if (code === 'login_failed' && method === 'login' && args.some((a) => a.name === 'client_login' && a.value)) code = 'client_login_failed';
      throw errorFor(code, message, method);
    },
  };
}
