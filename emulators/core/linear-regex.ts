import { MAX_PATTERN_LENGTH } from './bounds.js';

/**
 * A regular-expression matcher whose cost is linear in the subject: a
 * Thompson NFA run breadth-first (Pike's VM without captures), so
 * `^(a+)+$` or `(a|a)*b` cost the same as `a+`. It takes the common
 * Perl/JavaScript subset panels' search fields are used with: literals,
 * escapes (`\d \w \s` and negations, `\.`), `.`, classes with ranges and
 * negation, groups (`(…)`, `(?:…)`, `(?<name>…)`), alternation, `*`, `+`,
 * `?`, `{n}`, `{n,}`, `{n,m}` (lazy and possessive forms match the same set),
 * and the `^`, `$`, `\b`, `\B` assertions. Back-references and lookaround
 * need backtracking and are refused as a PatternError, as is a pattern
 * whose program would be larger than MAX_PROGRAM steps.
 *
 * Perl's own engine (cPanel's) caches super-linear backtracking, so such
 * patterns end quickly there too: a linear engine is faithful to what a
 * WHM caller sees, only without the cost.
 */
export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

/** Most NFA instructions a pattern may compile to (`x{1000}` counts 1000): bounds the work per subject character. */
export const MAX_PROGRAM = 2000;

const MAX_GROUP_DEPTH = 64;

type CharTest = (c: number) => boolean;
type Inst =
  | { op: 'char'; test: CharTest }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; to: number }
  | { op: 'assert'; kind: '^' | '$' | 'b' | 'B' }
  | { op: 'match' };

/** AST */
type Node =
  | { t: 'char'; test: CharTest }
  | { t: 'assert'; kind: '^' | '$' | 'b' | 'B' }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'repeat'; node: Node; min: number; max: number };

export interface LinearRegex {
  /** True when the pattern matches somewhere in `subject` (as RegExp.prototype.test without flags). */
  test(subject: string): boolean;
}

/** Compiles `pattern`, or throws a PatternError saying what is not accepted. */
export function compileLinear(pattern: string): LinearRegex {
  if (pattern.length > MAX_PATTERN_LENGTH) throw new PatternError(`pattern longer than ${MAX_PATTERN_LENGTH} characters`);
  const ast = new Parser(pattern).parse();
  const program: Inst[] = [];
  emit(ast, program);
  program.push({ op: 'match' });
  return { test: (subject) => run(program, subject) };
}

