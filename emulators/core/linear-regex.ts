import { createRequire } from 'node:module';
import type { RE2JS as RE2JSClass } from 're2js';
import { MAX_PATTERN_LENGTH } from './bounds.js';

/**
 * User-supplied regular expressions (WHM `listaccts`/`showbw` `search`, the
 * WebFaction shell's grep and globs) are matched by RE2 (the re2js port):
 * its cost is linear in the subject, so `^(a+)+$` or `(a|a)*b` cost what
 * `a+` does and no caller can hold the event loop with a pattern. It takes
 * the Perl/JavaScript syntax panels' search fields are used with; what needs
 * backtracking (back-references, lookaround) is refused as a PatternError, as
 * are patterns past MAX_PATTERN_LENGTH, nested past MAX_GROUP_DEPTH, or whose
 * repetitions RE2 finds too large (its own limit: counts of 1000 in all).
 *
 * Perl's own engine (cPanel's) caches super-linear backtracking, so such
 * patterns end quickly there too: a linear engine is faithful to what a WHM
 * caller sees, only without the cost.
 */
export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

/** Deepest group nesting accepted; RE2's own is 1000, far more than a search field needs. */
const MAX_GROUP_DEPTH = 64;

export interface LinearRegex {
  /** True when the pattern matches somewhere in `subject` (as RegExp.prototype.test without flags). */
  test(subject: string): boolean;
}

// Loaded on first use, synchronously (its CommonJS build): most servers never compile a user pattern,
// so start-up does not pay for the engine.
let engine: typeof RE2JSClass | undefined;
const re2 = (): typeof RE2JSClass => (engine ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof RE2JSClass }).RE2JS);

/** Compiles `pattern`, or throws a PatternError saying what is not accepted. */
export function compileLinear(pattern: string): LinearRegex {
  if (pattern.length > MAX_PATTERN_LENGTH) throw new PatternError(`pattern longer than ${MAX_PATTERN_LENGTH} characters`);
  const source = perlToRe2(pattern);
  let compiled: RE2JSClass;
  try {
    compiled = re2().compile(source);
  } catch (error) {
    const message = (error as Error).message.replace(/^error parsing regexp: /, '');
    // RE2's size limits ("invalid repeat count", "expression too large") are complexity, not syntax.
    throw new PatternError(/repeat count|too large/.test(message) ? `pattern too complex (${message})` : message);
  }
  return { test: (subject) => compiled.matcher(subject).find() };
}

/**
 * What Perl accepts and RE2 reads otherwise: a possessive quantifier (`a++`,
 * `a*+`, `a?+`, `a{2}+`) matches the same set of strings as the plain one
 * when only "does it match" is asked, so its `+` is dropped. Also measures
 * group nesting. Escapes and character classes are skipped over whole.
 */
function perlToRe2(pattern: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += pattern.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === '[') {
      // A class runs to the first unescaped ] after its first member (`[]a]` and `[^]a]` keep the ] as a member).
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      out += pattern.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === '(') {
      depth++;
      if (depth > MAX_GROUP_DEPTH) throw new PatternError(`pattern too complex (groups nested deeper than ${MAX_GROUP_DEPTH})`);
    } else if (c === ')') depth--;
    out += c;
    if ((c === '*' || c === '+' || c === '?' || c === '}') && pattern[i + 1] === '+' && quantifies(out)) i++;
  }
  return out;
}

/** Whether the character just written (a `*`, `+`, `?` or `}`) is a quantifier rather than a literal brace. */
function quantifies(written: string): boolean {
  if (!written.endsWith('}')) return true;
  return /\{\d+(,\d*)?\}$/.test(written);
}
