import { compileLinear, PatternError, type LinearRegex } from '../core/linear-regex.js';
import { FsError, type Entry, type HomeTree } from './home-tree.js';

/**
 * The small scripted shell behind `system(cmd)` (seed § system: run "as if
 * through SSH"; anything on standard error becomes a fault). It runs over
 * the account's home tree in the database, never on the host.
 *
 * Grammar: commands joined by `;`, `&&`, `||`, newlines and `|`; words with
 * '…', "…", backslashes, `$VAR`/`${VAR}` and `*`/`?` globs; redirections
 * `>`, `>>`, `<`, `2>`, `2>>`, `2>&1`, `&>`. Commands are listed in
 * {@link COMMANDS}; anything else is "command not found", as bash says it.
 */
export interface ShellEnvironment {
  tree: HomeTree;
  cwd: string;
  user: string;
  home: string;
  hostname: string;
  nowSeconds: number;
  /** `crontab -l`: the account's cron lines. */
  crontab(): string[];
  /** `getfacl PATH`: the Apache ACL set with set_apache_acl, if any. */
  apacheAcl(path: string): { permission: string; recursive: boolean } | undefined;
}

export interface ShellResult {
  stdout: string;
  stderr: string;
  status: number;
}

interface Redirect {
  fd: 1 | 2 | 0;
  op: '>' | '>>' | '<' | '>&1' | '&>';
  target: string;
}

interface Simple {
  words: string[];
  redirects: Redirect[];
}

type Op = ';' | '&&' | '||';

interface Pipeline {
  commands: Simple[];
  /** How this pipeline joins the previous one. */
  after: Op;
}

class ShellSyntaxError extends Error {}

interface Io {
  stdin: string;
  out: string[];
  err: string[];
}

type Command = (args: string[], io: Io, shell: Shell) => number;

const EXIT_NOT_FOUND = 127;

/** Runs a command line; stdout, stderr and the last exit status. */
export function runShell(cmd: string, env: ShellEnvironment): ShellResult {
  const shell = new Shell(env);
  let pipelines: Pipeline[];
  try {
    pipelines = parse(cmd);
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    return { stdout: '', stderr: `bash: -c: line 1: ${error.message}\n`, status: 2 };
  }
  const out: string[] = [];
  const err: string[] = [];
  let status = 0;
  for (const p of pipelines) {
    if ((p.after === '&&' && status !== 0) || (p.after === '||' && status === 0)) continue;
    status = shell.pipeline(p.commands, out, err);
  }
  return { stdout: out.join(''), stderr: err.join(''), status };
}

// ---------------------------------------------------------------- parsing

type Token = { kind: 'word'; parts: WordPart[] } | { kind: 'op'; op: string };
/** A word as typed: literal pieces (quoted or not) and unquoted pieces that may expand. */
type WordPart = { text: string; quoted: boolean };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let parts: WordPart[] | undefined;
  const push = (text: string, quoted: boolean) => {
    parts ??= [];
    parts.push({ text, quoted });
  };
  const endWord = () => {
    if (parts) tokens.push({ kind: 'word', parts });
    parts = undefined;
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') {
      endWord();
      i++;
    } else if (ch === '#' && !parts) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (ch === "'") {
      const end = src.indexOf("'", i + 1);
      if (end === -1) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      push(src.slice(i + 1, end), true);
      i = end + 1;
    } else if (ch === '"') {
      let text = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && '"\\$`'.includes(src[i + 1] ?? '')) {
          text += src[i + 1];
          i += 2;
        } else if (src[i] === '$') {
          const [value, next] = variable(src, i);
          text += value ?? '$';
          i = next;
        } else text += src[i++];
      }
      if (i >= src.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      push(text, true);
      i++;
    } else if (ch === '\\') {
      if (src[i + 1] === '\n') i += 2;
      else {
        push(src[i + 1] ?? '', true);
        i += 2;
      }
    } else if (ch === '$') {
      const [value, next] = variable(src, i);
      // Expanded text is not re-split into words: a simplification of bash's field splitting.
      push(value ?? '$', true);
      i = next;
    } else {
      const op = ['2>&1', '&>', '2>>', '>>', '2>', '&&', '||', '>', '<', '|', ';', '\n'].find((o) => src.startsWith(o, i));
      // `2>` only counts as an operator at the start of a word.
      if (op && !(op.startsWith('2') && parts)) {
        endWord();
        tokens.push({ kind: 'op', op });
        i += op.length;
      } else if (ch === '&') {
        throw new ShellSyntaxError("background jobs (`&') are not supported by mockpanel's shell");
      } else if (ch === '`' || (ch === '(' && !parts)) {
        throw new ShellSyntaxError(`syntax error near unexpected token \`${ch}'`);
      } else {
        push(ch, false);
        i++;
      }
    }
  }
  endWord();
  return tokens;
}

