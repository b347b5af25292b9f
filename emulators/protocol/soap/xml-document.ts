import { inflateSync, gunzipSync, constants as zlib } from 'node:zlib';

// Reads XML the way PHP's ext/soap does, with libxml2 2.9.14 (PHP 8.2 on
// Debian 12): well-formedness is required, a DTD is refused, comments never
// become nodes (ext/soap's comment handler drops them), depth is bounded by
// XML_PARSE_HUGE's 2048 open ancestors. Two modes, because ext/soap parses
// the two directions differently:
// - 'request': SoapServer reads php://input with soap_xmlParseFile, which
//   also drops whitespace-only text nodes and processing instructions
//   (keepBlanks = 0, cleanup_xml_node);
// - 'response': SoapClient reads answers with soap_xmlParseMemory, which
//   keeps both.
// One pass over the text builds the namespace-resolved tree and refuses what
// libxml2 refuses as not well-formed; there is no entity or DTD machinery to
// expand anything (a DOCTYPE is answered before the pass starts).

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Limits on what one document may cost to read. */
export interface XmlLimits {
  /** Largest body accepted (after Content-Encoding is undone). PHP's post_max_size default is 8M. */
  maxBodyBytes: number;
  /** Deepest element nesting accepted: libxml2 2.9.14 under PHP refuses depth 2050 and accepts 2049 (measured). */
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBodyBytes: 8 * 1024 * 1024, maxDepth: 2049 };

/** Why a body could not be read: `malformed` (PHP: "Bad Request") or `dtd` (PHP: "DTD are not supported by SOAP"). */
export class XmlRejection extends Error {
  constructor(
    readonly reason: 'malformed' | 'dtd',
    message: string,
    /** For `dtd`: the SOAP version of the Envelope behind the DTD, which PHP uses to word its fault. */
    readonly envelopeNs?: string,
  ) {
    super(message);
    this.name = 'XmlRejection';
  }
}

export interface XmlAttr {
  local: string;
  ns: string | null;
  value: string;
}

export interface XmlText {
  kind: 'text' | 'cdata';
  text: string;
}

/** A processing instruction kept in 'response' mode: a node of its own, which makes a text value "two nodes". */
export interface XmlPi {
  kind: 'pi';
}

export interface XmlElement {
  kind: 'element';
  local: string;
  ns: string | null;
  attrs: XmlAttr[];
  children: XmlNode[];
  /** In-scope prefix → namespace bindings ('' is the default namespace); shared with the parent unless this element declares one. */
  scope: ReadonlyMap<string, string>;
}

export type XmlNode = XmlElement | XmlText | XmlPi;

/** The request body with `Content-Encoding` undone as SoapServer::handle does (gzip, x-gzip, deflate; zlib auto-detects). */
export function inflateBody(body: Buffer, contentEncoding: string | undefined, limits: XmlLimits = DEFAULT_XML_LIMITS): Buffer | 'unknown-encoding' {
  if (body.length > limits.maxBodyBytes) throw new XmlRejection('malformed', 'body larger than the limit');
  if (contentEncoding === undefined) return body;
  // SoapServer compares the header verbatim: only these three lowercase names are inflated.
  if (contentEncoding !== 'gzip' && contentEncoding !== 'x-gzip' && contentEncoding !== 'deflate') return 'unknown-encoding';
  try {
    const options = { maxOutputLength: limits.maxBodyBytes, finishFlush: zlib.Z_SYNC_FLUSH };
    return body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body, options) : inflateSync(body, options);
  } catch {
    throw new XmlRejection('malformed', 'compressed body could not be inflated');
  }
}

const decoders = new Map<string, TextDecoder>();

function decode(body: Buffer): string {
  let label = 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) label = 'utf-16be';
  else if (body[0] === 0xff && body[1] === 0xfe) label = 'utf-16le';
  else {
    const declared = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(body.subarray(0, 200).toString('latin1'));
    if (declared) label = declared[1].toLowerCase();
  }
  let decoder = decoders.get(label);
  try {
    if (!decoder) {
      decoder = new TextDecoder(label, { fatal: true });
      decoders.set(label, decoder);
    }
    return decoder.decode(body);
  } catch {
    throw new XmlRejection('malformed', `body is not valid ${label}`);
  }
}

