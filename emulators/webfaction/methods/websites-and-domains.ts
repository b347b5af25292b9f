import { prepare, type DB } from '../../../state/database.js';
import { bit, bool, sessionHandlers, str, type WfCall, type WfHandler } from '../call.js';
import { alreadyExists, dataError, invalid, notFound } from '../faults.js';
import { accountHasFqdn, accountIp, hostname, name, subdomainLabel } from '../validate.js';
import { emailsAt } from './email.js';

interface DomainRow {
  id: number;
  name: string;
}

interface WebsiteRow {
  id: number;
  name: string;
  ip: string;
  https: number;
  certificate: string;
  machine_id: number;
}

function findDomain(c: WfCall, domain: string): DomainRow {
  const row = prepare<[number, string], DomainRow>(c.db, 'SELECT id, name FROM wf_domain WHERE account_id = ? AND name = ?').get(
    c.session.accountId,
    domain.trim().toLowerCase(),
  );
  if (!row) throw notFound('Domain', 'domain', domain);
  return row;
}

function subdomainsOf(db: DB, domainId: number): string[] {
  return JSON.parse(prepare<[number], { subdomains: string }>(db, 'SELECT subdomains FROM wf_domain WHERE id = ?').get(domainId)!.subdomains) as string[];
}

function setSubdomains(db: DB, domainId: number, labels: string[]): void {
  prepare(db, 'UPDATE wf_domain SET subdomains = ? WHERE id = ?').run(JSON.stringify(labels), domainId);
}

/** Websites of the account serving any of `fqdns`. */
function websitesServing(db: DB, accountId: number, fqdns: string[]): string[] {
  const rows = prepare<[number], { name: string; fqdn: string }>(
    db,
    'SELECT w.name, ws.fqdn FROM wf_website w JOIN wf_website_subdomain ws ON ws.website_id = w.id WHERE w.account_id = ?',
  ).all(accountId);
  return [...new Set(rows.filter((r) => fqdns.includes(r.fqdn)).map((r) => r.name))];
}

/** inferred: a domain still routed to a website or still receiving mail is not deleted from under it. */
function refuseIfUsed(c: WfCall, fqdns: string[], argument: string): void {
  const sites = websitesServing(c.db, c.session.accountId, fqdns);
  if (sites.length) throw dataError(`${argument}: still used by website ${sites.map((s) => `"${s}"`).join(', ')}; update or delete it first`);
  const emails = emailsAt(c.db, c.session.accountId, fqdns);
  if (emails.length) throw dataError(`${argument}: still used by email address ${emails.join(', ')}; delete it first`);
}

function websiteName(value: string): string {
  // inferred: the panel's rule for website names is undocumented; letters, digits, '_' and '-' as in `widgets_on_the_web`.
  return name('website_name', value, { pattern: /^[A-Za-z0-9_-]+$/, describe: "letters, digits, '_' and '-'", max: 64 });
}

interface SiteInput {
  machineId: number;
  fqdns: string[];
  apps: { appId: number; app: string; path: string }[];
  certificate: string;
}

/** Checks what create_website and update_website share: IP, (sub)domains, certificate and site apps. */
function siteInput(c: WfCall, https: boolean, excludeWebsite: number | undefined): SiteInput {
  const ip = str(c.p.ip);
  const where = accountIp(c.db, c.session.accountId, ip);
  if (!where) throw invalid('ip', `"${ip}" is not one of this account's IP addresses (list_ips)`);

  const subdomains = c.p.subdomains as unknown[];
  const fqdns: string[] = [];
  for (const s of subdomains) {
    if (typeof s !== 'string') throw invalid('subdomains', 'must be a list of domain names');
    const fqdn = hostname('subdomains', s);
    if (!accountHasFqdn(c.db, c.session.accountId, fqdn)) throw invalid('subdomains', `"${s}" is not one of this account's domains or subdomains (create_domain first)`);
    if (!fqdns.includes(fqdn)) fqdns.push(fqdn);
  }
  // inferred: one host answers one site per scheme, so a (sub)domain serves at most one http and one https website.
  const clash = prepare<[number, number, number], { name: string; fqdn: string }>(
    c.db,
    'SELECT w.name, ws.fqdn FROM wf_website w JOIN wf_website_subdomain ws ON ws.website_id = w.id WHERE w.account_id = ? AND w.https = ? AND w.id != ?',
  )
    .all(c.session.accountId, https ? 1 : 0, excludeWebsite ?? -1)
    .find((r) => fqdns.includes(r.fqdn));
  if (clash) throw invalid('subdomains', `"${clash.fqdn}" is already served by website "${clash.name}"`);

  // Version-2 sessions name a certificate before the site apps (realworld.md §1.4; '' for none).
  const certificate = str(c.p.certificate);
  if (certificate) {
    if (!prepare(c.db, 'SELECT 1 FROM wf_certificate WHERE account_id = ? AND name = ?').get(c.session.accountId, certificate)) {
      throw notFound('Certificate', 'certificate', certificate);
    }
    if (!https) throw invalid('certificate', 'a certificate needs https=True');
  }

  const apps: SiteInput['apps'] = [];
  for (const pair of (c.p.site_apps as unknown[] | undefined) ?? []) {
    // Seed § create_website: tuples or lists of an application name and a path.
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw invalid('site_apps', `each site app is a list [app_name, path], got ${JSON.stringify(pair)}`);
    }
    const [app, path] = pair as [string, string];
    const row = prepare<[number, string], { id: number; machine_id: number }>(c.db, 'SELECT id, machine_id FROM wf_app WHERE account_id = ? AND name = ?').get(
      c.session.accountId,
      app,
    );
    if (!row) throw notFound('App', 'site_apps', app);
    if (row.machine_id !== where.machine_id) throw invalid('site_apps', `app "${app}" is on another machine than ${ip}`);
    if (!path.startsWith('/')) throw invalid('site_apps', `path "${path}" must start with "/"`);
    if (apps.some((a) => a.path === path)) throw invalid('site_apps', `path "${path}" is given twice`);
    apps.push({ appId: row.id, app, path });
  }
  return { machineId: where.machine_id, fqdns, apps, certificate };
}

