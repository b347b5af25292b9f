import { XMLParser } from 'fast-xml-parser';

// The client's own SOAP 1.1 rpc/encoded reader and writer, as PHP's
// SoapClient speaks it in non-WSDL mode: written from the wire format, not
// from the emulator's codec, so a reference client exercises the server the
// way an independent client does.

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP_ENC = 'http://schemas.xmlsoap.org/soap/encoding/';
const XSD = 'http://www.w3.org/2001/XMLSchema';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const APACHE_SOAP = 'http://xml.apache.org/xml-soap';

/** Deepest nesting written or read: PHP's own limit is far above what any panel answers. */
const MAX_DEPTH = 256;

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

/** A value as PHP's SoapClient types it: ints xsd:int, lists SOAP-ENC:Array, associative arrays ns2:Map. */
function encodeValue(name: string, value: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw new Error('SOAP value nested too deeply');
  if (value === null || value === undefined) return `<${name} xsi:nil="true"/>`;
  if (typeof value === 'boolean') return `<${name} xsi:type="xsd:boolean">${value}</${name}>`;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) return `<${name} xsi:type="xsd:int">${value}</${name}>`;
    const text = Number.isNaN(value)
      ? 'NaN'
      : value === Infinity
        ? 'INF'
        : value === -Infinity
          ? '-INF'
          : String(value).replace('e+', 'E+').replace('e-', 'E-');
    return `<${name} xsi:type="xsd:float">${text}</${name}>`;
  }
  if (typeof value === 'bigint') return `<${name} xsi:type="xsd:int">${value}</${name}>`;
  if (typeof value === 'string') return `<${name} xsi:type="xsd:string">${escapeText(value)}</${name}>`;
  if (value instanceof Date) return encodeValue(name, value.toISOString(), depth);
  if (Array.isArray(value)) {
    const items = value.map((v) => encodeValue('item', v, depth + 1)).join('');
    return `<${name} SOAP-ENC:arrayType="${arrayItemType(value)}[${value.length}]" xsi:type="SOAP-ENC:Array">${items}</${name}>`;
  }
  if (typeof value === 'object') {
    // PHP has one array type: an empty one is written as an empty SOAP-ENC:Array whatever its JS shape.
    if (Object.values(value).every((v) => v === undefined)) return encodeValue(name, [], depth);
    const items = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        // PHP keeps integer-like keys as ints, and SoapClient types them so.
        const key = /^(0|-?[1-9]\d{0,17})$/.test(k) ? `<key xsi:type="xsd:int">${k}</key>` : `<key xsi:type="xsd:string">${escapeText(k)}</key>`;
        return `<item>${key}${encodeValue('value', v, depth + 1)}</item>`;
      })
      .join('');
    return `<${name} xsi:type="ns2:Map">${items}</${name}>`;
  }
  throw new Error(`cannot send a ${typeof value} over SOAP`);
}

/** The arrayType SoapClient writes: the items' common type, else xsd:anyType (ur-type for mixed lists). */
function arrayItemType(list: unknown[]): string {
  const types = new Set(
    list.map((v) =>
      v === null || v === undefined
        ? 'null'
        : typeof v === 'boolean'
          ? 'xsd:boolean'
          : typeof v === 'string'
            ? 'xsd:string'
            : typeof v === 'number'
              ? Number.isInteger(v)
                ? 'xsd:int'
                : 'xsd:float'
              : Array.isArray(v)
                ? 'SOAP-ENC:Array'
                : 'ns2:Map',
    ),
  );
  return types.size === 1 && !types.has('null') ? [...types][0] : 'xsd:ur-type';
}

