import { defineMethods } from '../../core/define-methods.js';
import { addAddonDomain, addSubdomain, docrootIn, parkDomain, removeAccountDomain } from '../../whm/store/account-domains.js';
import { homedir } from '../../whm/store/accounts.js';
import { domainsOf, getDomain, type DomainRow } from '../../whm/store/domains.js';
import { domainArg } from '../../whm/store/domain-names.js';
import type { CpanelCall } from '../call.js';
import { faults } from '../faults.js';
import { domainsOfType, ownDomain, regexFilter, relativeDir } from '../domains.js';

/*
 * The account's domains over WHM's whm_domain rows (the ones WHM's
 * domainuserdata and get_domain_info read).
 *   UAPI SubDomain::addsubdomain   https://api.docs.cpanel.net/openapi/cpanel/operation/addsubdomain
 *   API 2 SubDomain, AddonDomain, Park  https://api.docs.cpanel.net/cpanel-api-2/ (module pages)
 *   UAPI DomainInfo                https://api.docs.cpanel.net/openapi/cpanel/operation/list_domains (and domains_data, single_domain_data)
 * API 2 functions that change something answer [{result: 1, reason}]
 * (inferred wording of `reason`; the pages show the keys).
 */

const done = (reason: string) => [{ reason, result: 1 }];

/** SubDomain::addsubdomain (both APIs): `domain` is the label, `rootdomain` one of the account's domains, `dir` under the home directory. */
function addsubdomain(call: CpanelCall): string {
  let label = call.required('domain').trim().toLowerCase();
  // [docs] disallowdot=1 removes the dots from `domain`.
  if (call.bool('disallowdot')) label = label.replace(/\./g, '');
  const root = ownDomain(call, call.required('rootdomain'));
  if (root.type !== 'main' && root.type !== 'addon' && root.type !== 'parked') throw faults.noAccessToDomain(root.domain);
  const full = domainArg(`${label}.${root.domain}`);
  // [docs] dir defaults to the home directory's public_html/<label>... inferred: public_html/<label>, as cPanel's interface proposes.
  const docroot = docrootIn(call.account, call.str('dir') || `public_html/${label}`);
  addSubdomain(call.db, call.account, full, root.domain, docroot, call.now());
  return full;
}

function subdomainRow(call: CpanelCall, d: DomainRow): Record<string, unknown> {
  const root = d.parent ?? '';
  const label = root && d.domain.endsWith(`.${root}`) ? d.domain.slice(0, -root.length - 1) : d.domain;
  return {
    basedir: relativeDir(call, d.docroot),
    dir: d.docroot,
    domain: d.domain,
    domainkey: `${label}_${root}`,
    reldir: `home:${relativeDir(call, d.docroot)}`,
    rootdomain: root,
    status: 'not redirected',
    subdomain: label,
  };
}

/** The domain an addon's or subdomain's `domainkey` (label_root, e.g. "blog_example.com") or full name names. */
function subdomainByKey(call: CpanelCall, key: string): DomainRow {
  const k = key.trim().toLowerCase();
  const underscore = k.indexOf('_');
  const full = underscore > 0 && !getDomain(call.db, k) ? `${k.slice(0, underscore)}.${k.slice(underscore + 1)}` : k;
  return ownDomain(call, full);
}

/** The fields UAPI DomainInfo gives each web vhost ([docs] domains_data sample keys). */
function vhostData(call: CpanelCall, d: DomainRow): Record<string, unknown> {
  const type = d.type === 'main' ? 'main_domain' : d.type === 'addon' ? 'addon_domain' : d.type === 'sub' ? 'sub_domain' : 'parked_domain';
  const servername = d.type === 'addon' && d.parent ? d.parent : d.domain;
  const parked = domainsOf(call.db, call.user)
    .filter((p) => p.type === 'parked' && p.parent === d.domain)
    .map((p) => p.domain);
  const aliases = [d.domain === servername ? undefined : d.domain, `www.${d.domain}`, ...parked.flatMap((p) => [p, `www.${p}`])].filter(Boolean);
  return {
    documentroot: d.docroot,
    domain: d.domain,
    group: call.user,
    hascgi: call.account.cgi ? '1' : '0',
    homedir: homedir(call.account),
    ip: call.account.ip,
    ipv6: call.account.ipv6,
    owner: call.account.owner,
    phpopenbasedirprotect: '1',
    port: '80',
    serveradmin: `webmaster@${servername}`,
    serveralias: aliases.join(' '),
    servername,
    type,
    usecanonicalname: 'Off',
    user: call.user,
    userdirprotect: '',
  };
}

