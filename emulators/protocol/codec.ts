import type { PanelFault } from '../core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../core/types.js';

/** Who the wire says the caller is (WHM Authorization header and the like). */
export interface Credentials {
  scheme: 'token' | 'basic' | 'accesshash' | 'session';
  user?: string;
  secret: string;
}

/**
 * A call decoded from the wire: the panel's method name and its arguments.
 * `W` is what the codec read besides them (WHM's `WhmWire`: api.version,
 * api.* variables…), typed so a panel reads it without casts.
 */
export interface DecodedCall<W = Record<string, unknown>> {
  method: string;
  /** Positional arguments (XML-RPC params, SOAP parts in order). */
  args: unknown[];
  /** Named arguments (WHM query/form/JSON keys, ISPConfig JSON body keys). */
  named?: Record<string, unknown>;
  credentials?: Credentials;
  /** The wire's own facts of the call, needed to encode the answer and, for some panels, to serve it (SOAP version and ns1 uri, WHM api.version…). */
  wire: W;
}

export type DecodeResult<W = Record<string, unknown>> =
  | { kind: 'call'; call: DecodedCall<W> }
  /** The codec answers by itself (PHP SoapServer's empty 200 to a GET, for instance). */
  | { kind: 'response'; response: PanelResponse };

/**
 * A wire format. Parses a request into a call and renders a value or a fault
 * back, with no panel logic. `decode` throws a {@link PanelFault} (origin
 * `protocol`) for input it cannot read; the dispatcher hands that fault to
 * `encodeFault`, so the caller always gets the panel's own fault format.
 */
export interface Codec<W = Record<string, unknown>> {
  readonly name: string;
  decode(request: PanelRequest): DecodeResult<W>;
  encodeResult(value: unknown, call: DecodedCall<W>, request: PanelRequest): PanelResponse;
  encodeFault(fault: PanelFault, call: DecodedCall<W> | undefined, request: PanelRequest): PanelResponse;
}

/**
 * An integer whose wire text is not its canonical decimal form, e.g. Perl
 * XMLRPC::Lite sending the string '007' as `<int>007</int>`. Codecs emit it
 * only for such texts; the dispatcher turns it into `text` where the contract
 * expects a string and into `value` everywhere else, so handlers never see it.
 */
export class WireInt {
  constructor(
    readonly value: number,
    readonly text: string,
  ) {}
}
