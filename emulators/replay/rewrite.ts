/**
 * Rewrites the values inside raw wire text without re-encoding the rest, so
 * a recorded request keeps its exact bytes except where a value had to
 * change (a secret scrubbed, a placeholder filled in, a recorded id swapped
 * for the one the target handed out). Each leaf value is offered decoded to
 * `change`; it is written back escaped for its context only when changed.
 */
import { escapeXmlText } from '../../kernel/escape.js';

export type LeafChange = (value: string) => string;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return XML_ENTITIES[name] ?? whole;
  });
}

/** XML-RPC and SOAP: the text between two tags is a value (or a struct member name). */
export function rewriteXml(text: string, change: LeafChange): string {
  return text.replace(/>([^<>]*)</g, (whole, leaf: string) => {
    const value = unescapeXml(leaf);
    const changed = change(value);
    return changed === value ? whole : `>${escapeXmlText(changed)}<`;
  });
}

function decodeForm(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A query string or form body: each `name=value` pair's value. */
export function rewriteForm(text: string, change: LeafChange): string {
  if (text === '') return text;
  return text
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      const value = decodeForm(pair.slice(eq + 1));
      const changed = change(value);
      return changed === value ? pair : `${pair.slice(0, eq + 1)}${encodeURIComponent(changed)}`;
    })
    .join('&');
}

/** A JSON body: every string and number (numbers offered as their decimal text, kept numbers when the change is numeric). */
export function rewriteJson(text: string, change: LeafChange): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  let dirty = false;
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const changed = change(value);
      if (changed !== value) dirty = true;
      return changed;
    }
    if (typeof value === 'number') {
      const changed = change(String(value));
      if (changed === String(value)) return value;
      dirty = true;
      return /^-?\d+(\.\d+)?$/.test(changed) ? Number(changed) : changed;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  const out = walk(parsed);
  return dirty ? JSON.stringify(out) : text;
}

/** A body of any of the four panels' formats, told apart by its first character. */
export function rewriteBody(text: string, change: LeafChange): string {
  const first = text.trimStart()[0];
  if (first === '<') return rewriteXml(text, change);
  if (first === '{' || first === '[') return rewriteJson(text, change);
  return rewriteForm(text, change);
}
