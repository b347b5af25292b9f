import { createPrivateKey, X509Certificate } from 'node:crypto';
import { prepare } from '../../../state/database.js';
import { sessionHandlers, str, treeOf, type WfCall, type WfHandler } from '../call.js';
import { alreadyExists, dataError, invalid, notFound } from '../faults.js';
import { homeOf } from '../home-tree.js';
import { name } from '../validate.js';

/**
 * The version-2 methods real clients call (research webfaction.json
 * later_api_surface_not_in_seed; letsencrypt-webfaction fixtures): SSL
 * certificates and usage reports. They exist only in sessions opened with
 * `login(..., version=2)` (session.ts).
 */
interface CertificateRow {
  id: number;
  name: string;
  certificate: string;
  private_key: string;
  intermediates: string;
  expiry_date: string;
  domains: string;
}

const CERT_COLUMNS = 'id, name, certificate, private_key, intermediates, expiry_date, domains';

function findCertificate(c: WfCall, certName: string): CertificateRow {
  const row = prepare<[number, string], CertificateRow>(c.db, `SELECT ${CERT_COLUMNS} FROM wf_certificate WHERE account_id = ? AND name = ?`).get(
    c.session.accountId,
    certName,
  );
  if (!row) throw notFound('Certificate', 'name', certName);
  return row;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The server derived expiry_date ('2017-01-30') and domains from the
 * certificate (letsencrypt-webfaction fixtures), so it must have parsed it:
 * the PEM is read for real and the key must match it.
 */
function checkedCertificate(c: WfCall): { expiry: string; domains: string } {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(str(c.p.certificate));
  } catch {
    throw invalid('certificate', 'is not a PEM-encoded X.509 certificate');
  }
  let key;
  try {
    key = createPrivateKey(str(c.p.private_key));
  } catch {
    throw invalid('private_key', 'is not a PEM-encoded private key');
  }
  if (!cert.checkPrivateKey(key)) throw invalid('private_key', 'does not match the certificate');
  const intermediates = str(c.p.intermediates);
  const blocks = intermediates.match(PEM_BLOCK) ?? [];
  if (intermediates.trim() && !blocks.length) throw invalid('intermediates', "must be '' or PEM-encoded certificates");
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw invalid('intermediates', 'holds a block that is not a PEM-encoded certificate');
    }
  }
  const sans = (cert.subjectAltName ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4));
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  // inferred: several names are joined with commas (the fixture shows one).
  const domains = (sans.length ? sans : cn ? [cn] : []).join(',');
  return { expiry: new Date(cert.validTo).toISOString().slice(0, 10), domains };
}

const KB = 1024;

const handlers: Record<string, WfHandler> = {
  list_certificates(c) {
    return prepare<[number], CertificateRow>(c.db, `SELECT ${CERT_COLUMNS} FROM wf_certificate WHERE account_id = ? ORDER BY id`).all(c.session.accountId);
  },

  create_certificate(c) {
    // inferred: certificate names follow the other object names of the panel.
    const certName = name('name', str(c.p.name), { pattern: /^[A-Za-z0-9_-]+$/, describe: "letters, digits, '_' and '-'", max: 64 });
    if (prepare(c.db, 'SELECT 1 FROM wf_certificate WHERE account_id = ? AND name = ?').get(c.session.accountId, certName)) throw alreadyExists('Certificate', 'Name');
    const { expiry, domains } = checkedCertificate(c);
    prepare(c.db, 'INSERT INTO wf_certificate (account_id, name, certificate, private_key, intermediates, expiry_date, domains) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      c.session.accountId,
      certName,
      str(c.p.certificate),
      str(c.p.private_key),
      str(c.p.intermediates),
      expiry,
      domains,
    );
    return findCertificate(c, certName);
  },

  update_certificate(c) {
    const row = findCertificate(c, str(c.p.name));
    const { expiry, domains } = checkedCertificate(c);
    prepare(c.db, 'UPDATE wf_certificate SET certificate = ?, private_key = ?, intermediates = ?, expiry_date = ?, domains = ? WHERE id = ?').run(
      str(c.p.certificate),
      str(c.p.private_key),
      str(c.p.intermediates),
      expiry,
      domains,
      row.id,
    );
    return findCertificate(c, row.name);
  },

  delete_certificate(c) {
    const row = findCertificate(c, str(c.p.name));
    const site = prepare<[number, string], { name: string }>(c.db, 'SELECT name FROM wf_website WHERE account_id = ? AND certificate = ?').get(c.session.accountId, row.name);
    // inferred: an https website may not be left naming a missing certificate.
    if (site) throw dataError(`name: certificate "${row.name}" is used by website "${site.name}"; update the website first`);
    prepare(c.db, 'DELETE FROM wf_certificate WHERE id = ?').run(row.id);
    return {};
  },

  list_disk_usage(c) {
    const reading = new Date(c.now * 1000).toISOString().replace('T', ' ').slice(0, 19);
    const tree = treeOf(c);
    const users = prepare<[number], { username: string; machine: string }>(
      c.db,
      'SELECT u.username, m.name AS machine FROM wf_shell_user u JOIN wf_machine m ON m.id = u.machine_id WHERE u.account_id = ? ORDER BY u.machine_id, u.id',
    ).all(c.session.accountId);
    const seen = new Set<string>();
    const homes = users
      .filter((u) => !seen.has(u.username) && seen.add(u.username))
      .map((u) => ({ username: u.username, machine: u.machine, size: Math.ceil(tree.size(homeOf(u.username)) / KB), last_reading: reading }));
    // The emulator stores no mail or table data: mailboxes and databases weigh nothing.
    const mailboxes = prepare<[number], { name: string }>(c.db, 'SELECT name FROM wf_mailbox WHERE account_id = ? ORDER BY id')
      .all(c.session.accountId)
      .map((m) => ({ name: m.name, size: 0, last_reading: reading }));
    const dbs = (type: string) =>
      prepare<[number, string], { name: string; machine: string }>(
        c.db,
        'SELECT d.name, m.name AS machine FROM wf_db d JOIN wf_machine m ON m.id = d.machine_id WHERE d.account_id = ? AND d.db_type = ? ORDER BY d.id',
      )
        .all(c.session.accountId, type)
        .map((d) => ({ ...d, size: 0, last_reading: reading }));
    const total = homes.reduce((sum, h) => sum + h.size, 0);
    const quota = prepare<[number], { disk_quota_kb: number }>(c.db, 'SELECT disk_quota_kb FROM wf_account WHERE id = ?').get(c.session.accountId)!.disk_quota_kb;
    return {
      home_directories: homes,
      mailboxes,
      mysql_databases: dbs('mysql'),
      postgresql_databases: dbs('postgresql'),
      total,
      quota,
      percentage: Math.round((total / quota) * 10000) / 100,
    };
  },

  list_bandwidth_usage(c) {
    // inferred: the shape of daily/monthly is undocumented; per website, in KB. The emulator serves no web traffic: 0.
    const sites = prepare<[number], { name: string }>(c.db, 'SELECT DISTINCT name FROM wf_website WHERE account_id = ? ORDER BY id').all(c.session.accountId);
    const zero = Object.fromEntries(sites.map((s) => [s.name, 0]));
    return { daily: zero, monthly: { ...zero } };
  },
};

export const certificateAndUsageHandlers = sessionHandlers(handlers);
