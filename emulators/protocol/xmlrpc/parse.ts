import { gunzipSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WireInt } from '../codec.js';
import { strictXmlEntities } from '../xml/strict-entities.js';
import { xmlRpcError, type XmlRpcProtocolError } from './problem.js';
import { scanDocument, type XNode } from './scan.js';

/** Bounds on what one request may cost to read. */
export interface XmlRpcLimits {
  /** Deepest element nesting accepted (methodCall counts as 1). */
  maxDepth: number;
  /** Largest body accepted, after gzip decoding. */
  maxBodyBytes: number;
}

export const DEFAULT_XMLRPC_LIMITS: XmlRpcLimits = { maxDepth: 64, maxBodyBytes: 10 * 1024 * 1024 };

/** A methodCall read from the wire. */
export interface ParsedMethodCall {
  method: string;
  params: unknown[];
  /** The character encoding the body was read with (from its BOM or XML declaration; utf-8 otherwise). */
  encoding: string;
}

/** A methodResponse read from the wire: its params, or its fault struct. */
export type ParsedMethodResponse = { kind: 'params'; params: unknown[] } | { kind: 'fault'; faultCode: unknown; faultString: unknown };

const TEXT = '#text';

const parsers = new Map<number, XMLParser>();

function parserFor(maxDepth: number): XMLParser {
  let parser = parsers.get(maxDepth);
  if (!parser) {
    parser = new XMLParser({
      preserveOrder: true,
      // An untyped <value> keeps its whitespace (XML-RPC spec; Python's Unmarshaller does the same).
      trimValues: false,
      parseTagValue: false,
      ignoreAttributes: true,
      // Python's Unmarshaller drops namespace prefixes (`<ex:i8>`, `<ex:nil/>` from Apache XML-RPC).
      removeNSPrefix: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      maxNestedTags: maxDepth - 1,
      entityDecoder: strictXmlEntities,
      // No callbacks need the path as a string; building it costs about a tenth of the parse.
      jPath: false,
    });
    parsers.set(maxDepth, parser);
  }
  return parser;
}

/**
 * The request body as text: gzip undone (Python's SimpleXMLRPCRequestHandler
 * accepts `Content-Encoding: gzip`), then decoded with the encoding of its BOM
 * or XML declaration, strictly (invalid bytes are an error, as for expat).
 */
export function xmlRpcBodyText(
  body: Buffer,
  contentEncoding: string | undefined,
  limits: XmlRpcLimits = DEFAULT_XMLRPC_LIMITS,
): { text: string; encoding: string } {
  if (body.length > limits.maxBodyBytes) {
    throw xmlRpcError('body-too-large', `request body of ${body.length} bytes exceeds the limit of ${limits.maxBodyBytes}`);
  }
  const coding = contentEncoding?.trim().toLowerCase();
  if (coding && coding !== 'identity') {
    if (coding !== 'gzip' && coding !== 'x-gzip') throw xmlRpcError('content-encoding', `encoding '${coding.slice(0, 40)}' not supported`);
    try {
      body = gunzipSync(body, { maxOutputLength: limits.maxBodyBytes });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw xmlRpcError('body-too-large', `gzip body expands beyond the limit of ${limits.maxBodyBytes} bytes`);
      }
      throw xmlRpcError('content-encoding', 'gzip body is corrupt');
    }
  }
  const encoding = sniffEncoding(body);
  let decoder: TextDecoder;
  try {
    decoder = decoderFor(encoding);
  } catch {
    throw xmlRpcError('charset', `unknown encoding: ${encoding.slice(0, 40)}`);
  }
  try {
    return { text: decoder.decode(body), encoding };
  } catch {
    throw xmlRpcError('charset', `not well-formed (invalid token): the body is not valid ${encoding}`);
  }
}

const decoders = new Map<string, TextDecoder>();

function decoderFor(encoding: string): TextDecoder {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    decoder = new TextDecoder(encoding, { fatal: true });
    decoders.set(encoding, decoder);
  }
  return decoder;
}

const DECLARED_ENCODING = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/;

function sniffEncoding(body: Buffer): string {
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  const declared = DECLARED_ENCODING.exec(body.subarray(0, 256).toString('latin1'))?.[1]?.toLowerCase();
  return !declared || declared === 'utf8' ? 'utf-8' : declared;
}

// XML 1.0 §2.2: characters no document may contain, even escaped (expat: "not well-formed (invalid token)").
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Parses XML text into fast-xml-parser's ordered tree, refusing DTDs, depth
 * bombs and malformed input: the one-pass scanner for the shape clients
 * write, the parser and validator for anything else (and for every refusal).
 */
function parseDocument(text: string, limits: XmlRpcLimits): XNode[] {
  refuseEarly(text);
  return scanDocument(text, limits.maxDepth) ?? parseGeneral(text, limits);
}