// XML 1.0 §2.2: characters no document may contain (libxml2: "PCDATA invalid Char value").
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** The prolog up to the first element: a DOCTYPE there is a DTD, which PHP refuses once the document has parsed. */
function doctypeInProlog(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return false;
      i = end + 3;
    } else {
      return text.startsWith('<!DOCTYPE', i);
    }
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

// XML 1.0 fifth edition names (libxml2 without XML_PARSE_OLD10); ASCII is decided by char code first.
const NAME_START =
  /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]$/u;
const NAME_CHAR =
  /^[-.0-9\u00B7\u0300-\u036F\u203F\u2040:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]$/u;

function nameStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
  return NAME_START.test(String.fromCodePoint(text.codePointAt(i)!));
}

function nameChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x3a || c === 0x2d || c === 0x2e;
  return NAME_CHAR.test(String.fromCodePoint(text.codePointAt(i)!));
}

const malformed = (why: string) => new XmlRejection('malformed', why);

/** An element being read: its own node, its qualified name, and whether text is pending. */
interface Open {
  element: XmlElement;
  qname: string;
  /** Text gathered since the last node (libxml2 merges adjacent text, also across dropped comments). */
  text: string | undefined;
}

/**
 * A single pass over a document's text: elements, attributes, character data,
 * references, CDATA, comments and processing instructions, with the
 * well-formedness constraints libxml2 enforces (one root, matching end tags,
 * unique attributes, quoted values without '<', only the five predefined
 * entities, character references to XML characters, no ']]>' in text, no '--'
 * in comments, the XML declaration only at the very start), and the nesting
 * bound counted as it goes, so a depth bomb costs no more than its length.
 */