/** Reads `$NAME` or `${NAME}` at src[i]; the value is a placeholder resolved later (undefined: a lone `$`). */
function variable(src: string, i: number): [string | undefined, number] {
  const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(src.slice(i));
  const plain = /^\$([A-Za-z_][A-Za-z0-9_]*|\?)/.exec(src.slice(i));
  const m = braced ?? plain;
  if (!m) return [undefined, i + 1];
  return [`\u0001${m[1]}\u0001`, i + m[0].length];
}

function parse(src: string): Pipeline[] {
  const tokens = tokenize(src);
  const pipelines: Pipeline[] = [];
  let after: Op = ';';
  let commands: Simple[] = [];
  let current: Simple = { words: [], redirects: [] };
  const wordText = (t: Token | undefined, near: string): WordPart[] => {
    if (t?.kind !== 'word') throw new ShellSyntaxError(`syntax error near unexpected token \`${near}'`);
    return t.parts;
  };
  const finishCommand = (op: string) => {
    if (!current.words.length && !current.redirects.length) throw new ShellSyntaxError(`syntax error near unexpected token \`${op}'`);
    commands.push(current);
    current = { words: [], redirects: [] };
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'word') {
      current.words.push(encodeParts(t.parts));
      continue;
    }
    switch (t.op) {
      case '>':
      case '>>':
      case '<':
      case '&>':
        current.redirects.push({
          fd: t.op === '<' ? 0 : 1,
          op: t.op === '&>' ? '&>' : (t.op as Redirect['op']),
          target: encodeParts(wordText(tokens[++i], 'newline')),
        });
        break;
      case '2>':
      case '2>>':
        current.redirects.push({ fd: 2, op: t.op === '2>' ? '>' : '>>', target: encodeParts(wordText(tokens[++i], 'newline')) });
        break;
      case '2>&1':
        current.redirects.push({ fd: 2, op: '>&1', target: '' });
        break;
      case '|':
        finishCommand('|');
        break;
      default: {
        // ; && || newline: end of a pipeline (an empty one is fine after ; or a newline).
        if (current.words.length || current.redirects.length) finishCommand(t.op);
        if (commands.length) pipelines.push({ commands, after });
        else if (t.op === '&&' || t.op === '||') throw new ShellSyntaxError(`syntax error near unexpected token \`${t.op}'`);
        commands = [];
        after = t.op === '\n' ? ';' : (t.op as Op);
      }
    }
  }
  if (current.words.length || current.redirects.length) commands.push(current);
  if (commands.length) pipelines.push({ commands, after });
  else if (after === '&&' || after === '||') throw new ShellSyntaxError('syntax error: unexpected end of file');
  return pipelines;
}

/** Words keep unquoted glob characters marked with \u0002 so quoted ones stay literal. */
function encodeParts(parts: WordPart[]): string {
  return parts.map((p) => (p.quoted ? p.text : p.text.replace(/[*?]/g, (g) => `\u0002${g}`))).join('');
}

// ---------------------------------------------------------------- running

class Shell {
  cwd: string;
  status = 0;
  readonly vars: Record<string, string>;

  constructor(readonly env: ShellEnvironment) {
    this.cwd = env.cwd;
    this.vars = { HOME: env.home, USER: env.user, LOGNAME: env.user, SHELL: '/bin/bash', HOSTNAME: env.hostname };
  }

  pipeline(commands: Simple[], out: string[], err: string[]): number {
    let stdin = '';
    let status = 0;
    commands.forEach((command, index) => {
      const last = index === commands.length - 1;
      const io: Io = { stdin, out: [], err: [] };
      status = this.simple(command, io);
      err.push(...io.err);
      if (last) out.push(...io.out);
      else stdin = io.out.join('');
    });
    this.status = status;
    return status;
  }

