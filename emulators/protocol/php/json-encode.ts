import { formatPhpFloat } from './float.js';
import { toPhpValue } from './value.js';

// PHP's json_encode($value) with no flags, as ISPConfig's JSON handler calls
// it (interface/lib/classes/json_handler.inc.php, 3.2.11): '/' is written
// '\/', every non-ASCII character as \uXXXX (UTF-16, lowercase hex), control
// characters as \b \f \n \r \t or \u00XX; DEL, '<', '>', '&' and "'" stay raw;
// floats use serialize_precision -1 (shortest form; 2.0 → 2, 1e20 → 1.0e+20);
// an array with keys 0..n-1 is a JSON list, any other array an object, and
// the empty array is []. JS values map to PHP values as in php-value.ts.

/** json_encode's default depth of 512 admits 511 nested arrays or objects, the ISPConfig envelope included (measured). */
const MAX_DEPTH = 511;

/** json_encode failed (INF/NAN, nesting beyond 511): PHP returns false, which `print` writes as nothing. */
export class PhpJsonEncodeError extends Error {}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A string as json_encode writes it with no flags. */
export function phpJsonString(text: string): string {
  if (!/["\\/\u0000-\u001f\u0080-\uffff]/.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const code = text.charCodeAt(i);
    const escape = ESCAPES[c];
    if (escape !== undefined) out += escape;
    else if (code < 0x20 || code > 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

function encode(value: unknown, depth: number, active: Set<object>): string {
  const php = toPhpValue(value);
  switch (php.type) {
    case 'null':
      return 'null';
    case 'bool':
      return php.value ? 'true' : 'false';
    case 'int':
      return php.value.toString();
    case 'float':
      if (!Number.isFinite(php.value)) throw new PhpJsonEncodeError('Inf and NaN cannot be JSON encoded');
      return formatPhpFloat(php.value, -1, 'e');
    case 'string':
      return phpJsonString(php.value);
    case 'list':
    case 'map': {
      if (depth >= MAX_DEPTH) throw new PhpJsonEncodeError('Maximum stack depth exceeded');
      const object = value as object;
      if (active.has(object)) throw new PhpJsonEncodeError('Recursion detected');
      active.add(object);
      try {
        if (php.type === 'list') return `[${php.items.map((v) => encode(v, depth + 1, active)).join(',')}]`;
        return `{${php.entries.map(([k, v]) => `${phpJsonString(String(k))}:${encode(v, depth + 1, active)}`).join(',')}}`;
      } finally {
        active.delete(object);
      }
    }
  }
}

/** `json_encode($value)` for a JS value seen as PHP would hold it. Throws {@link PhpJsonEncodeError} where PHP returns false. */
export function phpJsonEncode(value: unknown): string {
  return encode(value, 0, new Set());
}

/**
 * `json_encode` of a stdClass with these properties in this order (how
 * ISPConfig builds its answer envelope: code, message, response). An object
 * stays an object even when it has no properties or looks like a list.
 */
export function phpJsonEncodeObject(properties: [name: string, value: unknown][]): string {
  const active = new Set<object>();
  return `{${properties.map(([k, v]) => `${phpJsonString(k)}:${encode(v, 1, active)}`).join(',')}}`;
}
