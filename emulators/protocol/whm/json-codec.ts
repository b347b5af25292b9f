import { PanelFault } from '../../core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../../core/types.js';
import type { Codec, DecodedCall, DecodeResult } from '../codec.js';
import { whmAccessDenied, WHM_ACCESS_DENIED } from './access-denied.js';
import { apiValue, buildWhmApiArgs, type WhmApiArgTree } from './api-args.js';
import { parseWhmCredentials } from './credentials.js';
import { applyWhmListOptions, hasWhmListOptions, parseWhmListOptions, type WhmListOptions } from './list-options.js';
import { perlNumber } from './perl-scalars.js';
import { parseWhmRequestParams, splitFormPairs } from './request-params.js';

export { whmBoolean, whmList } from './args.js';
export { whmAccessDenied, whmAccessDeniedFault, WHM_ACCESS_DENIED } from './access-denied.js';

/** What a WHM handler may return besides plain data. */
export interface WhmReplyOptions {
  /** The `data` member; leave undefined for functions that answer with metadata only (suspendacct, killdns…). */
  data?: unknown;
  /** `metadata.reason` on success; WHM's wording varies by function ("Account Creation Ok"). Default 'OK'. */
  reason?: string;
  /** Extra metadata such as `output: {raw}` or `warnings`. `command`, `result` and `version` are always the codec's. */
  metadata?: Record<string, unknown>;
  /** The whole body for a WHM API 0 call (no api.version=1); without it the codec derives one (see encodeResult). */
  legacy?: unknown;
  /**
   * The whole body whatever the API version, with no envelope: the `cpanel`
   * passthrough answers in the called cPanel API's own format
   * (`{cpanelresult: …}`, UAPI `{result: …}`), which cpanel-rest-api reads
   * even though it sends api.version=1.
   */
  body?: unknown;
  /**
   * Which array inside `data` the api.filter/sort/chunk/columns options
   * apply to (WHM's `payload_name` hint). Without it, a `data` with a single
   * key holding an array is the list, as in WHM.
   */
  listKey?: string;
  /**
   * The handler already applied the call's list options (with
   * applyWhmListOptions) and put their reflection in `metadata`: the codec
   * leaves `data` as it is. listaccts does so on big worlds, so the
   * dispatcher's journal gets the page, not every account.
   */
  listOptionsApplied?: boolean;
}

/**
 * A handler's answer when plain data is not enough. A handler may return
 * plain data (it becomes `data`), undefined (metadata only) or a WhmReply.
 */
export class WhmReply {
  constructor(readonly options: WhmReplyOptions) {}
}

/** Shorthand for `new WhmReply(options)`. */
export function whmReply(options: WhmReplyOptions): WhmReply {
  return new WhmReply(options);
}

/** What the WHM codec reads besides function and arguments: `DecodedCall<WhmWire>.wire`. */
export type WhmWire = {
  /** 1 with api.version=1; 0 without it, which asks WHM for the legacy API 0 answer. */
  apiVersion: 0 | 1;
  /** The function name from the path, as `DecodedCall.method`. */
  function: string;
  /** The parsed api.columns/filter/sort/chunk options, when any were sent. */
  listOptions?: WhmListOptions;
  /** Every `api.*` variable as WHM's tree (api.persona, api.payload_name…). */
  apiArgs: WhmApiArgTree;
  /** The `cpsessNNNNNNNNNN` prefix of a browser-session URL. */
  securityToken?: string;
  jsonBody?: unknown;
};

// /json-api/FUNCTION, optionally behind a browser session's /cpsessNNNNNNNNNN prefix (research/whm/summary.md §2).
const JSON_API_PATH = /^(?:\/(cpsess\d+))?\/json-api\/([^/]*)\/?$/;
const FUNCTION_NAME = /^[A-Za-z0-9_]+$/;
const JSON_TYPE = { 'content-type': 'application/json; charset="utf-8"' };

interface PathFacts {
  fn: string;
  securityToken?: string;
  matched: boolean;
}

