import type { MethodContract } from '../../contracts/contract.js';
import { isSecretName, wireForms } from '../core/redact.js';
import type { DecodedCall } from '../protocol/codec.js';
import type { RawMessage } from './cassette.js';
import { rewriteBody, rewriteForm } from './rewrite.js';

/**
 * A placeholder standing for one secret: `SECRET-<kind>-<n>`. Letters, digits
 * and hyphens only, so it needs no escaping in XML, a query string, JSON or
 * an HTTP header, and a client replaying a cassette can send it back as is.
 */
export const PLACEHOLDER = /SECRET-[a-z]+-\d+/g;
const WHOLE_PLACEHOLDER = /^SECRET-[a-z]+-\d+$/;

export function isPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && WHOLE_PLACEHOLDER.test(value);
}

/** Response members that hold a session or token although the journal's name rule does not name them. */
const RESPONSE_SECRET = /^(session|security_token|cp_security_token|sessionid|session_key|id_rsa|id_dsa|id_ecdsa|id_ed25519|.*private_?key)$/i;
/** Shorter secrets are replaced only where they are a whole value: as a substring they would clobber ordinary text. */
const MIN_SUBSTRING = 6;
/**
 * Values this short are not taken for secrets at all: they cannot be told
 * apart from ordinary data (a session id `1` sent to provoke a fault would
 * otherwise replace every 1 in the cassette).
 */
const MIN_SECRET = 4;

function kindOf(name: string): string {
  if (/pass/i.test(name)) return 'password';
  if (/key|id_[rde]/i.test(name)) return 'key';
  if (/sess|sid/i.test(name)) return 'session';
  return 'token';
}

/**
 * The secrets seen while recording, each with its placeholder: the same
 * secret always gets the same placeholder, so a session id returned by
 * `login` still links the calls that use it.
 */
export class SecretVault {
  private readonly byValue = new Map<string, string>();
  private ordered: [string, string][] = [];
  private counter = 0;
  /** Placeholders first seen in a response (sessions): the target hands out its own, so a secrets file leaves them out. */
  private readonly answered = new Set<string>();

  /** `keep`: values that look like secrets but are public (a document's sample password), left in clear. */
  constructor(private readonly keep: ReadonlySet<string> = new Set()) {}

  /** The placeholder of `value`, assigning the next one on first sight. Empty strings and placeholders are not secrets. */
  add(value: string, kind: string, origin: 'request' | 'response' = 'request'): string | undefined {
    if (value.length < MIN_SECRET || isPlaceholder(value) || this.keep.has(value)) return undefined;
    let placeholder = this.byValue.get(value);
    if (!placeholder) {
      placeholder = `SECRET-${kind}-${++this.counter}`;
      if (origin === 'response') this.answered.add(placeholder);
      this.byValue.set(value, placeholder);
      // Longest first, so a secret containing another is replaced whole.
      this.ordered = [...this.byValue].sort((a, b) => b[0].length - a[0].length);
    }
    return placeholder;
  }

  /** Binds `value` to a placeholder chosen elsewhere (the verifier learning what a recorded placeholder stands for on the target). */
  assign(value: string, placeholder: string): void {
    if (value === '' || this.byValue.has(value)) return;
    this.byValue.set(value, placeholder);
    this.ordered = [...this.byValue].sort((a, b) => b[0].length - a[0].length);
  }

  get size(): number {
    return this.byValue.size;
  }

  /** placeholder → secret for the secrets the client sent (passwords, tokens), for a secrets file kept apart from the cassette. */
  toJSON(): Record<string, string> {
    return Object.fromEntries(
      [...this.byValue].filter(([, placeholder]) => !this.answered.has(placeholder)).map(([value, placeholder]) => [placeholder, value]),
    );
  }

  /** A string with every known secret replaced (whole, or inside it when long enough to be unmistakable). */
  scrubString(text: string): string {
    const whole = this.byValue.get(text);
    if (whole) return whole;
    let out = text;
    for (const [value, placeholder] of this.ordered) {
      if (value.length >= MIN_SUBSTRING && out.includes(value)) out = out.split(value).join(placeholder);
    }
    return out;
  }