  private simple(command: Simple, io: Io): number {
    const words = command.words.flatMap((w) => this.expand(w));
    let stdoutTo: { path: string; append: boolean; shown: string } | undefined;
    let stderrTo: { path: string; append: boolean; shown: string } | 'stdout' | 'null' | undefined;
    for (const r of command.redirects) {
      const target = this.substitute(r.target);
      if (r.op === '>&1') {
        stderrTo = 'stdout';
        continue;
      }
      if (r.fd === 0) {
        try {
          io.stdin = this.env.tree.readFile(this.path(target), target).toString('utf8');
        } catch (error) {
          return this.fsFail(io, error, (e) => `bash: ${target}: ${e.reason}`);
        }
        continue;
      }
      if (target === '/dev/null') {
        if (r.fd === 2 || r.op === '&>') stderrTo = 'null';
        if (r.fd === 1) stdoutTo = { path: '', append: false, shown: '/dev/null' };
        continue;
      }
      let path: string;
      try {
        path = this.path(target);
        // bash opens (and truncates) the file before the command runs.
        this.env.tree.writeFile(path, Buffer.alloc(0), true, target);
        if (r.op === '>') this.env.tree.writeFile(path, Buffer.alloc(0), false, target);
      } catch (error) {
        return this.fsFail(io, error, (e) => `bash: ${target}: ${e.reason}`);
      }
      const dest = { path, append: r.op === '>>', shown: target };
      if (r.op === '&>') {
        stdoutTo = dest;
        stderrTo = 'stdout';
      } else if (r.fd === 1) stdoutTo = dest;
      else stderrTo = dest;
    }

    const run: Io = { stdin: io.stdin, out: [], err: [] };
    let status = 0;
    if (words.length) {
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words[0]);
      if (assignment && words.length === 1) this.vars[assignment[1]] = assignment[2];
      else {
        const fn = COMMANDS[words[0]];
        if (!fn) {
          run.err.push(`bash: ${words[0]}: command not found\n`);
          status = EXIT_NOT_FOUND;
        } else status = fn(words.slice(1), run, this);
      }
    }

    const stdout = run.out.join('');
    const stderr = run.err.join('');
    if (stderrTo === 'stdout') run.out.push(stderr);
    else if (stderrTo !== 'null' && stderrTo) this.env.tree.writeFile(stderrTo.path, Buffer.from(stderr), true, stderrTo.shown);
    else if (stderrTo !== 'null') io.err.push(stderr);
    const combined = stderrTo === 'stdout' ? stdout + stderr : stdout;
    if (stdoutTo) {
      if (stdoutTo.path) this.env.tree.writeFile(stdoutTo.path, Buffer.from(combined), true, stdoutTo.shown);
    } else io.out.push(combined);
    return status;
  }

  fsFail(io: Io, error: unknown, message: (e: FsError) => string): number {
    if (!(error instanceof FsError)) throw error;
    io.err.push(`${message(error)}\n`);
    return 1;
  }

  /** Variables resolved; glob markers dropped (for redirection targets, which bash does not glob here). */
  substitute(word: string): string {
    return word
      .replace(/\u0001([A-Za-z_][A-Za-z0-9_]*|\?)\u0001/g, (_m, name: string) => (name === '?' ? String(this.status) : (this.vars[name] ?? '')))
      .replace(/\u0002/g, '');
  }

  private expand(word: string): string[] {
    const text = word.replace(/\u0001([A-Za-z_][A-Za-z0-9_]*|\?)\u0001/g, (_m, name: string) => (name === '?' ? String(this.status) : (this.vars[name] ?? '')));
    if (!text.includes('\u0002')) return [text];
    const literal = text.replace(/\u0002/g, '');
    const slash = text.lastIndexOf('/');
    const dirPart = slash === -1 ? '' : text.slice(0, slash + 1).replace(/\u0002/g, '');
    const pattern = text.slice(slash + 1);
    if (dirPart.includes('*') || dirPart.includes('?')) return [literal];
    // The linear engine: a word such as `*a*a*a*a*b` would cost a backtracking one polynomial time per name.
    let re: LinearRegex;
    try {
      re = compileLinear(
        `^${pattern
          .split(/(\u0002[*?])/)
          .map((piece) => (piece === '\u0002*' ? '[^/]*' : piece === '\u0002?' ? '[^/]' : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('')}$`,
      );
    } catch {
      return [literal];
    }
    let entries: Entry[] = [];
    try {
      entries = this.env.tree.children(this.path(dirPart || '.'));
    } catch {
      return [literal];
    }
    const names = entries.map((e) => e.path.slice(e.path.lastIndexOf('/') + 1)).filter((n) => !n.startsWith('.') && re.test(n));
    return names.length ? names.map((n) => dirPart + n) : [literal];
  }

  path(p: string): string {
    return this.env.tree.resolve(p.startsWith('~') ? this.env.home + p.slice(1) : p, this.cwd);
  }
}

