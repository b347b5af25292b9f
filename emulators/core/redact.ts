import { escapeXmlText } from '../../kernel/escape.js';
import { boundedJson, JournalJson, journalKeepsWhole, jsonFits, MAX_RESULT_CHARS } from '../../state/journal-store.js';
import type { MethodContract } from '../../contracts/contract.js';

const SECRET_KEY = /^(pass(word)?|passwd|newpass|token|api_?token|secret|session(_?id)?|accesshash|.*_password)$/i;
/** In results also the session a panel hands out under another name (WHM create_user_session: `session`, `cp_security_token`). */
const RESULT_SECRET_KEY = new RegExp(`${SECRET_KEY.source}|^(session|cp_security_token)$`, 'i');
export const REDACTED = '[redacted]';

/**
 * Arguments as the journal keeps them: parameters the contract marks secret,
 * and struct members whose names say they are secrets, are replaced.
 */
export function redactArguments(method: MethodContract | undefined, params: Record<string, unknown>): Record<string, unknown> {
  const secret = secretParams(method);
  return redactMembers(params, (k) => secret.has(k) || SECRET_KEY.test(k), 0) as Record<string, unknown>;
}

const secretParamsOf = new WeakMap<MethodContract, ReadonlySet<string>>();
const NO_PARAMS: ReadonlySet<string> = new Set();

/** The names of a method's contract-secret parameters, found once per contract. */
export function secretParams(contract: MethodContract | undefined): ReadonlySet<string> {
  if (!contract) return NO_PARAMS;
  let names = secretParamsOf.get(contract);
  if (!names) {
    names = new Set(contract.params.filter((p) => p.secret).map((p) => p.name));
    secretParamsOf.set(contract, names);
  }
  return names;
}

/**
 * The journal keeps a bounded copy of each call's arguments, so a hostile
 * call (100,000 members, a 5 MB string) costs the journal no more than a
 * normal one, and a full ring stays small: strings past JOURNAL_STRING
 * characters, containers past JOURNAL_MEMBERS entries and nesting past
 * JOURNAL_DEPTH are cut, and the cut is said.
 */
export const JOURNAL_STRING = 1024;
export const JOURNAL_MEMBERS = 100;
const JOURNAL_DEPTH = 16;

function redactMembers(value: object, secret: (key: string) => boolean, depth: number): unknown {
  if (Array.isArray(value)) {
    const out = value.slice(0, JOURNAL_MEMBERS).map((v) => redactValue(v, depth + 1));
    if (value.length > JOURNAL_MEMBERS) out.push(`… ${value.length - JOURNAL_MEMBERS} more items`);
    return out;
  }
  const out: Record<string, unknown> = {};
  let kept = 0;
  let more = 0;
  for (const k in value) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    if (kept >= JOURNAL_MEMBERS) {
      more++;
      continue;
    }
    kept++;
    const v = (value as Record<string, unknown>)[k];
    // defineProperty, so a `__proto__` key stays a plain key.
    Object.defineProperty(out, k, { value: secret(k) ? REDACTED : redactValue(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  if (more) out['…'] = `${more} more members`;
  return out;
}

/** A string as the journal keeps it: past JOURNAL_STRING characters, a copy of its start and its length. */
export function clip(text: string): string {
  // A copy, not a slice: a slice would keep the whole request string alive in the journal.
  return text.length > JOURNAL_STRING ? `${Buffer.from(text.slice(0, JOURNAL_STRING)).toString()}… (${text.length} characters)` : text;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return clip(value);
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return depth >= JOURNAL_DEPTH ? '… (nested deeper)' : redactMembers(value, (k) => SECRET_KEY.test(k), depth);
  }
  return value;
}

/** Struct members named as secrets (`key`) replaced; their string values collected in `found`. */
function redactSecretMembers(value: unknown, found: Set<string>, key: RegExp): unknown {
  if (Array.isArray(value)) return value.map((v) => redactSecretMembers(v, found, key));
  if (typeof value === 'object' && value !== null && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (!key.test(k)) return [k, redactSecretMembers(v, found, key)];
        if (typeof v === 'string' && v.length >= 3) found.add(v);
        return [k, REDACTED];
      }),
    );
  }
  return value;
}

/** Methods whose answer is a bare session id (or a list starting with one): WebFaction and ISPConfig `login`, Gandi `login` and `su`. */
const SESSION_OPENERS = new Set(['login', 'su']);