  /** A decoded value with every string scrubbed (struct member names are names, not secrets, and stay). */
  scrubValue<T>(value: T): T {
    if (typeof value === 'string') return this.scrubString(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.scrubValue(v)) as T;
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.scrubValue(v)])) as T;
    return value;
  }

  /**
   * Raw text (a body, a query, a path): values rewritten in their own
   * encoding first, then any remaining occurrence in the escaped forms a
   * secret takes on the wire (XML entities, percent and form encoding, JSON).
   */
  scrubRaw(text: string, kind: 'body' | 'query' | 'plain'): string {
    let out = kind === 'body' ? rewriteBody(text, (v) => this.scrubString(v)) : kind === 'query' ? rewriteForm(text, (v) => this.scrubString(v)) : text;
    for (const [value, placeholder] of this.ordered) {
      if (value.length < MIN_SUBSTRING) continue;
      for (const form of wireForms(value)) if (out.includes(form)) out = out.split(form).join(placeholder);
    }
    return out;
  }

  /** Headers scrubbed; Authorization and cookies always become placeholders, whatever their values. */
  scrubHeaders(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (name === 'authorization') out[name] = this.scrubAuthorization(value);
      else if (name === 'cookie') out[name] = value.replace(/=([^;]*)/g, (_, v: string) => `=${v ? (this.add(v, 'cookie') ?? v) : ''}`);
      else if (name === 'set-cookie')
        out[name] = value.replace(/^([^=]*)=([^;]*)/, (_, n: string, v: string) => `${n}=${v ? (this.add(v, 'cookie', 'response') ?? v) : ''}`);
      else out[name] = this.scrubRaw(value, 'plain');
    }
    return out;
  }

  private scrubAuthorization(value: string): string {
    const basic = /^basic\s+(\S+)$/i.exec(value);
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon !== -1) this.add(decoded.slice(colon + 1), 'password');
      return `${value.slice(0, value.length - basic[1].length)}${this.add(basic[1], 'authorization') ?? basic[1]}`;
    }
    // `whm user:TOKEN`, `cpanel user:TOKEN`, `WHM user:HASH`, `Bearer TOKEN`: the part after the last colon or space.
    const credential = /^(\S+\s+(?:[^:\s]+:)?)(\S+)$/.exec(value);
    if (credential) return `${credential[1]}${this.add(credential[2], 'token') ?? credential[2]}`;
    return this.add(value, 'authorization') ?? value;
  }

  /** A raw message with its body and headers scrubbed. */
  scrubMessage<T extends RawMessage>(message: T): T {
    const out = { ...message, headers: this.scrubHeaders(message.headers) };
    if (message.bodyEncoding !== 'base64') out.body = this.scrubRaw(message.body, 'body');
    return out;
  }

  /** The secrets a request carries: secret parameters (contract or name), struct members named as secrets, credentials, a cPanel session path. */
  collectFromRequest(contract: MethodContract | undefined, call: DecodedCall, path: string): void {
    if (call.credentials?.secret)
      this.add(call.credentials.secret, call.credentials.scheme === 'basic' ? 'password' : call.credentials.scheme === 'session' ? 'session' : 'token');
    const params = contract?.params ?? [];
    call.args.forEach((arg, i) => {
      const param = params[i] ?? (params.at(-1)?.variadic ? params.at(-1) : undefined);
      if (param && (param.secret || isSecretName(param.name)) && typeof arg === 'string') this.add(arg, kindOf(param.name));
      else this.collectMembers(arg, isSecretName);
    });
    for (const [name, value] of Object.entries(call.named ?? {})) {
      const param = params.find((p) => p.name === name || p.aliases?.includes(name));
      if ((param?.secret || isSecretName(name)) && typeof value === 'string') this.add(value, kindOf(name));
      else this.collectMembers(value, isSecretName);
    }
    // cpsrvd's session URLs: /cpsessNNNNNNNNNN/json-api/… (api.docs.cpanel.net, Introduction to WHM API 1).
    const session = /\/(cpsess\d+)\//.exec(path);
    if (session) this.add(session[1], 'session');
  }

  /**
   * The secrets a response carries: what a login returns (a method callable
   * without a session that takes a secret, answering a string or a tuple led
   * by one: WebFaction, Gandi and ISPConfig `login`; and Gandi's `su`, which
   * trades a session for another) and members named as sessions or tokens.
   */
  collectFromResponse(contract: MethodContract | undefined, value: unknown): void {
    const returns = contract?.returns;
    const opensSession = (contract?.auth === 'none' && contract.params.some((p) => p.secret)) || contract?.name === 'su';
    if (opensSession && returns?.type === 'string' && typeof value === 'string') this.add(value, 'session', 'response');
    if (opensSession && returns?.tuple?.[0]?.type === 'string' && Array.isArray(value) && typeof value[0] === 'string')
      this.add(value[0], 'session', 'response');
    this.collectMembers(value, (name) => isSecretName(name) || RESPONSE_SECRET.test(name), 'response');
  }

  private collectMembers(value: unknown, isSecret: (name: string) => boolean, origin: 'request' | 'response' = 'request'): void {
    if (Array.isArray(value)) for (const v of value) this.collectMembers(v, isSecret, origin);
    else if (value instanceof Map) for (const [k, v] of value) this.collectMember(String(k), v, isSecret, origin);
    else if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
      for (const [k, v] of Object.entries(value)) this.collectMember(k, v, isSecret, origin);
    }
  }

  private collectMember(name: string, value: unknown, isSecret: (name: string) => boolean, origin: 'request' | 'response'): void {
    if (isSecret(name) && typeof value === 'string') this.add(value, kindOf(name), origin);
    else this.collectMembers(value, isSecret, origin);
  }
}
