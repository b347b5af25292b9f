/**
 * How WHM's Perl code reads a wire value. WHM parses every argument as a
 * Perl scalar, so "14M" compares numerically as 14, "false" is true, and a
 * missing value is undef. These helpers give the emulator the same reading.
 */

const LEADING_NUMBER = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;

/** A JSON value as Perl would see it in a scalar: undef for null/absent, '1'/'0' for JSON booleans. */
export function perlString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  // JSON::PP::Boolean stringifies to 1 and 0.
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

/** Perl's numeric value of a scalar: the leading number of a string ("14M" → 14), else 0. */
export function perlNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = perlString(value);
  if (text === undefined) return 0;
  // A plain integer such as api.version's "1" reads as itself: no pattern needed for the commonest argument.
  const plain = +text;
  if (Number.isSafeInteger(plain) && String(plain) === text) return plain;
  const m = LEADING_NUMBER.exec(text);
  if (!m) {
    // Perl also reads "inf"/"nan" words, which never matter for WHM arguments.
    return 0;
  }
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : 0;
}

/** Perl's `int $value`: the numeric value truncated toward zero. */
export function perlInt(value: unknown): number {
  return Math.trunc(perlNumber(value));
}

/** Perl truthiness: undef, '' and '0' are false; everything else, including "false" and "0.0", is true. */
export function perlTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value !== '' && value !== '0';
  // References (objects, arrays) are always true in Perl.
  return true;
}