/** The session id a login (or Gandi's su) answers, if this result is one. */
function openedSession(method: string, value: unknown): string | undefined {
  if (!SESSION_OPENERS.has(method)) return undefined;
  if (typeof value === 'string') return value;
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

/**
 * A result as the journal keeps it: struct members whose names say they
 * are secrets (WebFaction `create_mailbox`'s generated `password`, WHM
 * `api_token_create`'s `token`, `create_user_session`'s `session`), the
 * bare session id a login answers, and those values wherever else they
 * appear in the result (the session inside `create_user_session`'s `url`).
 * A result too large for the journal to keep whole is returned untouched:
 * the journal stores only its shape, which holds no values, so a
 * 10,000-account listaccts is not copied on every call.
 */
export function redactResult(method: string, value: unknown): unknown {
  if (!journalKeepsWhole(value)) return value;
  const found = new Set<string>();
  const out = redactSecretMembers(value, found, RESULT_SECRET_KEY);
  const session = openedSession(method, value);
  if (session !== undefined) found.add(session);
  return found.size ? blankStrings(out, found) : out;
}

/** The secret values redactResult blanks in a result (empty for one the journal keeps as its shape alone), for the wire record. */
export function resultSecrets(method: string, value: unknown): Set<string> {
  const found = new Set<string>();
  if (!journalKeepsWhole(value)) return found;
  redactSecretMembers(value, found, RESULT_SECRET_KEY);
  const session = openedSession(method, value);
  if (session !== undefined) found.add(session);
  return found;
}

/** What one call's result leaves in the journal and the wire record. */
export interface JournalResult {
  /** The result as the journal row stores it: `boundedJson(redactResult(…))`. */
  json: JournalJson;
  /** The values {@link redactResult} blanks, for the wire record (what {@link resultSecrets} gives). */
  secrets: Set<string>;
}

const NO_SECRETS: ReadonlySet<string> = new Set();

/**
 * `boundedJson(redactResult(method, value))` and `resultSecrets(method,
 * value)` together. Most results are plain data without a secret-named
 * member: for those one walk (size bound, key names, plainness) proves the
 * redacted copy would serialize exactly as the value does, so neither the
 * copy nor the further walks are made. Anything else takes the general path.
 */
export function journalResult(method: string, value: unknown): JournalResult {
  const scan = scanResult(value);
  if (scan === 'too-large') return { json: new JournalJson(boundedJson(value, MAX_RESULT_CHARS)), secrets: NO_SECRETS as Set<string> };
  if (scan === 'plain' && openedSession(method, value) === undefined) {
    return { json: new JournalJson(JSON.stringify(value) ?? null), secrets: NO_SECRETS as Set<string> };
  }
  return { json: new JournalJson(boundedJson(redactResult(method, value), MAX_RESULT_CHARS)), secrets: resultSecrets(method, value) };
}

/** Member names already tested against RESULT_SECRET_KEY (results repeat the same few names); cleared when full. */
const secretKeyMemo = new Map<string, boolean>();

function resultSecretKey(key: string): boolean {
  let secret = secretKeyMemo.get(key);
  if (secret === undefined) {
    secret = RESULT_SECRET_KEY.test(key);
    if (secretKeyMemo.size >= 4096) secretKeyMemo.clear();
    secretKeyMemo.set(key, secret);
  }
  return secret;
}

/**
 * One walk over a result: 'too-large' when journalKeepsWhole would say no
 * (the same walk), 'plain' when it holds only primitives, Buffers, Dates,
 * arrays and plain objects with no secret-named member (its redacted copy is
 * then equal to it as JSON), 'other' otherwise.
 */
function scanResult(value: unknown): 'too-large' | 'plain' | 'other' {
  let plain = true;
  const fits = jsonFits(value, MAX_RESULT_CHARS, (container, key) => {
    if (!plain) return;
    if (key === undefined) {
      const proto = Object.getPrototypeOf(container) as unknown;
      if (Array.isArray(container) ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) plain = false;
    } else if (resultSecretKey(key) || !Object.prototype.hasOwnProperty.call(container, key)) plain = false;
  });
  if (!fits) return 'too-large';
  return plain ? 'plain' : 'other';
}

function blankStrings(value: unknown, secrets: Set<string>): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => blankStrings(v, secrets));
  if (typeof value === 'object' && value !== null && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blankStrings(v, secrets)]));
  }
  return value;
}

/**
 * A fault string as the journal keeps it: some panels echo a rejected
 * password in their fault text (Gandi's 500130 does), so the values of
 * secret arguments are blanked wherever they appear.
 */
export function redactText(method: MethodContract | undefined, params: Record<string, unknown>, text: string): string {
  let out = text;
  for (const p of method?.params ?? []) {
    const v = params[p.name];
    if ((p.secret || SECRET_KEY.test(p.name)) && typeof v === 'string' && v.length >= 3) out = out.split(v).join(REDACTED);
  }
  return out;
}

/** Whether a parameter or struct member name says it holds a secret (the journal's rule, shared with the cassette recorder). */
export function isSecretName(name: string): boolean {
  return SECRET_KEY.test(name);
}

/** The forms a value takes on the wire: as is, percent- and form-encoded, XML-escaped, inside a JSON string. */
export function wireForms(value: string): string[] {
  const forms = new Set([
    value,
    encodeURIComponent(value),
    encodeURIComponent(value).replace(/%20/g, '+'),
    escapeXmlText(value),
    JSON.stringify(value).slice(1, -1),
  ]);
  return [...forms];
}
