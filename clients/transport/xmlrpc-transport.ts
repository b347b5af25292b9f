import xmlrpc from 'xmlrpc';
import { connectionHeaders, type ConnectionOptions } from './connection.js';

/** A fault answered by an XML-RPC server. */
export class XmlRpcFault extends Error {
  constructor(
    readonly faultCode: number,
    readonly faultString: string,
    readonly method: string,
  ) {
    super(`${method}: fault ${faultCode}: ${faultString}`);
    this.name = 'XmlRpcFault';
  }
}

/** Endpoint URL (e.g. `http://127.0.0.1:7777/webfaction/`), extra headers and world. */
export type XmlRpcTransportOptions = ConnectionOptions;

/** Promise wrapper over the `xmlrpc` package's client, with faults as {@link XmlRpcFault}. */
export class XmlRpcTransport {
  private readonly client: xmlrpc.Client;

  constructor(options: XmlRpcTransportOptions) {
    const url = new URL(options.url);
    const config = {
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
      path: url.pathname + url.search,
      // A copy: the xmlrpc package writes Content-Length and its defaults into this object on every call.
      headers: connectionHeaders(options),
    };
    this.client = url.protocol === 'https:' ? xmlrpc.createSecureClient(config) : xmlrpc.createClient(config);
  }

  /** Calls `method`; trailing undefined arguments are dropped (these servers never accept `<nil/>`). */
  call<T = unknown>(method: string, ...params: unknown[]): Promise<T> {
    while (params.length && params[params.length - 1] === undefined) params.pop();
    return new Promise((resolve, reject) => {
      this.client.methodCall(method, params, (error: unknown, value: unknown) => {
        if (error) {
          const e = error as { faultCode?: number; faultString?: string };
          if (typeof e.faultCode === 'number') reject(new XmlRpcFault(e.faultCode, e.faultString ?? '', method));
          else reject(error);
        } else resolve(value as T);
      });
    });
  }
}
