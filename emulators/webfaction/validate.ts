import { isIPv4, isIPv6 } from 'node:net';
import { faults } from './faults.js';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** inferred: the panel's hostname rules are not documented; these are DNS's (RFC 1123 labels, a dot, at most 253 characters). */
export function hostname(argument: string, value: string): string {
  const name = value.trim().toLowerCase().replace(/\.$/, '');
  if (!name.includes('.') || name.length > 253 || !name.split('.').every((l) => LABEL.test(l))) {
    throw faults.invalid(argument, `"${value}" is not a valid domain name`);
  }
  return name;
}

/** A subdomain label list such as `www` or `dev.api` (create_domain's extra arguments). */
export function subdomainLabel(argument: string, value: string): string {
  const label = value.trim().toLowerCase();
  if (!label || label.length > 200 || !label.split('.').every((l) => LABEL.test(l))) throw faults.invalid(argument, `"${value}" is not a valid subdomain`);
  return label;
}

export function ipv4(argument: string, value: string): string {
  if (!isIPv4(value)) throw faults.invalid(argument, `"${value}" is not an IPv4 address`);
  return value;
}

export function ipv6(argument: string, value: string): string {
  if (!isIPv6(value)) throw faults.invalid(argument, `"${value}" is not an IPv6 address`);
  return value;
}

/** A name made of `allowed` characters, non-empty and at most `max` long. */
export function name(argument: string, value: string, rule: { pattern: RegExp; describe: string; max: number }): string {
  if (!value) throw faults.invalid(argument, 'must not be empty');
  if (value.length > rule.max) throw faults.invalid(argument, `"${value}" is longer than ${rule.max} characters`);
  if (!rule.pattern.test(value)) throw faults.invalid(argument, `"${value}" may contain only ${rule.describe}`);
  return value;
}

/** Lowercase letters, digits and underscores: the rule a comment in dominicrodger/pywebfaction states for mailboxes. */
export const LOWER_WORD = { pattern: /^[a-z0-9_]+$/, describe: 'lowercase letters, digits and underscores', max: 64 };

export function nonEmpty(argument: string, value: string): string {
  if (!value) throw faults.invalid(argument, 'must not be empty');
  return value;
}
