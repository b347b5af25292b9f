import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLiteralAttribute, escapeMarkup, escapeXmlAttribute, escapeXmlText, replaceXmlForbidden } from './escape.js';

// The chains these helpers replaced, kept here as oracles: the helpers must write exactly what each copy wrote.
const oldText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const oldAttribute = (s: string) => oldText(s).replace(/"/g, '&quot;');
const OLD_REPORT_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const oldReport = (s: string) => oldAttribute(s.replace(OLD_REPORT_FORBIDDEN, '\uFFFD')).replace(/'/g, '&apos;');
const oldReportAttribute = (s: string) => oldReport(s).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
const oldClientReport = (s: string) => oldAttribute(s).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '?');

/** Strings rich in what escaping is about: markup characters, quotes, whitespace, controls, surrogate halves. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom('&', '<', '>', '"', "'", '\t', '\n', '\r', '\u0000', '\u0008', '\u001f', '\uFFFE', '\uFFFF', '\uD83D', '\uDE00', 'é', ';', '#'),
    fc.string({ maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('kernel escaping', () => {
  it('writes what the copies it replaced wrote', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        expect(escapeXmlText(s)).toBe(oldText(s));
        expect(escapeXmlAttribute(s)).toBe(oldAttribute(s));
        expect(escapeMarkup(replaceXmlForbidden(s))).toBe(oldReport(s));
        expect(escapeLiteralAttribute(replaceXmlForbidden(s))).toBe(oldReportAttribute(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("the client report's JUnit text: C0 controls become '?' as before, and now lone surrogates and U+FFFE/U+FFFF too", () => {
    const wellFormed = tricky.filter((s) => !/[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s));
    fc.assert(
      fc.property(wellFormed, (s) => {
        expect(replaceXmlForbidden(escapeXmlAttribute(s), '?')).toBe(oldClientReport(s));
      }),
      { numRuns: 1000 },
    );
    expect(replaceXmlForbidden(escapeXmlAttribute('a\uD800"\uFFFF\u0001b\uD83D\uDE00'), '?')).toBe('a?&quot;??b\uD83D\uDE00');
  });

  it('escapes each character once, ampersands first', () => {
    expect(escapeXmlText('a&lt;b & <c> "d" \'e\'')).toBe('a&amp;lt;b &amp; &lt;c&gt; "d" \'e\'');
    expect(escapeXmlAttribute('<a href="x&y">')).toBe('&lt;a href=&quot;x&amp;y&quot;&gt;');
    expect(escapeMarkup(`it's "q" & <t>`)).toBe('it&apos;s &quot;q&quot; &amp; &lt;t&gt;');
    expect(escapeLiteralAttribute('a\tb\nc\r\nd')).toBe('a&#9;b&#10;c&#13;&#10;d');
    expect(replaceXmlForbidden('ok\u0000\u000b\uFFFE\t\n\r😀')).toBe('ok\uFFFD\uFFFD\uFFFD\t\n\r😀');
  });
});