export const domainMethods = defineMethods<CpanelCall>({
  'SubDomain::addsubdomain': {
    run: (call) => {
      addsubdomain(call);
      return null;
    },
  },
  'API2::SubDomain::addsubdomain': {
    run: (call) => done(`The subdomain “${addsubdomain(call)}” has been added.`),
  },
  'API2::SubDomain::delsubdomain': {
    run: (call) => {
      const d = subdomainByKey(call, call.required('domain'));
      if (d.type !== 'sub') throw faults.noAccessToDomain(d.domain);
      removeAccountDomain(call.db, d, call.now());
      return done(`The subdomain “${d.domain}” has been removed.`);
    },
  },
  'API2::SubDomain::listsubdomains': {
    run: (call) => {
      const keep = regexFilter(call);
      return domainsOfType(call, 'sub')
        .filter((d) => keep(d.domain))
        .map((d) => subdomainRow(call, d));
    },
  },
  'API2::AddonDomain::addaddondomain': {
    run: (call) => {
      const domain = domainArg(call.required('newdomain'));
      const label = call.required('subdomain').trim().toLowerCase();
      if (!/^[a-z0-9-]+$/.test(label)) throw faults.invalidParameter('subdomain', label, 'one label of letters, digits and dashes');
      const docroot = docrootIn(call.account, call.str('dir') || `public_html/${domain}`);
      addAddonDomain(call.db, call.account, domain, label, docroot, call.now());
      return done(`The addon domain “${domain}” has been created.`);
    },
  },
  'API2::AddonDomain::deladdondomain': {
    run: (call) => {
      const d = ownDomain(call, call.required('domain'));
      if (d.type !== 'addon') throw faults.noAccessToDomain(d.domain);
      // [docs] `subdomain` names the linked subdomain as its domainkey (label_maindomain); when sent it must be this addon's.
      const key = call.str('subdomain');
      if (key && d.parent && subdomainByKey(call, key).domain !== d.parent)
        throw faults.invalidParameter('subdomain', key, `the addon’s own subdomain (${d.parent})`);
      removeAccountDomain(call.db, d, call.now());
      return done(`The addon domain “${d.domain}” has been removed.`);
    },
  },
  'API2::AddonDomain::listaddondomains': {
    run: (call) => {
      const keep = regexFilter(call);
      return domainsOfType(call, 'addon')
        .filter((d) => keep(d.domain))
        .map((d) => {
          const linked = d.parent ?? '';
          const label = linked.endsWith(`.${call.account.domain}`) ? linked.slice(0, -call.account.domain.length - 1) : linked;
          return {
            basedir: relativeDir(call, d.docroot),
            dir: d.docroot,
            domain: d.domain,
            domainkey: `${label}_${call.account.domain}`,
            fullsubdomain: linked,
            reldir: `home:${relativeDir(call, d.docroot)}`,
            rootdomain: call.account.domain,
            status: 'not redirected',
            subdomain: label,
          };
        });
    },
  },
  'API2::Park::park': {
    run: (call) => {
      const domain = domainArg(call.required('domain'));
      // [docs] topdomain: the domain to park on (an addon's); default the main domain.
      const top = call.str('topdomain');
      const target = top ? ownDomain(call, top) : ownDomain(call, call.account.domain);
      if (target.type !== 'main' && target.type !== 'addon') throw faults.noAccessToDomain(target.domain);
      parkDomain(call.db, call.account, domain, target, call.now());
      return done(`“${domain}” is now parked on “${target.domain}”.`);
    },
  },
  'API2::Park::unpark': {
    run: (call) => {
      const d = ownDomain(call, call.required('domain'));
      if (d.type !== 'parked') throw faults.noAccessToDomain(d.domain);
      removeAccountDomain(call.db, d, call.now());
      return done(`“${d.domain}” has been removed.`);
    },
  },
  'API2::Park::listparkeddomains': {
    run: (call) => {
      const keep = regexFilter(call);
      return domainsOfType(call, 'parked')
        .filter((d) => keep(d.domain))
        .map((d) => ({
          basedir: relativeDir(call, d.docroot),
          dir: d.docroot,
          domain: d.domain,
          reldir: `home:${relativeDir(call, d.docroot)}`,
          status: 'not redirected',
        }));
    },
  },
  'DomainInfo::list_domains': {
    run: (call) => {
      const all = domainsOf(call.db, call.user);
      const names = (type: DomainRow['type']) => all.filter((d) => d.type === type).map((d) => d.domain);
      return { addon_domains: names('addon'), main_domain: call.account.domain, parked_domains: names('parked'), sub_domains: names('sub') };
    },
  },
  'DomainInfo::domains_data': {
    run: (call) => {
      const all = domainsOf(call.db, call.user);
      const main = all.find((d) => d.type === 'main') ?? {
        domain: call.account.domain,
        user: call.user,
        type: 'main' as const,
        parent: null,
        docroot: `${homedir(call.account)}/public_html`,
        created: 0,
      };
      const vhosts = (type: DomainRow['type']) => all.filter((d) => d.type === type).map((d) => vhostData(call, d));
      // [docs] format=list gives one list of every vhost; the default (hash) groups them.
      if (call.str('format') === 'list') return [vhostData(call, main), ...vhosts('addon'), ...vhosts('sub')];
      return {
        addon_domains: vhosts('addon'),
        main_domain: vhostData(call, main),
        parked_domains: all.filter((d) => d.type === 'parked').map((d) => d.domain),
        sub_domains: vhosts('sub'),
      };
    },
  },
  'DomainInfo::single_domain_data': {
    run: (call) => {
      const d = ownDomain(call, call.required('domain'));
      // A parked domain has no vhost of its own: its data is its target's (inferred).
      const vhost = d.type === 'parked' && d.parent ? (getDomain(call.db, d.parent) ?? d) : d;
      return vhostData(call, vhost);
    },
  },
});
