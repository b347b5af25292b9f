import { defineMethods } from '../../core/define-methods.js';
import { str, type WfCall } from '../call.js';
import { faults } from '../faults.js';
import { accountIp } from '../store/accounts.js';
import { appPlacement } from '../store/apps.js';
import { findCertificate } from '../store/certificates.js';
import { deleteOverridesOfDomain } from '../store/dns-overrides.js';
import {
  accountHasFqdn,
  deleteDomain,
  domainOwner,
  findDomain,
  insertDomain,
  listDomains,
  setSubdomains,
  subdomainsOf,
  type DomainRow,
} from '../store/domains.js';
import { emailsAt } from '../store/emails.js';
import {
  deleteWebsite,
  findWebsite,
  insertWebsite,
  listWebsites,
  servedFqdns,
  updateWebsite,
  websiteApps,
  websiteById,
  websiteFqdns,
  websitesNamed,
  type SiteLists,
  type WebsiteRow,
} from '../store/websites.js';
import { hostname, name, subdomainLabel } from '../validate.js';

function requireDomain(call: WfCall, domain: string): DomainRow {
  const row = findDomain(call.db, call.session.accountId, domain.trim().toLowerCase());
  if (!row) throw faults.notFound('Domain', 'domain', domain);
  return row;
}

/** inferred: a domain still routed to a website or still receiving mail is not deleted from under it. */
function refuseIfUsed(call: WfCall, fqdns: string[], argument: string): void {
  const rows = servedFqdns(call.db, call.session.accountId);
  const sites = [...new Set(rows.filter((r) => fqdns.includes(r.fqdn)).map((r) => r.name))];
  if (sites.length) throw faults.domainUsedByWebsites(argument, sites);
  const emails = emailsAt(call.db, call.session.accountId, fqdns);
  if (emails.length) throw faults.domainUsedByEmails(argument, emails);
}

function websiteName(value: string): string {
  // inferred: the panel's rule for website names is undocumented; letters, digits, '_' and '-' as in `widgets_on_the_web`.
  return name('website_name', value, { pattern: /^[A-Za-z0-9_-]+$/, describe: "letters, digits, '_' and '-'", max: 64 });
}

interface SiteInput extends SiteLists {
  machineId: number;
  certificate: string;
}

/** Checks what create_website and update_website share: IP, (sub)domains, certificate and site apps. */
function siteInput(call: WfCall, https: boolean, excludeWebsite: number | undefined): SiteInput {
  const { accountId } = call.session;
  const ip = call.str('ip');
  const where = accountIp(call.db, accountId, ip);
  if (!where) throw faults.invalid('ip', `"${ip}" is not one of this account's IP addresses (list_ips)`);

  const fqdns: string[] = [];
  for (const s of call.list('subdomains')) {
    if (typeof s !== 'string') throw faults.invalid('subdomains', 'must be a list of domain names');
    const fqdn = hostname('subdomains', s);
    if (!accountHasFqdn(call.db, accountId, fqdn))
      throw faults.invalid('subdomains', `"${s}" is not one of this account's domains or subdomains (create_domain first)`);
    if (!fqdns.includes(fqdn)) fqdns.push(fqdn);
  }
  // inferred: one host answers one site per scheme, so a (sub)domain serves at most one http and one https website.
  const clash = servedFqdns(call.db, accountId, { https, exceptWebsite: excludeWebsite ?? -1 }).find((r) => fqdns.includes(r.fqdn));
  if (clash) throw faults.invalid('subdomains', `"${clash.fqdn}" is already served by website "${clash.name}"`);

  // Version-2 sessions name a certificate before the site apps (dariosky/wfcli, letsencrypt-webfaction; '' for none).
  const certificate = call.str('certificate');
  if (certificate) {
    if (!findCertificate(call.db, accountId, certificate)) throw faults.notFound('Certificate', 'certificate', certificate);
    if (!https) throw faults.invalid('certificate', 'a certificate needs https=True');
  }

  const apps: SiteLists['apps'] = [];
  for (const pair of call.list('site_apps')) {
    // Seed § create_website: tuples or lists of an application name and a path.
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw faults.invalid('site_apps', `each site app is a list [app_name, path], got ${JSON.stringify(pair)}`);
    }
    const [app, path] = pair as [string, string];
    const row = appPlacement(call.db, accountId, app);
    if (!row) throw faults.notFound('App', 'site_apps', app);
    if (row.machine_id !== where.machine_id) throw faults.invalid('site_apps', `app "${app}" is on another machine than ${ip}`);
    if (!path.startsWith('/')) throw faults.invalid('site_apps', `path "${path}" must start with "/"`);
    if (apps.some((a) => a.path === path)) throw faults.invalid('site_apps', `path "${path}" is given twice`);
    apps.push({ appId: row.id, path });
  }
  return { machineId: where.machine_id, fqdns, apps, certificate };
}

