import { createHash } from 'node:crypto';
import type { HomeTree } from './home-tree.js';

/**
 * The PHP that `run_php_script` runs: a deliberately small subset, enough for
 * the scripts installers pushed through the API (write a config file, print
 * a value). Text outside `<?php … ?>` is printed as is. Inside: `echo`,
 * `print`, `$var = …`, `$var .= …`, `exit`/`die`, string and number
 * literals ("…" interpolates `$var`), `.` `+` `-` and the functions in
 * {@link FUNCTIONS}. Anything else stops with a parse error that says so.
 */
export class PhpError extends Error {}

type Value = string | number | boolean;

interface Token {
  kind: 'str' | 'num' | 'var' | 'id' | 'op' | 'interp';
  text: string;
  line: number;
}

export interface PhpEnvironment {
  tree: HomeTree;
  /** Relative paths in the script start here (the user's home). */
  cwd: string;
  scriptName: string;
}

class Exit extends Error {}

/** Runs `codeBefore` (PHP code without tags) and then the script's source; the printed output. */
export function runPhp(codeBefore: string, script: string, env: PhpEnvironment): string {
  const out: string[] = [];
  const vars = new Map<string, Value>();
  try {
    if (codeBefore.trim()) runCode(codeBefore, out, vars, env, 'Command line code');
    runTemplate(script, out, vars, env);
  } catch (error) {
    if (!(error instanceof Exit)) throw error;
  }
  return out.join('');
}

function runTemplate(source: string, out: string[], vars: Map<string, Value>, env: PhpEnvironment): void {
  let i = 0;
  let line = 1;
  // A #! line is skipped by the PHP CLI.
  if (source.startsWith('#!')) i = source.indexOf('\n') + 1 || source.length;
  while (i < source.length) {
    const open = source.indexOf('<?php', i);
    const echoOpen = source.indexOf('<?=', i);
    const at = [open, echoOpen].filter((n) => n !== -1).sort((a, b) => a - b)[0];
    if (at === undefined) {
      out.push(source.slice(i));
      return;
    }
    out.push(source.slice(i, at));
    line += (source.slice(i, at).match(/\n/g) ?? []).length;
    const start = at + (at === echoOpen ? 3 : 5);
    let close = source.indexOf('?>', start);
    if (close === -1) close = source.length;
    const code = source.slice(start, close);
    runCode(at === echoOpen ? `echo ${code};` : code, out, vars, env, env.scriptName, line);
    line += (code.match(/\n/g) ?? []).length;
    // PHP eats one newline right after `?>`.
    i = close + 2;
    if (source[i] === '\n') i++;
  }
}

