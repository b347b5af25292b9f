import { PanelFault } from '../../core/panel-fault.js';
import { WireInt } from '../codec.js';
import {
  APACHE_SOAP,
  SOAP11_ACTOR_NEXT,
  SOAP11_ENC,
  SOAP11_ENV,
  SOAP12_ENC,
  SOAP12_ENV,
  SOAP12_ROLE_NEXT,
  SOAP12_ROLE_ULTIMATE,
  XSD,
  XSD_1999,
  XSI,
  type SoapVersion,
} from './namespaces.js';
import {
  attrAnyNs,
  attrNs,
  DEFAULT_XML_LIMITS,
  elementChildren,
  readXmlDocument,
  resolveQNameValue,
  XmlRejection,
  type XmlElement,
  type XmlLimits,
} from './xml-document.js';

// Decodes a SOAP request as PHP 8.2's SoapServer does in non-WSDL mode
// (ext/soap: deserialize_function_call, then master_to_zval with no type
// hints). Every fault text below is PHP's own, checked against a PHP 8.2.36
// SoapServer on this machine (see fixtures/captures/ispconfig-soap/README.md).

/** A SOAP header entry the server must look at (headers aimed at another actor/role are skipped, as PHP skips them). */
export interface SoapHeaderEntry {
  name: string;
  mustUnderstand: boolean;
  args: unknown[];
}

/** Codec-private facts a SOAP call carries to the encoder (`DecodedCall.wire`). */
export interface SoapWire extends Record<string, unknown> {
  soapVersion: SoapVersion;
  /** Namespace of the method element (PHP ignores it). */
  methodNs: string | null;
  /**
   * Header entries. PHP calls a method named after each one; ISPConfig's
   * handler has no such methods, so a real server answers `invalid_method`
   * for any header entry (measured with a `__call` handler like ISPConfig's).
   */
  soapHeaders: SoapHeaderEntry[];
}

export interface SoapDecodeOptions {
  limits?: XmlLimits;
  /**
   * Integers whose text is not canonical ('007', '+5') or that exceed 2^53
   * come out as {@link WireInt} (the codec contract). PHP itself makes 7 of
   * '007'; set false to get that plain number.
   */
  wireInts?: boolean;
}

const structs = new WeakSet<object>();

/**
 * True for an object decoded from an untyped or `SOAP-ENC:Struct` element.
 * PHP makes a stdClass of those, not an array; ISPConfig's add/update methods
 * then fail with "Cannot use object of type stdClass as array" (protocol.md §3).
 */
export function isSoapStruct(value: unknown): boolean {
  return typeof value === 'object' && value !== null && structs.has(value);
}

/** A fault raised while reading the request, in the wording PHP uses, marked with the request's SOAP version. */
export function soapProtocolFault(code: string, message: string, version: SoapVersion = 1): PanelFault {
  return new PanelFault(code, message, { httpStatus: 500, origin: 'protocol', data: { soapVersion: version } });
}

class EncodingError extends Error {}
const encodingError = (what: string) => new EncodingError(`SOAP-ERROR: Encoding: ${what}`);
const VIOLATION = 'Violation of encoding rules';

type Kind = 'string' | 'stringr' | 'stringc' | 'long' | 'double' | 'bool' | 'base64' | 'hex' | 'null' | 'map' | 'array' | 'object' | 'guess';