const isDigit: CharTest = (c) => c >= 48 && c <= 57;
const isWord: CharTest = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: CharTest = (c) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
const not = (f: CharTest): CharTest => (c) => !f(c);
const is =
  (code: number): CharTest =>
  (c) =>
    c === code;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new PatternError(`unmatched ) at position ${this.i}`);
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      let atom = this.atom();
      for (;;) {
        const q = this.quantifier();
        if (!q) break;
        if (atom.t === 'assert') throw new PatternError(`nothing to repeat at position ${this.i}`);
        atom = { t: 'repeat', node: atom, ...q };
      }
      items.push(atom);
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.src[this.i];
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d{1,6})(,(\d{0,6}))?\}/.exec(this.src.slice(this.i, this.i + 16));
      if (!m) return undefined; // a literal brace, as in Perl
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) throw new PatternError(`numbers out of order in {} quantifier at position ${this.i}`);
      this.i += m[0].length - 1;
      q = { min, max };
    } else return undefined;
    this.i++;
    // Lazy (`*?`) and possessive (`*+`) forms: only whether it matches counts here, and it is the same.
    if (this.src[this.i] === '?' || this.src[this.i] === '+') this.i++;
    return q;
  }

  private atom(): Node {
    const c = this.src[this.i++];
    switch (c) {
      case '(': {
        if (this.src[this.i] === '?') {
          const rest = this.src.slice(this.i, this.i + 3);
          if (rest.startsWith('?:')) this.i += 2;
          else if (/^\?<[A-Za-z_]/.test(rest)) {
            const end = this.src.indexOf('>', this.i);
            if (end < 0) throw new PatternError('unterminated group name');
            this.i = end + 1;
          } else throw new PatternError(`unsupported group construct (?${this.src[this.i + 1] ?? ''} (lookaround and inline flags need a backtracking engine)`);
        }
        // The parser recurses once per group: bound it well below the stack.
        if (++this.depth > MAX_GROUP_DEPTH) throw new PatternError(`groups nest deeper than ${MAX_GROUP_DEPTH}`);
        const inner = this.alternation();
        this.depth--;
        if (this.src[this.i] !== ')') throw new PatternError('missing )');
        this.i++;
        return inner;
      }
      case ')':
        throw new PatternError(`unmatched ) at position ${this.i - 1}`);
      case '*':
      case '+':
      case '?':
        throw new PatternError(`nothing to repeat at position ${this.i - 1}`);
      case '.':
        return { t: 'char', test: (x) => x !== 10 && x !== 13 && x !== 0x2028 && x !== 0x2029 };
      case '^':
        return { t: 'assert', kind: '^' };
      case '$':
        return { t: 'assert', kind: '$' };
      case '[':
        return { t: 'char', test: this.charClass() };
      case '\\': {
        const e = this.src[this.i++];
        if (e === undefined) throw new PatternError('trailing \\');
        if (e === 'b' || e === 'B') return { t: 'assert', kind: e };
        return { t: 'char', test: this.escape(e) };
      }
      default:
        return { t: 'char', test: is(c.charCodeAt(0)) };
    }
  }

  /** An escape after the backslash, outside or inside a class. */
  private escape(e: string): CharTest {
    switch (e) {
      case 'd':
        return isDigit;
      case 'D':
        return not(isDigit);
      case 'w':
        return isWord;
      case 'W':
        return not(isWord);
      case 's':
        return isSpace;
      case 'S':
        return not(isSpace);
      case 'n':
        return is(10);
      case 'r':
        return is(13);
      case 't':
        return is(9);
      case 'f':
        return is(12);
      case 'v':
        return is(11);
      case '0':
        return is(0);
      case 'x': {
        const hex = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.i, this.i + 2));
        if (!hex) throw new PatternError('bad \\x escape');
        this.i += 2;
        return is(parseInt(hex[0], 16));
      }
      default:
        if (/[1-9]/.test(e)) throw new PatternError('back-references are not supported (they need a backtracking engine)');
        if (/[A-Za-z]/.test(e)) throw new PatternError(`unsupported escape \\${e}`);
        return is(e.charCodeAt(0));
    }
  }

  private charClass(): CharTest {
    const negate = this.src[this.i] === '^';
    if (negate) this.i++;
    const parts: CharTest[] = [];
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      const lo = this.classAtom();
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length && typeof lo === 'number') {
        this.i++;
        const hi = this.classAtom();
        if (typeof hi !== 'number') throw new PatternError('bad character range');
        if (hi < lo) throw new PatternError('range out of order in character class');
        parts.push((c) => c >= lo && c <= hi);
      } else parts.push(typeof lo === 'number' ? is(lo) : lo);
    }
    if (this.src[this.i] !== ']') throw new PatternError('unterminated character class');
    this.i++;
    const any: CharTest = (c) => parts.some((p) => p(c));
    return negate ? not(any) : any;
  }

  /** One class member: a code point, or a test for an escape class such as \d. */
  private classAtom(): number | CharTest {
    const c = this.src[this.i++];
    if (c !== '\\') return c.charCodeAt(0);
    const e = this.src[this.i++];
    if (e === undefined) throw new PatternError('trailing \\');
    if (e === 'b') return 8;
    const test = this.escape(e);
    // Single-character escapes become code points so they can start or end a range.
    const single = ['n', 'r', 't', 'f', 'v', '0', 'x'].includes(e) || !/[A-Za-z0-9]/.test(e);
    if (single) {
      for (let code = 0; code < 256; code++) if (test(code)) return code;
    }
    return test;
  }
}

