import { PanelFault } from '../../core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../../core/types.js';
import type { Codec, Credentials, DecodedCall } from '../codec.js';
import { parseWhmRequestParams } from '../whm/request-params.js';
import { perlString } from '../whm/perl-scalars.js';

/*
 * cpsrvd's account-level doors (the cPanel port, 2083/2082):
 *   UAPI    /execute/<Module>/<function>?args            → {apiversion: 3, func, module, result: {...}}
 *   API 2   /json-api/cpanel?cpanel_jsonapi_module=M&cpanel_jsonapi_func=f&cpanel_jsonapi_apiversion=2
 *                                                        → {cpanelresult: {...}}
 *   login   /login (form user, pass)                      → a /cpsessNNNNNNNNNN/ session
 * Any of them may sit behind a browser session's /cpsessNNNNNNNNNN prefix.
 * Sources: https://api.docs.cpanel.net/cpanel/introduction (UAPI URL form),
 * https://api.docs.cpanel.net/cpanel-api-2/ (API 2 URL form on the WHM port's
 * /json-api/cpanel; on the cPanel port the same path serves the logged-in user).
 */

/** A method name for each API: UAPI `Module::function`, API 2 `API2::Module::function` (both APIs have e.g. SubDomain::addsubdomain). */
export function cpanelMethodName(api: 'uapi' | 'api2', module: string, fn: string): string {
  // A ':' in a name must not reach another API's namespace (`/execute/API2/ZoneEdit::fetchzones`): it names nothing.
  const [m, f] = [module.replace(/:/g, '_'), fn.replace(/:/g, '_')];
  return api === 'uapi' ? `${m}::${f}` : `API2::${m}::${f}`;
}

/** What the codec keeps about a call to render its answer: `DecodedCall<CpanelWire>.wire`. */
export type CpanelWire = {
  api: 'uapi' | 'api2' | 'login';
  module: string;
  func: string;
  /** The `cpsessNNNNNNNNNN` prefix of a browser-session URL. */
  securityToken?: string;
  /** `cpanel_jsonapi_user`, when an API 2 caller named one. */
  user?: string;
  apiversion?: number;
};

export function cpanelWire(call: DecodedCall): CpanelWire {
  return call.wire as unknown as CpanelWire;
}

/** The code of a fault that cpsrvd answers itself (HTTP 401/403), before any API runs. */
export const CPANEL_ACCESS_DENIED = 'cpanel_access_denied';

/** cpsrvd's refusal: an HTTP status with a short text body (inferred as for WHM's port: emulators/protocol/whm/access-denied.ts). */
export function cpanelAccessDeniedFault(reason = 'Access denied', status: 401 | 403 = 401): PanelFault {
  return new PanelFault(CPANEL_ACCESS_DENIED, reason, { httpStatus: status });
}

/**
 * A successful answer with more than `data`: UAPI `messages`, `warnings`,
 * `metadata`; API 2 extra envelope keys. Handlers return plain data otherwise.
 */
export class CpanelReply {
  constructor(readonly options: { data: unknown; messages?: string[]; warnings?: string[]; metadata?: Record<string, unknown>; response?: PanelResponse }) {}
}

const UAPI_PATH = /^(?:\/(cpsess\d+))?\/execute\/([^/]*)\/([^/]*)\/?$/;
const API2_PATH = /^(?:\/(cpsess\d+))?\/json-api\/cpanel\/?$/;
const LOGIN_PATH = /^(?:\/(cpsess\d+))?\/login\/?$/;

/** True when the path is one the cPanel door answers. */
export function isCpanelPath(path: string): boolean {
  return UAPI_PATH.test(path) || API2_PATH.test(path) || LOGIN_PATH.test(path);
}

/**
 * The caller's credentials: `Authorization: cpanel user:TOKEN` (scheme in any
 * case), `Basic` user:password, or the `cpsession` cookie of a browser
 * session (https://api.docs.cpanel.net/cpanel/tokens,
 * https://api.docs.cpanel.net/guides/guide-to-api-authentication).
 */
export function parseCpanelCredentials(headers: Record<string, string | undefined>): Credentials | undefined {
  const header = headers['authorization'];
  if (header !== undefined) {
    const m = /^\s*(\S+)\s+([\s\S]*)$/.exec(header);
    if (!m) return undefined;
    const scheme = m[1].toLowerCase();
    const detail = scheme === 'basic' ? decodeBasic(m[2].trim()) : scheme === 'cpanel' ? m[2].trim() : undefined;
    if (detail === undefined) return undefined;
    const colon = detail.indexOf(':');
    if (colon <= 0) return undefined;
    return { scheme: scheme === 'basic' ? 'basic' : 'token', user: detail.slice(0, colon).trim(), secret: detail.slice(colon + 1) };
  }
  const cookie = headers['cookie'];
  const session = cookie ? /(?:^|;\s*)cpsession=([^;]+)/.exec(cookie)?.[1] : undefined;
  return session ? { scheme: 'session', secret: safeDecode(session) } : undefined;
}

function decodeBasic(encoded: string): string | undefined {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) ? Buffer.from(encoded, 'base64').toString('utf8') : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function str(value: unknown): string {
  return perlString(Array.isArray(value) ? value[0] : value) ?? '';
}

const JSON_HEADERS = { 'content-type': 'application/json; charset="utf-8"' };