class XmlReader {
  private i = 0;
  private readonly stack: Open[] = [];
  private root: XmlElement | undefined;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    /** 'request' mode: blank text nodes and processing instructions are dropped (cleanup_xml_node). */
    private readonly cleanup: boolean,
  ) {}

  read(): XmlElement {
    const { text } = this;
    if (text.startsWith('<?xml') && (isSpace(text.charCodeAt(5)) || text.startsWith('?>', 5))) this.declaration();
    while (this.i < text.length) {
      const lt = text.indexOf('<', this.i);
      const top = this.stack[this.stack.length - 1];
      if (top === undefined) {
        // Outside the root only whitespace may stand between markup.
        const end = lt < 0 ? text.length : lt;
        for (let k = this.i; k < end; k++)
          if (!isSpace(text.charCodeAt(k))) throw malformed(this.root ? 'content after the root element' : 'text before the root element');
        if (lt < 0) break;
      } else {
        if (lt < 0) throw malformed('document ends inside an element');
        if (lt > this.i) this.characters(top, this.i, lt);
      }
      this.i = lt;
      this.markup();
    }
    if (this.stack.length > 0) throw malformed('document ends inside an element');
    if (!this.root) throw malformed('no root element');
    return this.root;
  }

  /** `<?xml version="1.x" encoding="…" standalone="yes|no"?>` at offset 0; xmlParseVersionNum takes "1." alone too. The encoding was applied when the bytes were decoded. */
  private declaration(): void {
    const m =
      /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]*\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/.exec(
        this.text.slice(0, 300),
      );
    if (!m) throw malformed('malformed XML declaration');
    this.i = m[0].length;
  }

  private markup(): void {
    const { text } = this;
    const next = text.charCodeAt(this.i + 1);
    if (next === 0x2f /* / */) this.endTag();
    else if (next === 0x3f /* ? */) this.processingInstruction();
    else if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', this.i)) this.comment();
      else if (text.startsWith('<![CDATA[', this.i) && this.stack.length > 0) this.cdata();
      else throw malformed("unexpected '<!'");
    } else this.startTag();
  }

  private name(): string {
    const { text } = this;
    const start = this.i;
    if (start >= text.length || !nameStart(text, start)) throw malformed('name expected');
    let k = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
    while (k < text.length && nameChar(text, k)) k += text.codePointAt(k)! > 0xffff ? 2 : 1;
    this.i = k;
    return text.slice(start, k);
  }

  private skipSpace(): boolean {
    const start = this.i;
    while (isSpace(this.text.charCodeAt(this.i))) this.i++;
    return this.i > start;
  }

  private startTag(): void {
    const { text } = this;
    if (this.root && this.stack.length === 0) throw malformed('a document has exactly one root element');
    if (this.stack.length >= this.maxDepth) throw malformed(`elements nest deeper than ${this.maxDepth}`);
    this.i++;
    const qname = this.name();
    const raw: [name: string, value: string][] = [];
    // Duplicates are looked up in the list for the usual handful, in a set past that (a body may hold 100k attributes).
    let names: Set<string> | undefined;
    let selfClosing = false;
    for (;;) {
      const spaced = this.skipSpace();
      const c = text.charCodeAt(this.i);
      if (c === 0x3e /* > */) {
        this.i++;
        break;
      }
      if (c === 0x2f /* / */ && text.charCodeAt(this.i + 1) === 0x3e) {
        this.i += 2;
        selfClosing = true;
        break;
      }
      if (!spaced) throw malformed('attributes must be separated by whitespace');
      const name = this.name();
      this.skipSpace();
      if (text.charCodeAt(this.i) !== 0x3d /* = */) throw malformed(`attribute ${name.slice(0, 40)} without a value`);
      this.i++;
      this.skipSpace();
      if (raw.length === 16) names = new Set(raw.map(([n]) => n));
      if (names ? names.has(name) : raw.some(([seen]) => seen === name)) throw malformed(`attribute ${name.slice(0, 40)} redefined`);
      names?.add(name);
      raw.push([name, this.attributeValue()]);
    }

    const parent = this.stack[this.stack.length - 1];
    const parentScope: ReadonlyMap<string, string> = parent ? parent.element.scope : EMPTY_SCOPE;
    let scope = parentScope;
    const split = raw.map(([name]) => qualifiedName(name));
    for (let k = 0; k < raw.length; k++) {
      const [p, l] = split[k];
      if (p === 'xmlns' || (p === '' && l === 'xmlns')) {
        if (scope === parentScope) scope = new Map(parentScope);
        (scope as Map<string, string>).set(p === '' ? '' : l, raw[k][1]);
      }
    }
    const attrs: XmlAttr[] = [];
    for (let k = 0; k < raw.length; k++) {
      const [p, l] = split[k];
      if (p === 'xmlns' || (p === '' && l === 'xmlns')) continue;
      // Unprefixed attributes are in no namespace.
      const name = resolved(scope, p, l, true);
      attrs.push({ local: name.local, ns: name.ns, value: raw[k][1] });
    }
    const [prefix, local] = qualifiedName(qname);
    const name = resolved(scope, prefix, local, false);
    const element: XmlElement = { kind: 'element', local: name.local, ns: name.ns, attrs, children: [], scope };
    if (parent) {
      this.flush(parent);
      parent.element.children.push(element);
    } else this.root = element;
    if (!selfClosing) this.stack.push({ element, qname, text: undefined });
  }

  /** A quoted value: '<' is refused, references resolved, literal tab, CR and LF made spaces (XML 1.0 §3.3.3). */
  private attributeValue(): string {
    const { text } = this;
    const quote = text[this.i];
    if (quote !== '"' && quote !== "'") throw malformed('attribute value must be quoted');
    const end = text.indexOf(quote, this.i + 1);
    if (end < 0) throw malformed('attribute value not closed');
    let raw = text.slice(this.i + 1, end);
    this.i = end + 1;
    if (raw.includes('<')) throw malformed("'<' in an attribute value");
    // Line ends are normalised before anything else (XML 1.0 §2.11): CR LF is one space, not two.
    if (raw.includes('\r')) raw = raw.replace(/\r\n?/g, '\n');
    if (/[\t\n]/.test(raw)) raw = raw.replace(/[\t\n]/g, ' ');
    return unescape(raw);
  }

  private endTag(): void {
    const { text } = this;
    const open = this.stack.pop();
    if (!open) throw malformed('end tag without a start tag');
    this.i += 2;
    const name = this.name();
    this.skipSpace();
    if (name !== open.qname) throw malformed(`end tag ${name.slice(0, 40)} does not match ${open.qname.slice(0, 40)}`);
    if (text.charCodeAt(this.i) !== 0x3e) throw malformed("'>' expected");
    this.i++;
    this.flush(open);
  }

  private characters(top: Open, from: number, to: number): void {
    let raw = this.text.slice(from, to);
    if (raw.includes(']]>')) throw malformed("']]>' in text");
    if (raw.includes('\r')) raw = raw.replace(/\r\n?/g, '\n');
    const value = unescape(raw);
    top.text = top.text === undefined ? value : top.text + value;
  }

  /** Ends the pending text node of an element (a blank one is dropped in request mode). */
  private flush(open: Open): void {
    const pending = open.text;
    if (pending === undefined) return;
    open.text = undefined;
    if (!(this.cleanup && isBlank(pending))) open.element.children.push({ kind: 'text', text: pending });
  }

  private comment(): void {
    const end = this.text.indexOf('--', this.i + 4);
    if (end < 0) throw malformed('comment not closed');
    if (this.text.charCodeAt(end + 2) !== 0x3e) throw malformed("'--' inside a comment");
    // A comment is no node (ext/soap drops it); text on both sides joins.
    this.i = end + 3;
  }

  private cdata(): void {
    const start = this.i + 9;
    const end = this.text.indexOf(']]>', start);
    if (end < 0) throw malformed('CDATA section not closed');
    let content = this.text.slice(start, end);
    if (content.includes('\r')) content = content.replace(/\r\n?/g, '\n');
    this.i = end + 3;
    const top = this.stack[this.stack.length - 1];
    this.flush(top);
    top.element.children.push({ kind: 'cdata', text: content });
  }

  private processingInstruction(): void {
    const { text } = this;
    this.i += 2;
    const target = this.name();
    if (target.toLowerCase() === 'xml') throw malformed('XML declaration allowed only at the start of the document');
    const end = text.indexOf('?>', this.i);
    if (end < 0) throw malformed('processing instruction not closed');
    if (end > this.i && !isSpace(text.charCodeAt(this.i))) throw malformed('processing instruction target must be followed by a space');
    this.i = end + 2;
    // A processing instruction is a node: the text around it stays two nodes even when cleanup_xml_node deletes it.
    const top = this.stack[this.stack.length - 1];
    if (!top) return;
    this.flush(top);
    if (!this.cleanup) top.element.children.push({ kind: 'pi' });
  }
}

