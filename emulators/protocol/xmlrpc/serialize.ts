import { escapeXmlText } from '../../../kernel/escape.js';
import { WireInt } from '../codec.js';
import { pythonFloatRepr } from '../python/float-repr.js';
import { XmlRpcDouble } from './double.js';
import { xmlRpcError } from './problem.js';

/** How values are written; see {@link serializeMethodResponse} for the type mapping. */
export interface XmlRpcSerializeOptions {
  /** Emit `<nil/>` for null. WebFaction and Gandi never did, so their panels leave this off. */
  allowNil: boolean;
  /** The declaration line, without its newline. */
  xmlDeclaration: string;
  /** Deepest array/struct nesting written before the value is refused. */
  maxDepth: number;
}

/** Python xmlrpc.client's header for UTF-8 output (`dumps` with the default encoding). */
export const PYTHON_XML_DECLARATION = "<?xml version='1.0'?>";

export const DEFAULT_SERIALIZE_OPTIONS: XmlRpcSerializeOptions = {
  allowNil: false,
  xmlDeclaration: PYTHON_XML_DECLARATION,
  maxDepth: 100,
};

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * A methodResponse holding one value, laid out byte for byte as Python's
 * xmlrpc.client Marshaller writes it (both real panels were Python servers;
 * compare fixtures/captures/xmlrpc/python-xmlrpc-client/*.response.http).
 *
 * Type mapping:
 * - string → `<string>` with only `& < >` escaped (Python's escape()).
 * - whole number within 32 bits → `<int>`; never `<i8>`, which Perl
 *   XMLRPC::Lite dies on (fixtures/captures/xmlrpc/type-matrix). A whole number
 *   outside 32 bits goes out as `<double>`: Python's server would fault with
 *   OverflowError instead, but a double keeps the number a number in every
 *   client and is exact up to 2^53, as far as a JS number reaches anyway.
 * - other numbers and {@link XmlRpcDouble} → `<double>` in Python repr.
 * - bigint → `<int>` within 32 bits, `<double>` up to 2^53, else `<string>` of its digits (lossless).
 * - boolean → `<boolean>0|1`; Date → `<dateTime.iso8601>` in UTC; Buffer/Uint8Array → `<base64>`.
 * - arrays → `<array>`; plain objects, Maps with string keys, other class instances → `<struct>`.
 * - undefined struct members (and Map entries) are left out, as JSON.stringify does.
 * - null and any other undefined → `<nil/>` when `allowNil`, else an empty
 *   `<string>`. Python with allow_none=False (WebFaction's and Gandi's
 *   servers) refuses None with a TypeError fault; Gandi 1.0 wrote absent
 *   values as empty strings (apache/libcloud's 2011 Gandi fixtures, e.g. vm_info.xml), so
 *   an empty string keeps the handler's answer and matches that panel.
 * - WireInt → `<int>` of its value.
 * Anything else (functions, symbols, Sets, cycles, invalid Dates, deeper than maxDepth)
 * throws XmlRpcProtocolError kind `cannot-marshal`.
 */
export function serializeMethodResponse(value: unknown, options: XmlRpcSerializeOptions = DEFAULT_SERIALIZE_OPTIONS): string {
  const writer = new Writer(options);
  writer.value(value, 0);
  return `${options.xmlDeclaration}\n<methodResponse>\n<params>\n<param>\n${writer.out}</param>\n</params>\n</methodResponse>\n`;
}

/** A fault response: `<fault>` around a struct of faultCode (int) and faultString, in Python's layout. */
export function serializeFault(faultCode: number, faultString: string, options: XmlRpcSerializeOptions = DEFAULT_SERIALIZE_OPTIONS): string {
  const code = Number.isInteger(faultCode) && faultCode >= INT32_MIN && faultCode <= INT32_MAX ? faultCode : 1;
  return (
    `${options.xmlDeclaration}\n<methodResponse>\n<fault>\n<value><struct>\n` +
    `<member>\n<name>faultCode</name>\n<value><int>${code}</int></value>\n</member>\n` +
    `<member>\n<name>faultString</name>\n<value><string>${escapeXmlText(faultString)}</string></value>\n</member>\n` +
    '</struct></value>\n</fault>\n</methodResponse>\n'
  );
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'Object';
}

const hasOwn = Object.prototype.hasOwnProperty;

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const NEEDS_ESCAPE = /[&<>]/;

/** escapeXmlText, skipping the replace (and its new string) for the many texts with nothing to escape. */
function escapeText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? escapeXmlText(text) : text;
}

// Appends to one string: V8 builds it as a rope, which measured faster than pushing parts and joining.
class Writer {
  out = '';

  constructor(private readonly options: XmlRpcSerializeOptions) {}

