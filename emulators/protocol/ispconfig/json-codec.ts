import { nestsDeeperThan } from '../../core/bounds.js';
import { PanelFault } from '../../core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../../core/types.js';
import type { Codec, DecodedCall } from '../codec.js';
import { phpJsonEncodeObject, PhpJsonEncodeError } from '../php/json-encode.js';

// ISPConfig 3.2.11's JSON remote API, /remote/json.php?<method>. Facts from
// interface/web/remote/json.php and interface/lib/classes/json_handler.inc.php
// at tag 3.2.11 (same in 3.2.12p1):
// - The method is the first key of $_GET (`?client_get`, `?login&x=1`); no
//   query at all → code "invalid_method", message "Method not provided in json call".
// - The body is php://input through json_decode($raw, true); anything that is
//   not a JSON object or array (empty, invalid, a scalar, nesting past 511) →
//   "invalid_data" / "The JSON data sent to the api is invalid". This check
//   comes before the method lookup, and any HTTP method works (a GET has an
//   empty body, hence invalid_data).
// - Unknown method → "invalid_method" / "Method <name> does not exist".
// - Parameters are bound by the PHP method's parameter names; a key that is
//   missing or null passes null (isset), never the PHP default, so the JSON
//   door never raises "Too few arguments". Extra keys are ignored.
// - Result: {"code":"ok","message":"","response":<value>}; a SoapFault thrown
//   by the method: {"code":"remote_fault","message":<faultstring>,"response":false}.
//   The SOAP faultcode is lost. Always HTTP 200 with
//   `Content-Type: application/json; charset="utf-8"` (quotes included).
// - json_encode gets no flags: "\/", \uXXXX for non-ASCII (see php-json-encode.ts).
//   When it fails (INF/NAN in the result) PHP prints false, i.e. an empty body.
// - A PHP Error escaping the method (TypeError…) is not caught: PHP dies with
//   a fatal error, which php-fpm with display_errors off answers as HTTP 500
//   with an empty body.

const JSON_TYPE = 'application/json; charset="utf-8"';

/** Codes json_handler.inc.php writes itself; every other fault reaches the client as remote_fault. */
const HANDLER_CODES = new Set(['invalid_method', 'invalid_data', 'invalid_class']);

/** Codec-private facts of a JSON call. */
export interface IspconfigJsonWire extends Record<string, unknown> {
  door: 'json';
}

export interface IspconfigJsonCodecOptions {
  /** Largest body read; past it PHP (post_max_size, default 8M) sees no body, hence invalid_data. */
  maxBodyBytes?: number;
}

function handlerFault(code: string, message: string): PanelFault {
  return new PanelFault(code, message, { httpStatus: 200, origin: 'protocol' });
}

/** php_url_decode: '+' is a space, a valid %XX a byte, anything else stays as written. */
function phpUrlDecode(text: string): string {
  if (!/[+%]/.test(text)) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '+') bytes.push(0x20);
    else if (c === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The first variable name PHP registers from a query string
 * (php_default_treat_data + php_register_variable_ex): URL-decoded, cut at a
 * NUL, leading spaces dropped, spaces and dots made underscores, `name[…]`
 * reduced to `name` (a '[' that never closes becomes '_' and the rest is
 * kept, with ' ', '.' and '[' made '_'); empty names are skipped. Measured
 * against PHP 8.2: `a.b` → `a_b`, `a[b` → `a_b`, `x.y[z` → `x_y_z`, `[x]&b` → `b`.
 */
export function firstQueryVariable(query: string): string | undefined {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    let name = phpUrlDecode(eq < 0 ? pair : pair.slice(0, eq));
    const nul = name.indexOf('\0');
    if (nul >= 0) name = name.slice(0, nul);
    name = name.replace(/^ +/, '');
    const bracket = name.indexOf('[');
    const head = (bracket < 0 ? name : name.slice(0, bracket)).replace(/[ .]/g, '_');
    if (head === '') continue;
    if (bracket < 0 || name.indexOf(']', bracket) > bracket) return head;
    return `${head}_${name.slice(bracket + 1).replace(/[ .[]/g, '_')}`;
  }
  return undefined;
}

// ignoreBOM keeps a BOM in the text, where PHP's json_decode sees it too (and fails).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function response(status: number, body: string, contentType = JSON_TYPE): PanelResponse {
  const bytes = Buffer.from(body, 'utf8');
  return { status, headers: { 'content-type': contentType, 'content-length': String(bytes.length) }, body: bytes };
}

function envelope(code: string, message: string, data: unknown): PanelResponse {
  try {
    return response(
      200,
      phpJsonEncodeObject([
        ['code', code],
        ['message', message],
        ['response', data],
      ]),
    );
  } catch (error) {
    if (error instanceof PhpJsonEncodeError) return response(200, '');
    throw error;
  }
}

/**
 * ISPConfig's JSON remote API: `POST /remote/json.php?<method>` with a JSON
 * object of named parameters. `call.named` holds the body's keys in order,
 * `call.args` the same values in body order (ISPConfig binds by name; the
 * dispatcher orders them by the contract).
 */
export function createIspconfigJsonCodec(options: IspconfigJsonCodecOptions = {}): Codec {
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  return {
    name: 'ispconfig-json',

    decode(request: PanelRequest) {
      const method = firstQueryVariable(request.query);
      if (method === undefined) throw handlerFault('invalid_method', 'Method not provided in json call');
      let parsed: unknown;
      try {
        if (request.body.length > maxBodyBytes) throw new Error('too large');
        parsed = JSON.parse(utf8.decode(request.body));
      } catch {
        parsed = undefined;
      }
      // json_decode's default depth of 512 admits 511 nested arrays or objects (measured); deeper input is a decode error.
      if (typeof parsed !== 'object' || parsed === null || nestsDeeperThan(parsed, 511)) {
        throw handlerFault('invalid_data', 'The JSON data sent to the api is invalid');
      }
      const named: Record<string, unknown> = {};
      const args: unknown[] = [];
      for (const [k, v] of Array.isArray(parsed) ? parsed.map((v, i) => [String(i), v] as const) : Object.entries(parsed)) {
        if (k === '__proto__') Object.defineProperty(named, k, { value: v, enumerable: true, writable: true, configurable: true });
        else named[k] = v;
        args.push(v);
      }
      const call: DecodedCall = { method, args, named, wire: { door: 'json' } satisfies IspconfigJsonWire };
      return { kind: 'call', call };
    },

    encodeResult(value) {
      return envelope('ok', '', value);
    },

    encodeFault(fault) {
      const code = String(fault.code);
      if (HANDLER_CODES.has(code) && fault.origin !== 'injected') return envelope(code, fault.faultString, false);
      // A PHP Error (SoapServer would have said SOAP-ENV:Server) is a fatal error here: 500, empty body.
      if (code === 'SOAP-ENV:Server') {
        return response(500, '', 'text/html; charset=utf-8');
      }
      const answer = envelope('remote_fault', fault.faultString, false);
      return fault.origin === 'injected' && fault.httpStatus ? { ...answer, status: fault.httpStatus } : answer;
    },
  };
}
