// Escaping for XML and HTML text that mockpanel writes itself (wire texts, reports, the journal's wire forms). A wire
// whose real server escapes its own odd way (libxml2's CR and NUL, PHP's htmlspecialchars) keeps that in its codec.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const entity = (c: string) => ENTITIES[c]!;

/** Characters XML 1.0 cannot carry even escaped: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `&`, `<` and `>`: text between tags, XML or HTML. The same as Python's xmlrpc.client.escape and html.escape(quote=False). */
export function escapeXmlText(text: string): string {
  return text.replace(/[&<>]/g, entity);
}

/** `&`, `<`, `>` and `"`: a double-quoted attribute value (and text). */
export function escapeXmlAttribute(text: string): string {
  return text.replace(/[&<>"]/g, entity);
}

/** `&`, `<`, `>`, `"` and `'` (as `&apos;`, which HTML knows too): text or an attribute in either quote, XML or HTML. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, entity);
}

/** {@link escapeMarkup}, and tab, LF and CR as character references, which an XML parser would otherwise fold into spaces. */
export function escapeLiteralAttribute(text: string): string {
  return text.replace(/[&<>"'\t\n\r]/g, entity);
}

/** Replaces each character XML 1.0 cannot carry (even escaped) by `replacement`, U+FFFD unless told. */
export function replaceXmlForbidden(text: string, replacement = '\uFFFD'): string {
  return text.replace(XML_FORBIDDEN, replacement);
}
