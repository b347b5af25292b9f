import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed flags: each flag's value typed by its declaration, and the positional words. */
export interface ParsedArgs<T extends Options> {
  values: { [K in keyof T]?: T[K] extends { type: 'boolean' } ? boolean : T[K] extends { multiple: true } ? string[] : string };
  positionals: string[];
}
import { MockpanelError } from '../emulators/core/mockpanel-error.js';

/** node:util parseArgs with mockpanel's error for unknown or malformed flags. */
export function parse<T extends Options>(argv: string[], options: T, usage: string): ParsedArgs<T> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as unknown as ParsedArgs<T>;
  } catch (error) {
    throw new MockpanelError('bad_arguments', `${(error as Error).message}\n\n${usage}`);
  }
}

/** A whole number flag in [min, max], or undefined when absent. */
export function intFlag(value: string | undefined, name: string, min = 0, max = 65535): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new MockpanelError('bad_arguments', `--${name} must be a whole number from ${min} to ${max}, got "${value}".`);
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
