import type { MethodContract } from '../../contracts/contract.js';
import { whmReply, type WhmReply } from './envelope/reply.js';
import type { WhmCall } from './call.js';

/*
 * The documented response samples (contract `returns.sample`, the full
 * `{data, metadata}` envelope of the WHM reference) serve two purposes:
 * tier-3 functions answer them with the caller's values put back, and
 * stateful functions whose records carry many fields mockpanel has no state
 * for (modifyacct's cpuser, domainuserdata, fetch_ssl_vhosts' crt) start
 * from the sample's record and overwrite what the world knows.
 */

interface Envelope {
  data?: unknown;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The documented sample envelope, or undefined when the reference has none (or an empty `{}`). */
export function documentedEnvelope(method: MethodContract): Envelope | undefined {
  const sample = method.returns?.sample;
  if (typeof sample !== 'object' || sample === null || Array.isArray(sample) || Object.keys(sample).length === 0) return undefined;
  return sample as Envelope;
}

/** A deep copy of the sample value at `path` inside `data` (e.g. ['userdata']), or undefined. */
export function sampleAt<T = unknown>(method: MethodContract, ...path: (string | number)[]): T | undefined {
  let v: unknown = documentedEnvelope(method)?.data;
  for (const step of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[step];
  }
  return v === undefined ? undefined : (structuredClone(v) as T);
}

/** The first record of a documented list (`data.acct[0]`…), as a template for stateful records. */
export function sampleRecord(method: MethodContract, ...path: (string | number)[]): Record<string, unknown> {
  const v = sampleAt<unknown>(method, ...path);
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'object' && first !== null && !Array.isArray(first) ? (first as Record<string, unknown>) : {};
}

/** `template` with the known values written over it (keys the sample lacks are added). */
export function overlay(template: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...template };
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A sent value in the JSON type the sample shows at that place, or
 * undefined when it cannot be one (a word where the sample has a number).
 */
export function likeSample(sampleValue: unknown, sent: string): unknown {
  if (typeof sampleValue === 'number') return /^-?\d+(\.\d+)?$/.test(sent.trim()) ? Number(sent) : undefined;
  if (typeof sampleValue === 'boolean') return /^(1|true)$/i.test(sent) ? true : /^(0|false)$/i.test(sent) ? false : undefined;
  return sent;
}

/**
 * Puts the caller's own values back where the sample echoes them: every key
 * in the sample named like a parameter the caller sent (at any depth) takes
 * the sent value, in the sample's JSON type. `get_tweaksetting?key=x`
 * answers `tweaksetting.key: "x"`.
 */
export function echoRequest(value: unknown, sent: (name: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => echoRequest(v, sent));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const mine = v === null || typeof v !== 'object' ? sent(k) : undefined;
    const typed = mine === undefined ? undefined : likeSample(v, mine);
    out[k] = typed !== undefined ? typed : echoRequest(v, sent);
  }
  return out;
}

/** The sample's metadata extras (output, messages, warnings…) without the keys the codec writes. */
function metadataExtras(envelope: Envelope): Record<string, unknown> | undefined {
  const meta = envelope.metadata;
  if (!meta) return undefined;
  const { command: _c, reason: _r, result: _s, version: _v, ...rest } = meta;
  return Object.keys(rest).length ? structuredClone(rest) : undefined;
}

/**
 * The generic tier-3 answer: the documented sample's data and metadata
 * extras with the request's values echoed, and the sample's own reason
 * when it gives one. Functions whose sample is not an envelope (the flat
 * validate_exim_configuration_syntax) answer their `data` in one.
 */
export function sampleReply(call: WhmCall, data?: unknown): WhmReply {
  const envelope = documentedEnvelope(call.ctx.method) ?? {};
  const sent = (name: string) => (call.sent(name) ? call.str(name) : undefined);
  const reason = typeof envelope.metadata?.reason === 'string' ? envelope.metadata.reason : typeof envelope.reason === 'string' ? envelope.reason : 'OK';
  const body = data !== undefined ? data : 'data' in envelope ? echoRequest(structuredClone(envelope.data), sent) : undefined;
  return whmReply({ data: body, reason, metadata: metadataExtras(envelope) });
}