function tokenize(code: string, file: string, firstLine: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = firstLine;
  const fail = (what: string): never => {
    throw parseError(what, file, line);
  };
  while (i < code.length) {
    const ch = code[i];
    if (ch === '\n') {
      line++;
      i++;
    } else if (/\s/.test(ch)) i++;
    else if (ch === '#' || code.startsWith('//', i)) {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (code.startsWith('/*', i)) {
      const end = code.indexOf('*/', i + 2);
      if (end === -1) fail('end of file');
      line += (code.slice(i, end).match(/\n/g) ?? []).length;
      i = end + 2;
    } else if (ch === "'") {
      let text = '';
      i++;
      while (i < code.length && code[i] !== "'") {
        if (code[i] === '\\' && (code[i + 1] === "'" || code[i + 1] === '\\')) i++;
        if (code[i] === '\n') line++;
        text += code[i++];
      }
      if (i >= code.length) fail('end of file');
      i++;
      tokens.push({ kind: 'str', text, line });
    } else if (ch === '"') {
      let text = '';
      i++;
      while (i < code.length && code[i] !== '"') {
        if (code[i] === '\\') {
          const next = code[i + 1];
          const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', $: '\u0000$', '0': '\0' };
          text += escapes[next] ?? `\\${next}`;
          i += 2;
          continue;
        }
        if (code[i] === '\n') line++;
        text += code[i++];
      }
      if (i >= code.length) fail('end of file');
      i++;
      tokens.push({ kind: 'interp', text, line });
    } else if (ch === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(code.slice(i));
      if (!m) fail("'$'");
      tokens.push({ kind: 'var', text: m![1], line });
      i += m![0].length;
    } else if (/[0-9]/.test(ch)) {
      const m = /^\d+(\.\d+)?/.exec(code.slice(i))!;
      tokens.push({ kind: 'num', text: m[0], line });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(code.slice(i))!;
      tokens.push({ kind: 'id', text: m[0], line });
      i += m[0].length;
    } else {
      const op = ['.=', '=', '.', ',', ';', '(', ')', '+', '-'].find((o) => code.startsWith(o, i));
      if (!op) fail(`'${ch}'`);
      tokens.push({ kind: 'op', text: op!, line });
      i += op!.length;
    }
  }
  return tokens;
}

function runCode(code: string, out: string[], vars: Map<string, Value>, env: PhpEnvironment, file: string, firstLine = 1): void {
  const tokens = tokenize(code, file, firstLine);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (t: Token | undefined): never => {
    const what = t ? (t.kind === 'var' ? `'$${t.text}'` : t.kind === 'str' || t.kind === 'interp' ? 'string' : `'${t.text}'`) : 'end of file';
    throw parseError(what, file, t?.line ?? firstLine);
  };
  const expectOp = (op: string) => {
    const t = tokens[pos];
    if (t?.kind !== 'op' || t.text !== op) fail(t);
    pos++;
  };
  const endStatement = () => {
    // The closing tag ends a statement, as in PHP.
    if (pos < tokens.length) expectOp(';');
  };

  const interpolate = (text: string): string =>
    text.replace(/(?<!\u0000)\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, name: string) => toStr(vars.get(name) ?? '')).replace(/\u0000/g, '');

  const primary = (): Value => {
    const t = tokens[pos++];
    if (!t) return fail(t);
    if (t.kind === 'str') return t.text;
    if (t.kind === 'interp') return interpolate(t.text);
    if (t.kind === 'num') return Number(t.text);
    if (t.kind === 'var') return vars.get(t.text) ?? '';
    if (t.kind === 'op' && t.text === '(') {
      const v = expression();
      expectOp(')');
      return v;
    }
    if (t.kind === 'op' && t.text === '-') return -toNum(primary());
    if (t.kind === 'id') {
      if (peek()?.kind === 'op' && peek().text === '(') {
        pos++;
        const args: Value[] = [];
        while (!(peek()?.kind === 'op' && peek().text === ')')) {
          args.push(expression());
          if (peek()?.kind === 'op' && peek().text === ',') pos++;
          else break;
        }
        expectOp(')');
        const fn = FUNCTIONS[t.text.toLowerCase()];
        if (!fn)
          throw new PhpError(`PHP Fatal error:  Uncaught Error: Call to undefined function ${t.text}() in ${file}:${t.line} (not in mockpanel's PHP subset)`);
        return fn(args, env);
      }
      const constant = CONSTANTS[t.text] ?? CONSTANTS[t.text.toLowerCase()];
      if (constant === undefined) fail(t);
      return constant;
    }
    return fail(t);
  };

  const expression = (): Value => {
    let value = primary();
    for (;;) {
      const t = peek();
      if (t?.kind !== 'op' || !['.', '+', '-'].includes(t.text)) return value;
      pos++;
      const right = primary();
      value = t.text === '.' ? toStr(value) + toStr(right) : t.text === '+' ? toNum(value) + toNum(right) : toNum(value) - toNum(right);
    }
  };

  while (pos < tokens.length) {
    const t = tokens[pos];
    if (t.kind === 'op' && t.text === ';') {
      pos++;
    } else if (t.kind === 'id' && (t.text === 'echo' || t.text === 'print')) {
      pos++;
      out.push(toStr(expression()));
      while (t.text === 'echo' && peek()?.kind === 'op' && peek().text === ',') {
        pos++;
        out.push(toStr(expression()));
      }
      endStatement();
    } else if (t.kind === 'id' && (t.text === 'exit' || t.text === 'die')) {
      pos++;
      if (peek()?.kind === 'op' && peek().text === '(') {
        pos++;
        if (!(peek()?.kind === 'op' && peek().text === ')')) {
          const v = expression();
          if (typeof v === 'string') out.push(v);
        }
        expectOp(')');
      }
      throw new Exit();
    } else if (t.kind === 'var' && tokens[pos + 1]?.kind === 'op' && (tokens[pos + 1].text === '=' || tokens[pos + 1].text === '.=')) {
      const append = tokens[pos + 1].text === '.=';
      pos += 2;
      const v = expression();
      vars.set(t.text, append ? toStr(vars.get(t.text) ?? '') + toStr(v) : v);
      endStatement();
    } else {
      expression();
      endStatement();
    }
  }
}

