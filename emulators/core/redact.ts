import type { MethodContract } from '../../conformance/contracts/contract.js';

const SECRET_KEY = /^(pass(word)?|passwd|newpass|token|api_?token|secret|session_?id|accesshash|.*_password)$/i;
export const REDACTED = '[redacted]';

/**
 * Arguments as the journal keeps them: parameters the contract marks secret,
 * and struct members whose names say they are secrets, are replaced.
 */
export function redactArguments(method: MethodContract | undefined, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const secret = new Set(method?.params.filter((p) => p.secret).map((p) => p.name));
  for (const [k, v] of Object.entries(params)) out[k] = secret.has(k) || SECRET_KEY.test(k) ? REDACTED : redactValue(v);
  return out;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value === 'object' && value !== null && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redactValue(v)]));
  }
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
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
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    JSON.stringify(value).slice(1, -1),
  ]);
  return [...forms];
}