// ext/soap's defaultEncoding table, by namespace and local type name.
const XSD_TYPES: Record<string, Kind> = {
  string: 'string',
  boolean: 'bool',
  decimal: 'stringc',
  float: 'double',
  double: 'double',
  dateTime: 'stringc',
  time: 'stringc',
  date: 'stringc',
  gYearMonth: 'stringc',
  gYear: 'stringc',
  gMonthDay: 'stringc',
  gDay: 'stringc',
  gMonth: 'stringc',
  duration: 'stringc',
  hexBinary: 'hex',
  base64Binary: 'base64',
  long: 'long',
  int: 'long',
  short: 'long',
  byte: 'long',
  nonPositiveInteger: 'long',
  positiveInteger: 'long',
  nonNegativeInteger: 'long',
  negativeInteger: 'long',
  unsignedByte: 'long',
  unsignedShort: 'long',
  unsignedInt: 'long',
  unsignedLong: 'long',
  integer: 'long',
  anyType: 'guess',
  'ur-type': 'guess',
  anyURI: 'stringc',
  QName: 'stringc',
  NOTATION: 'stringc',
  normalizedString: 'stringr',
  token: 'stringc',
  language: 'stringc',
  NMTOKEN: 'stringc',
  NMTOKENS: 'stringc',
  Name: 'stringc',
  NCName: 'stringc',
  ID: 'stringc',
  IDREF: 'stringc',
  IDREFS: 'stringc',
  ENTITY: 'stringc',
  ENTITIES: 'stringc',
};
const XSD_1999_TYPES: Record<string, Kind> = {
  string: 'string',
  boolean: 'bool',
  decimal: 'stringc',
  float: 'double',
  double: 'double',
  long: 'long',
  int: 'long',
  short: 'long',
  byte: 'long',
  timeInstant: 'stringc',
};

function kindOfType(ns: string | null, local: string): Kind | undefined {
  if (ns === XSD) return Object.hasOwn(XSD_TYPES, local) ? XSD_TYPES[local] : undefined;
  if (ns === XSD_1999) return Object.hasOwn(XSD_1999_TYPES, local) ? XSD_1999_TYPES[local] : undefined;
  if (ns === APACHE_SOAP) return local === 'Map' ? 'map' : undefined;
  if (ns === XSI) return local === 'nil' ? 'null' : undefined;
  if (ns === SOAP11_ENC || ns === SOAP12_ENC) {
    if (local === 'Array') return 'array';
    if (local === 'Struct') return 'object';
    // get_encoder(): an unknown SOAP-ENC type falls back to the XSD type of the same name (SOAP-ENC:string).
    return Object.hasOwn(XSD_TYPES, local) ? XSD_TYPES[local] : undefined;
  }
  return undefined;
}

/** The decoder an `xsi:type` value selects; undeclared prefixes find nothing (PHP then guesses from the content). */
function kindOfXsiType(element: XmlElement, value: string): Kind | undefined {
  const { ns, local, prefix } = resolveQNameValue(element, value);
  if (ns === null && prefix !== '') return undefined;
  return kindOfType(ns, local);
}

/** Guess from the shape of an untyped element (guess_zval_convert). */
function guessKind(element: XmlElement): Kind {
  if (attrAnyNs(element, 'arrayType') || attrAnyNs(element, 'itemType') || attrAnyNs(element, 'arraySize')) return 'array';
  return element.children.some((c) => c.kind === 'element') ? 'object' : 'string';
}

// PHP 8's is_numeric_string without errors allowed: optional surrounding whitespace, sign, digits/decimal/exponent.
const NUMERIC = /^[ \t\n\r\v\f]*([+-]?)(?:(\d+)|(\d+\.\d*|\.\d+|\d+(?=[eE]))([eE][+-]?\d+)?)[ \t\n\r\v\f]*$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** PHP's numeric reading of a string: a bigint (int64), a number (double), or undefined. */
function phpNumeric(text: string): bigint | number | undefined {
  const m = NUMERIC.exec(text);
  if (!m) return undefined;
  if (m[2] !== undefined) {
    const n = BigInt(m[1] + m[2]);
    if (n >= INT64_MIN && n <= INT64_MAX) return n;
    return Number(m[1] + m[2]);
  }
  return Number(m[1] + m[3] + (m[4] ?? ''));
}

