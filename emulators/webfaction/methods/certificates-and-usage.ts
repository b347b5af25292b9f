import { createPrivateKey, X509Certificate } from 'node:crypto';
import { defineMethods } from '../../core/define-methods.js';
import type { WfCall } from '../call.js';
import { faults } from '../faults.js';
import { homeOf } from '../home-tree.js';
import { diskQuotaKb } from '../store/accounts.js';
import {
  deleteCertificate,
  findCertificate,
  insertCertificate,
  listCertificates,
  updateCertificate,
  type CertificateFields,
  type CertificateRow,
} from '../store/certificates.js';
import { databasesOfType } from '../store/databases.js';
import { listMailboxes } from '../store/mailboxes.js';
import { shellUsersWithMachines } from '../store/shell-users.js';
import { websiteNames, websiteUsingCertificate } from '../store/websites.js';
import { name } from '../validate.js';

function requireCertificate(call: WfCall, certName: string): CertificateRow {
  const row = findCertificate(call.db, call.session.accountId, certName);
  if (!row) throw faults.notFound('Certificate', 'name', certName);
  return row;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The server derived expiry_date ('2017-01-30') and domains from the
 * certificate (letsencrypt-webfaction fixtures), so it must have parsed it:
 * the PEM is read for real and the key must match it.
 */
function checkedCertificate(call: WfCall): CertificateFields {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(call.str('certificate'));
  } catch {
    throw faults.invalid('certificate', 'is not a PEM-encoded X.509 certificate');
  }
  let key;
  try {
    key = createPrivateKey(call.str('private_key'));
  } catch {
    throw faults.invalid('private_key', 'is not a PEM-encoded private key');
  }
  if (!cert.checkPrivateKey(key)) throw faults.invalid('private_key', 'does not match the certificate');
  const intermediates = call.str('intermediates');
  const blocks = intermediates.match(PEM_BLOCK) ?? [];
  if (intermediates.trim() && !blocks.length) throw faults.invalid('intermediates', "must be '' or PEM-encoded certificates");
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw faults.invalid('intermediates', 'holds a block that is not a PEM-encoded certificate');
    }
  }
  const sans = (cert.subjectAltName ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4));
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  return {
    certificate: call.str('certificate'),
    privateKey: call.str('private_key'),
    intermediates,
    expiryDate: new Date(cert.validTo).toISOString().slice(0, 10),
    // inferred: several names are joined with commas (the fixture shows one).
    domains: (sans.length ? sans : cn ? [cn] : []).join(','),
  };
}

const KB = 1024;

/**
 * The version-2 methods real clients call (the later API surface, not in
 * seed 000; letsencrypt-webfaction fixtures): SSL certificates and usage
 * reports. They exist only in sessions opened with `login(..., version=2)`
 * (session.ts).
 */
export const certificateAndUsageMethods = defineMethods<WfCall>({
  list_certificates: {
    run(call) {
      return listCertificates(call.db, call.session.accountId);
    },
  },

  create_certificate: {
    run(call) {
      // inferred: certificate names follow the other object names of the panel.
      const certName = name('name', call.str('name'), { pattern: /^[A-Za-z0-9_-]+$/, describe: "letters, digits, '_' and '-'", max: 64 });
      if (findCertificate(call.db, call.session.accountId, certName)) throw faults.alreadyExists('Certificate', 'Name');
      insertCertificate(call.db, call.session.accountId, certName, checkedCertificate(call));
      return requireCertificate(call, certName);
    },
  },

  update_certificate: {
    run(call) {
      const row = requireCertificate(call, call.str('name'));
      updateCertificate(call.db, row.id, checkedCertificate(call));
      return requireCertificate(call, row.name);
    },
  },

  delete_certificate: {
    run(call) {
      const row = requireCertificate(call, call.str('name'));
      const site = websiteUsingCertificate(call.db, call.session.accountId, row.name);
      // inferred: an https website may not be left naming a missing certificate.
      if (site) throw faults.certificateInUse(row.name, site);
      deleteCertificate(call.db, row.id);
      return {};
    },
  },

  list_disk_usage: {
    run(call) {
      const { accountId } = call.session;
      const reading = new Date(call.now() * 1000).toISOString().replace('T', ' ').slice(0, 19);
      const tree = call.tree();
      const seen = new Set<string>();
      const homes = shellUsersWithMachines(call.db, accountId)
        .filter((u) => !seen.has(u.username) && seen.add(u.username))
        .map((u) => ({ username: u.username, machine: u.machine, size: Math.ceil(tree.size(homeOf(u.username)) / KB), last_reading: reading }));
      // The emulator stores no mail or table data: mailboxes and databases weigh nothing.
      const mailboxes = listMailboxes(call.db, accountId).map((m) => ({ name: m.name, size: 0, last_reading: reading }));
      const dbs = (type: 'mysql' | 'postgresql') => databasesOfType(call.db, accountId, type).map((d) => ({ ...d, size: 0, last_reading: reading }));
      const total = homes.reduce((sum, h) => sum + h.size, 0);
      const quota = diskQuotaKb(call.db, accountId);
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
  },

  list_bandwidth_usage: {
    run(call) {
      // inferred: the shape of daily/monthly is undocumented; per website, in KB. The emulator serves no web traffic: 0.
      const zero = Object.fromEntries(websiteNames(call.db, call.session.accountId).map((s) => [s, 0]));
      return { daily: zero, monthly: { ...zero } };
    },
  },
});
