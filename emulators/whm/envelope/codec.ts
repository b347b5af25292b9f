import type { Codec } from '../../protocol/codec.js';
import { createWhmJsonCodec, type WhmWire } from '../../protocol/whm/json-codec.js';
import { answerBody } from './body.js';

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
    encodeResult: (value, call, request) => codec.encodeResult(answerBody(value, call.wire), call, request),
    encodeFault: (fault, call, request) => codec.encodeFault(fault, call, request),
  };
}

/** The WHM panel's codec: the whm-json wire with WHM's answer envelope (index.ts routes to it; batch decodes its commands with it). */
export const whmCodec = withWhmEnvelope(createWhmJsonCodec());