/** whiteSpace_collapse: tabs and newlines become spaces, runs collapse, ends are trimmed. */
function collapse(text: string): string {
  return text
    .replace(/[\t\n\r]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(/^ | $/g, '');
}

const CANONICAL_INT = /^(?:0|-?[1-9][0-9]*)$/;

class ValueReader {
  private readonly done = new Map<XmlElement, unknown>();
  private readonly active = new Set<XmlElement>();
  private ids?: Map<string, XmlElement>;
  private ids12?: Map<string, XmlElement>;

  constructor(
    private readonly root: XmlElement,
    private readonly wireInts: boolean,
  ) {}

  /**
   * master_to_zval: `defaultKind` is what an enclosing array's arrayType
   * says, used when the item has no known xsi:type. Structures recurse
   * through here with one frame per level besides their own, so PHP's own
   * depth limit (2049) fits in Node's default stack.
   */
  read(element: XmlElement, defaultKind?: Kind): unknown {
    const target = this.resolveRef(element);
    if (target === element) return this.readOwn(element, defaultKind);
    // A referenced element is decoded once and shared, so id/href graphs cost no more than their size.
    if (this.done.has(target)) return this.done.get(target);
    if (this.active.has(target)) throw encodingError(`Violation of id and ref information items '#${this.idOf(target)}'`);
    this.active.add(target);
    const value = this.readOwn(target, defaultKind);
    this.active.delete(target);
    this.done.set(target, value);
    return value;
  }

  private readOwn(element: XmlElement, defaultKind?: Kind): unknown {
    // Every ext/soap decoder starts with FIND_XML_NULL: any attribute named `nil`, in any namespace and with any value, means null.
    if (attrAnyNs(element, 'nil')) return null;
    const type = attrNs(element, 'type', XSI);
    let kind = type ? kindOfXsiType(element, type.value) : undefined;
    // xsd:anyType (and ur-type) means "guess from the content", even inside a typed array.
    if (kind === 'guess') kind = guessKind(element);
    kind ??= defaultKind && defaultKind !== 'guess' ? defaultKind : guessKind(element);
    switch (kind) {
      case 'null':
        return null;
      case 'string':
      case 'stringr':
      case 'stringc':
        return this.string(element, kind);
      case 'long':
        return this.long(element);
      case 'double':
        return this.double(element);
      case 'bool':
        return this.bool(element);
      case 'base64': {
        const text = this.textOrCdata(element);
        if (text === undefined) return '';
        return Buffer.from(element.children[0].kind === 'text' ? collapse(text) : text, 'base64').toString('utf8');
      }
      case 'hex':
        return this.hex(element);
      case 'map':
        return this.map(element);
      case 'array':
        return this.array(element);
      default:
        return this.object(element);
    }
  }

  /** The single text or CDATA child; undefined for none; more than one is a violation. */
  private textOrCdata(element: XmlElement): string | undefined {
    const { children } = element;
    if (children.length === 0) return undefined;
    const only = children[0];
    if (children.length > 1 || (only.kind !== 'text' && only.kind !== 'cdata')) throw encodingError(VIOLATION);
    return only.text;
  }

  /** The single text child (numbers and booleans refuse CDATA); undefined for none. */
  private textOnly(element: XmlElement): string | undefined {
    const { children } = element;
    if (children.length === 0) return undefined;
    const only = children[0];
    if (children.length > 1 || only.kind !== 'text') throw encodingError(VIOLATION);
    return only.text;
  }

  private string(element: XmlElement, kind: 'string' | 'stringr' | 'stringc'): string {
    const { children } = element;
    if (children.length === 0) return '';
    const child = children[0];
    if (children.length > 1 || (child.kind !== 'text' && child.kind !== 'cdata')) throw encodingError(VIOLATION);
    if (child.kind === 'cdata' || kind === 'string') return child.text;
    return kind === 'stringr' ? child.text.replace(/[\t\n\r]/g, ' ') : collapse(child.text);
  }

  private long(element: XmlElement): unknown {
    const raw = this.textOnly(element);
    if (raw === undefined) return null;
    const text = collapse(raw);
    const n = phpNumeric(text);
    if (n === undefined) throw encodingError(VIOLATION);
    if (typeof n === 'number') return n;
    const value = Number(n);
    if (!this.wireInts || (Number.isSafeInteger(value) && CANONICAL_INT.test(text))) return value;
    return new WireInt(value, text);
  }

  private double(element: XmlElement): number | null {
    const raw = this.textOnly(element);
    if (raw === undefined) return null;
    const text = collapse(raw);
    const n = phpNumeric(text);
    if (n !== undefined) return Number(n);
    // strncasecmp against the literal's length: any text starting with these words counts.
    const lower = text.toLowerCase();
    if (lower.startsWith('nan')) return Number.NaN;
    if (lower.startsWith('inf')) return Number.POSITIVE_INFINITY;
    if (lower.startsWith('-inf')) return Number.NEGATIVE_INFINITY;
    throw encodingError(VIOLATION);
  }

  private bool(element: XmlElement): boolean | null {
    const raw = this.textOnly(element);
    if (raw === undefined) return null;
    const text = collapse(raw);
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === 't' || text === '1') return true;
    if (lower === 'false' || lower === 'f' || text === '0') return false;
    // convert_to_boolean on the string: only '' and '0' are false.
    return text !== '';
  }

  private hex(element: XmlElement): string {
    const raw = this.textOrCdata(element);
    if (raw === undefined) return '';
    const text = element.children[0].kind === 'text' ? collapse(raw) : raw;
    const bytes = Buffer.alloc(text.length >> 1);
    for (let i = 0; i < bytes.length; i++) {
      const pair = text.slice(2 * i, 2 * i + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(pair)) throw encodingError(VIOLATION);
      bytes[i] = Number.parseInt(pair, 16);
    }
    return bytes.toString('utf8');
  }

  /** to_zval_map: `item` children with `key` and `value`; keys must decode to strings or ints. */
  private map(element: XmlElement): Record<string, unknown> | unknown[] | null {
    if (element.children.length === 0) return null;
    const out: Record<string, unknown> = {};
    for (const item of elementChildren(element)) {
      if (item.local !== 'item') continue;
      const parts = elementChildren(item);
      const keyEl = parts.find((p) => p.local === 'key');
      if (!keyEl) throw encodingError("Can't decode apache map, missing key");
      const valueEl = parts.find((p) => p.local === 'value');
      if (!valueEl) throw encodingError("Can't decode apache map, missing value");
      const key = this.read(keyEl);
      const value = this.read(valueEl);
      let name: string;
      if (typeof key === 'string') name = key;
      else if (key instanceof WireInt) name = BigInt(key.text.replace(/^\+/, '')).toString();
      else if (typeof key === 'number' && Number.isInteger(key) && this.isIntKey(keyEl)) name = String(key);
      else throw encodingError("Can't decode apache map, only Strings or Longs are allowed as keys");
      // A numeric string key becomes an int key in PHP; as a JS key both are the same string.
      setOwn(out, name, value);
    }
    return out;
  }

  /** True when the key element decoded through an integer type (a float-typed '1' is refused as a key, as in PHP). */
  private isIntKey(keyEl: XmlElement): boolean {
    const target = this.resolveRef(keyEl);
    const type = attrNs(target, 'type', XSI);
    if (!type) return false;
    if (kindOfXsiType(target, type.value) !== 'long') return false;
    const n = phpNumeric(collapse(this.textOnly(target) ?? ''));
    return typeof n === 'bigint';
  }

  /** to_zval_array: positions from arrayType/offset/position (SOAP 1.1) or itemType/arraySize (1.2), items typed by the array's item type. */
  private array(element: XmlElement): unknown {
    let itemKind: Kind | undefined;
    let dims: number[] = [0];
    const arrayType = attrAnyNs(element, 'arrayType');
    const itemType = arrayType ? undefined : attrAnyNs(element, 'itemType');
    const arraySize = arrayType ? undefined : attrAnyNs(element, 'arraySize');
    if (arrayType) {
      const open = arrayType.value.lastIndexOf('[');
      const typeName = open >= 0 ? arrayType.value.slice(0, open) : arrayType.value;
      if (open >= 0) dims = positions(arrayType.value.slice(open + 1));
      itemKind = kindOfXsiType(element, typeName);
    } else if (itemType) {
      itemKind = kindOfXsiType(element, itemType.value);
    }
    if (arraySize) dims = positions12(arraySize.value);
    const pos = new Array<number>(dims.length).fill(0);
    const offset = attrAnyNs(element, 'offset');
    if (offset) setPosition(pos, offset.value);

    const top = new Map<number, unknown>();
    let sequential = dims.length === 1;
    let next = 0;
    for (const child of elementChildren(element)) {
      const value = this.read(child, itemKind);
      const position = attrAnyNs(child, 'position');
      if (position) setPosition(pos, position.value);
      let level = top;
      for (let i = 0; i < dims.length - 1; i++) {
        let inner = level.get(pos[i]) as Map<number, unknown> | undefined;
        if (!inner) {
          inner = new Map();
          level.set(pos[i], inner);
        }
        level = inner;
      }
      const last = pos[dims.length - 1];
      if (sequential && last !== next) sequential = false;
      level.set(last, value);
      next = last + 1;
      for (let i = dims.length - 1; i >= 0; i--) {
        pos[i]++;
        if (pos[i] < dims[i] || i === 0) break;
        pos[i] = 0;
      }
    }
    if (sequential) return [...top.values()];
    return fromPositions(top);
  }

  /** to_zval_object without a WSDL: one property per child element; repeated names collect into a list. */
  private object(element: XmlElement): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    structs.add(out);
    const repeated = new Set<string>();
    for (const child of elementChildren(element)) {
      const value = this.read(child);
      if (Object.hasOwn(out, child.local)) {
        if (!repeated.has(child.local)) {
          setOwn(out, child.local, [out[child.local]]);
          repeated.add(child.local);
        }
        (out[child.local] as unknown[]).push(value);
      } else {
        setOwn(out, child.local, value);
      }
    }
    return out;
  }

  /** check_and_resolve_href: `href="#id"` (no namespace) or SOAP 1.2 `enc:ref`. */
  private resolveRef(element: XmlElement): XmlElement {
    const href = element.attrs.find((a) => a.local === 'href' && a.ns === null);
    if (href) {
      if (!href.value.startsWith('#')) throw encodingError(`External reference '${href.value}'`);
      const target = this.idIndex().get(href.value.slice(1));
      if (!target) throw encodingError(`Unresolved reference '${href.value}'`);
      return target;
    }
    const ref = attrNs(element, 'ref', SOAP12_ENC);
    if (ref) {
      const id = ref.value.startsWith('#') ? ref.value.slice(1) : ref.value;
      const target = this.idIndex12().get(id);
      if (!target) throw encodingError(`Unresolved reference '${ref.value}'`);
      if (target === element) throw encodingError(`Violation of id and ref information items '${ref.value}'`);
      return target;
    }
    return element;
  }

  private idOf(element: XmlElement): string {
    return attrAnyNs(element, 'id')?.value ?? '';
  }

  /** Elements by `id` (any namespace), first in document order wins. */
  private idIndex(): Map<string, XmlElement> {
    if (!this.ids) this.ids = indexIds(this.root, (e) => attrAnyNs(e, 'id')?.value);
    return this.ids;
  }

  private idIndex12(): Map<string, XmlElement> {
    if (!this.ids12) this.ids12 = indexIds(this.root, (e) => attrNs(e, 'id', SOAP12_ENC)?.value);
    return this.ids12;
  }
}

