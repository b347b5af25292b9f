import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { compileLinear, PatternError } from './linear-regex.js';
import { HANG_BOUND_MS } from '../../test/support/limits.js';

const SUBJECTS = ['', 'a', 'aaa', 'abc', 'example.com', 'alice.example.net', 'ch1me', 'x-y_z', 'AbC 12', 'foo\nbar', 'a.b', '[x]', 'aab', 'b'];
const PATTERNS = [
  '',
  'a',
  '^a',
  'a$',
  '^$',
  'ab|c',
  '^(a|b)+$',
  'a*',
  'a+b',
  'a?c',
  'a{2}',
  'a{1,2}b',
  'a{2,}',
  '.',
  '^.+\\.com$',
  'ch.*?me',
  '[a-c]+',
  '[^a-c]',
  '\\d+',
  '\\D',
  '\\w+\\.\\w+',
  '\\s',
  '\\bbar',
  'o\\B',
  '(?:ab)+',
  '(?<x>a)b',
  '[.]',
  '\\[x\\]',
  'a|',
  '(a|)+b',
  'x{',
  '[-a]',
  '[a-]',
  '[\\d.]+',
  'example\\.(com|net)$',
  '^(a+)+$',
  '(a*)*b',
  'a{0}b',
  '[\\]x]',
];

describe('compileLinear', () => {
  it.each(PATTERNS)('agrees with RegExp on %j', (pattern) => {
    const re = new RegExp(pattern);
    const mine = compileLinear(pattern);
    for (const s of SUBJECTS) expect([pattern, s, mine.test(s)]).toEqual([pattern, s, re.test(s)]);
  });

  it('matches catastrophic patterns in linear time', () => {
    const subject = `${'a'.repeat(5000)}!`;
    for (const pattern of ['^(a+)+$', '(a|a)*b', '^(a|aa)+$', '(.*a){20}x', 'a*a*a*a*a*a*b']) {
      const started = performance.now();
      expect(compileLinear(pattern).test(subject)).toBe(false);
      expect(performance.now() - started).toBeLessThan(HANG_BOUND_MS);
    }
  });

  it("reads Perl's possessive quantifier as the plain one", () => {
    expect(compileLinear('a++b').test('aab')).toBe(true);
  });

  it('refuses back-references, lookaround, malformed and oversized patterns with a PatternError', () => {
    const refused = [
      '(a',
      'a)',
      '*a',
      '\\1',
      '(?=a)',
      '(?!a)',
      '(?<=a)b',
      '[a',
      'a{3,1}',
      'x'.repeat(5000),
      '(a{100}){100}',
      `${'('.repeat(100)}a${')'.repeat(100)}`,
    ];
    for (const pattern of refused) expect(() => compileLinear(pattern), pattern.slice(0, 20)).toThrow(PatternError);
  });
});
