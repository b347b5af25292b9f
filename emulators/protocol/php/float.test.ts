import { describe, expect, it } from 'vitest';
import { formatPhpFloat } from './float.js';

// Expected texts are PHP 8.2.36's own: SoapServer's xsd:float (precision 14)
// and json_encode (serialize_precision -1), printed on this machine.
// test/third-party/php-soap-oracle.test.ts compares thousands more against PHP.

describe('formatPhpFloat, SoapServer (precision 14, "E")', () => {
  const cases: [number, string][] = [
    [1.5, '1.5'],
    [0.1, '0.1'],
    [2, '2'],
    [1e20, '1.0E+20'],
    [0.30000000000000004, '0.3'],
    [-0, '-0'],
    [Number.POSITIVE_INFINITY, 'INF'],
    [Number.NEGATIVE_INFINITY, '-INF'],
    [Number.NaN, 'NAN'],
    [1e-5, '1.0E-5'],
    [0.0001, '0.0001'],
    [123456789012345678, '1.2345678901235E+17'],
    // zend_dtoa keeps the trailing zeros of a 15-digit integer it rounds down in its integer path.
    [100000000000005, '1.0000000000000E+14'],
    [123456789012345, '1.2345678901234E+14'],
    [999999999999999, '1.0E+15'],
    [99999999999999.5, '1.0E+14'],
    // Exact ties round half to even (2^-21 = 4.76837158203125e-7).
    [4.76837158203125e-7, '4.7683715820312E-7'],
    [12345678901234.5, '12345678901234'],
    [1.5e300, '1.5E+300'],
    [5e-324, '4.9406564584125E-324'],
    [1.7976931348623157e308, '1.7976931348623E+308'],
    [0.00012345678901234567, '0.00012345678901235'],
    [1234567890123456, '1.2345678901235E+15'],
  ];
  for (const [value, text] of cases) {
    it(`${value} → ${text}`, () => expect(formatPhpFloat(value, 14, 'E')).toBe(text));
  }
});

describe('formatPhpFloat, json_encode (shortest form, "e")', () => {
  const cases: [number, string][] = [
    [0.1, '0.1'],
    [2, '2'],
    [1e20, '1.0e+20'],
    [1e16, '10000000000000000'],
    [1e17, '1.0e+17'],
    [-0, '-0'],
    [0.30000000000000004, '0.30000000000000004'],
    [1e-5, '1.0e-5'],
    [1.5e-7, '1.5e-7'],
    [123456789.125, '123456789.125'],
    [4.76837158203125e-7, '4.76837158203125e-7'],
    [5e-324, '5.0e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
  ];
  for (const [value, text] of cases) {
    it(`${value} → ${text}`, () => expect(formatPhpFloat(value, -1, 'e')).toBe(text));
  }
});