/** The UAPI `result` object (https://api.docs.cpanel.net/cpanel/introduction: data, errors, messages, metadata, status, warnings). */
export function uapiResult(options: {
  data?: unknown;
  errors?: string[] | null;
  messages?: string[] | null;
  warnings?: string[] | null;
  metadata?: Record<string, unknown>;
}): Record<string, unknown> {
  const errors = options.errors?.length ? options.errors : null;
  return {
    data: options.data ?? null,
    errors,
    messages: options.messages?.length ? options.messages : null,
    metadata: options.metadata ?? {},
    status: errors ? 0 : 1,
    warnings: options.warnings?.length ? options.warnings : null,
  };
}

/**
 * The API 2 envelope. Success: `data` (always a list), `event.result: 1`.
 * Failure: `error` with the reason, `data` [{reason, result: 0}] and
 * `event.result: 0` (the shape WHM's passthrough has answered since issue 4;
 * inferred: cPanel's API 2 pages show only successful samples).
 */
export function api2Result(wire: Pick<CpanelWire, 'module' | 'func'>, options: { data?: unknown; error?: string }): Record<string, unknown> {
  const base = { apiversion: 2, func: wire.func, module: wire.module };
  if (options.error !== undefined)
    return { cpanelresult: { ...base, data: [{ reason: options.error, result: 0 }], error: options.error, event: { result: 0 } } };
  const data = options.data === undefined || options.data === null ? [] : Array.isArray(options.data) ? options.data : [options.data];
  return { cpanelresult: { ...base, data, event: { result: 1 } } };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): PanelResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** The envelope (as an object) a result or fault gets on its API: for the wire, and for WHM's passthrough to nest. */
export function cpanelEnvelope(wire: CpanelWire, outcome: { value: unknown } | { fault: PanelFault }): Record<string, unknown> {
  const reply = 'value' in outcome && outcome.value instanceof CpanelReply ? outcome.value.options : undefined;
  const data = reply ? reply.data : 'value' in outcome ? outcome.value : undefined;
  const error = 'fault' in outcome ? outcome.fault.faultString : undefined;
  if (wire.api === 'api2') return api2Result(wire, error === undefined ? { data } : { error });
  const result =
    error === undefined
      ? uapiResult({ data, messages: reply?.messages, warnings: reply?.warnings, metadata: reply?.metadata })
      : uapiResult({ data: (outcome as { fault: PanelFault }).fault.data?.data, errors: [error] });
  return { apiversion: 3, func: wire.func, module: wire.module, result };
}

/** The cPanel door's codec: UAPI and API 2 over query or form arguments. */
export function createCpanelCodec(): Codec {
  return {
    name: 'cpanel',
    decode(request: PanelRequest) {
      const credentials = parseCpanelCredentials(request.headers);
      const { named } = parseWhmRequestParams(request);
      const uapi = UAPI_PATH.exec(request.path);
      if (uapi) {
        const [, securityToken, module, func] = uapi;
        const wire: CpanelWire = { api: 'uapi', module, func, securityToken };
        return { kind: 'call', call: { method: cpanelMethodName('uapi', module, func), args: [], named, credentials, wire: { ...wire } } };
      }
      const api2 = API2_PATH.exec(request.path);
      if (api2) {
        const own: Record<string, unknown> = {};
        const rest: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(named)) (k.startsWith('cpanel_jsonapi_') ? own : rest)[k] = v;
        const module = str(own.cpanel_jsonapi_module);
        const func = str(own.cpanel_jsonapi_func);
        const version = Number(str(own.cpanel_jsonapi_apiversion) || '2');
        const user = str(own.cpanel_jsonapi_user) || undefined;
        // cpanel_jsonapi_apiversion=3 runs the UAPI function and answers in UAPI's envelope.
        const api = version === 3 ? 'uapi' : 'api2';
        const method = version === 3 || version === 2 ? cpanelMethodName(api, module, func) : `API${version}::${module}::${func}`;
        const wire: CpanelWire = { api, module, func, securityToken: api2[1], user, apiversion: version };
        return { kind: 'call', call: { method, args: [], named: rest, credentials, wire: { ...wire } } };
      }
      const login = LOGIN_PATH.exec(request.path);
      if (login) {
        const wire: CpanelWire = { api: 'login', module: '', func: 'login', securityToken: login[1] };
        return { kind: 'call', call: { method: 'login', args: [], named, credentials, wire: { ...wire } } };
      }
      throw new PanelFault('protocol', `No cPanel API answers at ${request.path}.`, { origin: 'protocol' });
    },
    encodeResult(value, call) {
      const wire = cpanelWire(call);
      if (value instanceof CpanelReply && value.options.response) return value.options.response;
      return json(200, cpanelEnvelope(wire, { value }));
    },
    encodeFault(fault, call) {
      // A refused /login answers JSON {status: 0, message} (inferred from the login_only success shape).
      if (call && cpanelWire(call).api === 'login' && fault.code !== CPANEL_ACCESS_DENIED)
        return json(fault.httpStatus ?? 401, { status: 0, message: fault.faultString });
      if (fault.code === CPANEL_ACCESS_DENIED || fault.httpStatus === 401 || fault.httpStatus === 403) {
        return { status: fault.httpStatus ?? 401, headers: { 'content-type': 'text/plain; charset="utf-8"' }, body: `${fault.faultString}\n` };
      }
      if (fault.httpStatus && fault.httpStatus >= 500) {
        return { status: fault.httpStatus, headers: { 'content-type': 'text/plain; charset="utf-8"' }, body: `${fault.faultString}\n` };
      }
      // A call the codec could not read (no module in the path) still gets a UAPI envelope.
      const wire = call ? cpanelWire(call) : { api: 'uapi' as const, module: '', func: '' };
      return json(fault.httpStatus ?? 200, cpanelEnvelope(wire, { fault }));
    },
  };
}
