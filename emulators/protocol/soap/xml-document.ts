import { inflateSync, gunzipSync, constants as zlib } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

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
// fast-xml-parser does the tokenising; this file adds the checks it leaves
// out and resolves namespaces.

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

/**
 * True when elements nest deeper than `max`. A linear pass over '<' only
 * (comments, CDATA and processing instructions skipped), so a depth bomb is
 * refused before fast-xml-parser spends 100+ ms on it; for a well-formed
 * document the count is exact, and anything else is refused later anyway.
 */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let i = text.indexOf('<');
  while (i >= 0) {
    const next = text[i + 1];
    if (next === '/') depth--;
    else if (next === '?') i = skipTo(text, '?>', i);
    else if (next === '!') i = text.startsWith('<![CDATA[', i) ? skipTo(text, ']]>', i) : text.startsWith('<!--', i) ? skipTo(text, '-->', i) : i;
    else {
      const end = text.indexOf('>', i);
      if (end < 0) return false;
      if (text[end - 1] !== '/' && ++depth > max) return true;
      i = end;
    }
    if (i < 0) return false;
    i = text.indexOf('<', i + 1);
  }
  return false;
}

function skipTo(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? -1 : at + marker.length - 1;
}

// Every tag and attribute name gets this prefix so that fast-xml-parser never
// sees `__proto__` or `constructor` (it refuses or renames them); '!' cannot
// start an XML name, and the parser may apply the transform twice.
const MARK = '!';
function unmark(name: string): string {
  let i = 0;
  while (name.charCodeAt(i) === 33) i++;
  return i === 0 ? name : name.slice(i);
}

const parsers = new Map<number, XMLParser>();
function parserFor(maxDepth: number): XMLParser {
  let parser = parsers.get(maxDepth);
  if (!parser) {
    parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      cdataPropName: '#cdata',
      ignoreDeclaration: true,
      ignorePiTags: false,
      allowBooleanAttributes: false,
      // fast-xml-parser counts open ancestors: 2048 here lets depth 2049 through, as libxml2 does.
      maxNestedTags: maxDepth - 1,
      transformTagName: (name: string) => MARK + name,
      transformAttributeName: (name: string) => MARK + name,
      onDangerousProperty: (name: string) => name,
      // Building a path string per tag costs O(depth²): 100 ms at depth 2000 with it, 5 ms without.
      jPath: false,
    } as ConstructorParameters<typeof XMLParser>[0]);
    parsers.set(maxDepth, parser);
  }
  return parser;
}

type FxpNode = Record<string, unknown>;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Character and predefined entity references; anything else is not well-formed without a DTD (libxml2: "Entity 'x' not defined"). */
function unescape(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw new XmlRejection('malformed', "'&' without a reference");
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) return predefined;
    let cp = Number.NaN;
    if (/^#[0-9]{1,8}$/.test(name)) cp = Number(name.slice(1));
    else if (/^#x[0-9a-fA-F]{1,7}$/.test(name)) cp = Number.parseInt(name.slice(2), 16);
    if (!isXmlChar(cp)) throw new XmlRejection('malformed', `undefined entity or bad character reference &${name.slice(0, 20)};`);
    return String.fromCodePoint(cp);
  });
}

/** Attribute-value normalisation (XML 1.0 §3.3.3): literal tab, CR and LF become spaces; references keep theirs. */
function attributeValue(raw: string): string {
  if (raw.includes('<')) throw new XmlRejection('malformed', "'<' in an attribute value");
  return unescape(/[\t\n\r]/.test(raw) ? raw.replace(/[\t\n\r]/g, ' ') : raw);
}

const isBlank = (text: string) => /^[ \t\n\r]*$/.test(text);

function tagOf(node: FxpNode): string {
  for (const key in node) if (key !== ':@') return key;
  return '';
}

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

  if (nestsDeeperThan(text, limits.maxDepth)) throw new XmlRejection('malformed', `elements nest deeper than ${limits.maxDepth}`);

  let tree: FxpNode[];
  try {
    tree = parserFor(limits.maxDepth).parse(text) as FxpNode[];
  } catch (error) {
    throw new XmlRejection('malformed', error instanceof Error ? error.message.slice(0, 200) : 'unreadable');
  }
  const verdict = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (verdict !== true) throw new XmlRejection('malformed', verdict.err.msg);
  // fast-xml-parser accepts several roots and drops text after the root; libxml2 calls both "Extra content".
  const roots = tree.filter((n) => tagOf(n).startsWith(MARK));
  if (roots.length !== 1 || !endsWithTag(text)) throw new XmlRejection('malformed', 'a document has exactly one root element');
  return build(roots[0], new Map(), 1, limits.maxDepth, mode === 'request');
}

/** The last character that is not XML whitespace is '>' (nothing but markup and whitespace may follow the root). */
function endsWithTag(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && ' \t\r\n'.includes(text[i])) i--;
  return text[i] === '>';
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

function build(node: FxpNode, parentScope: ReadonlyMap<string, string>, depth: number, maxDepth: number, cleanup: boolean): XmlElement {
  if (depth > maxDepth) throw new XmlRejection('malformed', `elements nest deeper than ${maxDepth}`);
  const qname = unmark(tagOf(node));
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  let scope = parentScope;
  const pending: { qname: string; value: string }[] = [];
  for (const rawName in rawAttrs) {
    const name = unmark(rawName);
    const value = attributeValue(String(rawAttrs[rawName]));
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), value);
    } else {
      pending.push({ qname: name, value });
    }
  }
  const [prefix, local] = splitQName(qname);
  const attrs: XmlAttr[] = pending.map((a) => {
    const [p, l] = splitQName(a.qname);
    // Unprefixed attributes are in no namespace; an undeclared prefix leaves the attribute without one (a libxml2 namespace error, not fatal).
    return { local: l, ns: p === '' ? null : lookup(scope, p), value: a.value };
  });
  const element: XmlElement = { kind: 'element', local, ns: lookup(scope, prefix), attrs, children: [], scope };

  let pendingText: string | undefined;
  const flush = () => {
    if (pendingText !== undefined && !(cleanup && isBlank(pendingText))) element.children.push({ kind: 'text', text: pendingText });
    pendingText = undefined;
  };
  for (const child of (node[tagOf(node)] ?? []) as FxpNode[]) {
    const tag = tagOf(child);
    if (tag === '#text') {
      const raw = String(child['#text']);
      if (raw.includes(']]>')) throw new XmlRejection('malformed', "']]>' in text");
      pendingText = (pendingText ?? '') + unescape(raw);
    } else if (tag === '#cdata') {
      flush();
      const parts = child['#cdata'] as FxpNode[];
      element.children.push({ kind: 'cdata', text: parts.map((p) => String(p['#text'] ?? '')).join('') });
    } else if (tag.startsWith('?') || tag.startsWith(MARK + '?')) {
      // A processing instruction is a node (cleanup_xml_node deletes it, but the text around it stays two nodes).
      flush();
      if (!cleanup) element.children.push({ kind: 'pi' });
    } else if (tag.startsWith(MARK)) {
      flush();
      element.children.push(build(child, scope, depth + 1, maxDepth, cleanup));
    }
  }
  flush();
  return element;
}

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
