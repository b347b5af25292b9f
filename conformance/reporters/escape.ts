import { escapeLiteralAttribute, escapeMarkup, replaceXmlForbidden } from '../../kernel/escape.js';

// A panel's fault string may carry characters XML 1.0 forbids even escaped; one would make the whole JUnit file
// unreadable to CI, so reports write U+FFFD in their place.

/** Text safe in XML/HTML content and in double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return escapeMarkup(replaceXmlForbidden(text));
}

/** For attributes: also keeps line breaks and tabs, which parsers would otherwise fold into spaces. */
export function escapeAttribute(text: string): string {
  return escapeLiteralAttribute(replaceXmlForbidden(text));
}
