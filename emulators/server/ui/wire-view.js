// Pretty-printing and highlighting of a call's wire text (HTTP head, then an XML or JSON body). Hand-written:
// two tokenizers are ~80 lines, where a highlighting library would be tens of kilobytes for the same two languages.
import { h } from './view.js';

const MAX_PRETTY = 256 * 1024;

/** Splits HTTP text into its head and body. */
export function splitMessage(text) {
  const at = text.indexOf('\n\n');
  return at === -1 ? { head: text, body: '' } : { head: text.slice(0, at), body: text.slice(at + 2) };
}

/** The body indented for reading, and its language; left as it came when it does not parse. */
export function prettyBody(body) {
  const trimmed = body.trim();
  if (!trimmed || trimmed.length > MAX_PRETTY) return { text: body, lang: 'text' };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { text: JSON.stringify(JSON.parse(trimmed), null, 2), lang: 'json' };
    } catch {
      return { text: body, lang: 'text' };
    }
  }
  if (trimmed.startsWith('<')) return { text: prettyXml(trimmed), lang: 'xml' };
  return { text: body, lang: 'text' };
}

/** XML indented one element per line; an element holding only text stays on one line. */
export function prettyXml(xml) {
  const tokens = xml.match(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[^>]*>|[^<]+/g) ?? [];
  const lines = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.startsWith('<')) {
      if (t.trim()) lines.push('  '.repeat(depth) + t.trim());
      continue;
    }
    const closing = t.startsWith('</');
    const opening = !closing && !t.startsWith('<?') && !t.startsWith('<!') && !t.endsWith('/>');
    if (closing) depth = Math.max(0, depth - 1);
    // <tag>text</tag> on one line.
    if (opening && tokens[i + 2]?.startsWith('</') && tokens[i + 1] && !tokens[i + 1].startsWith('<')) {
      lines.push('  '.repeat(depth) + t + tokens[i + 1] + tokens[i + 2]);
      i += 2;
      continue;
    }
    lines.push('  '.repeat(depth) + t);
    if (opening) depth++;
  }
  return lines.join('\n');
}

const JSON_TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
const XML_TAG = /(<\/?[\w:.-]*|\/?>|\?>)|([\w:.-]+)(=)|("[^"]*"|'[^']*')/g;
const REDACTED = /\[redacted\]/g;

/** Highlighted nodes for a text in a language (json, xml, head, text). */
export function highlight(text, lang) {
  const out = [];
  const push = (cls, s) => {
    if (!s) return;
    // Redactions stand out in every language.
    let last = 0;
    for (const m of s.matchAll(REDACTED)) {
      if (m.index > last) out.push(cls ? h('span', { class: cls }, s.slice(last, m.index)) : s.slice(last, m.index));
      out.push(h('span', { class: 'tok-redacted' }, m[0]));
      last = m.index + m[0].length;
    }
    if (last < s.length) out.push(cls ? h('span', { class: cls }, s.slice(last)) : s.slice(last));
  };
  const scan = (s, re, classify) => {
    let last = 0;
    for (const m of s.matchAll(re)) {
      push(undefined, s.slice(last, m.index));
      classify(m);
      last = m.index + m[0].length;
    }
    push(undefined, s.slice(last));
  };
  if (lang === 'json') {
    scan(text, JSON_TOKEN, (m) => {
      if (m[1]) {
        push(m[2] ? 'tok-key' : 'tok-str', m[1]);
        push(undefined, m[2]);
      } else push(m[3] ? 'tok-lit' : 'tok-num', m[0]);
    });
  } else if (lang === 'xml') {
    for (const part of text.match(/<[^>]*>|[^<]+/g) ?? []) {
      if (!part.startsWith('<')) push('tok-str', part);
      else
        scan(part, XML_TAG, (m) => {
          if (m[1]) push('tok-tag', m[1]);
          else if (m[2]) (push('tok-attr', m[2]), push(undefined, m[3]));
          else push('tok-str', m[4]);
        });
    }
  } else if (lang === 'head') {
    scan(text, /^([\w-]+)(:)( .*)?/gm, (m) => {
      push('tok-key', m[1]);
      push(undefined, m[2]);
      // The server's own address changes from run to run: marked volatile for the screenshot check.
      if (m[1].toLowerCase() === 'host') out.push(h('span', { 'data-volatile': '' }, m[3] ?? ''));
      else push(undefined, m[3]);
    });
  } else push(undefined, text);
  return out;
}

/** A whole message (request or response) as a highlighted <pre>. */
export function messageView(text, label) {
  const { head, body } = splitMessage(text);
  const pretty = prettyBody(body);
  return h('pre', { class: 'message', 'aria-label': label, 'data-lang': pretty.lang }, highlight(head, 'head'), '\n\n', highlight(pretty.text, pretty.lang));
}

/** A decoded value (arguments, a result) as highlighted JSON. */
export function valueView(value) {
  return h('pre', { class: 'value', 'data-lang': 'json' }, highlight(JSON.stringify(value, null, 2) ?? 'undefined', 'json'));
}

/** "Copy as curl": the request as a curl command against this server, secrets still redacted. */
export function curlCommand(origin, wire) {
  const { head, body } = splitMessage(wire.request);
  const [requestLine, ...headers] = head.split('\n');
  const method = requestLine.split(' ')[0];
  const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = ['curl', '-sS'];
  if (method !== 'GET' || body) parts.push('-X', method);
  parts.push(quote(origin + wire.url));
  const skip = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'transfer-encoding']);
  for (const line of headers) {
    const name = line.slice(0, line.indexOf(':')).toLowerCase();
    if (!skip.has(name)) parts.push('-H', quote(line));
  }
  if (body) parts.push('--data-binary', quote(body));
  return parts.join(' ');
}