function writeSiteLists(db: DB, websiteId: number, input: SiteInput): void {
  prepare(db, 'DELETE FROM wf_website_subdomain WHERE website_id = ?').run(websiteId);
  prepare(db, 'DELETE FROM wf_site_app WHERE website_id = ?').run(websiteId);
  input.fqdns.forEach((fqdn, i) => prepare(db, 'INSERT INTO wf_website_subdomain (website_id, position, fqdn) VALUES (?, ?, ?)').run(websiteId, i, fqdn));
  input.apps.forEach((a, i) => prepare(db, 'INSERT INTO wf_site_app (website_id, position, app_id, path) VALUES (?, ?, ?, ?)').run(websiteId, i, a.appId, a.path));
}

function websiteStruct(c: WfCall, row: WebsiteRow, appsKey: 'site_apps' | 'website_apps'): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    ip: row.ip,
    https: !!row.https,
    subdomains: prepare<[number], { fqdn: string }>(c.db, 'SELECT fqdn FROM wf_website_subdomain WHERE website_id = ? ORDER BY position')
      .all(row.id)
      .map((r) => r.fqdn),
    [appsKey]: prepare<[number], { name: string; path: string }>(
      c.db,
      'SELECT a.name, sa.path FROM wf_site_app sa JOIN wf_app a ON a.id = sa.app_id WHERE sa.website_id = ? ORDER BY sa.position',
    )
      .all(row.id)
      .map((r) => [r.name, r.path]),
  };
  // Version-2 listings carry the certificate (dariosky/wfcli round-trips it, realworld.md §1.4).
  if (c.session.version >= 2) out.certificate = row.certificate;
  return out;
}

const WEBSITE_COLUMNS = 'id, name, ip, https, certificate, machine_id';