const EMPTY_SCOPE: ReadonlyMap<string, string> = new Map();

/** Character and predefined entity references; anything else is not well-formed without a DTD (libxml2: "Entity 'x' not defined"). */
function unescape(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw malformed("'&' without a reference");
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) return predefined;
    let cp = Number.NaN;
    if (/^#[0-9]+$/.test(name)) cp = charRef(name, 1, 10);
    else if (/^#x[0-9a-fA-F]+$/.test(name)) cp = charRef(name, 2, 16);
    if (!isXmlChar(cp)) throw malformed(`undefined entity or bad character reference &${name.slice(0, 20)};`);
    return String.fromCodePoint(cp);
  });
}

/** xmlParseCharRef: any number of digits (leading zeros too), the value held at 0x110000 once past it (then refused). */
function charRef(name: string, from: number, radix: number): number {
  let value = 0;
  for (let k = from; k < name.length && value < 0x110000; k++) value = value * radix + Number.parseInt(name[k], radix);
  return Math.min(value, 0x110000);
}

const isBlank = (text: string) => /^[ \t\n\r]*$/.test(text);

/**
 * Parses a request body into namespace-resolved elements. Throws
 * {@link XmlRejection} for anything libxml2 would not accept as a
 * well-formed document, and for a DTD.
 */
