import { formatPhpFloat, PHP_DEFAULT_PRECISION } from '../php/float.js';
import { WireInt } from '../codec.js';
import { phpArrayKey, PhpFloat, toPhpValue, type PhpKey } from '../php/value.js';
import {
  APACHE_SOAP,
  envelopeNs,
  envelopePrefix,
  KNOWN_PREFIXES,
  SOAP11_ENC,
  SOAP11_ENV,
  SOAP12_ENC,
  SOAP12_RPC,
  XSD,
  XSI,
  type SoapVersion,
} from './namespaces.js';

// Renders results and faults byte for byte as PHP 8.2's SoapServer does in
// non-WSDL mode (ext/soap serialize_response_call + php_encoding.c, libxml2
// xmlDocDumpMemory). The subtle part is the namespace declarations: libxml2
// puts every namespace on the Envelope in the order ext/soap first asks for
// it while building the answer, so the order changes with the value
// (PHP 8.2 ext/soap, fixtures/captures/ispconfig-soap/php-soapclient; verified
// against every capture and against PHP itself in test/third-party).

export interface SoapEncodeOptions {
  /** php.ini `precision`, which to_xml_double uses for xsd:float (default 14). */
  floatPrecision?: number;
}

/** Thrown for a value PHP could not encode either; the codec turns it into PHP's Server fault. */
export class SoapEncodingError extends Error {}

/** Declarations in order of first use, as encode_add_ns adds them to the Envelope. */
class Namespaces {
  readonly declared: [prefix: string, href: string][] = [];
  private readonly prefixes = new Map<string, string>();
  private counter = 0;

  constructor(version: SoapVersion) {
    this.declare(envelopePrefix(version), envelopeNs(version));
  }

  private declare(prefix: string, href: string): string {
    this.declared.push([prefix, href]);
    this.prefixes.set(href, prefix);
    return prefix;
  }

  /** encode_add_ns: the prefix bound to `href`, declaring it (known prefix, else ns<N>) on first use. */
  use(href: string): string {
    const known = this.prefixes.get(href);
    if (known !== undefined) return known;
    const fixed = Object.hasOwn(KNOWN_PREFIXES, href) ? KNOWN_PREFIXES[href] : undefined;
    if (fixed !== undefined) return this.declare(fixed, href);
    let prefix: string;
    do prefix = `ns${++this.counter}`;
    while (this.declared.some(([p]) => p === prefix));
    return this.declare(prefix, href);
  }

  /** xmlNewNs on the Envelope at the end: adds the prefix only when it is not declared yet. */
  ensure(prefix: string, href: string): void {
    if (!this.declared.some(([p]) => p === prefix)) this.declare(prefix, href);
  }
}

/** libxml2's text escaping (xmlEscapeContent): only < > & and CR; a PHP string ends at its first NUL for libxml2. */
export function escapeXmlText(text: string): string {
  // Most values need nothing: one scan of char codes, no regex and no copy.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 62 && (c === 60 || c === 62 || c === 38 || c === 13 || c === 0)) return escapeFrom(text, i);
  }
  return text;
}