function indexIds(root: XmlElement, idOf: (e: XmlElement) => string | undefined): Map<string, XmlElement> {
  const index = new Map<string, XmlElement>();
  const stack = [root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    const id = idOf(e);
    if (id !== undefined && !index.has(id)) index.set(id, e);
    const kids = elementChildren(e);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return index;
}

/** `[2,3]` → [2, 3] (get_position: digits per comma-separated dimension). */
function positions(spec: string): number[] {
  const end = spec.indexOf(']');
  const body = end >= 0 ? spec.slice(0, end) : spec;
  return body.split(',').map((d) => Number.parseInt(d.replace(/[^0-9]/g, ''), 10) || 0);
}

/** SOAP 1.2 arraySize "2 3" or "* 3". */
function positions12(spec: string): number[] {
  const parts = spec
    .trim()
    .split(/[^0-9*]+/)
    .filter(Boolean);
  return parts.length === 0 ? [0] : parts.map((p) => (p === '*' ? 0 : Number.parseInt(p, 10)));
}

function setPosition(pos: number[], spec: string): void {
  const open = spec.lastIndexOf('[');
  const values = positions(open >= 0 ? spec.slice(open + 1) : spec);
  for (let i = 0; i < pos.length; i++) pos[i] = values[i] ?? 0;
}

/** A positioned PHP array as JS: a list when its keys are 0..n-1 in order, an object otherwise. */
function fromPositions(level: Map<number, unknown>): unknown {
  const entries = [...level.entries()].map(([k, v]) => [k, v instanceof Map ? fromPositions(v as Map<number, unknown>) : v] as const);
  if (entries.every(([k], i) => k === i)) return entries.map(([, v]) => v);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) out[String(k)] = v;
  return out;
}

