import { PanelFault } from '../../core/panel-fault.js';
import { whmMetadata, type WhmWire } from '../../protocol/whm/json-codec.js';
import { WHM_FAILED } from '../faults.js';
import { legacyShapeOf, type LegacyShape } from './legacy.js';
import { applyWhmListOptions, hasWhmListOptions, parseWhmListOptions } from './list-options.js';
import { replyOf, whmReply } from './reply.js';

/*
 * The body of a WHM answer, built from what a method returned: the API 1
 * `{data, metadata}` envelope, or for a call without api.version the
 * function's API 0 body (legacy.ts). The codec only writes it as JSON.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function soleKey(data: Record<string, unknown>): string | undefined {
  const keys = Object.keys(data);
  return keys.length === 1 ? keys[0] : undefined;
}

/**
 * A method's answer with the call's api.columns/filter/sort/chunk options
 * applied to its list and reflected in `metadata` (API 1 only: the output
 * modifiers are WHM API 1's). Applied where the method returns, so what the
 * call answers, and the journal keeps, is the page.
 */
export function withListOptions(value: unknown, wire: WhmWire): unknown {
  if (wire.apiVersion !== 1) return value;
  const options = parseWhmListOptions(wire.apiArgs);
  if (!hasWhmListOptions(options)) return value;
  const reply = replyOf(value);
  if (reply.body !== undefined || !isPlainObject(reply.data)) return value;
  const key = reply.listKey ?? soleKey(reply.data);
  const records = key === undefined ? undefined : reply.data[key];
  if (key === undefined || !Array.isArray(records)) return value;
  const applied = applyWhmListOptions(records, options);
  return whmReply({ ...reply, data: { ...reply.data, [key]: applied.records }, metadata: { ...reply.metadata, ...applied.metadata } });
}

function extraMetadata(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!extra) return {};
  const { command: _c, reason: _r, result: _s, version: _v, ...rest } = extra;
  return rest;
}

/**
 * API 1: `{data, metadata: {command, reason, result: 1, version: 1, …}}`.
 * API 0: the function's legacy body (`legacy`, from legacy.ts); without one
 * a derived body: a `data` object gains `status: 1` and `statusmsg` beside
 * its keys (listaccts' API 0 shape `{acct: […], status, statusmsg}`);
 * anything else becomes `{result: [{status: 1, statusmsg}]}` (the API 0
 * mutator shape of the [lumberg] recordings named in legacy.ts). Inferred:
 * no API 0 capture exists for the derived forms.
 */
export function replyBody(value: unknown, wire: WhmWire, legacy?: LegacyShape): unknown {
  const reply = replyOf(value);
  if (reply.body !== undefined) return reply.body;
  const reason = typeof reply.reason === 'string' ? reply.reason : typeof reply.metadata?.reason === 'string' ? reply.metadata.reason : 'OK';
  if (wire.apiVersion === 0) {
    if (legacy) return legacy.ok({ data: reply.data, reason: reply.reason ?? 'OK', metadata: reply.metadata });
    if (isPlainObject(reply.data)) return { ...reply.data, status: 1, statusmsg: reason };
    return { result: [{ status: 1, statusmsg: reason }] };
  }
  const metadata = { ...whmMetadata(wire.function, reason, 1), ...extraMetadata(reply.metadata) };
  return reply.data === undefined ? { metadata } : { data: reply.data, metadata };
}

/** The body of a method's answer, in the function's API 0 form where it has one. */
export function answerBody(value: unknown, wire: WhmWire): unknown {
  return replyBody(value, wire, legacyShapeOf(wire.function));
}

/**
 * A failure as the function answers it: for an API 0 call of a function
 * whose legacy failure body is established, that body (`data.legacy`, which
 * the codec writes instead of its default `{result: [{status: 0, statusmsg}]}`).
 */
export function failureFor(fault: PanelFault, wire: WhmWire): PanelFault {
  if (wire.apiVersion !== 0 || fault.code !== WHM_FAILED || fault.data?.legacy !== undefined) return fault;
  const fail = legacyShapeOf(wire.function)?.fail;
  if (!fail) return fault;
  const { httpStatus, origin, keepChanges } = fault;
  return new PanelFault(fault.code, fault.faultString, { httpStatus, origin, keepChanges, data: { ...fault.data, legacy: fail(fault.faultString) } });
}
