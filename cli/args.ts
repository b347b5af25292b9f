import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed flags: each flag's value typed by its declaration, and the positional words. */
export interface ParsedArgs<T extends Options> {
  values: { [K in keyof T]?: T[K] extends { type: 'boolean' } ? boolean : T[K] extends { multiple: true } ? string[] : string };
  positionals: string[];
}
import { MockpanelError } from '../kernel/mockpanel-error.js';
import { nearest } from '../emulators/core/near-miss.js';

/** node:util parseArgs with mockpanel's errors: an unknown flag names the closest known one, a flag without its value says so. */
export function parse<T extends Options>(argv: string[], options: T, usage: string): ParsedArgs<T> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as unknown as ParsedArgs<T>;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const flag = /option '(-{1,2}[^' ]+)/i.exec(e.message)?.[1];
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
      const guess = closest(flag.replace(/^-+/, ''), Object.keys(options));
      throw new MockpanelError('bad_arguments', `Unknown flag ${flag}.${guess ? ` Did you mean --${guess}?` : ''}\n\n${usage}`);
    }
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
      const isSwitch = options[flag.replace(/^-+/, '')]?.type === 'boolean';
      throw new MockpanelError('bad_arguments', `${flag} ${isSwitch ? 'is a switch and takes no value' : `needs a value (${flag} VALUE)`}.\n\n${usage}`);
    }
    throw new MockpanelError('bad_arguments', `${e.message}\n\n${usage}`);
  }
}

/**
 * The candidate meant by a mistyped `word`, for "did you mean": one it begins (`conf` → `conform`), else the
 * nearest by edit distance under the same rule as unknown panel methods.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  return (word.length >= 3 ? candidates.find((c) => c.startsWith(word)) : undefined) ?? nearest(word, candidates);
}

/** A required flag: its value, or a usage error naming it. */
export function required(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') throw new MockpanelError('bad_arguments', `${flag} is required.\n\n${usage}`);
  return value;
}

/** A whole number flag in [min, max], or undefined when absent. */
export function intFlag(value: string | undefined, name: string, min = 0, max = 65535): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new MockpanelError('bad_arguments', `--${name} must be a whole number from ${min} to ${max}, got "${value}".`);
  return n;
}

/** Sizes like 10mb, 512k, 1048576. */
export function sizeFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(value.trim());
  if (!m) throw new MockpanelError('bad_arguments', `--${name} takes a size such as 10mb, 512kb or 1048576, got "${value}".`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  return Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1);
}