/** {@link parseDocument} without the scanner: the general path alone, for the scanner's differential test. */
export function parseDocumentGeneral(text: string, limits: XmlRpcLimits = DEFAULT_XMLRPC_LIMITS): XNode[] {
  refuseEarly(text);
  return parseGeneral(text, limits);
}

/** The refusals made before any parsing: a DTD, text that is not markup, characters XML cannot carry. */
function refuseEarly(text: string): void {
  // A DTD is the door to entity bombs and external entities; XML-RPC never needs one.
  if (text.includes('<!') && /<!(DOCTYPE|ENTITY)/i.test(text)) {
    throw xmlRpcError('doctype', 'DOCTYPE is not accepted in an XML-RPC request');
  }
  // Expat's first complaint about a body that is not markup at all: "syntax error" at the first character that
  // cannot start a document (Python's SimpleXMLRPCServer answers "not xml" with exactly this, captured in
  // fixtures/captures/xmlrpc/python-simplexmlrpcserver/not-xml.response.http). Columns count from 0, as expat's do.
  const lead = /^[ \t\r\n]*/.exec(text)![0];
  if (lead.length < text.length && text[lead.length] !== '<') {
    const lines = lead.split('\n');
    throw xmlRpcError('not-well-formed', `syntax error: line ${lines.length}, column ${lines[lines.length - 1].length}`);
  }
  const bad = NOT_XML_CHAR.exec(text);
  if (bad)
    throw xmlRpcError('not-well-formed', `not well-formed (invalid token): character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`);
}

/** fast-xml-parser's tree, then its validator (both walk the whole text). */
function parseGeneral(text: string, limits: XmlRpcLimits): XNode[] {
  // The parser first, because it stops at the depth bound; the validator walks the whole text and
  // checks what the parser does not (tags that close in the wrong order), with better wording.
  let tree: XNode[];
  try {
    tree = parserFor(limits.maxDepth).parse(text) as XNode[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/nested tags/i.test(message)) throw xmlRpcError('too-deep', `elements nest deeper than ${limits.maxDepth} levels`);
    throw notWellFormed(text) ?? xmlRpcError('not-well-formed', message.slice(0, 200));
  }
  const problem = notWellFormed(text);
  if (problem) throw problem;
  // fast-xml-parser drops text after the root element; expat calls it "junk after document element".
  if (!text.trimEnd().endsWith('>')) throw xmlRpcError('not-well-formed', 'junk after document element');
  return tree;
}

function notWellFormed(text: string): XmlRpcProtocolError | undefined {
  const verdict = XMLValidator.validate(text);
  if (verdict === true) return undefined;
  return xmlRpcError('not-well-formed', `${verdict.err.msg} (line ${verdict.err.line}, column ${verdict.err.col})`);
}

function tagOf(node: XNode): string {
  for (const key in node) if (key !== ':@') return key;
  return '';
}

function childrenOf(node: XNode): XNode[] {
  return node[tagOf(node)] as XNode[];
}

/** Element children and the concatenated text of one element. */
function split(children: XNode[]): { elements: XNode[]; text: string; hasText: boolean } {
  const elements: XNode[] = [];
  let text = '';
  let hasText = false;
  for (const child of children) {
    const tag = tagOf(child);
    if (tag === TEXT) {
      text += String(child[TEXT]);
      hasText = true;
    } else {
      elements.push(child);
    }
  }
  return { elements, text, hasText };
}

/** The element children of a container whose own text may only be layout whitespace. */
function elementsOf(node: XNode): XNode[] {
  const tag = tagOf(node);
  const { elements, text } = split(childrenOf(node));
  if (text.trim() !== '') throw xmlRpcError('bad-value', `unexpected text "${clip(text.trim())}" in <${tag}>`);
  return elements;
}

