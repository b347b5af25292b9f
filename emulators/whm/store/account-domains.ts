import type { DB } from '../../../state/database.js';
import { faults } from '../faults.js';
import { homedir, type AccountRow } from './accounts.js';
import { addDomain, countDomains, domainsOf, getDomain, removeDomain, type DomainRow, type DomainType } from './domains.js';
import { appendRecords, bumpSerial, createZone, deleteRecord, deleteZone, getZone, zoneEntries } from './zones.js';

/*
 * An account's extra domains as cPanel keeps them, for every door that
 * changes them (the cPanel door's SubDomain, AddonDomain and Park; WHM's
 * create_subdomain and delete_domain can move onto these):
 *   sub     blog.example.com, an A record in its parent's zone;
 *   parked  an alias of the main domain (or an addon), with its own zone;
 *   addon   a site of its own: a zone, and a linked subdomain
 *           <label>.<main domain> (cPanel serves the addon through it), kept in `parent`.
 */

const LIMIT_NAMES: Record<Exclude<DomainType, 'main'>, string> = { sub: 'subdomains', parked: 'parked domains', addon: 'addon domains' };

/** Fails when the account's limit for this kind of domain ("unlimited" or a number) is reached. */
export function checkDomainLimit(db: DB, row: AccountRow, kind: Exclude<DomainType, 'main'>): void {
  const limit = kind === 'sub' ? row.maxsub : kind === 'parked' ? row.maxpark : row.maxaddon;
  if (limit === 'unlimited') return;
  if (countDomains(db, row.user, kind) >= Number(limit)) throw faults.maxReached(LIMIT_NAMES[kind], limit);
}

/** A document root inside the account's home directory (relative paths are under it). */
export function docrootIn(row: AccountRow, given: string): string {
  const home = homedir(row);
  const path =
    given.startsWith('/') && !given.startsWith(`${home}/`) && given !== home ? `${home}${given}` : given.startsWith('/') ? given : `${home}/${given}`;
  const clean = path.replace(/\/+$/, '');
  if (!clean.startsWith(`${home}/`) || clean.split('/').includes('..')) throw faults.docrootInvalid(given);
  return clean;
}

/** Adds a subdomain of one of the account's domains, with its A record in the parent's zone. */
export function addSubdomain(db: DB, row: AccountRow, domain: string, parent: string, docroot: string, now: number): void {
  checkDomainLimit(db, row, 'sub');
  addDomain(db, { domain, user: row.user, type: 'sub', parent, docroot, created: now });
  addressRecord(db, parent, domain, row.ip, now);
}

/** Parks `domain` on `target` (the main domain or an addon) with a zone of its own. */
export function parkDomain(db: DB, row: AccountRow, domain: string, target: DomainRow, now: number): void {
  checkDomainLimit(db, row, 'parked');
  addDomain(db, { domain, user: row.user, type: 'parked', parent: target.domain, docroot: target.docroot, created: now });
  if (!getZone(db, domain)) createZone(db, domain, row.user, row.ip, now);
}

/** Adds an addon domain served through the subdomain `<label>.<main domain>`; returns that subdomain. */
export function addAddonDomain(db: DB, row: AccountRow, domain: string, label: string, docroot: string, now: number): string {
  checkDomainLimit(db, row, 'addon');
  const linked = `${label}.${row.domain}`;
  addDomain(db, { domain: linked, user: row.user, type: 'sub', parent: row.domain, docroot, created: now });
  addressRecord(db, row.domain, linked, row.ip, now);
  addDomain(db, { domain, user: row.user, type: 'addon', parent: linked, docroot, created: now });
  if (!getZone(db, domain)) createZone(db, domain, row.user, row.ip, now);
  return linked;
}

/** Removes a sub, parked or addon domain with what cPanel removes with it (records, zone, linked and child subdomains). */
export function removeAccountDomain(db: DB, d: DomainRow, now: number): void {
  if (d.type === 'main') throw faults.cannotDeleteMain(d.domain);
  if (d.type === 'sub') {
    if (d.parent) dropAddressRecord(db, d.parent, d.domain, now);
  } else {
    deleteZone(db, d.domain);
  }
  if (d.type === 'addon') {
    for (const child of domainsOf(db, d.user).filter((x) => x.type === 'sub' && x.parent === d.domain)) removeDomain(db, child.domain);
    const linked = d.parent ? getDomain(db, d.parent) : undefined;
    if (linked && linked.type === 'sub') removeAccountDomain(db, linked, now);
  }
  removeDomain(db, d.domain);
}

function addressRecord(db: DB, zone: string, name: string, ip: string, now: number): void {
  if (!getZone(db, zone)) return;
  appendRecords(db, zone, [{ name: `${name}.`, ttl: 14400, type: 'A', data: [ip] }]);
  bumpSerial(db, zone, now);
}

function dropAddressRecord(db: DB, zone: string, name: string, now: number): void {
  if (!getZone(db, zone)) return;
  for (const e of zoneEntries(db, zone)) if (e.name === `${name}.`) deleteRecord(db, e.id);
  bumpSerial(db, zone, now);
}