  value(value: unknown, depth: number): void {
    switch (typeof value) {
      case 'string':
        this.out += `<value><string>${escapeText(value)}</string></value>\n`;
        return;
      case 'number':
        this.number(value);
        return;
      case 'boolean':
        this.out += value ? '<value><boolean>1</boolean></value>\n' : '<value><boolean>0</boolean></value>\n';
        return;
      case 'bigint':
        if (value >= INT32_MIN && value <= INT32_MAX) this.out += `<value><int>${value}</int></value>\n`;
        else if (value >= -(2n ** 53n) && value <= 2n ** 53n) this.double(Number(value));
        else this.out += `<value><string>${value}</string></value>\n`;
        return;
      case 'undefined':
        this.nil();
        return;
      case 'object':
        if (value === null) this.nil();
        else this.object(value, depth);
        return;
      default:
        throw xmlRpcError('cannot-marshal', `cannot marshal ${typeof value} objects`);
    }
  }

  private nil(): void {
    // Python's dump_nil writes no newline after the value; kept for byte parity.
    this.out += this.options.allowNil ? '<value><nil/></value>' : '<value><string></string></value>\n';
  }

  private number(value: number): void {
    if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) {
      // `${-0}` is "0"; Python has no negative zero int either.
      this.out += `<value><int>${value}</int></value>\n`;
    } else {
      this.double(value);
    }
  }

  private double(value: number): void {
    this.out += `<value><double>${pythonFloatRepr(value)}</double></value>\n`;
  }

  private object(value: object, depth: number): void {
    // Arrays and plain objects first: they are nearly every value, and the checks below cost a prototype walk each.
    if (Array.isArray(value)) return this.container(value, depth);
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto === Object.prototype || proto === null) return this.container(value, depth);
    if (value instanceof WireInt) return this.number(value.value);
    if (value instanceof XmlRpcDouble) return this.double(value.value);
    if (value instanceof Date) return this.date(value);
    if (value instanceof Uint8Array) return this.base64(value);
    if (
      value instanceof Set ||
      value instanceof WeakMap ||
      value instanceof WeakSet ||
      value instanceof Promise ||
      value instanceof Error ||
      value instanceof RegExp ||
      ArrayBuffer.isView(value) ||
      value instanceof ArrayBuffer
    ) {
      throw xmlRpcError('cannot-marshal', `cannot marshal ${typeName(value)} objects`);
    }
    return this.container(value, depth);
  }

  private container(value: object, depth: number): void {
    // The depth bound also stops cycles; a Set of open containers measured a third of the encode time.
    if (depth >= this.options.maxDepth) {
      throw xmlRpcError('cannot-marshal', `cannot marshal a value nested deeper than ${this.options.maxDepth} levels (or holding itself)`);
    }
    if (Array.isArray(value)) this.array(value, depth);
    else if (value instanceof Map) this.struct(value.entries(), depth);
    else if (isPlain(value)) this.plainStruct(value as Record<string, unknown>, depth);
    else this.struct(Object.entries(value), depth);
  }

  private date(value: Date): void {
    const time = value.getTime();
    const year = value.getUTCFullYear();
    if (Number.isNaN(time) || year < 0 || year > 9999) throw xmlRpcError('cannot-marshal', `cannot marshal the date ${String(value)}`);
    const two = (n: number) => String(n).padStart(2, '0');
    const text =
      `${String(year).padStart(4, '0')}${two(value.getUTCMonth() + 1)}${two(value.getUTCDate())}` +
      `T${two(value.getUTCHours())}:${two(value.getUTCMinutes())}:${two(value.getUTCSeconds())}`;
    this.out += `<value><dateTime.iso8601>${text}</dateTime.iso8601></value>\n`;
  }

  private base64(value: Uint8Array): void {
    // base64.encodebytes: 76-character lines, each ending in a newline.
    const encoded = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    this.out += '<value><base64>\n';
    for (let i = 0; i < encoded.length; i += 76) this.out += `${encoded.slice(i, i + 76)}\n`;
    this.out += '</base64></value>\n';
  }

  private array(values: unknown[], depth: number): void {
    this.out += '<value><array><data>\n';
    for (let i = 0; i < values.length; i++) this.value(values[i], depth + 1);
    this.out += '</data></array></value>\n';
  }

  /** {@link struct} for a plain object, without an entries array per object: own keys in Object.entries' order. */
  private plainStruct(value: Record<string, unknown>, depth: number): void {
    this.out += '<value><struct>\n';
    for (const key in value) {
      if (!hasOwn.call(value, key)) continue;
      const member = value[key];
      if (member === undefined) continue;
      this.out += `<member>\n<name>${escapeText(key)}</name>\n`;
      this.value(member, depth + 1);
      this.out += '</member>\n';
    }
    this.out += '</struct></value>\n';
  }

  private struct(entries: Iterable<[unknown, unknown]>, depth: number): void {
    this.out += '<value><struct>\n';
    for (const [key, member] of entries) {
      if (typeof key !== 'string') throw xmlRpcError('cannot-marshal', 'dictionary key must be string');
      if (member === undefined) continue;
      this.out += `<member>\n<name>${escapeText(key)}</name>\n`;
      this.value(member, depth + 1);
      this.out += '</member>\n';
    }
    this.out += '</struct></value>\n';
  }
}