/** PHP's own wording, plus what the subset runs, so nobody mistakes the limit for a bug in their script. */
function parseError(what: string, file: string, line: number): PhpError {
  return new PhpError(
    `PHP Parse error:  syntax error, unexpected ${what} in ${file} on line ${line} (mockpanel runs a PHP subset: echo, print, variables, string functions, file_get_contents/file_put_contents)`,
  );
}

function toStr(v: Value): string {
  if (typeof v === 'boolean') return v ? '1' : '';
  return String(v);
}

function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = parseFloat(v);
  return Number.isNaN(n) ? 0 : n;
}

const FILE_APPEND = 8;

const CONSTANTS: Record<string, Value> = {
  PHP_EOL: '\n',
  // inferred: the seed's era ran PHP 5.x on CentOS 6 machines.
  PHP_VERSION: '5.6.40',
  FILE_APPEND,
  true: true,
  false: false,
  null: '',
};

function path(env: PhpEnvironment, p: Value): string {
  return env.tree.resolve(toStr(p), env.cwd);
}

const FUNCTIONS: Record<string, (args: Value[], env: PhpEnvironment) => Value> = {
  strtoupper: ([s]) => toStr(s ?? '').toUpperCase(),
  strtolower: ([s]) => toStr(s ?? '').toLowerCase(),
  trim: ([s]) => toStr(s ?? '').trim(),
  strlen: ([s]) => Buffer.byteLength(toStr(s ?? '')),
  str_repeat: ([s, n]) => {
    const text = toStr(s ?? '');
    const times = Math.max(0, Math.trunc(toNum(n ?? 0)));
    // PHP's memory_limit stops such scripts too; 8 MB keeps the server's memory safe.
    if (text.length * times > 8 * 1024 * 1024)
      throw new PhpError('PHP Fatal error:  Allowed memory size of 8388608 bytes exhausted (tried to allocate more in str_repeat())');
    return text.repeat(times);
  },
  str_replace: ([search, replace, subject]) =>
    toStr(subject ?? '')
      .split(toStr(search ?? ''))
      .join(toStr(replace ?? '')),
  strval: ([s]) => toStr(s ?? ''),
  intval: ([s]) => Math.trunc(toNum(s ?? 0)),
  md5: ([s]) =>
    createHash('md5')
      .update(toStr(s ?? ''))
      .digest('hex'),
  basename: ([p]) =>
    toStr(p ?? '')
      .replace(/\/+$/, '')
      .split('/')
      .pop() ?? '',
  dirname: ([p]) => toStr(p ?? '').replace(/\/[^/]*$/, '') || '.',
  phpversion: () => CONSTANTS.PHP_VERSION,
  getcwd: (_a, env) => env.cwd,
  file_exists: ([p], env) => !!env.tree.get(path(env, p ?? '')),
  is_dir: ([p], env) => env.tree.get(path(env, p ?? ''))?.kind === 'dir',
  file_get_contents: ([p], env) => {
    const entry = env.tree.get(path(env, p ?? ''));
    return entry?.kind === 'file' ? (entry.content?.toString('utf8') ?? '') : false;
  },
  file_put_contents: ([p, data, flags], env) => {
    const text = toStr(data ?? '');
    try {
      env.tree.writeFile(path(env, p ?? ''), Buffer.from(text), (toNum(flags ?? 0) & FILE_APPEND) !== 0, toStr(p ?? ''));
    } catch {
      return false;
    }
    return Buffer.byteLength(text);
  },
  mkdir: ([p], env) => {
    try {
      env.tree.mkdir(path(env, p ?? ''), false);
      return true;
    } catch {
      return false;
    }
  },
  unlink: ([p], env) => {
    try {
      const at = path(env, p ?? '');
      if (env.tree.get(at)?.kind !== 'file') return false;
      env.tree.remove(at, false);
      return true;
    } catch {
      return false;
    }
  },
};