function textOf(node: XNode): string {
  const tag = tagOf(node);
  const { elements, text } = split(childrenOf(node));
  if (elements.length > 0) throw xmlRpcError('unknown-tag', `unexpected <${tagOf(elements[0]!)}> inside <${tag}>`);
  return text;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Reads a methodCall document. Throws {@link XmlRpcProtocolError} for anything else. */
export function parseMethodCall(text: string, limits: XmlRpcLimits = DEFAULT_XMLRPC_LIMITS): ParsedMethodCall {
  const root = rootElement(parseDocument(text, limits), 'methodCall');
  let method: string | undefined;
  let params: unknown[] = [];
  let seenParams = false;
  for (const child of elementsOf(root)) {
    const tag = tagOf(child);
    if (tag === 'methodName' && method === undefined) {
      // Taken verbatim, as Python's Unmarshaller does (no trimming).
      method = textOf(child);
    } else if (tag === 'params' && !seenParams) {
      params = readParams(child);
      seenParams = true;
    } else {
      throw xmlRpcError('unknown-tag', `unexpected <${tag}> in <methodCall>`);
    }
  }
  if (method === undefined) throw xmlRpcError('not-method-call', '<methodCall> has no <methodName>');
  return { method, params, encoding: 'utf-8' };
}

/** Reads a methodResponse document (for clients and the replay verifier). */
export function parseMethodResponse(text: string, limits: XmlRpcLimits = DEFAULT_XMLRPC_LIMITS): ParsedMethodResponse {
  const root = rootElement(parseDocument(text, limits), 'methodResponse');
  const [only, ...rest] = elementsOf(root);
  if (!only || rest.length > 0) throw xmlRpcError('not-method-call', '<methodResponse> must hold one <params> or <fault>');
  const tag = tagOf(only);
  if (tag === 'params') return { kind: 'params', params: readParams(only) };
  if (tag !== 'fault') throw xmlRpcError('unknown-tag', `unexpected <${tag}> in <methodResponse>`);
  const [value, ...more] = elementsOf(only);
  if (!value || more.length > 0 || tagOf(value) !== 'value') throw xmlRpcError('not-method-call', '<fault> must hold one <value>');
  const struct = readValue(value);
  if (typeof struct !== 'object' || struct === null || Array.isArray(struct)) {
    throw xmlRpcError('bad-value', '<fault> value is not a struct');
  }
  const fields = struct as Record<string, unknown>;
  return { kind: 'fault', faultCode: fields.faultCode, faultString: fields.faultString };
}

function rootElement(tree: XNode[], expected: string): XNode {
  const elements = tree.filter((node) => tagOf(node) !== TEXT);
  if (elements.length === 0) throw xmlRpcError('not-well-formed', 'no element found');
  if (elements.length > 1) throw xmlRpcError('not-well-formed', 'junk after document element');
  const root = elements[0]!;
  const tag = tagOf(root);
  if (tag !== expected) throw xmlRpcError('not-method-call', `expected <${expected}>, found <${clip(tag)}>`);
  return root;
}

function readParams(params: XNode): unknown[] {
  return elementsOf(params).map((param) => {
    if (tagOf(param) !== 'param') throw xmlRpcError('unknown-tag', `unexpected <${tagOf(param)}> in <params>`);
    const [value, ...rest] = elementsOf(param);
    if (!value || rest.length > 0 || tagOf(value) !== 'value') throw xmlRpcError('bad-value', '<param> must hold exactly one <value>');
    return readValue(value);
  });
}

function readValue(value: XNode): unknown {
  const { elements, text, hasText } = split(childrenOf(value));
  if (elements.length === 0) {
    // Untyped value: a string, whitespace and all (spec). Empty: Perl's undef (`<value />`), read as null.
    return hasText ? text : null;
  }
  if (elements.length > 1) throw xmlRpcError('bad-value', '<value> holds more than one element');
  if (text.trim() !== '') throw xmlRpcError('bad-value', `unexpected text "${clip(text.trim())}" beside <${tagOf(elements[0]!)}>`);
  const typed = elements[0]!;
  const tag = tagOf(typed);
  switch (tag) {
    case 'string':
      return textOf(typed);
    case 'int':
    case 'i4':
    case 'i8':
      return readInt(textOf(typed));
    case 'boolean':
      return readBoolean(textOf(typed));
    case 'double':
      return readDouble(textOf(typed));
    case 'dateTime.iso8601':
      return readDate(textOf(typed));
    case 'base64':
      return readBase64(textOf(typed));
    case 'nil':
      if (textOf(typed).trim() !== '') throw xmlRpcError('bad-value', '<nil/> must be empty');
      return null;
    case 'array':
      return readArray(typed);
    case 'struct':
      return readStruct(typed);
    default:
      // Python: ResponseError("unknown tag 'foo'").
      throw xmlRpcError('unknown-tag', `unknown tag '${clip(tag)}'`);
  }
}

const INT_TEXT = /^[+-]?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Any integer tag (i4, int, i8) up to 64 bits, whitespace trimmed as Python's
 * int() does. A text that is not the number's canonical decimal (Perl sends
 * '007' as `<int>007</int>`, fixtures/captures/xmlrpc/perl-xmlrpc-lite) or that a JS
 * number cannot hold exactly comes back as a WireInt keeping the text.
 */
function readInt(raw: string): number | WireInt {
  const text = raw.trim();
  if (!INT_TEXT.test(text)) throw xmlRpcError('bad-value', `invalid literal for int() with base 10: '${clip(raw)}'`);
  if (text.replace(/^[+-]?0*/, '').length > 19) throw xmlRpcError('out-of-range', `integer ${clip(text)} exceeds 64 bits`);
  const big = BigInt(text);
  if (big < INT64_MIN || big > INT64_MAX) throw xmlRpcError('out-of-range', `integer ${text} exceeds 64 bits`);
  const value = Number(big);
  if (!Number.isSafeInteger(value)) return new WireInt(value, text);
  return String(value) === text ? value : new WireInt(value, text);
}

