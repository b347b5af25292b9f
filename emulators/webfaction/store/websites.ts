import { prepare, type DB } from '../../../state/database.js';

export interface WebsiteRow {
  id: number;
  name: string;
  ip: string;
  https: number;
  certificate: string;
  machine_id: number;
}

/** What a website serves: its (sub)domains and its apps by path, each in the order given. */
export interface SiteLists {
  fqdns: string[];
  apps: { appId: number; path: string }[];
}

const SELECT = 'SELECT id, name, ip, https, certificate, machine_id FROM wf_website';

export function websiteById(db: DB, id: number): WebsiteRow {
  return prepare<[number], WebsiteRow>(db, `${SELECT} WHERE id = ?`).get(id)!;
}

/** The account's website of that name and scheme. */
export function findWebsite(db: DB, accountId: number, name: string, https: boolean): WebsiteRow | undefined {
  return prepare<[number, string, number], WebsiteRow>(db, `${SELECT} WHERE account_id = ? AND name = ? AND https = ?`).get(accountId, name, https ? 1 : 0);
}

/** The account's websites of that name (an http and an https one may share it). */
export function websitesNamed(db: DB, accountId: number, name: string): WebsiteRow[] {
  return prepare<[number, string], WebsiteRow>(db, `${SELECT} WHERE account_id = ? AND name = ?`).all(accountId, name);
}

export function listWebsites(db: DB, accountId: number): WebsiteRow[] {
  return prepare<[number], WebsiteRow>(db, `${SELECT} WHERE account_id = ? ORDER BY id`).all(accountId);
}

/** The account's website names, each once, for list_bandwidth_usage. */
export function websiteNames(db: DB, accountId: number): string[] {
  return prepare<[number], { name: string }>(db, 'SELECT DISTINCT name FROM wf_website WHERE account_id = ? ORDER BY id')
    .all(accountId)
    .map((s) => s.name);
}

/** Adds a website and its lists; its id. */
export function insertWebsite(
  db: DB,
  site: { accountId: number; machineId: number; name: string; ip: string; https: boolean; certificate: string },
  lists: SiteLists,
): number {
  const id = Number(
    prepare(db, 'INSERT INTO wf_website (account_id, machine_id, name, ip, https, certificate) VALUES (?, ?, ?, ?, ?, ?)').run(
      site.accountId,
      site.machineId,
      site.name,
      site.ip,
      site.https ? 1 : 0,
      site.certificate,
    ).lastInsertRowid,
  );
  writeSiteLists(db, id, lists);
  return id;
}

/** Changes a website's IP, machine, certificate and lists. */
export function updateWebsite(db: DB, id: number, site: { ip: string; machineId: number; certificate: string }, lists: SiteLists): void {
  prepare(db, 'UPDATE wf_website SET ip = ?, machine_id = ?, certificate = ? WHERE id = ?').run(site.ip, site.machineId, site.certificate, id);
  writeSiteLists(db, id, lists);
}

function writeSiteLists(db: DB, websiteId: number, lists: SiteLists): void {
  prepare(db, 'DELETE FROM wf_website_subdomain WHERE website_id = ?').run(websiteId);
  prepare(db, 'DELETE FROM wf_site_app WHERE website_id = ?').run(websiteId);
  lists.fqdns.forEach((fqdn, i) => prepare(db, 'INSERT INTO wf_website_subdomain (website_id, position, fqdn) VALUES (?, ?, ?)').run(websiteId, i, fqdn));
  lists.apps.forEach((a, i) =>
    prepare(db, 'INSERT INTO wf_site_app (website_id, position, app_id, path) VALUES (?, ?, ?, ?)').run(websiteId, i, a.appId, a.path),
  );
}

export function deleteWebsite(db: DB, id: number): void {
  prepare(db, 'DELETE FROM wf_website WHERE id = ?').run(id);
}

/** The website's (sub)domains, in order. */
export function websiteFqdns(db: DB, websiteId: number): string[] {
  return prepare<[number], { fqdn: string }>(db, 'SELECT fqdn FROM wf_website_subdomain WHERE website_id = ? ORDER BY position')
    .all(websiteId)
    .map((r) => r.fqdn);
}

/** The website's apps as `[app, path]` pairs, in order. */
export function websiteApps(db: DB, websiteId: number): [string, string][] {
  return prepare<[number], { name: string; path: string }>(
    db,
    'SELECT a.name, sa.path FROM wf_site_app sa JOIN wf_app a ON a.id = sa.app_id WHERE sa.website_id = ? ORDER BY sa.position',
  )
    .all(websiteId)
    .map((r) => [r.name, r.path]);
}

/** Every (website, fqdn) pair of the account; narrowed to one scheme and without one website when asked. */
export function servedFqdns(db: DB, accountId: number, only?: { https: boolean; exceptWebsite: number }): { name: string; fqdn: string }[] {
  if (!only) {
    return prepare<[number], { name: string; fqdn: string }>(
      db,
      'SELECT w.name, ws.fqdn FROM wf_website w JOIN wf_website_subdomain ws ON ws.website_id = w.id WHERE w.account_id = ?',
    ).all(accountId);
  }
  return prepare<[number, number, number], { name: string; fqdn: string }>(
    db,
    'SELECT w.name, ws.fqdn FROM wf_website w JOIN wf_website_subdomain ws ON ws.website_id = w.id WHERE w.account_id = ? AND w.https = ? AND w.id != ?',
  ).all(accountId, only.https ? 1 : 0, only.exceptWebsite);
}

/** A website that names the certificate, if any. */
export function websiteUsingCertificate(db: DB, accountId: number, certificate: string): string | undefined {
  return prepare<[number, string], { name: string }>(db, 'SELECT name FROM wf_website WHERE account_id = ? AND certificate = ?').get(accountId, certificate)
    ?.name;
}