function readPath(path: string): PathFacts {
  const m = JSON_API_PATH.exec(path);
  if (!m) return { fn: path.split('/').filter(Boolean).pop() ?? '', matched: false };
  let fn = m[2];
  try {
    fn = decodeURIComponent(fn);
  } catch {
    // keep the raw segment; it fails the name check below
  }
  return { fn, securityToken: m[1], matched: true };
}

/** 1 for api.version=1, 0 when absent or 0, else the number asked for (which WHM does not serve). */
function readVersion(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  return perlNumber(raw);
}

/** WHM's answer for a function or API version it does not have (reason text: research/clients/whm-clients/whm_standin.mjs, cPanel::PublicAPI matches "Unknown app (…) requested"). */
function unknownApp(fn: string, version: string | number): PanelFault {
  // metadata.version names the same version as the reason (inferred: no capture of WHM answering api.version=2 exists).
  const apiVersion = typeof version === 'number' ? version : perlNumber(version);
  return new PanelFault('unknown_app', `Unknown app (“${fn}”) requested for this version (${version}) of the API.`, {
    origin: 'protocol',
    data: Number.isFinite(apiVersion) && apiVersion !== 0 ? { apiVersion } : {},
  });
}

/**
 * The codec for WHM API 1 over `/json-api/FUNCTION` (GET query, POST form
 * or JSON body). Named `whm-json`.
 */
export function createWhmJsonCodec(): Codec<WhmWire> {
  return {
    name: 'whm-json',

    decode(request: PanelRequest): DecodeResult<WhmWire> {
      const path = readPath(request.path);
      const params = parseWhmRequestParams(request);
      const apiArgs = buildWhmApiArgs(params.apiPairs);
      const rawVersion = apiValue(apiArgs, 'version');
      const version = readVersion(rawVersion);
      if (!path.matched || !FUNCTION_NAME.test(path.fn)) throw unknownApp(path.fn, version === 0 ? 0 : 1);
      if (version !== 0 && version !== 1) throw unknownApp(path.fn, rawVersion ?? version);
      const listOptions = parseWhmListOptions(apiArgs);
      const wire: WhmWire = {
        apiVersion: version,
        function: path.fn,
        apiArgs,
        ...(hasWhmListOptions(listOptions) ? { listOptions } : {}),
        ...(path.securityToken ? { securityToken: path.securityToken } : {}),
        ...(params.jsonBody !== undefined ? { jsonBody: params.jsonBody } : {}),
      };
      const credentials = parseWhmCredentials(request.headers);
      const call: DecodedCall<WhmWire> = {
        method: path.fn,
        args: [],
        named: params.named,
        wire,
        ...(credentials ? { credentials } : {}),
      };
      return { kind: 'call', call };
    },

    /**
     * API 1: `{data, metadata: {command, reason, result: 1, version: 1, …}}`,
     * with list options applied to the list and reflected in metadata.
     * API 0: the reply's `legacy` body; without one, a derived body: a `data`
     * object gains `status: 1` and `statusmsg` beside its keys (listaccts'
     * API 0 shape `{acct: […], status, statusmsg}`); anything else becomes
     * `{result: [{status: 1, statusmsg}]}` (the API 0 mutator shape,
     * research/whm/summary.md §2). Inferred: no API 0 capture exists.
     */
    encodeResult(value: unknown, call: DecodedCall<WhmWire>, request: PanelRequest): PanelResponse {
      const wire = wireFor(call, request);
      const reply = value instanceof WhmReply ? value.options : { data: value };
      if (reply.body !== undefined) return json(200, reply.body, wire);
      const reason = typeof reply.reason === 'string' ? reply.reason : typeof reply.metadata?.reason === 'string' ? reply.metadata.reason : 'OK';

      if (wire.apiVersion === 0) {
        if (reply.legacy !== undefined) return json(200, reply.legacy, wire);
        if (isPlainObject(reply.data)) return json(200, { ...reply.data, status: 1, statusmsg: reason }, wire);
        return json(200, { result: [{ status: 1, statusmsg: reason }] }, wire);
      }

      let data = reply.data;
      let listMetadata: Record<string, unknown> = {};
      if (wire.listOptions && isPlainObject(data) && !reply.listOptionsApplied) {
        const key = reply.listKey ?? soleKey(data);
        const records = key === undefined ? undefined : data[key];
        if (key !== undefined && Array.isArray(records)) {
          const applied = applyWhmListOptions(records, wire.listOptions);
          data = { ...data, [key]: applied.records };
          listMetadata = { ...applied.metadata };
        }
      }
      const metadata = { ...envelopeMetadata(wire.function, reason, 1), ...extraMetadata(reply.metadata), ...listMetadata };
      return json(200, data === undefined ? { metadata } : { data, metadata }, wire);
    },

    /**
     * HTTP 200 (unless the fault names a status) with `metadata.result: 0`
     * and the fault string as `reason`; no `data` unless the fault carries
     * one (`fault.data.data`, as massmodifyacct's per-user results). Other
     * keys of `fault.data` join the metadata; `fault.data.legacy` is the API 0
     * body. The access-denied fault becomes cpsrvd's HTTP error instead.
     */
    encodeFault(fault: PanelFault, call: DecodedCall<WhmWire> | undefined, request: PanelRequest): PanelResponse {
      if (fault.code === WHM_ACCESS_DENIED) {
        return whmAccessDenied({ status: fault.httpStatus === 403 ? 403 : 401, reason: fault.faultString });
      }
      const wire = wireFor(call, request);
      const status = fault.httpStatus ?? 200;
      const extra = fault.data ?? {};
      if (wire.apiVersion === 0) {
        const legacy = extra.legacy !== undefined ? extra.legacy : { result: [{ status: 0, statusmsg: fault.faultString }] };
        return json(status, legacy, wire);
      }
      const { data, legacy: _legacy, apiVersion, ...rest } = extra;
      const metadata = { ...envelopeMetadata(wire.function, fault.faultString, 0, typeof apiVersion === 'number' ? apiVersion : 1), ...extraMetadata(rest) };
      return json(status, 'data' in extra ? { data, metadata } : { metadata }, wire);
    },
  };
}

