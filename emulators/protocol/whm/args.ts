/**
 * Reading WHM arguments the way WHM functions do. The codec leaves values
 * as the wire sent them (strings; arrays for repeated keys); handlers use
 * these helpers to interpret booleans and multi-valued parameters.
 */

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n']);

/**
 * A WHM Boolean argument: `1`/`0` as documented ("Boolean" means 1 or 0,
 * WHM API 1 introduction), plus `true`/`false` because cpanel-rest-api sends
 * JS booleans as words (npm cpanel-rest-api 0.1.1), plus
 * `y`/`n`/`yes`/`no` used by flags such as createacct's `spambox`.
 * Case-insensitive. Returns undefined for anything else (absent, '', 'maybe')
 * so the caller can apply the documented default or fault.
 */
export function whmBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (Array.isArray(value)) return whmBoolean(value[0]);
  if (typeof value !== 'string') return undefined;
  const word = value.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

const SUFFIXED = /^(.*)-(\d+)$/;

/**
 * All values of a multi-valued WHM parameter, in WHM's order: the plain key
 * first (every value when it was repeated), then `key-0`, `key-1`, … by
 * number. WHM reads lists this way whether the caller repeated the key
 * (`domain=a&domain=b`) or numbered it (`acl-0=…&acl-1=…`); observed in
 * Cpanel::Form::Param, which sorts `key-N` by N after the bare key.
 */
export function whmList(named: Record<string, unknown> | undefined, key: string): unknown[] {
  if (!named) return [];
  const out: unknown[] = [];
  const push = (v: unknown) => {
    if (Array.isArray(v)) out.push(...v);
    else if (v !== undefined) out.push(v);
  };
  if (Object.prototype.hasOwnProperty.call(named, key)) push(named[key]);
  const numbered: { n: number; value: unknown }[] = [];
  for (const k of Object.keys(named)) {
    const m = SUFFIXED.exec(k);
    if (m && m[1] === key) numbered.push({ n: Number(m[2]), value: named[k] });
  }
  numbered.sort((a, b) => a.n - b.n);
  for (const { value } of numbered) push(value);
  return out;
}