function websiteStruct(call: WfCall, row: WebsiteRow, appsKey: 'site_apps' | 'website_apps'): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    ip: row.ip,
    https: !!row.https,
    subdomains: websiteFqdns(call.db, row.id),
    [appsKey]: websiteApps(call.db, row.id),
  };
  // Version-2 listings carry the certificate (dariosky/wfcli update_website round-trips it).
  if (call.session.version >= 2) out.certificate = row.certificate;
  return out;
}

/** Seed § Websites and Domains. */
export const websiteAndDomainMethods = defineMethods<WfCall>({
  create_domain: {
    run(call) {
      const { accountId } = call.session;
      const domain = hostname('domain', call.str('domain'));
      const labels = call.list('subdomains').map((s) => subdomainLabel('subdomains', str(s)));
      const owner = domainOwner(call.db, domain);
      if (owner && owner.account_id !== accountId) throw faults.alreadyExists('Domain', 'Name');
      // Seed § create_domain: on an existing domain the call adds the subdomains (Ansible relies on it).
      const id = owner?.id ?? insertDomain(call.db, accountId, domain);
      const subdomains = [...new Set([...subdomainsOf(call.db, id), ...labels])];
      setSubdomains(call.db, id, subdomains);
      // Seed example: {'domain': …, 'id': 47255, 'subdomains': ['www', 'design']}.
      return { domain, id, subdomains };
    },
  },

  delete_domain: {
    run(call) {
      const row = requireDomain(call, call.str('domain'));
      const labels = call.list('subdomains').map((s) => subdomainLabel('subdomains', str(s)));
      const existing = subdomainsOf(call.db, row.id);
      if (labels.length) {
        // Seed § delete_domain: with subdomains, only those go and the domain stays.
        const missing = labels.find((l) => !existing.includes(l));
        if (missing) throw faults.notFound('Subdomain', 'subdomains', `${missing}.${row.name}`);
        refuseIfUsed(
          call,
          labels.map((l) => `${l}.${row.name}`),
          'subdomains',
        );
        setSubdomains(
          call.db,
          row.id,
          existing.filter((l) => !labels.includes(l)),
        );
      } else {
        refuseIfUsed(call, [row.name, ...existing.map((l) => `${l}.${row.name}`)], 'domain');
        deleteDomain(call.db, row.id);
        // inferred: the domain's DNS overrides go with it (they cannot outlive the domain they override).
        deleteOverridesOfDomain(call.db, call.session.accountId, row.name);
      }
      // Undocumented return: a struct, because Ansible's webfaction_domain does result.update() on it.
      return {};
    },
  },

  list_domains: {
    run(call) {
      return listDomains(call.db, call.session.accountId);
    },
  },

  create_website: {
    run(call) {
      const { accountId } = call.session;
      const website = websiteName(call.str('website_name'));
      const https = call.bool('https');
      if (findWebsite(call.db, accountId, website, https)) throw faults.alreadyExists('Website', 'Name and Https');
      const input = siteInput(call, https, undefined);
      const id = insertWebsite(
        call.db,
        { accountId, machineId: input.machineId, name: website, ip: call.str('ip'), https, certificate: input.certificate },
        input,
      );
      // create_website/update_website answer `site_apps` where list_websites says `website_apps` (seed § create_website vs § list_websites).
      return websiteStruct(call, websiteById(call.db, id), 'site_apps');
    },
  },

  update_website: {
    run(call) {
      const { accountId } = call.session;
      const website = call.str('website_name');
      const https = call.bool('https');
      const row = findWebsite(call.db, accountId, website, https);
      if (!row) {
        // Seed § update_website: https "can't be updated".
        if (websitesNamed(call.db, accountId, website).length) {
          throw faults.invalid('https', `website "${website}" exists with https=${https ? 'False' : 'True'}; https cannot be changed`);
        }
        throw faults.notFound('Website', 'website_name', website);
      }
      const input = siteInput(call, https, row.id);
      updateWebsite(
        call.db,
        row.id,
        {
          ip: call.str('ip'),
          machineId: input.machineId,
          // A version-1 session has no certificate argument and leaves the website's as it is.
          certificate: call.session.version >= 2 ? input.certificate : row.certificate,
        },
        input,
      );
      return websiteStruct(call, websiteById(call.db, row.id), 'site_apps');
    },
  },

  delete_website: {
    run(call) {
      const website = call.str('website_name');
      let rows = websitesNamed(call.db, call.session.accountId, website);
      // ip and https narrow the choice when given (seed § delete_website; Ansible passes name and ip).
      const ip = call.param('ip');
      if (ip !== null && ip !== undefined && ip !== '') rows = rows.filter((r) => r.ip === ip);
      const https = call.param('https');
      if (https !== null && https !== undefined) rows = rows.filter((r) => !!r.https === call.bool('https'));
      if (!rows.length) throw faults.notFound('Website', 'website_name', website);
      if (rows.length > 1) throw faults.invalid('website_name', `there is an http and an https website "${website}"; pass https to choose`);
      deleteWebsite(call.db, rows[0].id);
      return {};
    },
  },

  list_websites: {
    run(call) {
      return listWebsites(call.db, call.session.accountId).map((row) => websiteStruct(call, row, 'website_apps'));
    },
  },
});