function escapeFrom(text: string, from: number): string {
  const nul = text.indexOf('\0', from);
  if (nul >= 0) text = text.slice(0, nul);
  return text.replace(/[<>&\r]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&#13;'));
}

/** xmlEncodeSpecialChars, which ext/soap applies to a new namespace URI before declaring it. */
function escapeNamespaceUri(uri: string): string {
  return uri.replace(/[<>&"\r]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', '\r': '&#13;' })[c]!);
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const HEX_DIGIT = /^[0-9a-fA-F]$/;

/**
 * A string Map key as to_xml_map writes it: with xmlNodeSetContent, which
 * parses entity references (libxml2 2.9.14 xmlStringGetNodeList). `&amp;`
 * becomes '&', `&#65;` 'A', an unknown `&name;` stays a reference node, and a
 * '&' with no ';' after it drops the rest of the key along with the text
 * gathered since the last reference. Returns serialized content ('' for none).
 */
export function mapKeyContent(key: string): string {
  const nul = key.indexOf('\0');
  if (nul >= 0) key = key.slice(0, nul);
  if (!key.includes('&')) return escapeXmlText(key);
  let out = '';
  let pending = '';
  let i = 0;
  while (i < key.length) {
    if (key[i] !== '&') {
      pending += key[i++];
      continue;
    }
    if (key[i + 1] === '#') {
      const hex = key[i + 2] === 'x';
      let j = i + (hex ? 3 : 2);
      let value = 0;
      for (;;) {
        const c = key[j];
        if (c === ';') {
          j++;
          break;
        }
        if (c !== undefined && (hex ? HEX_DIGIT.test(c) : c >= '0' && c <= '9')) {
          value = value * (hex ? 16 : 10) + Number.parseInt(c, 16);
          j++;
          continue;
        }
        value = 0; // libxml2: XML_TREE_INVALID_HEX/DEC; what follows is read as text
        break;
      }
      i = j;
      // Code points past U+10FFFF produce nothing (xmlCopyCharMultiByte refuses them).
      if (value > 0 && value <= 0x10ffff) pending += String.fromCodePoint(value);
      continue;
    }
    const semi = key.indexOf(';', i + 1);
    if (semi < 0) return out; // XML_TREE_UNTERMINATED_ENTITY: libxml2 keeps only the nodes already made
    const name = key.slice(i + 1, semi);
    if (name !== '') {
      const predefined = PREDEFINED[name];
      if (predefined !== undefined) pending += predefined;
      else {
        out += escapeXmlText(pending) + `&${name};`;
        pending = '';
      }
    }
    i = semi + 1;
  }
  return out + escapeXmlText(pending);
}

type ArrayItemType = 'null' | 'true' | 'false' | 'int' | 'float' | 'string' | 'map' | 'list';

const STRING_TYPE = ' xsi:type="xsd:string"';
const STRING_KEY_ITEMS_MAX = 4096;

/**
 * `<item><key xsi:type="xsd:string">K</key><value xsi:type="xsd:string">` by key K: rows repeat a few
 * hundred column names with string values, so most of a Map is this piece, the value and `</value></item>`.
 */
const stringKeyItems = new Map<string, string>();

function keyElement(key: PhpKey, xsi: string): string {
  if (typeof key !== 'string') return `<key ${xsi}:type="xsd:int">${key}</key>`;
  const content = mapKeyContent(key);
  return content === '' ? `<key ${xsi}:type="xsd:string"/>` : `<key ${xsi}:type="xsd:string">${content}</key>`;
}

function stringKeyItem(key: string): string {
  let open = stringKeyItems.get(key);
  if (open === undefined) {
    open = `<item>${keyElement(key, 'xsi')}<value${STRING_TYPE}>`;
    // Bounded: arbitrary keys (a dns_*_get filter, a test's random map) must not grow it.
    if (stringKeyItems.size >= STRING_KEY_ITEMS_MAX) stringKeyItems.clear();
    stringKeyItems.set(key, open);
  }
  return open;
}

/**
 * Writes one answer by appending to `out`, in as few pieces as it can: Buffer.from must flatten the
 * resulting rope, and that costs per piece (a 16 kB client row in ~800 pieces cost as much to flatten
 * and copy as to write). An element whose attributes depend on what its content declares (Map and Array
 * types come last) writes its content first and puts its start tag in front.
 */
class Writer {
  readonly ns: Namespaces;
  out = '';
  private readonly active = new Set<object>();
  private xsiPrefix?: string;
  private stringAttr?: string;

  constructor(
    readonly version: SoapVersion,
    private readonly precision: number,
  ) {
    this.ns = new Namespaces(version);
  }

  /** The xsi prefix, declared on first use (a map key asks for it before its value does). */
  private xsi(): string {
    return (this.xsiPrefix ??= this.ns.use(XSI));
  }

  /** ` xsi:type="xsd:string"`: once xsd and xsi are declared, it never changes within one answer. */
  private stringType(): string {
    return (this.stringAttr ??= this.typed(XSD, 'string'));
  }

  /** get_type_str + set_xsi_type: the type's namespace first, then xsi. */
  private typed(ns: string, type: string): string {
    const prefix = this.ns.use(this.version === 2 && ns === SOAP11_ENC ? SOAP12_ENC : ns);
    return ` ${this.ns.use(XSI)}:type="${prefix}:${type}"`;
  }

  /** Writes an element whose attributes are known only after its content: `<name attrs/>` when the content is empty. */
  private wrapped(name: string, content: () => void, attrs: () => string): void {
    const before = this.out;
    this.out = '';
    content();
    const inner = this.out;
    const all = attrs();
    this.out = inner === '' ? `${before}<${name}${all}/>` : `${before}<${name}${all}>${inner}</${name}>`;
  }

  value(name: string, value: unknown, depth: number): void {
    if (depth > 2048) throw new SoapEncodingError('SOAP-ERROR: Encoding: value nests too deep');
    // The shapes a handler's rows are made of, written without classifying them first (toPhpValue
    // gives the same answer for these, with an object per value).
    if (typeof value === 'string') {
      this.out += `<${name}${this.stringType()}>${escapeXmlText(value)}</${name}>`;
      return;
    }
    if (typeof value === 'object' && value !== null && isRecord(value)) {
      this.guarded(value, () => this.record(name, value, depth));
      return;
    }
    const php = toPhpValue(value);
    switch (php.type) {
      case 'null':
        this.out += `<${name} ${this.ns.use(XSI)}:nil="true"/>`;
        return;
      case 'string':
        this.out += `<${name}${this.typed(XSD, 'string')}>${escapeXmlText(php.value)}</${name}>`;
        return;
      case 'int':
        this.out += `<${name}${this.typed(XSD, 'int')}>${php.value}</${name}>`;
        return;
      case 'float':
        this.out += `<${name}${this.typed(XSD, 'float')}>${formatPhpFloat(php.value, this.precision, 'E')}</${name}>`;
        return;
      case 'bool':
        this.out += `<${name}${this.typed(XSD, 'boolean')}>${php.value}</${name}>`;
        return;
      case 'list':
        this.guarded(value as object, () => this.list(name, php.items, depth));
        return;
      case 'map':
        this.guarded(value as object, () => this.map(name, php.entries, depth));
    }
  }

  /** Runs `write` with `object` marked as being written, refusing a value that contains itself. */
  private guarded(object: object, write: () => void): void {
    if (this.active.has(object)) throw new SoapEncodingError('SOAP-ERROR: Encoding: recursive value');
    this.active.add(object);
    try {
      write();
    } finally {
      this.active.delete(object);
    }
  }

  /**
   * A plain object as toPhpValue sees it (own enumerable keys in order, a canonical int key made an int),
   * walked without building entry pairs: keys exactly "0".."n-1" make a list, anything else a Map. Object
   * keys are distinct strings and a string key can only become the int it spells, so no key repeats.
   */
  private record(name: string, object: Record<string, unknown>, depth: number): void {
    const keys = Object.keys(object);
    let list = true;
    for (let i = 0; i < keys.length && list; i++) list = keys[i] === String(i);
    if (list)
      return this.list(
        name,
        keys.map((k) => object[k]),
        depth,
      );
    this.wrapped(
      name,
      () => {
        for (const k of keys) this.item(phpArrayKey(k), object[k], depth);
      },
      () => this.typed(APACHE_SOAP, 'Map'),
    );
  }

  /** to_xml_map: keys typed with the literal "xsd:string"/"xsd:int" (only xsi gets declared for them), the Map type last. */
  private map(name: string, entries: [PhpKey, unknown][], depth: number): void {
    this.wrapped(
      name,
      () => {
        for (const [key, v] of entries) this.item(key, v, depth);
      },
      () => this.typed(APACHE_SOAP, 'Map'),
    );
  }

  /** One `<item><key/><value/></item>` of a Map. */
  private item(key: PhpKey, v: unknown, depth: number): void {
    const xsi = this.xsi();
    // A string under a string key, the usual row column: one cached piece for everything before the value.
    // (The prefixes checked are what PHP always uses; stringType() declares xsd in the order value() would.)
    if (typeof v === 'string' && typeof key === 'string' && depth < 2048 && xsi === 'xsi' && this.stringType() === STRING_TYPE) {
      this.out += stringKeyItem(key) + escapeXmlText(v) + '</value></item>';
      return;
    }
    this.out += `<item>${keyElement(key, xsi)}`;
    this.value('value', v, depth + 1);
    this.out += '</item>';
  }

  /** to_xml_array with get_array_type: one item type if all items share PHP's type (true and false differ), else xsd:ur-type. */
  private list(name: string, items: readonly unknown[], depth: number): void {
    let shared: ArrayItemType | undefined;
    let mixed = items.length === 0;
    for (const v of items) {
      const t = itemType(v);
      if (shared === undefined) shared = t;
      else if (t !== shared) {
        mixed = true;
        break;
      }
    }
    let itemTypeName: string;
    let itemNs: string;
    if (mixed || shared === undefined) {
      itemTypeName = 'xsd:anyType';
      itemNs = XSD;
    } else {
      [itemNs, itemTypeName] = this.sharedType(shared);
    }
    let attrs: string;
    if (this.version === 1) {
      const arrayType = `${itemTypeName === 'xsd:anyType' ? 'xsd:ur-type' : itemTypeName}[${items.length}]`;
      attrs = ` ${this.ns.use(SOAP11_ENC)}:arrayType="${arrayType}"`;
    } else {
      const enc = this.ns.use(SOAP12_ENC);
      attrs = ` ${enc}:itemType="${itemTypeName}" ${enc}:arraySize="${items.length}"`;
    }
    // add_xml_array_elements declares the item encoder's namespace (xsd for anyType) before writing items.
    this.ns.use(itemNs);
    this.wrapped(
      name,
      () => {
        for (const v of items) this.value('item', v, depth + 1);
      },
      () => attrs + this.typed(SOAP11_ENC, 'Array'),
    );
  }

  /** The arrayType of a uniform list and the namespace of its item encoder (its ns as declared, not translated). */
  private sharedType(t: ArrayItemType): [ns: string, typeName: string] {
    switch (t) {
      case 'null':
        return [XSI, `${this.ns.use(XSI)}:nil`];
      case 'map':
        return [APACHE_SOAP, `${this.ns.use(APACHE_SOAP)}:Map`];
      case 'list':
        return [SOAP11_ENC, `${this.ns.use(this.version === 2 ? SOAP12_ENC : SOAP11_ENC)}:Array`];
      default: {
        const xsd = this.ns.use(XSD);
        const local = t === 'string' ? 'string' : t === 'int' ? 'int' : t === 'float' ? 'float' : 'boolean';
        return [XSD, `${xsd}:${local}`];
      }
    }
  }
}

/** An object toPhpValue reads as its own enumerable properties (not an Array, Map, PhpFloat or WireInt). */
function isRecord(value: object): value is Record<string, unknown> {
  return !Array.isArray(value) && !(value instanceof Map) && !(value instanceof PhpFloat) && !(value instanceof WireInt);
}

/** get_array_type's view of one item: PHP's type, with true and false apart and arrays as list or Map. */
function itemType(v: unknown): ArrayItemType {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return 'null';
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object' && !(v instanceof Map) && !(v instanceof PhpFloat) && !(v instanceof WireInt)) {
    // A plain object is a list when its keys are exactly "0".."n-1" (PHP makes those int keys).
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) if (keys[i] !== String(i)) return 'map';
    return 'list';
  }
  const php = toPhpValue(v);
  return php.type === 'bool' ? (php.value ? 'true' : 'false') : php.type;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

function envelopeOpen(ns: Namespaces, extra = ''): string {
  const decls = ns.declared.map(([p, href]) => ` xmlns:${p}="${href}"`).join('');
  return `<${ns.declared[0][0]}:Envelope${decls}${extra}>`;
}

/**
 * The body of a successful answer: `<ns1:{method}Response><return …>` with
 * ns1 = the request URI (ISPConfig passes REQUEST_URI as SoapServer's `uri`).
 */
export function encodeSoapResult(value: unknown, method: string, requestUri: string, version: SoapVersion, options: SoapEncodeOptions = {}): string {
  const w = new Writer(version, options.floatPrecision ?? PHP_DEFAULT_PRECISION);
  const env = envelopePrefix(version);
  // encode_add_ns escapes a namespace it names ns<N>; the method element then declares nothing itself.
  const ns1 = w.ns.use(escapeNamespaceUri(requestUri));
  w.value('return', value, 1);
  const end = `</${ns1}:${method}Response></${env}:Body></${env}:Envelope>\n`;
  if (version === 2) {
    w.ns.ensure('xsd', XSD);
    w.ns.ensure('enc', SOAP12_ENC);
    return (
      `${DECLARATION}${envelopeOpen(w.ns)}<${env}:Body xmlns:rpc="${SOAP12_RPC}"><${ns1}:${method}Response ${env}:encodingStyle="${SOAP12_ENC}">` +
      `<rpc:result>return</rpc:result>${w.out}${end}`
    );
  }
  w.ns.ensure('xsd', XSD);
  w.ns.ensure('SOAP-ENC', SOAP11_ENC);
  return `${DECLARATION}${envelopeOpen(w.ns, ` ${env}:encodingStyle="${SOAP11_ENC}"`)}<${env}:Body><${ns1}:${method}Response>${w.out}${end}`;
}

// SoapFault's constructor: these bare codes get the envelope namespace; SOAP 1.2 renames two of them.
const STANDARD: Record<string, { v1?: string; v2: string }> = {
  Client: { v1: 'Client', v2: 'Sender' },
  Server: { v1: 'Server', v2: 'Receiver' },
  VersionMismatch: { v1: 'VersionMismatch', v2: 'VersionMismatch' },
  MustUnderstand: { v1: 'MustUnderstand', v2: 'MustUnderstand' },
  DataEncodingUnknown: { v2: 'DataEncodingUnknown' },
};

/**
 * The faultcode as it goes on the wire. A code PHP treats as standard
 * (`Client`, `Server`, …, bare or written `SOAP-ENV:Client`) gets the
 * envelope prefix and, in SOAP 1.2, its 1.2 name (`env:Sender`); any other
 * code is written as given (`login_failed`, `SOAP-ENV:Foo`).
 */
export function soapFaultCode(code: string | number, version: SoapVersion): string {
  const text = String(code);
  const prefixed = /^(?:SOAP-ENV|env):/.exec(text);
  const name = prefixed ? text.slice(prefixed[0].length) : text;
  const standard = Object.hasOwn(STANDARD, name) ? STANDARD[name] : undefined;
  if (!standard) return text;
  if (version === 2) return `env:${standard.v2}`;
  // DataEncodingUnknown is a SOAP 1.2 code: PHP prefixes it only when asked for it in that namespace.
  return standard.v1 ? `SOAP-ENV:${standard.v1}` : prefixed ? `SOAP-ENV:${name}` : text;
}

/** A fault envelope: only the envelope namespace is declared, no encodingStyle (SOAP 1.1 faultcode/faultstring, 1.2 Code/Reason). */
export function encodeSoapFault(code: string | number, faultString: string, version: SoapVersion): string {
  const env = envelopePrefix(version);
  const wireCode = escapeXmlText(soapFaultCode(code, version));
  const text = escapeXmlText(faultString);
  const fault =
    version === 2
      ? `<${env}:Fault><${env}:Code><${env}:Value>${wireCode}</${env}:Value></${env}:Code><${env}:Reason><${env}:Text>${text}</${env}:Text></${env}:Reason></${env}:Fault>`
      : `<${env}:Fault><faultcode>${wireCode}</faultcode><faultstring>${text}</faultstring></${env}:Fault>`;
  return `${DECLARATION}<${env}:Envelope xmlns:${env}="${version === 2 ? envelopeNs(2) : SOAP11_ENV}"><${env}:Body>${fault}</${env}:Body></${env}:Envelope>\n`;
}
