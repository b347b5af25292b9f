import type { ParamContract, ValueType } from '../../contracts/contract.js';
import { WireInt } from '../protocol/codec.js';
import { faults } from './faults.js';

/**
 * The members of a struct argument (`specs`, `filter`) checked against the
 * fields the contract documents for it. The dispatcher checks the struct
 * itself; its members are the panel's business.
 *
 * Leniency a real client needs: an int may come as a string of digits (the
 * doc's PHP sample sends `size` as `"2048"`), a string as an int (Perl
 * XMLRPC::Lite types `'007'` as `<int>`), a date as its XML-RPC text.
 * inferred: a member the doc does not list is refused rather than ignored,
 * so a misspelt key does not pass silently.
 */
export function structFields(contract: ParamContract | undefined, param: string, struct: unknown): Record<string, unknown> {
  const value = (struct ?? {}) as Record<string, unknown>;
  const fields = contract?.fields ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const field = fields[key];
    if (!field) throw faults.unknownField({ param, element: key, value: show(raw) });
    const types = Array.isArray(field.type) ? field.type : [field.type];
    const coerced = coerce(types, raw);
    if (coerced === undefined) {
      const fault = types.includes('datetime') ? faults.badDateFilter : faults.fieldType;
      throw fault({ element: key, value: show(raw) });
    }
    out[key] = coerced;
  }
  return out;
}

function coerce(types: ValueType[], raw: unknown): unknown {
  const v = raw instanceof WireInt ? (types.includes('string') ? raw.text : raw.value) : raw;
  for (const t of types) {
    if (t === 'int') {
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      if (typeof v === 'string' && /^\s*-?\d{1,15}\s*$/.test(v)) return Number(v);
    } else if (t === 'string') {
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return String(v);
    } else if (t === 'datetime') {
      if (v instanceof Date) return v;
      if (typeof v === 'string') return parseDate(v);
    } else if (typeof v === typeName(t)) {
      return v;
    }
  }
  return undefined;
}

const typeName = (t: ValueType) => (t === 'boolean' ? 'boolean' : t === 'double' ? 'number' : t);

const DATE = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2}):?(\d{2}))?$/;

/** `20060101T00:00:00`, `2006-01-01T00:00:00` or `2006-01-01`, read as UTC like the codec's dates. */
function parseDate(text: string): Date | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  return date.getUTCMonth() === +mo - 1 && date.getUTCDate() === +d ? date : undefined;
}

/** A value as it goes in a fault string's `[element: value]`. */
export function show(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof WireInt) return value.text;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