function size(node: Node): number {
  switch (node.t) {
    case 'char':
    case 'assert':
      return 1;
    case 'seq':
      return node.items.reduce((n, item) => n + size(item), 0);
    case 'alt':
      return node.options.reduce((n, o) => n + size(o) + 2, 0);
    case 'repeat': {
      const inner = size(node.node) + 2;
      return inner * Math.max(1, node.min) + (node.max === Infinity ? inner : inner * (node.max - node.min));
    }
  }
}

function emit(node: Node, out: Inst[]): void {
  if (size(node) > MAX_PROGRAM) throw new PatternError(`pattern too complex (more than ${MAX_PROGRAM} steps)`);
  gen(node, out);
}

function gen(node: Node, out: Inst[]): void {
  switch (node.t) {
    case 'char':
      out.push({ op: 'char', test: node.test });
      return;
    case 'assert':
      out.push({ op: 'assert', kind: node.kind });
      return;
    case 'seq':
      for (const item of node.items) gen(item, out);
      return;
    case 'alt': {
      const jumps: Inst[] = [];
      node.options.forEach((option, k) => {
        if (k < node.options.length - 1) {
          const split = { op: 'split', x: out.length + 1, y: 0 } as Extract<Inst, { op: 'split' }>;
          out.push(split);
          gen(option, out);
          const jmp = { op: 'jmp', to: 0 } as Extract<Inst, { op: 'jmp' }>;
          out.push(jmp);
          jumps.push(jmp);
          split.y = out.length;
        } else gen(option, out);
      });
      for (const j of jumps) (j as Extract<Inst, { op: 'jmp' }>).to = out.length;
      return;
    }
    case 'repeat': {
      for (let k = 0; k < node.min; k++) gen(node.node, out);
      if (node.max === Infinity) {
        // L: split body, end; body; jmp L
        const start = out.length;
        const split = { op: 'split', x: start + 1, y: 0 } as Extract<Inst, { op: 'split' }>;
        out.push(split);
        gen(node.node, out);
        out.push({ op: 'jmp', to: start });
        split.y = out.length;
        return;
      }
      const splits: Extract<Inst, { op: 'split' }>[] = [];
      for (let k = node.min; k < node.max; k++) {
        const split = { op: 'split', x: out.length + 1, y: 0 } as Extract<Inst, { op: 'split' }>;
        out.push(split);
        splits.push(split);
        gen(node.node, out);
      }
      for (const s of splits) s.y = out.length;
    }
  }
}

/** Breadth-first simulation: every thread advances one character at a time; a state is visited once per position. */
function run(program: Inst[], subject: string): boolean {
  const n = subject.length;
  let current: number[] = [];
  let next: number[] = [];
  const seen = new Int32Array(program.length).fill(-1);
  const stack: number[] = [];
  let generation = 0;

  const word = (at: number) => at >= 0 && at < n && isWord(subject.charCodeAt(at));
  /** Follows jumps, splits and assertions from `pc` at position `at`; true when a match state is reached. */
  const add = (list: number[], pc: number, at: number): boolean => {
    stack.push(pc);
    while (stack.length) {
      const p = stack.pop()!;
      if (seen[p] === generation) continue;
      seen[p] = generation;
      const inst = program[p];
      switch (inst.op) {
        case 'match':
          stack.length = 0;
          return true;
        case 'jmp':
          stack.push(inst.to);
          break;
        case 'split':
          stack.push(inst.y, inst.x);
          break;
        case 'assert': {
          const ok =
            inst.kind === '^'
              ? at === 0
              : inst.kind === '$'
                ? at === n
                : (word(at - 1) !== word(at)) === (inst.kind === 'b');
          if (ok) stack.push(p + 1);
          break;
        }
        case 'char':
          list.push(p);
      }
    }
    return false;
  };

  for (let at = 0; at <= n; at++) {
    // Unanchored search: a new thread starts at every position.
    if (add(current, 0, at)) return true;
    if (at === n) break;
    generation++;
    const c = subject.charCodeAt(at);
    next.length = 0;
    for (const pc of current) {
      const inst = program[pc] as Extract<Inst, { op: 'char' }>;
      if (inst.test(c) && add(next, pc + 1, at + 1)) return true;
    }
    [current, next] = [next, current];
  }
  return false;
}
