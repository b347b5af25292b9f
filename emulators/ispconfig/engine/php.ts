import { domainToASCII } from 'node:url';
import { isIPv4, isIPv6 } from 'node:net';

// Small PHP semantics the remote API's behaviour depends on. ISPConfig's
// arguments arrive as whatever the wire carried (string, int, bool, map), so
// its checks are PHP's loose ones.

/** A PHP associative array as the wire delivers it (ns2:Map, JSON object, SOAP struct). */
export type PhpArray = Record<string, unknown>;

export function isPhpArray(value: unknown): value is PhpArray {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value);
}

/** PHP's `(string)` cast. */
export function str(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return '1';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : phpFloat(value);
  if (Array.isArray(value) || isPhpArray(value)) return 'Array';
  return String(value);
}

function phpFloat(n: number): string {
  const s = String(n);
  return /e/.test(s) ? s.replace('e+', 'E+').replace(/e-/, 'E-') : s;
}

/** PHP's `intval()` (leading digits of a string, 0 otherwise; numeric strings with an exponent or fraction are converted). */
export function intval(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const numeric = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.exec(value);
    if (numeric) return Math.trunc(Number(value));
    const lead = /^\s*([+-]?\d+)/.exec(value);
    return lead ? Number(lead[1]) : 0;
  }
  if (Array.isArray(value)) return value.length ? 1 : 0;
  if (isPhpArray(value)) return Object.keys(value).length ? 1 : 0;
  return 0;
}

/** PHP's `is_numeric()`. */
export function isNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value);
}

/** PHP's `empty()`: '', '0', 0, false, null, an empty array. */
export function empty(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '' || value === '0' || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPhpArray(value)) return Object.keys(value).length === 0;
  return false;
}

/** PHP 8's loose `==` between two scalars (numeric strings compare as numbers). */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return empty(b) && !(typeof b === 'string' && b === '0');
  if (b === null || b === undefined) return looseEquals(b, a);
  if (typeof a === 'boolean' || typeof b === 'boolean') return !empty(a) === !empty(b);
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'number' || typeof b === 'number') {
    const [n, s] = typeof a === 'number' ? [a, b] : [b as number, a];
    return isNumeric(s) ? Number(s) === n : str(n) === str(s);
  }
  if (isNumeric(a) && isNumeric(b)) return Number(a) === Number(b);
  return str(a) === str(b);
}

/** PHP 8's loose `<` for a value against a number (RANGE validators, `limit_client > 0`). */
export function looseCompare(value: unknown, limit: number): number {
  if (value === null || value === undefined || value === '' || value === false) return 0 - limit;
  if (typeof value === 'number') return value - limit;
  if (isNumeric(value)) return Number(value) - limit;
  // PHP 8: a non-numeric string against a number compares as strings.
  const a = str(value);
  const b = String(limit);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** PHP's `strip_tags()`, after ISPConfig's removal of whole <script> blocks. */
export function stripTags(value: string): string {
  return value.replace(/<script[^>]*?>.*?<\/script>/gis, '').replace(/<!--[\s\S]*?-->|<\/?[a-zA-Z!?][^<>]*>?/g, '');
}

/** `$app->functions->idn_encode()`: IDN labels to punycode; mailbox addresses keep their local part. */
export function idnToAscii(value: string): string {
  return value
    .split('\n')
    .map((line) => {
      if (!/[^\x00-\x7f]/.test(line)) return line;
      const at = line.lastIndexOf('@');
      const local = at >= 0 ? line.slice(0, at + 1) : '';
      const domain = at >= 0 ? line.slice(at + 1) : line;
      return local + (domainToASCII(domain) || domain);
    })
    .join('\n');
}

/** PHP's `filter_var($v, FILTER_VALIDATE_EMAIL)` in essence: a dot-atom local part, an @ and a dotted host name. */
export function isEmail(value: string): boolean {
  if (value.length > 320) return false;
  const m = /^([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@(.+)$/.exec(value);
  if (!m || m[1].length > 64) return false;
  const host = m[2];
  if (/^\[.*\]$/.test(host)) return isIPv4(host.slice(1, -1)) || /^IPv6:/i.test(host.slice(1, -1));
  return /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(host);
}

export function isIp(value: string, version?: 4 | 6): boolean {
  if (version === 4) return isIPv4(value);
  if (version === 6) return isIPv6(value);
  return isIPv4(value) || isIPv6(value);
}

/** PHP's `serialize()` for what ISPConfig stores in sys_datalog: nested arrays of strings, ints and nulls. */
export function serialize(value: unknown): string {
  if (value === null || value === undefined) return 'N;';
  if (typeof value === 'boolean') return `b:${value ? 1 : 0};`;
  if (typeof value === 'number') return Number.isInteger(value) ? `i:${value};` : `d:${value};`;
  if (typeof value === 'string') return `s:${Buffer.byteLength(value)}:"${value}";`;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value as PhpArray);
  const body = entries.map(([k, v]) => (typeof k === 'number' || /^(0|-?[1-9]\d*)$/.test(k) ? `i:${k};` : serialize(k)) + serialize(v)).join('');
  return `a:${entries.length}:{${body}}`;
}

/** ISPConfig's ini_parser->parse_ini_string (server.config, sys_ini.config): `[section]` lines lower-cased, `key=value` trimmed. */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let section: string | undefined;
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trim();
    const s = /^\[(\w+)\]$/.exec(line);
    if (s) {
      section = s[1].toLowerCase();
      continue;
    }
    const kv = /^(\w+)=(.*)$/.exec(line);
    if (kv && section !== undefined) (out[section] ??= {})[kv[1].trim()] = kv[2].trim();
  }
  return out;
}

/** ISPConfig's ini_parser->get_ini_string. */
export function writeIni(config: Record<string, Record<string, string>>): string {
  let out = '';
  for (const [name, values] of Object.entries(config)) {
    out += `[${name}]\n`;
    for (const [k, v] of Object.entries(values)) if (k !== '') out += `${k.trim()}=${String(v).trim()}\n`;
    out += '\n';
  }
  return out;
}

const HTML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' };

/** htmlspecialchars() with PHP 8.1's default flags (ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML401). */
export function htmlspecialchars(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_SPECIAL[c]!);
}

const LATIN1_ENTITIES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'.split(
    ' ',
  );

/**
 * htmlentities($text, ENT_QUOTES, $charset) for the HTML 4.01 Latin-1 names. With 'ISO-8859-1' the UTF-8 bytes are
 * taken one by one (é becomes &Atilde;&copy;). inferred: the rarer Greek and symbol entities are left as characters.
 */
export function htmlentities(text: string, charset: 'UTF-8' | 'ISO-8859-1' = 'UTF-8'): string {
  const input = charset === 'ISO-8859-1' ? Buffer.from(text, 'utf8').toString('latin1') : text;
  return input.replace(/[&<>"'\u00a0-\u00ff]/g, (c) => HTML_SPECIAL[c] ?? `&${LATIN1_ENTITIES[c.charCodeAt(0) - 0xa0]};`);
}
