import { isIPv4, isIPv6 } from 'node:net';
import { prepare, type DB } from '../../state/database.js';
import { invalid } from './faults.js';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** inferred: the panel's hostname rules are not documented; these are DNS's (RFC 1123 labels, a dot, at most 253 characters). */
export function hostname(argument: string, value: string): string {
  const name = value.trim().toLowerCase().replace(/\.$/, '');
  if (!name.includes('.') || name.length > 253 || !name.split('.').every((l) => LABEL.test(l))) {
    throw invalid(argument, `"${value}" is not a valid domain name`);
  }
  return name;
}

/** A subdomain label list such as `www` or `dev.api` (create_domain's extra arguments). */
export function subdomainLabel(argument: string, value: string): string {
  const label = value.trim().toLowerCase();
  if (!label || label.length > 200 || !label.split('.').every((l) => LABEL.test(l))) throw invalid(argument, `"${value}" is not a valid subdomain`);
  return label;
}

export function ipv4(argument: string, value: string): string {
  if (!isIPv4(value)) throw invalid(argument, `"${value}" is not an IPv4 address`);
  return value;
}

export function ipv6(argument: string, value: string): string {
  if (!isIPv6(value)) throw invalid(argument, `"${value}" is not an IPv6 address`);
  return value;
}

/** A name made of `allowed` characters, non-empty and at most `max` long. */
export function name(argument: string, value: string, rule: { pattern: RegExp; describe: string; max: number }): string {
  if (!value) throw invalid(argument, 'must not be empty');
  if (value.length > rule.max) throw invalid(argument, `"${value}" is longer than ${rule.max} characters`);
  if (!rule.pattern.test(value)) throw invalid(argument, `"${value}" may contain only ${rule.describe}`);
  return value;
}

/** Lowercase letters, digits and underscores: the rule pywebfaction states for mailboxes (realworld.md, create_mailbox). */
export const LOWER_WORD = { pattern: /^[a-z0-9_]+$/, describe: 'lowercase letters, digits and underscores', max: 64 };

export function nonEmpty(argument: string, value: string): string {
  if (!value) throw invalid(argument, 'must not be empty');
  return value;
}

/** The IP, if the account may use it (its machines' main IPs and its extra IPs), with its machine. */
export function accountIp(db: DB, accountId: number, ip: string): { machine_id: number; machine: string } | undefined {
  return prepare<[number, string, number], { machine_id: number; machine: string }>(
    db,
    `SELECT i.machine_id, m.name AS machine FROM wf_ip i JOIN wf_machine m ON m.id = i.machine_id
     JOIN wf_account_machine am ON am.machine_id = i.machine_id AND am.account_id = ?
     WHERE i.ip = ? AND (i.account_id IS NULL OR i.account_id = ?)`,
  ).get(accountId, ip, accountId);
}

/** True when `fqdn` is one of the account's domains or one of their subdomains. */
export function accountHasFqdn(db: DB, accountId: number, fqdn: string): boolean {
  return !!prepare<[number, string, string]>(
    db,
    `SELECT 1 FROM wf_domain d WHERE d.account_id = ?
     AND (d.name = ? OR EXISTS (SELECT 1 FROM json_each(d.subdomains) s WHERE s.value || '.' || d.name = ?)) LIMIT 1`,
  ).get(accountId, fqdn, fqdn);
}

/** The account's domain that `fqdn` is, or sits under (DNS overrides name any host below a domain). */
export function domainCovering(db: DB, accountId: number, fqdn: string): string | undefined {
  const rows = prepare<[number], { name: string }>(db, 'SELECT name FROM wf_domain WHERE account_id = ?').all(accountId);
  return rows.find((r) => fqdn === r.name || fqdn.endsWith(`.${r.name}`))?.name;
}
