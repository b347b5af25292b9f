import { strictXmlEntities } from '../xml/strict-entities.js';

/** An element or text node in fast-xml-parser's preserveOrder shape: `{ tag: children }` or `{ '#text': text }`. */
export type XNode = Record<string, unknown>;

// The declaration Python, PHP, Perl, Ruby and Java clients write; any other goes the general way.
const DECLARATION =
  /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(['"])1\.0\1([ \t\n]+encoding[ \t\n]*=[ \t\n]*(['"])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\n]+standalone[ \t\n]*=[ \t\n]*(['"])(yes|no)\5)?[ \t\n]*\?>/;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/** [A-Za-z_] */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

/** [A-Za-z0-9_.-] */
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;
}

/** Space, tab or LF (CR never reaches the scanner). */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a;
}

/**
 * One pass over an XML-RPC document in the shape every client writes:
 * an optional `<?xml version="1.0" …?>` declaration at the very start, then
 * elements with plain names (no prefix, no attributes), text with the
 * predefined entities and character references, whitespace around.
 * Returns the tree fast-xml-parser (with the codec's options) would build
 * for it, so the methodCall reading after it is the same code either way.
 *
 * Returns undefined, deciding nothing, for anything else: malformed input,
 * comments, CDATA, processing instructions, DTDs, attributes, prefixed
 * names, CR characters, a reference it does not resolve, or nesting at
 * `maxDepth - 1` and beyond. The caller then runs the general parser and
 * validator, which accept or refuse it with their own wording. The work is
 * linear in the text and no deeper than `maxDepth`.
 */
export function scanDocument(text: string, maxDepth: number): XNode[] | undefined {
  if (text.includes('\r')) return undefined;
  const n = text.length;
  let i = 0;
  if (text.startsWith('<?')) {
    const declaration = DECLARATION.exec(text);
    if (!declaration) return undefined;
    i = declaration[0].length;
  }
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== LT) return undefined;

  const root: XNode[] = [];
  // Open elements, innermost last: names and child lists side by side.
  const names: string[] = [];
  const lists: XNode[][] = [];
  let children = root;
  while (i < n) {
    if (text.charCodeAt(i) !== LT) {
      if (names.length === 0) return undefined; // text outside the root element
      const end = text.indexOf('<', i);
      if (end < 0) return undefined;
      let run = text.slice(i, end);
      if (run.includes('&')) {
        try {
          run = strictXmlEntities.decode(run);
        } catch {
          return undefined;
        }
      }
      children.push({ '#text': run });
      i = end;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (next === SLASH) {
      // </name>
      const name = names[names.length - 1];
      if (name === undefined || !text.startsWith(name, i + 2) || text.charCodeAt(i + 2 + name.length) !== GT) return undefined;
      i += 3 + name.length;
      names.pop();
      lists.pop();
      if (names.length === 0) {
        // Only whitespace may follow the root element.
        while (i < n && isSpace(text.charCodeAt(i))) i++;
        return i === n ? root : undefined;
      }
      children = lists[lists.length - 1]!;
      continue;
    }
    if (!isNameStart(next)) return undefined; // <!…, <?…, or not a tag
    if (names.length === 0 && root.length > 0) return undefined; // a second root
    let j = i + 2;
    while (j < n && isNameChar(text.charCodeAt(j))) j++;
    const name = text.slice(i + 1, j);
    if (name === '__proto__') return undefined;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    let empty = false;
    if (text.charCodeAt(j) === SLASH) {
      empty = true;
      j++;
    }
    if (text.charCodeAt(j) !== GT) return undefined; // attributes, a prefix, or broken
    i = j + 1;
    if (names.length + 1 >= maxDepth - 1) return undefined; // near the bound: the general parser words the refusal
    const list: XNode[] = [];
    children.push({ [name]: list });
    if (empty) continue;
    names.push(name);
    lists.push(list);
    children = list;
  }
  return undefined; // unclosed elements
}