const handlers: Record<string, WfHandler> = {
  create_domain(c) {
    const domain = hostname('domain', str(c.p.domain));
    const labels = ((c.p.subdomains as unknown[]) ?? []).map((s) => subdomainLabel('subdomains', str(s)));
    const owner = prepare<[string], { id: number; account_id: number }>(c.db, 'SELECT id, account_id FROM wf_domain WHERE name = ?').get(domain);
    if (owner && owner.account_id !== c.session.accountId) throw alreadyExists('Domain', 'Name');
    // Seed § create_domain: on an existing domain the call adds the subdomains (Ansible relies on it).
    const id = owner?.id ?? Number(prepare(c.db, 'INSERT INTO wf_domain (account_id, name) VALUES (?, ?)').run(c.session.accountId, domain).lastInsertRowid);
    const subdomains = [...new Set([...subdomainsOf(c.db, id), ...labels])];
    setSubdomains(c.db, id, subdomains);
    // Seed example: {'domain': …, 'id': 47255, 'subdomains': ['www', 'design']}.
    return { domain, id, subdomains };
  },

  delete_domain(c) {
    const row = findDomain(c, str(c.p.domain));
    const labels = ((c.p.subdomains as unknown[]) ?? []).map((s) => subdomainLabel('subdomains', str(s)));
    const existing = subdomainsOf(c.db, row.id);
    if (labels.length) {
      // Seed § delete_domain: with subdomains, only those go and the domain stays.
      const missing = labels.find((l) => !existing.includes(l));
      if (missing) throw notFound('Subdomain', 'subdomains', `${missing}.${row.name}`);
      refuseIfUsed(c, labels.map((l) => `${l}.${row.name}`), 'subdomains');
      setSubdomains(c.db, row.id, existing.filter((l) => !labels.includes(l)));
    } else {
      refuseIfUsed(c, [row.name, ...existing.map((l) => `${l}.${row.name}`)], 'domain');
      prepare(c.db, 'DELETE FROM wf_domain WHERE id = ?').run(row.id);
      // inferred: the domain's DNS overrides go with it (they cannot outlive the domain they override).
      prepare(c.db, "DELETE FROM wf_dns_override WHERE account_id = ? AND (domain = ? OR domain LIKE '%.' || ?)").run(c.session.accountId, row.name, row.name);
    }
    // Undocumented return: a struct, because Ansible's webfaction_domain does result.update() on it (realworld.md §1.4).
    return {};
  },

  list_domains(c) {
    // SQLite builds the whole answer as one JSON text: one row and one parse instead of a row and a parse per domain.
    const list = prepare<[number], string>(
      c.db,
      `SELECT json_group_array(json_object('id', id, 'domain', name, 'subdomains', json(subdomains)))
       FROM (SELECT id, name, subdomains FROM wf_domain WHERE account_id = ? ORDER BY id)`,
    )
      .pluck()
      .get(c.session.accountId);
    return JSON.parse(list ?? '[]') as { id: number; domain: string; subdomains: string[] }[];
  },

  create_website(c) {
    const website = websiteName(str(c.p.website_name));
    const https = bool(c.p.https);
    if (prepare(c.db, 'SELECT 1 FROM wf_website WHERE account_id = ? AND name = ? AND https = ?').get(c.session.accountId, website, bit(https))) {
      throw alreadyExists('Website', 'Name and Https');
    }
    const input = siteInput(c, https, undefined);
    const id = Number(
      prepare(c.db, 'INSERT INTO wf_website (account_id, machine_id, name, ip, https, certificate) VALUES (?, ?, ?, ?, ?, ?)').run(
        c.session.accountId,
        input.machineId,
        website,
        str(c.p.ip),
        bit(https),
        input.certificate,
      ).lastInsertRowid,
    );
    writeSiteLists(c.db, id, input);
    const row = prepare<[number], WebsiteRow>(c.db, `SELECT ${WEBSITE_COLUMNS} FROM wf_website WHERE id = ?`).get(id)!;
    // create_website/update_website answer `site_apps` where list_websites says `website_apps` (seed § create_website vs § list_websites).
    return websiteStruct(c, row, 'site_apps');
  },

  update_website(c) {
    const website = str(c.p.website_name);
    const https = bool(c.p.https);
    const row = prepare<[number, string, number], WebsiteRow>(c.db, `SELECT ${WEBSITE_COLUMNS} FROM wf_website WHERE account_id = ? AND name = ? AND https = ?`).get(
      c.session.accountId,
      website,
      bit(https),
    );
    if (!row) {
      // Seed § update_website: https "can't be updated".
      if (prepare(c.db, 'SELECT 1 FROM wf_website WHERE account_id = ? AND name = ?').get(c.session.accountId, website)) {
        throw invalid('https', `website "${website}" exists with https=${https ? 'False' : 'True'}; https cannot be changed`);
      }
      throw notFound('Website', 'website_name', website);
    }
    const input = siteInput(c, https, row.id);
    prepare(c.db, 'UPDATE wf_website SET ip = ?, machine_id = ?, certificate = ? WHERE id = ?').run(
      str(c.p.ip),
      input.machineId,
      // A version-1 session has no certificate argument and leaves the website's as it is.
      c.session.version >= 2 ? input.certificate : row.certificate,
      row.id,
    );
    writeSiteLists(c.db, row.id, input);
    return websiteStruct(c, prepare<[number], WebsiteRow>(c.db, `SELECT ${WEBSITE_COLUMNS} FROM wf_website WHERE id = ?`).get(row.id)!, 'site_apps');
  },

  delete_website(c) {
    const website = str(c.p.website_name);
    let rows = prepare<[number, string], WebsiteRow>(c.db, `SELECT ${WEBSITE_COLUMNS} FROM wf_website WHERE account_id = ? AND name = ?`).all(
      c.session.accountId,
      website,
    );
    // ip and https narrow the choice when given (seed § delete_website; Ansible passes name and ip).
    if (c.p.ip !== null && c.p.ip !== undefined && c.p.ip !== '') rows = rows.filter((r) => r.ip === c.p.ip);
    if (c.p.https !== null && c.p.https !== undefined) rows = rows.filter((r) => !!r.https === bool(c.p.https));
    if (!rows.length) throw notFound('Website', 'website_name', website);
    if (rows.length > 1) throw invalid('website_name', `there is an http and an https website "${website}"; pass https to choose`);
    prepare(c.db, 'DELETE FROM wf_website WHERE id = ?').run(rows[0].id);
    return {};
  },

  list_websites(c) {
    return prepare<[number], WebsiteRow>(c.db, `SELECT ${WEBSITE_COLUMNS} FROM wf_website WHERE account_id = ? ORDER BY id`)
      .all(c.session.accountId)
      .map((row) => websiteStruct(c, row, 'website_apps'));
  },
};

export const websiteAndDomainHandlers = sessionHandlers(handlers);