// ---------------------------------------------------------------- commands

function flags(args: string[], known: string): { set: Set<string>; rest: string[]; bad?: string } {
  const set = new Set<string>();
  const rest: string[] = [];
  let done = false;
  for (const a of args) {
    if (!done && a === '--') done = true;
    else if (!done && a.startsWith('-') && a.length > 1) {
      for (const f of a.slice(1)) {
        if (!known.includes(f)) return { set, rest, bad: f };
        set.add(f);
      }
    } else rest.push(a);
  }
  return { set, rest };
}

function badOption(io: Io, cmd: string, f: string): number {
  io.err.push(`${cmd}: invalid option -- '${f}'\n`);
  return 2;
}

function base(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function modeString(e: Entry): string {
  const bits = 'rwxrwxrwx'.split('').map((ch, i) => (e.mode & (1 << (8 - i)) ? ch : '-'));
  return (e.kind === 'dir' ? 'd' : '-') + bits.join('');
}

function lsLine(e: Entry, shell: Shell, name: string): string {
  const size = e.kind === 'dir' ? 4096 : (e.content?.length ?? 0);
  const date = new Date(e.mtime * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return `${modeString(e)} 1 ${shell.env.user} ${shell.env.user} ${size} ${date} ${name}\n`;
}

function eachFile(args: string[], io: Io, shell: Shell, cmd: string, fn: (text: string) => void): number {
  if (!args.length) {
    fn(io.stdin);
    return 0;
  }
  return eachPath(
    args,
    io,
    shell,
    (a, e) => `${cmd}: ${a}: ${e.reason}`,
    (path, a) => fn(shell.env.tree.readFile(path, a).toString('utf8')),
  );
}

function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

function countOption(args: string[], io: Io, cmd: string): { n: number; rest: string[] } | number {
  const rest: string[] = [];
  let n = 10;
  for (let i = 0; i < args.length; i++) {
    const m = /^-n?(\d+)$/.exec(args[i]);
    if (m) n = Number(m[1]);
    else if (args[i] === '-n' && /^\d+$/.test(args[i + 1] ?? '')) n = Number(args[++i]);
    else if (args[i].startsWith('-') && args[i] !== '-') return badOption(io, cmd, args[i].slice(1, 2));
    else rest.push(args[i]);
  }
  return { n, rest };
}

/**
 * grep's default basic regular expressions: `.` `*` `^` `$` and bracket
 * classes; `+ ? ( ) { } |` are literal, as in real grep without -E. It also
 * keeps user patterns free of nested quantifiers, so a pattern cannot make
 * the (synchronous) server backtrack for ever.
 */
function basicRegExp(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    const literal = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    if (ch === '\\' && i + 1 < pattern.length) out += literal(pattern[++i]);
    // A leading `*` (or one right after `^`) is an ordinary character in a basic regular expression.
    else if (ch === '*' && (out === '' || out === '^')) out += '\\*';
    else if (ch === '*' && out.endsWith('*') && !out.endsWith('\\*')) continue;
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) throw new SyntaxError('unmatched [');
      out += pattern.slice(i, end + 1).replace(/\\/g, '\\\\');
      i = end;
    } else if ('.*^$'.includes(ch)) out += ch;
    else out += literal(ch);
  }
  return out;
}

