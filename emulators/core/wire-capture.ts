import type { MethodContract } from '../../contracts/contract.js';
import { MAX_WIRE_CHARS, type WireRecord, type WireSource } from '../../state/journal-store.js';
import { isSecretName, REDACTED, secretParams, wireForms } from './redact.js';
import type { PanelRequest, PanelResponse } from './types.js';

/** Shorter values are not taken for secrets: as substrings they would clobber ordinary text (the journal's redactText rule). */
const MIN_SECRET = 3;
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);

/**
 * The call as it crossed the wire, for the dashboard's raw view: request and
 * response as HTTP text, each cut at MAX_WIRE_CHARS, with every secret the
 * call carried (contract-secret or secret-named arguments, a login's session,
 * credential headers) blanked in all its wire forms.
 *
 * The secrets are found now; the text is written when first read
 * ({@link WireSource.build}), since nearly every record is dropped from the
 * journal's ring unread. Until then the capture holds the request's and
 * response's parts, and of a body longer than MAX_WIRE_CHARS only a copy of
 * what the text keeps. A secret too long to hold on to (it could only match
 * an absurdly long header or query) makes the text be written at once.
 */
export function captureWire(
  request: PanelRequest,
  response: PanelResponse,
  contract: MethodContract | undefined,
  params: Record<string, unknown>,
  /** The values the journal blanks in the call's result (journalResult's `secrets`). */
  resultSecrets?: Iterable<string>,
): WireRecord | WireSource {
  const secrets = new Set<string>();
  const contractSecret = secretParams(contract);
  const collect = (name: string, value: unknown, depth: number): void => {
    if (depth > 8) return;
    if (typeof value === 'string') {
      if ((contractSecret.has(name) || isSecretName(name)) && value.length >= MIN_SECRET) secrets.add(value);
    } else if (Array.isArray(value)) value.forEach((v) => collect(name, v, depth + 1));
    else if (value && typeof value === 'object' && !Buffer.isBuffer(value) && !(value instanceof Date)) {
      for (const [k, v] of Object.entries(value)) collect(k, v, depth + 1);
    }
  };
  for (const [k, v] of Object.entries(params)) collect(k, v, 0);
  // What the journal blanks in the result (generated passwords and tokens, the session a login answers) is blanked here too.
  if (resultSecrets) for (const secret of resultSecrets) if (secret.length >= MIN_SECRET) secrets.add(secret);
  // Longest first, so a secret containing another is replaced whole.
  const forms = secrets.size ? [...secrets].sort((a, b) => b.length - a.length).flatMap(wireForms) : [];
  const capture = new WireCapture(request, response, forms);
  return forms.some((form) => form.length > MAX_HELD_SECRET) ? capture.build() : capture;
}

/** Longest secret form a capture holds for later; longer ones are used at once (see captureWire). */
const MAX_HELD_SECRET = 4 * MAX_WIRE_CHARS;

/** A body as the wire text keeps it: its first MAX_WIRE_CHARS (a copy when the body is longer, so the rest is not held) and its size. */
interface KeptBody {
  start: Buffer | string;
  size: number;
}

function keptBody(body: Buffer | string): KeptBody {
  if (body.length <= MAX_WIRE_CHARS) {
    // A small body read off a socket may be a view of a larger read (pipelined requests): copied, so only it is held.
    const pinsMore = typeof body !== 'string' && body.buffer.byteLength > body.length + 8192;
    return { start: pinsMore ? Buffer.from(body) : body, size: body.length };
  }
  // Copies: a slice or subarray would hold the whole body for as long as the record lives. UTF-16 keeps every code unit.
  const start =
    typeof body === 'string' ? Buffer.from(body.slice(0, MAX_WIRE_CHARS), 'utf16le').toString('utf16le') : Buffer.from(body.subarray(0, MAX_WIRE_CHARS));
  return { start, size: body.length };
}

class WireCapture implements WireSource {
  private readonly method: string;
  private readonly target: string;
  private readonly url: string;
  private readonly requestHeaders: Record<string, string | undefined>;
  private readonly requestBody: KeptBody;
  private readonly response: Omit<PanelResponse, 'body'> | undefined;
  private readonly responseBody: KeptBody | undefined;
  private built: WireRecord | undefined;

  constructor(
    request: PanelRequest,
    response: PanelResponse,
    private readonly forms: string[],
  ) {
    const query = request.query ? `?${request.query}` : '';
    const worldPrefix = request.world === 'default' ? '' : `/_w/${encodeURIComponent(request.world)}`;
    this.method = request.httpMethod;
    this.target = `${request.path}${query}`;
    this.url = `${worldPrefix}/${request.panel}${request.path}${query}`;
    this.requestHeaders = request.headers;
    this.requestBody = keptBody(request.body);
    if (response.transport?.kind !== 'reset') {
      this.response = { status: response.status, headers: response.headers, delayMs: response.delayMs, transport: response.transport };
      this.responseBody = keptBody(response.body);
    }
  }

  build(): WireRecord {
    if (this.built) return this.built;
    const scrub = (text: string): string => {
      let out = text;
      for (const form of this.forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
      return out;
    };
    const requestHead = [`${this.method} ${this.target} HTTP/1.1`, ...headerLines(this.requestHeaders)].join('\n');
    let responseText: string;
    if (!this.response || !this.responseBody) responseText = '(connection reset by an injected fault: no response)';
    else {
      const head = [`HTTP/1.1 ${this.response.status}`, ...headerLines(this.response.headers)];
      if (this.response.delayMs) head.push(`(answered after an injected delay of ${this.response.delayMs} ms)`);
      const cut = this.response.transport?.kind === 'truncate' ? this.response.transport.bytes : undefined;
      responseText = `${head.join('\n')}\n\n${bodyText(this.responseBody, cut)}`;
    }
    this.built = {
      request: scrub(`${requestHead}\n\n${bodyText(this.requestBody)}`),
      response: scrub(responseText),
      url: scrub(this.url),
    };
    return this.built;
  }
}

function headerLines(headers: Record<string, string | undefined>): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (SECRET_HEADERS.has(name.toLowerCase())) {
      // Keep the scheme (Basic, Bearer, whm…): it tells which kind of credentials the client sent.
      const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
      lines.push(`${name}: ${scheme && name.toLowerCase().endsWith('authorization') ? `${scheme} ` : ''}${REDACTED}`);
    } else lines.push(`${name}: ${value}`);
  }
  return lines;
}

function bodyText(body: KeptBody, truncateAt?: number): string {
  // A string answer (WHM's JSON) is cut before any conversion: an 8 MB listaccts costs what its first 16 KiB cost.
  const { start, size } = body;
  const shownSize = truncateAt === undefined ? size : Math.min(truncateAt, size);
  const keep = Math.min(shownSize, MAX_WIRE_CHARS);
  const text = typeof start === 'string' ? start.slice(0, keep) : start.subarray(0, keep).toString('utf8');
  const notes: string[] = [];
  if (shownSize > MAX_WIRE_CHARS) notes.push(`… ${shownSize - MAX_WIRE_CHARS} more ${typeof start === 'string' ? 'characters' : 'bytes'} not kept`);
  if (truncateAt !== undefined && truncateAt < size) notes.push(`(cut here by an injected fault: ${size - truncateAt} bytes never sent)`);
  return notes.length ? `${text}\n${notes.join('\n')}` : text;
}
