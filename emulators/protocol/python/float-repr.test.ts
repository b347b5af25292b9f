import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pythonFloatRepr } from './float-repr.js';

// Left: the JS number; right: what Python 3.11.7's repr() printed for the same double on this machine.
const PYTHON_REPR: Array<[number, string]> = [
  [1.5, '1.5'],
  [1, '1.0'],
  [100000, '100000.0'],
  [1e16, '1e+16'],
  [1.5e16, '1.5e+16'],
  [1e-5, '1e-05'],
  [0.0001, '0.0001'],
  [0.1 + 0.2, '0.30000000000000004'],
  [123456789012345.6, '123456789012345.6'],
  [1e22, '1e+22'],
  [5e-324, '5e-324'],
  [1.7976931348623157e308, '1.7976931348623157e+308'],
  [-2.5, '-2.5'],
  [2 ** 53, '9007199254740992.0'],
  [1e15, '1000000000000000.0'],
  [9999999999999998, '9999999999999998.0'],
  [-0, '-0.0'],
  [0, '0.0'],
  [123e-20, '1.23e-18'],
  [4294967296, '4294967296.0'],
  [-1e-7, '-1e-07'],
  [Infinity, 'inf'],
  [-Infinity, '-inf'],
  [Number.NaN, 'nan'],
];

describe('pythonFloatRepr', () => {
  it.each(PYTHON_REPR)('writes %d as Python does (%s)', (value, expected) => {
    expect(pythonFloatRepr(value)).toBe(expected);
  });

  it('always reads back as the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(Object.is(Number(pythonFloatRepr(value)), value)).toBe(true);
      }),
    );
  });
});