/** Assigns an own property even for `__proto__`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** What deserialize_function_call finds in a SOAP request. */
export interface DecodedSoapRequest {
  method: string;
  args: unknown[];
  wire: SoapWire;
}

const CLIENT = 'SOAP-ENV:Client';
const SERVER = 'SOAP-ENV:Server';

/**
 * Reads a SOAP request body. Throws a {@link PanelFault} (origin `protocol`)
 * carrying PHP's faultcode and faultstring for anything PHP would refuse.
 */
export function decodeSoapRequest(body: Buffer, options: SoapDecodeOptions = {}): DecodedSoapRequest {
  let root: XmlElement;
  try {
    root = readXmlDocument(body, options.limits ?? DEFAULT_XML_LIMITS);
  } catch (error) {
    if (error instanceof XmlRejection && error.reason === 'dtd') {
      throw soapProtocolFault(SERVER, 'DTD are not supported by SOAP', error.envelopeNs === SOAP12_ENV ? 2 : 1);
    }
    throw soapProtocolFault(CLIENT, 'Bad Request');
  }

  let version: SoapVersion;
  if (root.local === 'Envelope' && root.ns === SOAP11_ENV) version = 1;
  else if (root.local === 'Envelope' && root.ns === SOAP12_ENV) version = 2;
  else throw soapProtocolFault('SOAP-ENV:VersionMismatch', 'Wrong Version');
  const envNs = version === 2 ? SOAP12_ENV : SOAP11_ENV;
  const encNs = version === 2 ? SOAP12_ENC : SOAP11_ENC;
  const fault = (code: string, message: string) => soapProtocolFault(code, message, version);

  for (const attr of root.attrs) {
    if (attr.ns === null) throw fault(CLIENT, 'A SOAP Envelope element cannot have non Namespace qualified attributes');
    // PHP checks encodingStyle in the SOAP 1.2 namespace only, for both versions.
    if (attr.local === 'encodingStyle' && attr.ns === SOAP12_ENV) {
      if (version === 2) throw fault(CLIENT, 'encodingStyle cannot be specified on the Envelope');
      if (attr.value !== SOAP11_ENC) throw fault(CLIENT, 'Unknown data encoding style');
    }
  }

  const parts = elementChildren(root);
  let at = 0;
  const header = parts[at]?.local === 'Header' && parts[at].ns === envNs ? parts[at++] : undefined;
  const bodyEl = parts[at]?.local === 'Body' && parts[at].ns === envNs ? parts[at++] : undefined;
  if (!bodyEl) throw fault(CLIENT, 'Body must be present in a SOAP envelope');
  for (const attr of bodyEl.attrs) {
    if (attr.ns === null) {
      if (version === 2) throw fault(CLIENT, 'A SOAP Body element cannot have non Namespace qualified attributes');
    } else if (attr.local === 'encodingStyle' && attr.ns === SOAP12_ENV) {
      if (version === 2) throw fault(CLIENT, 'encodingStyle cannot be specified on the Body');
      if (attr.value !== SOAP11_ENC) throw fault(CLIENT, 'Unknown data encoding style');
    }
  }
  if (at < parts.length && version === 2) throw fault(CLIENT, 'A SOAP 1.2 envelope can contain only Header and Body');

  const func = elementChildren(bodyEl)[0];
  if (!func) throw fault(CLIENT, 'looks like we got "Body" without function call');
  const style = attrNs(func, 'encodingStyle', envNs);
  if (style && style.value !== encNs) {
    throw fault(version === 2 ? 'SOAP-ENV:DataEncodingUnknown' : CLIENT, 'Unknown Data Encoding Style');
  }

  const reader = new ValueReader(root, options.wireInts ?? true);
  try {
    const headers: SoapHeaderEntry[] = [];
    for (const entry of header ? elementChildren(header) : []) {
      const entryStyle = attrNs(entry, 'encodingStyle', envNs);
      if (entryStyle && entryStyle.value !== encNs) {
        throw fault(version === 2 ? 'SOAP-ENV:DataEncodingUnknown' : CLIENT, 'Unknown Data Encoding Style');
      }
      const target = attrNs(entry, version === 2 ? 'role' : 'actor', envNs)?.value;
      if (target !== undefined) {
        const forUs = version === 2 ? target === SOAP12_ROLE_NEXT || target === SOAP12_ROLE_ULTIMATE : target === SOAP11_ACTOR_NEXT;
        if (!forUs) continue;
      }
      const mu = attrNs(entry, 'mustUnderstand', envNs)?.value;
      if (mu !== undefined && !['1', 'true', '0', 'false'].includes(mu)) throw fault(CLIENT, 'mustUnderstand value is not boolean');
      headers.push({ name: entry.local, mustUnderstand: mu === '1' || mu === 'true', args: elementChildren(entry).map((e) => reader.read(e)) });
    }
    const args = elementChildren(func).map((e) => reader.read(e));
    return { method: func.local, args, wire: { soapVersion: version, methodNs: func.ns, soapHeaders: headers } };
  } catch (error) {
    if (error instanceof EncodingError) throw fault(SERVER, error.message);
    throw error;
  }
}

