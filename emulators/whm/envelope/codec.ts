import type { Codec } from '../../protocol/codec.js';
import type { WhmWire } from '../../protocol/whm/json-codec.js';
import { replyBody } from './body.js';
import { legacyShapeOf } from './legacy.js';

/**
 * The WHM wire codec with WHM's answer envelope in front of its result
 * encoder: the panel turns what a method returned into the body for the API
 * version asked for, and the codec writes it. Faults reach the codec as they
 * are (a method's API 0 failure body travels in the fault: envelope/body.ts failureFor).
 */
export function withWhmEnvelope(codec: Codec<WhmWire>): Codec<WhmWire> {
  return {
    name: codec.name,
    decode: (request) => codec.decode(request),
    encodeResult: (value, call, request) => codec.encodeResult(replyBody(value, call.wire, legacyShapeOf(call.wire.function)), call, request),
    encodeFault: (fault, call, request) => codec.encodeFault(fault, call, request),
  };
}