/** A request envelope as PHP's SoapClient writes it in non-WSDL mode: the method in the `uri` namespace, arguments `param0…N`. */
export function soapRequestEnvelope(method: string, args: unknown[], uri: string): string {
  const params = args.map((value, i) => encodeValue(`param${i}`, value, 0)).join('');
  const ns = `xmlns:SOAP-ENV="${SOAP_ENV}" xmlns:ns1="${escapeAttribute(uri)}" xmlns:xsd="${XSD}" xmlns:xsi="${XSI}" xmlns:ns2="${APACHE_SOAP}" xmlns:SOAP-ENC="${SOAP_ENC}"`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope ${ns} SOAP-ENV:encodingStyle="${SOAP_ENC}">` +
    `<SOAP-ENV:Body><ns1:${method}>${params}</ns1:${method}></SOAP-ENV:Body></SOAP-ENV:Envelope>\n`
  );
}

/** An element of the parsed answer: local name, attributes by local name, children in order. */
interface Element {
  name: string;
  attrs: Record<string, string>;
  children: (Element | string)[];
}

const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** The predefined entities and character references only: a DTD's entities are never expanded (there is no DTD: see below). */
const unescape = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITY[e],
  );

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
});

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElement(node: Node, depth: number): Element | string | undefined {
  if (depth > MAX_DEPTH) throw new Error('SOAP answer nested too deeply');
  if ('#text' in node) return unescape(String(node['#text']));
  if ('#cdata' in node) return ((node['#cdata'] as Node[]) ?? []).map((n) => String(n['#text'] ?? '')).join('');
  const name = Object.keys(node).find((k) => k !== ':@');
  if (name === undefined || name.startsWith('?') || name.startsWith('!')) return undefined;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(node[':@'] ?? {})) attrs[local(k)] = unescape(String(v));
  const children = ((node[name] as Node[]) ?? []).map((n) => toElement(n, depth + 1)).filter((c): c is Element | string => c !== undefined);
  return { name: local(name), attrs, children };
}

const elements = (e: Element) => e.children.filter((c): c is Element => typeof c !== 'string');
const text = (e: Element | undefined) => (e ? e.children.filter((c): c is string => typeof c === 'string').join('') : '');

/** The answer to a call: its return value, or the fault. */
export type SoapAnswer = { kind: 'result'; value: unknown } | { kind: 'fault'; code: string; string: string };

/** Reads an rpc/encoded answer (SOAP 1.1 or 1.2 faults) the way SoapClient returns it. Throws for a body that is not a SOAP envelope. */
export function readSoapAnswer(body: string): SoapAnswer {
  // SOAP messages carry no DTD (SOAP 1.1 §3), so one is refused rather than read: no entity is ever defined, let alone expanded.
  if (/<!DOCTYPE/i.test(body)) throw new Error('a SOAP answer must not contain a DTD');
  const root = (parser.parse(body) as Node[]).map((n) => toElement(n, 0)).find((e): e is Element => typeof e === 'object');
  if (!root || root.name !== 'Envelope') throw new Error('not a SOAP envelope');
  const first = elements(elements(root).find((e) => e.name === 'Body') ?? { name: '', attrs: {}, children: [] })[0];
  if (!first) throw new Error('SOAP envelope without a Body entry');
  if (first.name === 'Fault') {
    const parts = elements(first);
    const code = parts.find((p) => p.name === 'faultcode') ?? elements(parts.find((p) => p.name === 'Code') ?? first).find((p) => p.name === 'Value');
    const reason = parts.find((p) => p.name === 'faultstring') ?? elements(parts.find((p) => p.name === 'Reason') ?? first).find((p) => p.name === 'Text');
    return { kind: 'fault', code: text(code), string: text(reason) };
  }
  const ids = new Map<string, Element>();
  const index = (e: Element, depth: number) => {
    if (depth > MAX_DEPTH) throw new Error('SOAP answer nested too deeply');
    if (e.attrs.id !== undefined) ids.set(e.attrs.id, e);
    for (const c of elements(e)) index(c, depth + 1);
  };
  index(root, 0);
  const values = elements(first).filter((e) => e.name !== 'result');
  return { kind: 'result', value: values[0] ? new Reader(ids).read(values[0], 0) : null };
}

class Reader {
  private readonly done = new Map<Element, unknown>();

  constructor(private readonly ids: Map<string, Element>) {}

  read(element: Element, depth: number, itemType?: string): unknown {
    if (depth > MAX_DEPTH) throw new Error('SOAP answer nested too deeply');
    const href = element.attrs.href;
    if (href === undefined) return this.readOwn(element, depth, itemType);
    const target = this.ids.get(href.replace(/^#/, ''));
    if (!target || target === element) throw new Error(`unresolved reference ${href}`);
    if (!this.done.has(target)) this.done.set(target, this.read(target, depth + 1, itemType));
    return this.done.get(target);
  }

  private readOwn(element: Element, depth: number, itemType?: string): unknown {
    if (element.attrs.nil === 'true' || element.attrs.nil === '1') return null;
    let type = element.attrs.type ? local(element.attrs.type) : itemType;
    if (type === undefined || type === 'anyType' || type === 'ur-type') {
      type = element.attrs.arrayType !== undefined ? 'Array' : elements(element).length ? 'Struct' : 'string';
    }
    const content = text(element);
    switch (type) {
      case 'string':
      case 'normalizedString':
      case 'token':
      case 'anyURI':
      case 'dateTime':
      case 'date':
      case 'time':
        return content;
      case 'int':
      case 'integer':
      case 'long':
      case 'short':
      case 'byte':
      case 'unsignedInt':
      case 'unsignedLong':
      case 'unsignedShort':
      case 'unsignedByte':
      case 'nonNegativeInteger':
      case 'positiveInteger':
      case 'negativeInteger':
      case 'nonPositiveInteger':
      case 'float':
      case 'double':
      case 'decimal': {
        const t = content.trim();
        if (t === '') return null;
        const lower = t.toLowerCase();
        if (lower === 'nan') return Number.NaN;
        if (lower === 'inf') return Infinity;
        if (lower === '-inf') return -Infinity;
        return Number(t);
      }
      case 'boolean': {
        const t = content.trim().toLowerCase();
        return t === '' ? null : t === 'true' || t === '1';
      }
      case 'base64Binary':
        return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
      case 'Map': {
        const out: Record<string, unknown> = {};
        for (const item of elements(element)) {
          const parts = elements(item);
          const key = parts.find((p) => p.name === 'key');
          const value = parts.find((p) => p.name === 'value');
          if (!key || !value) throw new Error('SOAP Map item without key or value');
          setOwn(out, String(this.read(key, depth + 1)), this.read(value, depth + 1));
        }
        return out;
      }
      case 'Array': {
        const arrayType = element.attrs.arrayType;
        const itemName = arrayType ? local(arrayType.slice(0, arrayType.lastIndexOf('['))) : undefined;
        return elements(element).map((c) => this.read(c, depth + 1, itemName));
      }
      default: {
        // A struct (SOAP-ENC:Struct, or untyped with children): one member per child; a repeated name collects into a list.
        const out: Record<string, unknown> = {};
        const repeated = new Set<string>();
        for (const child of elements(element)) {
          const value = this.read(child, depth + 1);
          if (!Object.hasOwn(out, child.name)) setOwn(out, child.name, value);
          else {
            if (!repeated.has(child.name)) {
              setOwn(out, child.name, [out[child.name]]);
              repeated.add(child.name);
            }
            (out[child.name] as unknown[]).push(value);
          }
        }
        return elements(element).length || type === 'Struct' ? out : content;
      }
    }
  }
}

/** A member set as an own property, even when named `__proto__`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
