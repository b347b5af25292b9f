/**
 * Python 2's repr() of a unicode string (`u'…'`), as the legacy fault strings
 * print a DataError's message list: `[u'Mailbox with this Name already exists.']`
 * (dominicrodger/pywebfaction test_pywebfaction.py fixtures).
 */
export function pythonUnicodeRepr(text: string): string {
  // Python picks double quotes only when the text has a single quote and no double quote.
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = `u${quote}`;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || (code >= 0x7f && code < 0x100)) out += `\\x${hex(code, 2)}`;
    else if (code >= 0x100 && code < 0x10000) out += `\\u${hex(code, 4)}`;
    else if (code >= 0x10000) out += `\\U${hex(code, 8)}`;
    else out += ch;
  }
  return out + quote;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}