/** Octal or symbolic ([ugoa]*[+-=][rwx]*) chmod modes. */
function applyMode(spec: string, mode: number): number | undefined {
  if (/^[0-7]{3,4}$/.test(spec)) return parseInt(spec, 8) & 0o777;
  let result = mode;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([+=-])([rwx]*)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] === '' || m[1].includes('a') ? 'ugo' : m[1];
    let bits = 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      for (const p of m[3]) bits |= (p === 'r' ? 4 : p === 'w' ? 2 : 1) << shift;
    }
    if (m[2] === '+') result |= bits;
    else if (m[2] === '-') result &= ~bits;
    else {
      let mask = 0;
      for (const w of who) mask |= 7 << (w === 'u' ? 6 : w === 'g' ? 3 : 0);
      result = (result & ~mask) | bits;
    }
  }
  return result;
}

const COMMANDS: Record<string, Command> = {
  true: () => 0,
  false: () => 1,
  pwd(_args, io, shell) {
    io.out.push(`${shell.cwd}\n`);
    return 0;
  },
  whoami(_args, io, shell) {
    io.out.push(`${shell.env.user}\n`);
    return 0;
  },
  hostname(_args, io, shell) {
    io.out.push(`${shell.env.hostname}\n`);
    return 0;
  },
  date(_args, io, shell) {
    io.out.push(`${new Date(shell.env.nowSeconds * 1000).toUTCString().replace('GMT', 'UTC')}\n`);
    return 0;
  },
  cd(args, io, shell) {
    const target = args[0] ?? shell.env.home;
    try {
      const path = shell.path(target);
      const entry = shell.env.tree.require(path, target);
      if (entry.kind !== 'dir') throw new FsError('ENOTDIR', target);
      shell.cwd = path;
      shell.vars.PWD = path;
      return 0;
    } catch (error) {
      return shell.fsFail(io, error, (e) => `bash: cd: ${target}: ${e.reason}`);
    }
  },
  echo(args, io) {
    const noNewline = args[0] === '-n';
    io.out.push((noNewline ? args.slice(1) : args).join(' ') + (noNewline ? '' : '\n'));
    return 0;
  },
  cat(args, io, shell) {
    return eachFile(args, io, shell, 'cat', (text) => io.out.push(text));
  },
  ls(args, io, shell) {
    const f = flags(args, 'alA1d');
    if (f.bad) return badOption(io, 'ls', f.bad);
    const targets = f.rest.length ? f.rest : ['.'];
    let status = 0;
    const blocks: string[] = [];
    const files: string[] = [];
    for (const t of targets) {
      try {
        const path = shell.path(t);
        const entry = shell.env.tree.require(path, t);
        if (entry.kind === 'file' || f.set.has('d')) {
          files.push(f.set.has('l') ? lsLine(entry, shell, t) : `${t}\n`);
          continue;
        }
        let children = shell.env.tree.children(path);
        if (!f.set.has('a') && !f.set.has('A')) children = children.filter((c) => !base(c.path).startsWith('.'));
        const names = children.map((c) => (f.set.has('l') ? lsLine(c, shell, base(c.path)) : `${base(c.path)}\n`));
        if (f.set.has('a')) names.unshift(...(f.set.has('l') ? [lsLine(entry, shell, '.'), lsLine(entry, shell, '..')] : ['.\n', '..\n']));
        const total = f.set.has('l') ? `total ${children.length * 4}\n` : '';
        blocks.push((targets.length > 1 ? `${t}:\n` : '') + total + names.join(''));
      } catch (error) {
        status = shell.fsFail(io, error, (e) =>
          e.code === 'EACCES' ? `ls: cannot open directory '${t}': ${e.reason}` : `ls: cannot access '${t}': ${e.reason}`,
        );
        if (status) status = 2;
      }
    }
    io.out.push([files.join(''), ...blocks].filter((b) => b !== '').join('\n'));
    return status;
  },
  mkdir(args, io, shell) {
    const f = flags(args, 'p');
    if (f.bad) return badOption(io, 'mkdir', f.bad);
    if (!f.rest.length) return badOperand(io, 'mkdir');
    return eachPath(
      f.rest,
      io,
      shell,
      (a, e) => `mkdir: cannot create directory '${a}': ${e.reason}`,
      (path, a) => shell.env.tree.mkdir(path, f.set.has('p'), a),
    );
  },
  rmdir(args, io, shell) {
    return eachPath(
      args,
      io,
      shell,
      (a, e) => `rmdir: failed to remove '${a}': ${e.reason}`,
      (path, a) => {
        if (shell.env.tree.require(path, a).kind !== 'dir') throw new FsError('ENOTDIR', a);
        if (shell.env.tree.children(path).length) throw new FsError('ENOTEMPTY', a);
        shell.env.tree.remove(path, true, a);
      },
    );
  },
  rm(args, io, shell) {
    const f = flags(args, 'rRfv');
    if (f.bad) return badOption(io, 'rm', f.bad);
    if (!f.rest.length && !f.set.has('f')) return badOperand(io, 'rm');
    return eachPath(
      f.rest,
      io,
      shell,
      (a, e) => `rm: cannot remove '${a}': ${e.reason}`,
      (path, a) => {
        if (!shell.env.tree.get(path) && f.set.has('f')) return;
        shell.env.tree.remove(path, f.set.has('r') || f.set.has('R'), a);
      },
    );
  },
  touch(args, io, shell) {
    if (!args.length) return badOperand(io, 'touch');
    return eachPath(
      args,
      io,
      shell,
      (a, e) => `touch: cannot touch '${a}': ${e.reason}`,
      (path, a) => shell.env.tree.touch(path, a),
    );
  },
  chmod(args, io, shell) {
    const [spec, ...paths] = args.filter((a) => a !== '-R');
    if (!spec || !paths.length) return badOperand(io, 'chmod');
    if (applyMode(spec, 0) === undefined) {
      io.err.push(`chmod: invalid mode: '${spec}'\n`);
      return 1;
    }
    return eachPath(
      paths,
      io,
      shell,
      (a, e) => `chmod: cannot access '${a}': ${e.reason}`,
      (path, a) => shell.env.tree.chmod(path, applyMode(spec, shell.env.tree.require(path, a).mode)!, a),
    );
  },
  cp(args, io, shell) {
    return copyOrMove(args, io, shell, 'cp');
  },
  mv(args, io, shell) {
    return copyOrMove(args, io, shell, 'mv');
  },
  grep(args, io, shell) {
    const f = flags(args, 'vicF');
    if (f.bad) return badOption(io, 'grep', f.bad);
    const [pattern, ...files] = f.rest;
    if (pattern === undefined) {
      io.err.push('Usage: grep [OPTION]... PATTERNS [FILE]...\n');
      return 2;
    }
    // The linear engine, so a pattern such as `.*.*.*.*x` costs the same as `x` (bounded work per call).
    // -i compares lower-cased text: every escape basicRegExp writes is punctuation, which lower-casing leaves alone.
    const fold = f.set.has('i') ? (t: string) => t.toLowerCase() : (t: string) => t;
    let compiled: LinearRegex;
    try {
      compiled = compileLinear(fold(f.set.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : basicRegExp(pattern)));
    } catch (error) {
      // inferred: GNU grep runs out of memory on a pattern too large to compile.
      io.err.push(
        error instanceof PatternError && /too complex|longer than/.test(error.message) ? 'grep: memory exhausted\n' : 'grep: Unmatched [, [^, [:, [., or [=\n',
      );
      return 2;
    }
    const re = { test: (line: string) => compiled.test(fold(line)) };
    let matched = 0;
    const status = eachFile(files, io, shell, 'grep', (text) => {
      for (const line of lines(text)) {
        if (re.test(line) !== f.set.has('v')) {
          matched++;
          if (!f.set.has('c')) io.out.push(`${files.length > 1 ? '' : ''}${line}\n`);
        }
      }
    });
    if (f.set.has('c')) io.out.push(`${matched}\n`);
    return status || (matched ? 0 : 1);
  },
  head(args, io, shell) {
    const o = countOption(args, io, 'head');
    if (typeof o === 'number') return o;
    return eachFile(o.rest, io, shell, 'head', (text) =>
      io.out.push(
        lines(text)
          .slice(0, o.n)
          .map((l) => `${l}\n`)
          .join(''),
      ),
    );
  },
  tail(args, io, shell) {
    const o = countOption(args, io, 'tail');
    if (typeof o === 'number') return o;
    return eachFile(o.rest, io, shell, 'tail', (text) =>
      io.out.push(
        lines(text)
          .slice(-o.n || Infinity)
          .map((l) => `${l}\n`)
          .join(''),
      ),
    );
  },
  wc(args, io, shell) {
    const f = flags(args, 'lwc');
    if (f.bad) return badOption(io, 'wc', f.bad);
    return eachFile(f.rest, io, shell, 'wc', (text) => {
      const counts = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: Buffer.byteLength(text) };
      const chosen = (['l', 'w', 'c'] as const).filter((k) => f.set.size === 0 || f.set.has(k));
      io.out.push(`${chosen.map((k) => counts[k]).join(' ')}\n`);
    });
  },
  sort(args, io, shell) {
    const f = flags(args, 'r');
    if (f.bad) return badOption(io, 'sort', f.bad);
    const all: string[] = [];
    const status = eachFile(f.rest, io, shell, 'sort', (text) => all.push(...lines(text)));
    all.sort();
    if (f.set.has('r')) all.reverse();
    io.out.push(all.map((l) => `${l}\n`).join(''));
    return status;
  },
  crontab(args, io, shell) {
    if (args[0] !== '-l') {
      io.err.push('crontab: only `crontab -l` is available here; use create_cronjob/delete_cronjob\n');
      return 1;
    }
    const jobs = shell.env.crontab();
    if (!jobs.length) {
      io.err.push(`no crontab for ${shell.env.user}\n`);
      return 1;
    }
    io.out.push(jobs.map((l) => `${l}\n`).join(''));
    return 0;
  },
  getfacl(args, io, shell) {
    const perm = (bits: number) => `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
    return eachPath(
      args,
      io,
      shell,
      (a, e) => `getfacl: ${a}: ${e.reason}`,
      (path, a) => {
        const entry = shell.env.tree.require(path, a);
        const acl = shell.env.apacheAcl(path);
        const rows = [`# file: ${path.slice(1)}`, `# owner: ${shell.env.user}`, `# group: ${shell.env.user}`, `user::${perm(entry.mode >> 6)}`];
        if (acl) rows.push(`user:apache:${['r', 'w', 'x'].map((p) => (acl.permission.includes(p) ? p : '-')).join('')}`);
        rows.push(`group::${perm(entry.mode >> 3)}`, `other::${perm(entry.mode)}`);
        io.out.push(`${rows.join('\n')}\n\n`);
      },
    );
  },
};

