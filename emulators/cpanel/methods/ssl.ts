import { defineMethods } from '../../core/define-methods.js';
import { domainsOf, getDomain } from '../../whm/store/domains.js';
import { deleteVhost, getVhost, saveVhost, vhostsOf, type VhostRow } from '../../whm/store/ssl.js';
import type { CpanelCall } from '../call.js';
import { certificateNames } from '../../../kernel/certificate-names.js';
import { certificateFacts, checkKeyFor, covers, parseCertificate, pem } from '../certificates.js';
import { faults } from '../faults.js';
import { ownDomain } from '../domains.js';

/*
 * SSL over WHM's installed-certificate rows (whm_ssl_vhost, what WHM's
 * fetch_ssl_vhosts lists): a certificate installed here is the one WHM shows.
 *   UAPI  https://api.docs.cpanel.net/openapi/cpanel/operation/install_ssl (list_certs, list_keys, delete_ssl, installed_hosts)
 *   API 2 https://api.docs.cpanel.net/cpanel-api-2/cpanel-api-2-modules-ssl/cpanel-api-2-functions-ssl-installssl
 * inferred: list_certs and list_keys show the installed certificates and
 * their keys (mockpanel keeps no separate SSL storage of uninstalled ones).
 */

/** Installs a certificate on the web vhost that serves `domain` (a parked domain's target). */
function install(call: CpanelCall, certParam: string, cabParam: string): Record<string, unknown> {
  const d = ownDomain(call, call.required('domain'));
  const crt = pem(call.required(certParam));
  const key = pem(call.required('key'));
  const cab = call.str(cabParam) ? pem(call.str(cabParam)!) : null;
  const cert = parseCertificate(crt, certParam);
  checkKeyFor(cert, key, 'key');
  const vhost = (d.type === 'parked' || d.type === 'addon') && d.parent ? (getDomain(call.db, d.parent)?.domain ?? d.domain) : d.domain;
  saveVhost(call.db, { servername: vhost, user: call.user, ip: call.account.ip, crt, key, cab, created: call.now() });
  const names = certificateNames(cert);
  const aliases = [
    `www.${vhost}`,
    `mail.${vhost}`,
    ...domainsOf(call.db, call.user)
      .filter((x) => x.type === 'parked' && x.parent === vhost)
      .map((x) => x.domain),
  ];
  const facts = certificateFacts(cert, key);
  const message = `The SSL certificate is now installed onto the domain “${vhost}” using the IP address “${call.account.ip}”.`;
  return {
    action: 'install',
    aliases,
    cert_id: facts.id,
    domain: vhost,
    ip: call.account.ip,
    key_id: facts.key_id,
    message,
    servername: vhost,
    statusmsg: message,
    user: call.user,
    warning_domains: [vhost, ...aliases].filter((n) => !covers(names, n)),
    working_domains: [vhost, ...aliases].filter((n) => covers(names, n)),
  };
}

function certOf(row: VhostRow): Record<string, unknown> {
  return certificateFacts(parseCertificate(row.crt, 'cert'), row.key);
}

export const sslMethods = defineMethods<CpanelCall>({
  'SSL::install_ssl': { run: (call) => install(call, 'cert', 'cabundle') },
  'API2::SSL::installssl': {
    run: (call) => {
      const r = install(call, 'crt', 'cabundle');
      return [{ ...r, result: 1, status: 1 }];
    },
  },
  'SSL::list_certs': {
    run: (call) => vhostsOf(call.db, call.user).map((row) => ({ ...certOf(row), created: row.created })),
  },
  'SSL::list_keys': {
    run: (call) =>
      vhostsOf(call.db, call.user).map((row) => {
        const facts = certOf(row);
        return { created: row.created, friendly_name: facts.friendly_name, id: facts.key_id, modulus_length: facts.modulus_length };
      }),
  },
  'SSL::installed_hosts': {
    run: (call) =>
      vhostsOf(call.db, call.user).map((row) => {
        const d = getDomain(call.db, row.servername);
        return {
          certificate: certOf(row),
          docroot: d?.docroot ?? null,
          fqdns: [row.servername, `www.${row.servername}`],
          ip: row.ip,
          is_primary_on_ip: 0,
          needs_sni: 1,
          servername: row.servername,
          verify_error: '',
        };
      }),
  },
  'SSL::delete_ssl': {
    run: (call) => {
      const d = ownDomain(call, call.required('domain'));
      const vhost = (d.type === 'parked' || d.type === 'addon') && d.parent ? d.parent : d.domain;
      if (!getVhost(call.db, vhost)) throw faults.failed(`The domain “${vhost}” has no installed SSL certificate.`);
      deleteVhost(call.db, vhost);
      return null;
    },
  },
});
