import { homedir } from '../whm/store/accounts.js';
import { domainsOf, getDomain, type DomainRow } from '../whm/store/domains.js';
import type { CpanelCall } from './call.js';
import { faults } from './faults.js';

/** One of the account's own domains, or the documented refusal (inferred: the same words for a domain that exists elsewhere or nowhere). */
export function ownDomain(call: CpanelCall, name: string): DomainRow {
  const domain = name.trim().toLowerCase().replace(/\.$/, '');
  const row = getDomain(call.db, domain);
  if (!row || row.user !== call.user) throw faults.noAccessToDomain(domain);
  return row;
}

/** The account's domains of one kind. */
export function domainsOfType(call: CpanelCall, type: DomainRow['type']): DomainRow[] {
  return domainsOf(call.db, call.user).filter((d) => d.type === type);
}

/** The document root relative to the home directory, as API 2 lists print it (`reldir`: "public_html/blog"). */
export function relativeDir(call: CpanelCall, docroot: string): string {
  const home = homedir(call.account);
  return docroot.startsWith(`${home}/`) ? docroot.slice(home.length + 1) : docroot;
}

/**
 * API 2 list functions take `regex` to filter their rows by domain (the
 * SubDomain/AddonDomain/Park list pages). Bounded: a plain substring test,
 * since a caller's regex must not run unbounded (inferred: cPanel uses a Perl regex).
 */
export function regexFilter(call: CpanelCall): (domain: string) => boolean {
  const re = call.str('regex');
  if (!re) return () => true;
  if (re.length > 200) throw faults.invalidParameter('regex', `${re.slice(0, 20)}…`, 'at most 200 characters');
  const literal = re.replace(/\\\./g, '.').replace(/^\^|\$$/g, '');
  const anchoredStart = re.startsWith('^');
  const anchoredEnd = re.endsWith('$') && !re.endsWith('\\$');
  return (domain) =>
    anchoredStart && anchoredEnd
      ? domain === literal
      : anchoredStart
        ? domain.startsWith(literal)
        : anchoredEnd
          ? domain.endsWith(literal)
          : domain.includes(literal);
}
