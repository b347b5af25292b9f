import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { accessibleAccount } from '../access.js';
import { homedir, type AccountRow } from '../store/accounts.js';
import { addDomain, countDomains, getDomain, removeDomain, removeSubdomainsOf } from '../store/domains.js';
import { appendRecords, bumpSerial, createZone, deleteZone, getZone, zoneEntries, deleteRecord } from '../store/zones.js';
import { domainArg } from '../validate.js';

/** Fails when the account's limit for this kind of domain ("unlimited" or a number) is reached. */
function checkLimit(call: WhmCall, row: AccountRow, kind: 'sub' | 'parked', limit: string): void {
  if (limit === 'unlimited') return;
  const used = countDomains(call.db, row.user, kind);
  if (used >= Number(limit)) throw faults.maxReached(kind === 'sub' ? 'subdomains' : 'parked domains', limit);
}

/** A document root inside the account's home directory (relative paths are under it). */
function docrootFor(row: AccountRow, given: string): string {
  const home = homedir(row);
  const path = given.startsWith('/') ? given : `${home}/${given}`;
  const clean = path.replace(/\/+$/, '');
  if (!clean.startsWith(`${home}/`) || clean.split('/').includes('..')) throw faults.docrootInvalid(given);
  return clean;
}

/**
 * create_subdomain: `domain` is the full name (blog.example.com). Its parent
 * is the longest domain of an account that ends it; the subdomain gets an A
 * record in the parent's zone, as cPanel adds one.
 */
function create_subdomain(call: WhmCall): unknown {
  const domain = domainArg(call.required('domain'));
  const labels = domain.split('.');
  let parent: string | undefined;
  for (let i = 1; i < labels.length - 1 && !parent; i++) {
    const candidate = labels.slice(i).join('.');
    const d = getDomain(call.db, candidate);
    if (d && (d.type === 'main' || d.type === 'addon')) parent = candidate;
  }
  if (!parent) throw faults.subdomainParentMissing(domain);
  const owner = getDomain(call.db, parent)!;
  const row = accessibleAccount(call, owner.user, () => faults.noAccessToDomain(parent!));
  checkLimit(call, row, 'sub', row.maxsub);
  const docroot = docrootFor(row, call.required('document_root'));
  addDomain(call.db, { domain, user: row.user, type: 'sub', parent, docroot, created: call.now() });
  if (getZone(call.db, parent)) {
    appendRecords(call.db, parent, [{ name: `${domain}.`, ttl: 14400, type: 'A', data: [row.ip] }]);
    bumpSerial(call.db, parent, call.now());
  }
  return { username: row.user };
}

function delete_domain(call: WhmCall): unknown {
  const domain = call.required('domain').toLowerCase();
  const d = getDomain(call.db, domain);
  if (!d) throw faults.noSuchDomain(domain);
  accessibleAccount(call, d.user, () => faults.noAccessToDomain(domain));
  if (d.type === 'main') throw faults.cannotDeleteMain(domain);
  if (d.type === 'sub' && d.parent && getZone(call.db, d.parent)) {
    for (const e of zoneEntries(call.db, d.parent)) if (e.name === `${domain}.`) deleteRecord(call.db, e.id);
    bumpSerial(call.db, d.parent, call.now());
  } else {
    deleteZone(call.db, domain);
  }
  // Subdomains of an addon domain go with it.
  removeSubdomainsOf(call.db, domain);
  removeDomain(call.db, domain);
  return { type: d.type, username: d.user };
}

function create_parked_domain_for_user(call: WhmCall): unknown {
  const domain = domainArg(call.required('domain'));
  const row = accessibleAccount(call, call.required('username'));
  const vhostName = call.required('web_vhost_domain').toLowerCase();
  const vhost = getDomain(call.db, vhostName);
  if (!vhost || vhost.user !== row.user || (vhost.type !== 'main' && vhost.type !== 'addon')) throw faults.noSuchDomain(vhostName);
  checkLimit(call, row, 'parked', row.maxpark);
  addDomain(call.db, { domain, user: row.user, type: 'parked', parent: vhost.domain, docroot: vhost.docroot, created: call.now() });
  if (!getZone(call.db, domain)) createZone(call.db, domain, row.user, row.ip, call.now());
  return undefined;
}

export const domainMethods = defineMethods<WhmCall>({
  create_subdomain: { acl: 'create-dns', run: create_subdomain },
  delete_domain: { acl: 'kill-dns', run: delete_domain },
  create_parked_domain_for_user: { acl: 'park-dns', run: create_parked_domain_for_user },
});
