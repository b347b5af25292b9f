import type { EntityDecoderOptions } from 'fast-xml-parser';

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const REFERENCE = /&([^;&\s<]*);?/g;

/** XML 1.0 §2.2 Char: what a numeric character reference may name. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function resolve(match: string, name: string): string {
  if (!match.endsWith(';')) throw new Error(`not well-formed: '&' without ';' near "${match.slice(0, 20)}"`);
  const predefined = PREDEFINED[name];
  if (predefined !== undefined) return predefined;
  let cp = Number.NaN;
  if (/^#[0-9]{1,7}$/.test(name)) cp = Number(name.slice(1));
  else if (/^#x[0-9a-fA-F]{1,6}$/.test(name)) cp = Number.parseInt(name.slice(2), 16);
  else if (name.startsWith('#')) throw new Error(`not well-formed: bad character reference &${name};`);
  else throw new Error(`undefined entity &${name.slice(0, 40)};`);
  // expat answers the same way: "reference to invalid character number".
  if (!isXmlChar(cp)) throw new Error(`reference to invalid character number &${name};`);
  return String.fromCodePoint(cp);
}

/**
 * fast-xml-parser's entity hook, narrowed to what XML itself defines: the five
 * predefined entities and numeric references. Anything else (an entity a DTD
 * would have declared) is an error, as it is for expat without a DTD; the
 * codec rejects DOCTYPE before parsing, so no document can declare one.
 */
export const strictXmlEntities: EntityDecoderOptions = {
  setExternalEntities() {},
  addInputEntities(entities) {
    if (Object.keys(entities).length > 0) throw new Error('entity declarations are not accepted');
  },
  reset() {},
  setXmlVersion() {},
  decode(text) {
    return text.includes('&') ? text.replace(REFERENCE, resolve) : text;
  },
};
