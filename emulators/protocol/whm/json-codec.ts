import { PanelFault } from '../../core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../../core/types.js';
import type { Codec, DecodedCall, DecodeResult } from '../codec.js';
import { whmAccessDenied, WHM_ACCESS_DENIED } from './access-denied.js';
import { apiValue, buildWhmApiArgs, type WhmApiArgTree } from './api-args.js';
import { parseWhmCredentials } from './credentials.js';
import { perlNumber } from './perl-scalars.js';
import { parseWhmRequestParams, splitFormPairs } from './request-params.js';

export { whmBoolean, whmList } from './args.js';
export { whmAccessDenied, whmAccessDeniedFault, WHM_ACCESS_DENIED } from './access-denied.js';

/** What the WHM codec reads besides function and arguments: `DecodedCall<WhmWire>.wire`. */
export type WhmWire = {
  /** 1 with api.version=1; 0 without it, which asks WHM for the legacy API 0 answer. */
  apiVersion: 0 | 1;
  /** The function name from the path, as `DecodedCall.method`. */
  function: string;
  /** Every `api.*` variable as WHM's tree (api.persona, api.payload_name, the api.filter/sort/chunk/columns list options…). */
  apiArgs: WhmApiArgTree;
  /** The `cpsessNNNNNNNNNN` prefix of a browser-session URL. */
  securityToken?: string;
  jsonBody?: unknown;
};

// /json-api/FUNCTION, optionally behind a browser session's /cpsessNNNNNNNNNN prefix (seed 004's URL samples).
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
  if (fn.includes('%')) {
    try {
      fn = decodeURIComponent(fn);
    } catch {
      // keep the raw segment; it fails the name check below
    }
  }
  return { fn, securityToken: m[1], matched: true };
}

/** 1 for api.version=1, 0 when absent or 0, else the number asked for (which WHM does not serve). */
function readVersion(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  return perlNumber(raw);
}

/** WHM's answer for a function or API version it does not have (reason text: cPanel::PublicAPI matches "Unknown app (…) requested"; the rest of the wording is inferred). */
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
      const wire: WhmWire = {
        apiVersion: version,
        function: path.fn,
        apiArgs,
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

    /** Writes the body the panel built (the WHM panel's envelope: emulators/whm/envelope/) as JSON. */
    encodeResult(value: unknown, call: DecodedCall<WhmWire>, request: PanelRequest): PanelResponse {
      return json(200, value, wireFor(call, request));
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
      return json(fault.httpStatus ?? 200, whmFaultBody(fault, wire), wire);
    },
  };
}

/**
 * The JSON body of a WHM failure: API 1 `{metadata: {command, reason, result: 0, version}}`
 * (with `data` and extra metadata keys when the fault carries them); API 0
 * the fault's `data.legacy` body, else `{result: [{status: 0, statusmsg}]}`.
 */
export function whmFaultBody(fault: PanelFault, wire: Pick<WhmWire, 'apiVersion' | 'function'>): unknown {
  const extra = fault.data ?? {};
  if (wire.apiVersion === 0) return extra.legacy !== undefined ? extra.legacy : { result: [{ status: 0, statusmsg: fault.faultString }] };
  const { data, legacy: _legacy, apiVersion, ...rest } = extra;
  const metadata = { ...whmMetadata(wire.function, fault.faultString, 0, typeof apiVersion === 'number' ? apiVersion : 1), ...extraMetadata(rest) };
  return 'data' in extra ? { data, metadata } : { metadata };
}

/** WHM API 1's `metadata`: command, reason, result, version in the order the documented samples print them; result and version are always integers. */
export function whmMetadata(command: string, reason: string, result: 0 | 1, version = 1): Record<string, unknown> {
  return { command, reason, result, version };
}

function extraMetadata(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!extra) return {};
  const { command: _c, reason: _r, result: _s, version: _v, ...rest } = extra;
  return rest;
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
    const fallback = wire.apiVersion === 0 ? { result: [{ status: 0, statusmsg: reason }] } : { metadata: whmMetadata(wire.function, reason, 0) };
    text = JSON.stringify(fallback);
  }
  return { status, headers: { ...JSON_TYPE }, body: text };
}