/** Runs `fn` on each path argument; a file-system error is reported with `message` and the next one goes on. */
function eachPath(paths: string[], io: Io, shell: Shell, message: (arg: string, e: FsError) => string, fn: (path: string, arg: string) => void): number {
  let status = 0;
  for (const a of paths) {
    try {
      fn(shell.path(a), a);
    } catch (error) {
      status = shell.fsFail(io, error, (e) => message(a, e));
    }
  }
  return status;
}

function badOperand(io: Io, cmd: string): number {
  io.err.push(`${cmd}: missing operand\n`);
  return 1;
}

function copyOrMove(args: string[], io: Io, shell: Shell, cmd: 'cp' | 'mv'): number {
  const f = flags(args, cmd === 'cp' ? 'rRf' : 'f');
  if (f.bad) return badOption(io, cmd, f.bad);
  if (f.rest.length < 2) return badOperand(io, cmd);
  const target = f.rest[f.rest.length - 1];
  const sources = f.rest.slice(0, -1);
  let status = 0;
  for (const s of sources) {
    try {
      let dest = shell.path(target);
      const destEntry = shell.env.tree.get(dest);
      if (destEntry?.kind === 'dir') dest = `${dest}/${base(shell.path(s))}`;
      else if (sources.length > 1) throw new FsError('ENOTDIR', target);
      if (cmd === 'mv') shell.env.tree.move(shell.path(s), dest, s, target);
      else {
        if (shell.env.tree.get(dest)?.kind === 'file') shell.env.tree.remove(dest, false, target);
        shell.env.tree.copy(shell.path(s), dest, f.set.has('r') || f.set.has('R'), s, target);
      }
    } catch (error) {
      status = shell.fsFail(io, error, (e) =>
        e.code === 'EISDIR' && cmd === 'cp'
          ? `cp: -r not specified; omitting directory '${s}'`
          : `${cmd}: cannot ${cmd === 'cp' ? 'stat' : 'move'} '${e.path}': ${e.reason}`,
      );
    }
  }
  return status;
}