/** A SOAP response read back: the `<return>` value, or the fault's code and string. */
export type DecodedSoapResponse =
  { kind: 'result'; method: string; value: unknown; soapVersion: SoapVersion } | { kind: 'fault'; code: string; string: string; soapVersion: SoapVersion };

/**
 * Reads a SOAP response the way PHP's SoapClient does in non-WSDL mode (the
 * same decoders as requests), for reference clients and tests. Throws an
 * Error for a body that is not a SOAP envelope.
 */
export function decodeSoapResponse(body: Buffer | string, options: SoapDecodeOptions = {}): DecodedSoapResponse {
  // SoapClient parses answers without dropping blank text (soap_xmlParseMemory), unlike SoapServer's requests.
  const root = readXmlDocument(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, options.limits ?? DEFAULT_XML_LIMITS, 'response');
  const version: SoapVersion = root.ns === SOAP12_ENV ? 2 : 1;
  const envNs = version === 2 ? SOAP12_ENV : SOAP11_ENV;
  if (root.local !== 'Envelope' || root.ns !== envNs) throw new Error('not a SOAP envelope');
  const bodyEl = elementChildren(root).find((e) => e.local === 'Body' && e.ns === envNs);
  const first = bodyEl && elementChildren(bodyEl)[0];
  if (!first) throw new Error('SOAP envelope without a Body entry');
  const text = (e: XmlElement | undefined) => (e ? e.children.map((c) => (c.kind === 'text' || c.kind === 'cdata' ? c.text : '')).join('') : '');
  if (first.local === 'Fault' && first.ns === envNs) {
    const parts = elementChildren(first);
    if (version === 1) {
      return {
        kind: 'fault',
        code: text(parts.find((p) => p.local === 'faultcode')),
        string: text(parts.find((p) => p.local === 'faultstring')),
        soapVersion: 1,
      };
    }
    const code = parts.find((p) => p.local === 'Code');
    const reason = parts.find((p) => p.local === 'Reason');
    return {
      kind: 'fault',
      code: text(code && elementChildren(code).find((p) => p.local === 'Value')),
      string: text(reason && elementChildren(reason).find((p) => p.local === 'Text')),
      soapVersion: 2,
    };
  }
  const reader = new ValueReader(root, options.wireInts ?? true);
  // SOAP 1.2 puts <rpc:result> naming the return part first; the value is the element it names (PHP: "return").
  const values = elementChildren(first).filter((e) => !(e.local === 'result' && e.ns === 'http://www.w3.org/2003/05/soap-rpc'));
  const method = first.local.endsWith('Response') ? first.local.slice(0, -'Response'.length) : first.local;
  try {
    return { kind: 'result', method, value: values[0] ? reader.read(values[0]) : null, soapVersion: version };
  } catch (error) {
    if (error instanceof EncodingError) throw new Error(error.message);
    throw error;
  }
}
