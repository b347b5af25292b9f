// PHP prints floats with zend_gcvt (main/snprintf.c) over David Gay's zend_dtoa.
// SoapServer's to_xml_double uses the `precision` ini setting (14 by default)
// with 'E'; json_encode uses `serialize_precision` (-1: shortest round-trip)
// with 'e'. Both go through the same layout rules, reproduced here from
// observed output of PHP 8.2.36 (1e20 → "1.0E+20", 2.0 → "2", 0.1+0.2 → "0.3",
// 100000000000005.0 → "1.0000000000000E+14", 1e-5 → "1.0E-5").

/** SoapServer's default: php.ini `precision = 14`. */
export const PHP_DEFAULT_PRECISION = 14;

const POW10: bigint[] = [];
function pow10(n: number): bigint {
  let p = POW10[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    POW10[n] = p;
  }
  return p;
}

const view = new DataView(new ArrayBuffer(8));

/** |value| as mantissa · 2^exponent, exactly. */
function decompose(value: number): { mantissa: bigint; exponent: number } {
  view.setFloat64(0, Math.abs(value));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  return { mantissa, exponent };
}

/**
 * The first `precision` significant digits of |value|, rounded half-to-even
 * on its exact binary value (zend_dtoa mode 2), and the decimal point
 * position (value = 0.DIGITS × 10^decpt). Trailing zeros are stripped except
 * where zend_dtoa's small-integer path keeps them: an integer below 1e15 with
 * more significant digits than `precision` and no round-up.
 */
function roundedDigits(value: number, precision: number): { digits: string; decpt: number } {
  const { mantissa, exponent } = decompose(value);
  const num = exponent >= 0 ? mantissa << BigInt(exponent) : mantissa;
  const den = exponent >= 0 ? 1n : 1n << BigInt(-exponent);
  // decpt: 10^(decpt-1) <= |value| < 10^decpt
  let decpt = Math.floor(Math.log10(Math.abs(value))) + 1;
  const below = (k: number) => (k >= 0 ? num < den * pow10(k) : num * pow10(-k) < den);
  while (!below(decpt)) decpt++;
  while (below(decpt - 1)) decpt--;

  const shift = precision - decpt;
  const sn = shift >= 0 ? num * pow10(shift) : num;
  const sd = shift >= 0 ? den : den * pow10(-shift);
  let q = sn / sd;
  const twice = (sn % sd) * 2n;
  let bumped = false;
  if (twice > sd || (twice === sd && (q & 1n) === 1n)) {
    q += 1n;
    bumped = true;
  }
  if (q === pow10(precision)) {
    q = pow10(precision - 1);
    decpt++;
  }
  let digits = q.toString();
  const keepZeros = !bumped && Number.isInteger(value) && Math.abs(value) < 1e15 && significantDigits(value) > precision;
  if (!keepZeros) digits = digits.replace(/0+$/, '') || '0';
  return { digits, decpt };
}

function significantDigits(integer: number): number {
  return BigInt(Math.abs(integer)).toString().replace(/0+$/, '').length;
}

/** Shortest round-trip digits (zend_dtoa mode 0) and the decimal point position. */
function shortestDigits(value: number): { digits: string; decpt: number } {
  const [mant, exp] = Math.abs(value).toExponential().split('e');
  return { digits: mant.replace('.', ''), decpt: Number(exp) + 1 };
}

/**
 * `value` as PHP prints it with zend_gcvt: `precision` > 0 rounds to that
 * many significant digits (SoapServer: 14), `precision` <= 0 takes the
 * shortest round-trip form with 17 as the exponent threshold (json_encode
 * with serialize_precision -1). `exponentChar` is 'E' for SOAP, 'e' for JSON.
 */
export function formatPhpFloat(value: number, precision: number = PHP_DEFAULT_PRECISION, exponentChar: 'E' | 'e' = 'E'): string {
  if (Number.isNaN(value)) return 'NAN';
  if (!Number.isFinite(value)) return value < 0 ? '-INF' : 'INF';
  const negative = value < 0 || Object.is(value, -0);
  const sign = negative ? '-' : '';
  if (value === 0) return `${sign}0`;
  const limit = precision > 0 ? precision : 17;
  const { digits, decpt } = precision > 0 ? roundedDigits(value, precision) : shortestDigits(value);

  if (decpt < 0 ? decpt < -3 : decpt > limit) {
    const e = decpt - 1;
    const rest = digits.length > 1 ? digits.slice(1) : '0';
    return `${sign}${digits[0]}.${rest}${exponentChar}${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (digits.length <= decpt) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}
