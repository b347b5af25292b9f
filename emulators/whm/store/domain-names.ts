import { faults } from '../faults.js';

/* What a domain name must look like wherever an account's domain is stored (WHM's functions and the cPanel door). */

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.[a-z][a-z0-9-]{0,62}$/;

/** True for a lowercase host name with at least two labels and a letter-led top label. */
export function isDomain(text: string): boolean {
  return DOMAIN.test(text);
}

/** A domain argument, lowercased and checked. */
export function domainArg(raw: string): string {
  const domain = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!isDomain(domain)) throw faults.domainInvalid(raw);
  return domain;
}
