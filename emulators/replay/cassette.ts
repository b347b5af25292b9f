import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { validate, type Schema } from '../../contracts/schema-validator.js';
import { readDataJson } from '../../kernel/data-file.js';
import { MockpanelError } from '../../kernel/mockpanel-error.js';
import { isPanelId, type PanelId } from '../../kernel/panel-id.js';

/** The format tag every cassette carries; bumped when an older reader could misread a newer file. */
export const CASSETTE_FORMAT = 'mockpanel-cassette/1';

/**
 * A value as a cassette stores it: JSON, with the wire types JSON lacks
 * written as one-key objects (`{"$datetime": "…"}`, `{"$base64": "…"}`,
 * `{"$bigint": "…"}`).
 */
export type CassetteValue = unknown;

/** Where a cassette came from. */
export interface Provenance {
  /** The panel URL (or document) the interactions came from, with credentials and tokens removed. */
  source: string;
  /** The panel's version when known (ISPConfig 3.2.11, WHM 11.110…). */
  panelVersion?: string;
  /** ISO time of recording (or of building, for cassettes made from documents). */
  recordedAt: string;
  /** What wrote the file: `mockpanel record`, or the build script of a docs cassette. */
  recordedBy: string;
  /** Free text: which example, which section of the document. */
  note?: string;
}

/** The decoded request: what the panel's codec read from the wire. */
export interface CassetteRequest {
  method: string;
  /** Positional arguments (XML-RPC params, SOAP parts). */
  args: CassetteValue[];
  /** Named arguments (WHM query/form keys, ISPConfig JSON body keys). */
  named?: Record<string, CassetteValue>;
  /** Why the codec could not read the request, when it could not. */
  undecodable?: string;
}

/** The decoded response: the value, or the fault, as the panel's client would read it. */
export interface CassetteResponse {
  value?: CassetteValue;
  fault?: { code: string | number; string: string };
  /** Why the body could not be read as the panel's wire format (an HTML error page…). */
  undecodable?: string;
}

/** One HTTP message, byte for byte (headers in lower case; secrets already replaced by placeholders). */
export interface RawMessage {
  headers: Record<string, string>;
  body: string;
  /** `utf8` (default) or `base64` for bodies that are not valid UTF-8. */
  bodyEncoding?: 'utf8' | 'base64';
}

export interface RawRequest extends RawMessage {
  method: string;
  /** The path the real panel saw (`/`, `/hosting/`, `/remote/index.php`, `/json-api/listaccts`). */
  path: string;
  /** Query string without `?`. */
  query: string;
}

export interface RawResponse extends RawMessage {
  status: number;
}

/** A volatile place in a response, beyond the built-in rules (see masks.ts). */
export interface MaskRule {
  /** Only for this method (default: every interaction). */
  method?: string;
  /** JSON pointer into the response, `*` standing for any array index or key: `/value/*\/date_end`. */
  path: string;
  /** `id`: any value of the same type, identity tracked; `date`: same type and shape; `type`: same JSON type (a document that gives only the type); `any`: anything. */
  kind: 'id' | 'date' | 'type' | 'any';
}

export interface Interaction {
  request: CassetteRequest;
  response: CassetteResponse;
  http?: { request: RawRequest; response: RawResponse };
  /** Free text shown in reports (the document example it reproduces). */
  note?: string;
}

export interface Cassette {
  $schema?: string;
  format: typeof CASSETTE_FORMAT;
  panel: PanelId;
  provenance: Provenance;
  /** Extra volatile places; the built-in rules cover ids, dates, serials and sessions. */
  masks?: MaskRule[];
  /** mockpanel world settings (\`PATCH /_admin/worlds/:id/settings\`) the emulator needs to stand where the recording started. */
  settings?: Record<string, unknown>;
  interactions: Interaction[];
}

let schema: Schema | undefined;

/** Problems with a parsed cassette, as `<JSON pointer>: <what>`; empty when it conforms to fixtures/cassette.schema.json. */
export function cassetteProblems(value: unknown): string[] {
  schema ??= readDataJson<Schema>('fixtures/cassette.schema.json');
  return validate(schema, value);
}

/** Reads and checks a cassette file; a malformed file is a `bad_cassette` error naming the problems. */
export function readCassette(file: string): Cassette {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MockpanelError('bad_cassette', `Cannot read the cassette ${file}: ${(error as Error).message}`);
  }
  const problems = cassetteProblems(parsed);
  if (problems.length) throw new MockpanelError('bad_cassette', `${file} is not a mockpanel cassette:\n  ${problems.slice(0, 10).join('\n  ')}`);
  const cassette = parsed as Cassette;
  if (!isPanelId(cassette.panel)) throw new MockpanelError('bad_cassette', `${file}: unknown panel "${cassette.panel}"`);
  return cassette;
}

/** Writes a cassette atomically (temporary file, then rename), so a reader never sees half of one. */
export function writeCassette(file: string, cassette: Cassette): void {
  const text = `${JSON.stringify(cassette, null, 2)}\n`;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** A decoded wire value as a cassette stores it (see {@link CassetteValue}). */
export function toCassetteValue(value: unknown): CassetteValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : { $bigint: value.toString() };
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return { $datetime: Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString() };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $base64: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toCassetteValue);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toCassetteValue(v)]));
  // WireInt, XmlRpcDouble, PhpFloat: wrappers around a number whose wire form JSON cannot say; the raw exchange keeps it.
  if ('value' in value && typeof (value as { value: unknown }).value === 'number' && Object.keys(value).length <= 2 && value.constructor !== Object) {
    return (value as { value: number }).value;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCassetteValue(v)]));
}

/** The body of a raw message as bytes. */
export function rawBody(message: RawMessage): Buffer {
  return Buffer.from(message.body, message.bodyEncoding === 'base64' ? 'base64' : 'utf8');
}

/** Bytes as a raw message body: text when they are valid UTF-8, base64 otherwise. */
export function bodyFields(bytes: Buffer): Pick<RawMessage, 'body' | 'bodyEncoding'> {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? { body: text } : { body: bytes.toString('base64'), bodyEncoding: 'base64' };
}
