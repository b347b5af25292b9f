import type { MethodContract, ParamContract, ValueType } from '../../contracts/contract.js';
import type { Finding } from '../../kernel/journal-entry.js';
import { WireInt } from '../protocol/codec.js';

export interface BoundArguments {
  args: unknown[];
  params: Record<string, unknown>;
  findings: Finding[];
  /** Set when the call cannot be served: the problem, in words for the panel's fault. */
  problem?: string;
}

/**
 * Checks a decoded call against the method's contract: argument count,
 * types, required values and the documented set; fills defaults; collapses
 * variadic tails. Positional panels bind `args`; named panels (WHM) and
 * ISPConfig's JSON door bind `named` by parameter name.
 */
export function bindArguments(method: MethodContract, positional: unknown[], named: Record<string, unknown> | undefined): BoundArguments {
  const findings: Finding[] = [];
  const params: Record<string, unknown> = {};
  const args: unknown[] = [];
  const list = method.params;
  let problem: string | undefined;
  const fail = (finding: Finding) => {
    findings.push(finding);
    problem ??= finding.message;
  };

  // Named arguments win when the wire carries names (WHM query keys; ISPConfig JSON bodies, which PHP 8 binds by name).
  const byName = named !== undefined;
  if (byName) {
    for (const p of list) {
      // A documented alias (WHM's `uid or gid`) counts as the parameter itself.
      const key = [p.name, ...(p.aliases ?? [])].find((k) => Object.prototype.hasOwnProperty.call(named, k) && named[k] !== undefined);
      bindOne(p, key !== undefined, key !== undefined ? named[key] : undefined);
    }
    // Parameters the contract does not know still reach the handler (WHM takes open-ended keys such as domain-specific options).
    for (const [k, v] of Object.entries(named)) if (!(k in params)) params[k] = unwire(v);
  } else {
    const variadicAt = list.findIndex((p) => p.variadic);
    const fixed = variadicAt === -1 ? list.length : variadicAt;
    if (variadicAt === -1 && positional.length > list.length) {
      fail({
        kind: 'argument-count',
        message: `${method.name} takes at most ${list.length} argument${list.length === 1 ? '' : 's'} (${signature(method)}), ${positional.length} given`,
        hint: signature(method),
      });
    }
    for (let i = 0; i < fixed; i++) bindOne(list[i], i < positional.length, positional[i]);
    if (variadicAt !== -1) {
      const p = list[variadicAt];
      const rest = positional.slice(variadicAt).map((v, j) => check({ ...p, name: `${p.name}[${j}]` }, v));
      params[p.name] = rest;
      args.push(...rest);
    }
  }
  return { args, params, findings, problem };

  function bindOne(p: ParamContract, present: boolean, raw: unknown): void {
    if (!present || (raw === null && p.required && !accepts(p.type, 'nil'))) {
      if (p.required) {
        fail({ kind: 'missing-required', param: p.name, message: `${method.name}: missing required argument "${p.name}"`, hint: signature(method) });
        args.push(undefined);
        params[p.name] = undefined;
        return;
      }
      const value = p.default === undefined ? undefined : structuredClone(p.default);
      params[p.name] = value;
      args.push(value);
      return;
    }
    const value = check(p, raw);
    params[p.name] = value;
    args.push(value);
  }

  function check(p: ParamContract, raw: unknown): unknown {
    const value = coerce(p.type, raw);
    const actual = typeOf(value);
    if (!accepts(p.type, actual) && !(actual === 'nil' && !p.required)) {
      fail({
        kind: 'argument-type',
        param: p.name,
        message: `${method.name}: argument "${p.name}" must be ${describeType(p.type)}, got ${actual}`,
        hint: signature(method),
      });
    } else if (p.enum && !p.enum.some((allowed) => allowed === value)) {
      // Outside the documented set is worth knowing about, but the panel decides whether it is an error.
      findings.push({
        kind: 'value-not-allowed',
        param: p.name,
        message: `${method.name}: "${p.name}" = ${JSON.stringify(value)} is not one of the documented values ${JSON.stringify(p.enum)}`,
      });
    }
    return value;
  }
}

/** The documented signature, e.g. `create_domain(session_id, domain, *subdomains)`. */
export function signature(method: MethodContract): string {
  const parts = method.params.map((p) => (p.variadic ? `*${p.name}` : p.required ? p.name : `${p.name}=${JSON.stringify(p.default ?? null)}`));
  return `${method.name}(${parts.join(', ')})`;
}

function types(t: ValueType | ValueType[]): ValueType[] {
  return Array.isArray(t) ? t : [t];
}

function accepts(t: ValueType | ValueType[], actual: ValueType): boolean {
  const ts = types(t);
  if (ts.includes('any') || ts.includes(actual)) return true;
  // An int is a valid double on every wire we speak.
  return actual === 'int' && ts.includes('double');
}

function describeType(t: ValueType | ValueType[]): string {
  return types(t).join(' or ');
}

/** Wire-level leniency every real server had: Perl sends numeric strings as <int>, WHM sends everything as strings. */
function coerce(t: ValueType | ValueType[], raw: unknown): unknown {
  const ts = types(t);
  if (raw instanceof WireInt) return ts.includes('string') && !ts.includes('int') ? raw.text : raw.value;
  if (typeof raw === 'number' && ts.includes('string') && !ts.includes('int') && !ts.includes('double') && !ts.includes('any')) return String(raw);
  if (typeof raw === 'string' && !ts.includes('string') && !ts.includes('any')) {
    if ((ts.includes('int') || ts.includes('double')) && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw);
    if (ts.includes('boolean') && /^(0|1|true|false)$/i.test(raw)) return raw === '1' || raw.toLowerCase() === 'true';
  }
  return unwire(raw);
}

/** Replaces WireInts nested in structs and arrays by their numbers. */
export function unwire(value: unknown): unknown {
  if (value instanceof WireInt) return value.value;
  if (Array.isArray(value)) return value.some(needsUnwire) ? value.map(unwire) : value;
  if (isPlainObject(value)) {
    const obj = value as Record<string, unknown>;
    if (!Object.values(obj).some(needsUnwire)) return value;
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, unwire(v)]));
  }
  return value;
}

function needsUnwire(v: unknown): boolean {
  return v instanceof WireInt || Array.isArray(v) || isPlainObject(v);
}

function isPlainObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);
}

/** The contract type name of a decoded value. */
export function typeOf(value: unknown): ValueType {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (value instanceof Date) return 'datetime';
  if (Buffer.isBuffer(value)) return 'base64';
  if (Array.isArray(value)) return 'array';
  return 'struct';
}