// metadata.command, reason, result, version in the order the documented samples print them; result and version are always integers.
function envelopeMetadata(command: string, reason: string, result: 0 | 1, version = 1): Record<string, unknown> {
  return { command, reason, result, version };
}

function extraMetadata(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!extra) return {};
  const { command: _c, reason: _r, result: _s, version: _v, ...rest } = extra;
  return rest;
}

function soleKey(data: Record<string, unknown>): string | undefined {
  const keys = Object.keys(data);
  return keys.length === 1 ? keys[0] : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The wire facts of the call, or (when decode failed) what can be read from the request without throwing. */
function wireFor(call: DecodedCall<WhmWire> | undefined, request: PanelRequest): Pick<WhmWire, 'apiVersion' | 'function'> & Partial<WhmWire> {
  if (call) return call.wire;
  const path = readPath(request.path);
  let raw: string | undefined;
  try {
    raw = apiValue(buildWhmApiArgs(parseWhmRequestParams(request).apiPairs), 'version');
  } catch {
    // The body was the problem (bad JSON): the query alone still says which API version was asked for.
    raw = apiValue(buildWhmApiArgs(splitFormPairs(request.query)), 'version');
  }
  return { apiVersion: readVersion(raw) === 0 ? 0 : 1, function: path.fn };
}

function json(status: number, body: unknown, wire: Pick<WhmWire, 'apiVersion' | 'function'>): PanelResponse {
  let text: string;
  try {
    text = JSON.stringify(body) ?? 'null';
  } catch (error) {
    // A handler answer JSON cannot carry (a BigInt, a cycle) still leaves as WHM's failure envelope.
    const reason = `mockpanel: the answer could not be written as JSON (${(error as Error).message})`;
    const fallback = wire.apiVersion === 0 ? { result: [{ status: 0, statusmsg: reason }] } : { metadata: envelopeMetadata(wire.function, reason, 0) };
    text = JSON.stringify(fallback);
  }
  return { status, headers: { ...JSON_TYPE }, body: text };
}
