/** Stable codes for what went wrong, whatever the server's fault-string style. */
export type WebfactionErrorCode =
  /** LoginError: bad credentials, a machine the account may not use, an invalid or expired session. */
  | 'login_failed'
  /** DataError: a documented constraint was broken (names, types, missing or duplicate objects). */
  | 'invalid_data'
  /** TypeError: wrong argument count or type for the method. */
  | 'bad_arguments'
  /** IOError: a file operation failed (write_file, replace_in_file, run_php_script). */
  | 'io_error'
  /** The server does not have the method (or not for this session's API version). */
  | 'unsupported_method'
  /** Any other fault, e.g. what a `system()` command printed on standard error. */
  | 'fault'
  /** The server could not be reached or did not answer XML-RPC. */
  | 'transport_error';

export interface ParsedFault {
  /** The Python exception class named in the fault string, when it names one (`LoginError`, `DataError`…). */
  exceptionClass?: string;
  /** The messages: a legacy DataError carries a list, the other forms one (or none). */
  messages: string[];
  /** `legacy`: `<class 'webfaction_api.exceptions.X'>:…`; `modern`: `X` or `X: message`; `bare`: text only. */
  style: 'legacy' | 'modern' | 'bare';
}

const LEGACY = /^<(?:class|type) '(?:[\w.]+\.)?(\w+)'>:([\s\S]*)$/;
const MODERN = /^([A-Z]\w*(?:Error|Exception)|Exception)(?:: ([\s\S]*))?$/;
// The later server's wording for a machine the account may not use (letsencrypt-webfaction issues #82, #163).
const MACHINE_REFUSED = /^Not allowed to login to machine "/;

/**
 * Reads a WebFaction faultString in either of the styles the server used:
 * legacy `<class 'webfaction_api.exceptions.DataError'>:[u'Mailbox with this Name already exists.']`
 * and modern `LoginError` / `DataError: …`.
 */
export function parseWebfactionFault(faultString: string): ParsedFault {
  const legacy = LEGACY.exec(faultString);
  if (legacy) {
    const payload = legacy[2];
    const list = payload.startsWith('[') ? parsePythonStringList(payload) : undefined;
    return { exceptionClass: legacy[1], messages: list ?? (payload ? [payload] : []), style: 'legacy' };
  }
  const modern = MODERN.exec(faultString);
  if (modern) return { exceptionClass: modern[1], messages: modern[2] ? [modern[2]] : [], style: 'modern' };
  if (MACHINE_REFUSED.test(faultString)) return { exceptionClass: 'LoginError', messages: [faultString], style: 'bare' };
  return { messages: faultString ? [faultString] : [], style: 'bare' };
}

/** A fault (or transport failure) from a WebFaction call. */
export class WebfactionError extends Error {
  readonly code: WebfactionErrorCode;
  readonly exceptionClass?: string;
  readonly messages: string[];
  readonly style?: ParsedFault['style'];

  constructor(
    readonly method: string,
    readonly faultCode: number | undefined,
    readonly faultString: string,
    cause?: unknown,
  ) {
    const parsed = faultCode === undefined ? undefined : parseWebfactionFault(faultString);
    const detail = parsed ? parsed.messages.join('; ') || parsed.exceptionClass || faultString : faultString;
    super(`${method}: ${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'WebfactionError';
    this.exceptionClass = parsed?.exceptionClass;
    this.messages = parsed?.messages ?? [];
    this.style = parsed?.style;
    this.code = parsed ? codeOf(parsed, faultString) : 'transport_error';
  }

  /** The first message, or '' (a failed login says nothing more). */
  get detail(): string {
    return this.messages[0] ?? '';
  }
}

function codeOf(parsed: ParsedFault, faultString: string): WebfactionErrorCode {
  switch (parsed.exceptionClass) {
    case 'LoginError':
      return 'login_failed';
    case 'DataError':
      return 'invalid_data';
    case 'TypeError':
      return 'bad_arguments';
    case 'IOError':
      return 'io_error';
    default:
      return /is not supported$/.test(faultString) ? 'unsupported_method' : 'fault';
  }
}

/** Parses Python 2's repr of a list of (unicode) strings: `[u'a', u"b's"]`; undefined when it is not one. */
export function parsePythonStringList(text: string): string[] | undefined {
  let i = 1;
  const out: string[] = [];
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  skipSpaces();
  if (text[i] === ']') return i === text.length - 1 ? out : undefined;
  for (;;) {
    skipSpaces();
    if (text[i] === 'u' || text[i] === 'b') i++;
    const quote = text[i];
    if (quote !== "'" && quote !== '"') return undefined;
    i++;
    let s = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] !== '\\') {
        s += text[i++];
        continue;
      }
      const e = text[i + 1];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
      if (e in simple) {
        s += simple[e];
        i += 2;
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const width = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        s += String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + width), 16));
        i += 2 + width;
      } else {
        s += '\\';
        i++;
      }
    }
    if (i >= text.length) return undefined;
    i++;
    out.push(s);
    skipSpaces();
    if (text[i] === ',') {
      i++;
      continue;
    }
    return text[i] === ']' && i === text.length - 1 ? out : undefined;
  }
}
