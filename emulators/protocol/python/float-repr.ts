/**
 * A double written the way Python's `repr(float)` writes it, which is what
 * xmlrpc.client's Marshaller puts inside `<double>` (both real panels ran
 * Python servers): the shortest round-trip digits, positional notation for
 * exponents -4..15 with at least one decimal (`1.0`, `100000.0`), scientific
 * otherwise with a signed two-digit exponent (`1e+16`, `1e-05`), and
 * `inf`/`-inf`/`nan`. Checked against Python 3.11 output in
 * fixtures/captures/xmlrpc/python-simplexmlrpcserver/floats.response.http.
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';

  // toExponential() without an argument gives the shortest digits that round-trip, as repr does.
  const [mantissa, exp] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exp);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';

  if (exponent >= -4 && exponent < 16) {
    let text: string;
    if (exponent < 0) {
      text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
    } else if (digits.length <= exponent + 1) {
      text = `${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
    } else {
      text = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
    }
    return sign + text;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exponent < 0 ? '-' : '+';
  const expDigits = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${head}e${expSign}${expDigits}`;
}