export function readXmlDocument(body: Buffer, limits: XmlLimits = DEFAULT_XML_LIMITS, mode: 'request' | 'response' = 'request'): XmlElement {
  if (body.length > limits.maxBodyBytes) throw new XmlRejection('malformed', 'body larger than the limit');
  if (body.length === 0) throw new XmlRejection('malformed', 'empty body');
  let text = decode(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (NOT_XML_CHAR.test(text)) throw new XmlRejection('malformed', 'character not allowed in XML');
  // PHP parses the DTD (libxml2 expands nothing: no external loads, entity amplification bounded) and
  // then refuses it. mockpanel never hands a DTD to a parser: it answers the same fault at once, worded
  // for the Envelope's SOAP version, which it reads from the root start tag.
  if (doctypeInProlog(text)) throw new XmlRejection('dtd', 'DTD are not supported by SOAP', rootNamespace(text));
  // A DOCTYPE anywhere else is not well-formed (inside a comment or CDATA section this check is stricter than libxml2).
  if (text.includes('<!DOCTYPE')) throw new XmlRejection('malformed', 'DOCTYPE after the prolog');
  return new XmlReader(text, limits.maxDepth, mode === 'request').read();
}

/** The namespace of a root `Envelope` start tag found after a DOCTYPE, read from the tag's own declarations. */
function rootNamespace(text: string): string | undefined {
  const tag = /<([A-Za-z_][^\s\/>!?]*)((?:\s[^<>]*)?)\/?>/.exec(text.slice(text.indexOf('<!DOCTYPE') + 9));
  if (!tag) return undefined;
  const [prefix, local] = splitQName(tag[1]);
  if (local !== 'Envelope') return undefined;
  const name = prefix ? `xmlns:${prefix.replace(/[.-]/g, '\\$&')}` : 'xmlns';
  const decl = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(["'])([^"']*)\\1`).exec(tag[2]);
  return decl?.[2];
}

/** The namespace a prefix is bound to in this scope, or null (an undeclared prefix is a namespace error libxml2 tolerates). */
function lookup(scope: ReadonlyMap<string, string>, prefix: string): string | null {
  return prefix === 'xml' ? XML_NS : scope.get(prefix) || null;
}

/**
 * A tag or attribute name as libxml2's xmlParseQName splits it: `p:l` when both sides are NCNames
 * (`p:l:m` keeps `l:m` as the local name); a name whose part after the first colon cannot start an
 * NCName (`xmlns:·x`, `a:`), or that starts with a colon, is one unprefixed local name (a namespace
 * error PHP lets pass, so `xmlns:·x` declares nothing and is an ordinary attribute).
 */
function qualifiedName(name: string): [string, string] {
  const colon = name.indexOf(':');
  if (colon <= 0 || colon === name.length - 1 || name.charCodeAt(colon + 1) === 0x3a || !nameStart(name, colon + 1)) return ['', name];
  return [name.slice(0, colon), name.slice(colon + 1)];
}

/**
 * The namespace and local name libxml2's SAX2 builder gives a name: an unprefixed element is in the default
 * namespace, an unprefixed attribute in none; a prefix nobody declared (a namespace error PHP lets pass)
 * stays part of the name, so `xsi:nil` without xmlns:xsi is no `nil` attribute to ext/soap.
 */
function resolved(scope: ReadonlyMap<string, string>, prefix: string, local: string, attribute: boolean): { local: string; ns: string | null } {
  if (prefix === '') return { local, ns: attribute ? null : scope.get('') || null };
  const ns = lookup(scope, prefix);
  return ns === null ? { local: `${prefix}:${local}`, ns: null } : { local, ns };
}

/** A QName in an attribute value (`xsd:int`), split at its first colon as ext/soap's parse_namespace does. */
function splitQName(qname: string): [string, string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

/** First attribute with this local name in any namespace (ext/soap's get_attribute). */
export function attrAnyNs(element: XmlElement, local: string): XmlAttr | undefined {
  return element.attrs.find((a) => a.local === local);
}

/** Attribute with this local name in this namespace (ext/soap's get_attribute_ex). */
export function attrNs(element: XmlElement, local: string, ns: string): XmlAttr | undefined {
  return element.attrs.find((a) => a.local === local && a.ns === ns);
}

/** Element children only. */
export function elementChildren(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => c.kind === 'element');
}

/** Resolves a QName value such as `xsd:int` against the element's scope: [namespace or null, local]. */
export function resolveQNameValue(element: XmlElement, value: string): { ns: string | null; local: string; prefix: string } {
  const [prefix, local] = splitQName(value);
  return { ns: lookup(element.scope, prefix), local, prefix };
}