function readBoolean(raw: string): boolean {
  const text = raw.trim();
  if (text === '1') return true;
  if (text === '0') return false;
  // Python: TypeError("bad boolean value"); only 0 and 1 are XML-RPC booleans.
  throw xmlRpcError('bad-value', 'bad boolean value', 'TypeError');
}

const DOUBLE_TEXT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const DOUBLE_WORD = /^([+-]?)(inf|infinity|nan)$/i;

/** Python float() syntax: exponents (Perl sends `1e5`) and inf/nan words, which Python's own servers emit. */
function readDouble(raw: string): number {
  const text = raw.trim();
  const word = DOUBLE_WORD.exec(text);
  if (word) {
    if (word[2]!.toLowerCase() === 'nan') return Number.NaN;
    return word[1] === '-' ? -Infinity : Infinity;
  }
  if (text.length > 400 || !DOUBLE_TEXT.test(text)) throw xmlRpcError('bad-value', `could not convert string to float: '${clip(raw)}'`);
  const value = Number(text);
  // Python would quietly read 1e400 as inf; a literal that overflows is refused here instead.
  if (!Number.isFinite(value)) throw xmlRpcError('out-of-range', `double ${clip(text)} is out of range`);
  return value;
}

const DATE_TEXT = /^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `YYYYMMDDTHH:MM:SS` (the spec's and every client's form), also with dashes,
 * fractions or a zone. XML-RPC dates carry no zone; they are read as UTC.
 * A bare date is midnight: the Gandi doc's own operation_list sample sends
 * `xmlrpclib.DateTime("2006-01-01")`, which goes out as just that text.
 */
function readDate(raw: string): Date {
  const m = DATE_TEXT.exec(raw.trim());
  if (!m) throw xmlRpcError('bad-value', `time data '${clip(raw)}' does not match format '%Y%m%dT%H:%M:%S'`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw xmlRpcError('bad-value', `dateTime.iso8601 '${clip(raw)}' is not a real date`);
  }
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    date.setTime(date.getTime() - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000);
  }
  return date;
}

const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 with line breaks allowed (Python writes 76-column lines) and padding required (binascii: "Incorrect padding"). */
function readBase64(raw: string): Buffer {
  const compact = raw.replace(/[\t\n\r ]+/g, '');
  if (!BASE64_TEXT.test(compact) || compact.length % 4 !== 0) {
    throw xmlRpcError('bad-value', 'Incorrect padding or characters in <base64>', 'binascii.Error');
  }
  return Buffer.from(compact, 'base64');
}

function readArray(array: XNode): unknown[] {
  const children = elementsOf(array);
  // Python's Unmarshaller takes the values of an <array> with or without <data> around them.
  const values = children.length === 1 && tagOf(children[0]!) === 'data' ? elementsOf(children[0]!) : children;
  return values.map((value) => {
    if (tagOf(value) !== 'value') throw xmlRpcError('unknown-tag', `unexpected <${clip(tagOf(value))}> in <array>`);
    return readValue(value);
  });
}

function readStruct(struct: XNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of elementsOf(struct)) {
    if (tagOf(member) !== 'member') throw xmlRpcError('unknown-tag', `unexpected <${clip(tagOf(member))}> in <struct>`);
    let name: string | undefined;
    let value: XNode | undefined;
    for (const part of elementsOf(member)) {
      const tag = tagOf(part);
      if (tag === 'name' && name === undefined) name = textOf(part);
      else if (tag === 'value' && value === undefined) value = part;
      else throw xmlRpcError('unknown-tag', `unexpected <${clip(tag)}> in <member>`);
    }
    if (name === undefined || value === undefined) throw xmlRpcError('bad-value', '<member> needs one <name> and one <value>');
    const decoded = readValue(value);
    // A member called __proto__ must stay data, not become the object's prototype.
    if (name === '__proto__') Object.defineProperty(out, name, { value: decoded, enumerable: true, writable: true, configurable: true });
    else out[name] = decoded;
  }
  return out;
}

/** Body bytes and headers to a methodCall: {@link xmlRpcBodyText} then {@link parseMethodCall}. */
export function readMethodCall(body: Buffer, contentEncoding: string | undefined, limits: XmlRpcLimits = DEFAULT_XMLRPC_LIMITS): ParsedMethodCall {
  const { text, encoding } = xmlRpcBodyText(body, contentEncoding, limits);
  return { ...parseMethodCall(text, limits), encoding };
}
