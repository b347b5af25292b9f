import type { MethodContract } from '../../contracts/contract.js';
import { MAX_WIRE_CHARS, type WireRecord } from '../../state/journal-store.js';
import { isSecretName, REDACTED, wireForms } from './redact.js';
import type { PanelRequest, PanelResponse } from './types.js';

/** Shorter values are not taken for secrets: as substrings they would clobber ordinary text (the journal's redactText rule). */
const MIN_SECRET = 3;
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);

/**
 * The call as it crossed the wire, for the dashboard's raw view: request and
 * response as HTTP text, each cut at MAX_WIRE_CHARS, with every secret the
 * call carried (contract-secret or secret-named arguments, a login's session,
 * credential headers) blanked in all its wire forms.
 */
export function captureWire(
  request: PanelRequest,
  response: PanelResponse,
  contract: MethodContract | undefined,
  params: Record<string, unknown>,
  /** The values the journal blanks in the call's result (journalResult's `secrets`). */
  resultSecrets?: Iterable<string>,
): WireRecord {
  const secrets = new Set<string>();
  const contractSecret = new Set(contract?.params.filter((p) => p.secret).map((p) => p.name));
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
  const forms = [...secrets].sort((a, b) => b.length - a.length).flatMap(wireForms);
  const scrub = (text: string): string => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };

  const query = request.query ? `?${request.query}` : '';
  const worldPrefix = request.world === 'default' ? '' : `/_w/${encodeURIComponent(request.world)}`;
  const requestHead = [`${request.httpMethod} ${request.path}${query} HTTP/1.1`, ...headerLines(request.headers)].join('\n');
  let responseText: string;
  if (response.transport?.kind === 'reset') responseText = '(connection reset by an injected fault: no response)';
  else {
    const head = [`HTTP/1.1 ${response.status}`, ...headerLines(response.headers)];
    if (response.delayMs) head.push(`(answered after an injected delay of ${response.delayMs} ms)`);
    const cut = response.transport?.kind === 'truncate' ? response.transport.bytes : undefined;
    responseText = `${head.join('\n')}\n\n${bodyText(response.body, cut)}`;
  }
  return {
    request: scrub(`${requestHead}\n\n${bodyText(request.body)}`),
    response: scrub(responseText),
    url: scrub(`${worldPrefix}/${request.panel}${request.path}${query}`),
  };
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

function bodyText(body: Buffer | string, truncateAt?: number): string {
  // A string answer (WHM's JSON) is cut before any conversion: an 8 MB listaccts costs what its first 16 KiB cost.
  const size = typeof body === 'string' ? body.length : body.length;
  const shownSize = truncateAt === undefined ? size : Math.min(truncateAt, size);
  const keep = Math.min(shownSize, MAX_WIRE_CHARS);
  const text = typeof body === 'string' ? body.slice(0, keep) : body.subarray(0, keep).toString('utf8');
  const notes: string[] = [];
  if (shownSize > MAX_WIRE_CHARS) notes.push(`… ${shownSize - MAX_WIRE_CHARS} more ${typeof body === 'string' ? 'characters' : 'bytes'} not kept`);
  if (truncateAt !== undefined && truncateAt < size) notes.push(`(cut here by an injected fault: ${size - truncateAt} bytes never sent)`);
  return notes.length ? `${text}\n${notes.join('\n')}` : text;
}
