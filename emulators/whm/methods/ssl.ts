import { createHash, X509Certificate } from 'node:crypto';
import { certificateNames } from '../../../kernel/certificate-names.js';
import { certificateFacts } from '../certificate-facts.js';
import { covers, parseCertificate, parsePrivateKey, pemInput } from '../pem-input.js';
import { whmReply } from '../envelope/reply.js';
import { deleteVhost, getVhost, listVhosts, saveVhost, startAutosslCheck, vhostWithCert, type VhostRow } from '../store/ssl.js';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { overlay, sampleRecord } from '../sample.js';
import { accessibleAccount, ownerScope } from '../access.js';
import { getAccount } from '../store/accounts.js';
import { domainsOf, getDomain } from '../store/domains.js';

/** The certificate facts fetch_ssl_vhosts reports, on the documented record's keys. */
function certInfo(call: WhmCall, cert: X509Certificate, created: number): Record<string, unknown> {
  const template = sampleRecord(
    call.ctx.panel.contract.methods.find((m) => m.name === 'fetch_ssl_vhosts')!,
    'vhosts',
    0,
    'crt',
  );
  return overlay(template, { created, ...certificateFacts(cert) });
}

function installssl(call: WhmCall): unknown {
  const domain = call.required('domain').toLowerCase();
  const crtText = pemInput(call.required('crt', 'cert'));
  const keyText = pemInput(call.required('key'));
  const cab = call.str('cab') ? pemInput(call.str('cab')!) : null;
  const cert = parseCertificate(crtText);
  if (!cert.checkPrivateKey(parsePrivateKey(keyText))) throw faults.keyInvalid();
  const d = getDomain(call.db, domain);
  if (!d) throw faults.noSuchDomain(domain);
  const row = accessibleAccount(call, d.user, () => faults.noAccessToDomain(domain));
  const ip = call.str('ip') ?? row.ip;
  const vhost = d.type === 'parked' && d.parent ? d.parent : domain;
  saveVhost(call.db, { servername: vhost, user: row.user, ip, crt: crtText, key: keyText, cab, created: call.now() });
  const names = certificateNames(cert);
  const aliases = [
    `www.${vhost}`,
    `mail.${vhost}`,
    ...domainsOf(call.db, row.user)
      .filter((x) => x.type === 'parked' && x.parent === vhost)
      .map((x) => x.domain),
  ];
  const working = [vhost, ...aliases].filter((n) => covers(names, n));
  const message = `The SSL certificate is now installed onto the domain “${vhost}” using the IP address “${ip}”. Apache is restarting in the background.`;
  return whmReply({
    data: {
      action: 'install',
      aliases,
      domain: vhost,
      extra_certificate_domains: names.filter((n) => n !== vhost),
      html: `Certificate verification passed<br/> <br />The Certificate for the domain ${vhost} was installed on the IP ${ip}.`,
      ip,
      message,
      servername: vhost,
      status: 1,
      statusmsg: message,
      user: row.user,
      warning_domains: [vhost, ...aliases].filter((n) => !covers(names, n)),
      working_domains: working,
    },
    reason: message,
    metadata: { output: `<br>${message}` },
  });
}

function vhostsFor(call: WhmCall): VhostRow[] {
  const scope = ownerScope(call);
  const rows = listVhosts(call.db);
  return scope === undefined ? rows : rows.filter((r) => getAccount(call.db, r.user)?.owner === scope);
}

function fetch_ssl_vhosts(call: WhmCall): unknown {
  const vhosts = vhostsFor(call).map((v) => {
    const cert = new X509Certificate(v.crt);
    const account = getAccount(call.db, v.user);
    const d = getDomain(call.db, v.servername);
    return {
      crt: certInfo(call, cert, v.created),
      docroot: d?.docroot ?? `/home/${v.user}/public_html`,
      domains: [v.servername, `www.${v.servername}`, `mail.${v.servername}`],
      ip: v.ip,
      iptype: account && account.ip !== v.ip ? 'dedicated' : 'shared',
      ipv6: account?.ipv6 ?? '',
      is_primary_on_ip: 0,
      mail_sni_status: 1,
      needs_sni: 1,
      servername: v.servername,
      type: d?.type === 'main' ? 'main' : 'sub',
      user: v.user,
    };
  });
  return { vhosts };
}

function vhostRow(call: WhmCall, host: string): VhostRow {
  const row = getVhost(call.db, host.toLowerCase());
  if (!row) throw faults.noSslVhost(host);
  accessibleAccount(call, row.user, () => faults.noAccessToDomain(host));
  return row;
}

function delete_ssl_vhost(call: WhmCall): unknown {
  const host = call.required('host');
  const row = vhostRow(call, host);
  deleteVhost(call.db, row.servername);
  return {
    output: [`Deleting the SSL host for ${row.servername}`, 'Done.'],
    removed_vhost_data: [
      {
        ip_port: [row.ip, '443'],
        is_ssl: 1,
        primary_on_ip_port: row.servername,
        servername: row.servername,
        vhost_entry: `<VirtualHost ${row.ip}:443>\nServerName ${row.servername}\nServerAlias www.${row.servername} mail.${row.servername}\n</VirtualHost>\n`,
      },
    ],
  };
}

function start_autossl_check_for_one_user(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('username'));
  return { pid: 20000 + startAutosslCheck(call.db, row.user, call.now()) };
}

function start_autossl_check_for_all_users(call: WhmCall): unknown {
  return { pid: 20000 + startAutosslCheck(call.db, '*', call.now()) };
}

function fetchsslinfo(call: WhmCall): unknown {
  const domain = call.str('domain');
  const crtdata = call.str('crtdata');
  if (!domain && !crtdata) throw faults.missingParameter('domain');
  let row: VhostRow | undefined;
  if (domain) row = getVhost(call.db, domain.toLowerCase());
  if (!row && crtdata) {
    const text = pemInput(crtdata);
    parseCertificate(text);
    row = vhostWithCert(call.db, text);
  }
  if (!row) throw faults.noSslVhost(domain ?? 'the certificate given');
  accessibleAccount(call, row.user, () => faults.noAccessToDomain(row!.servername));
  return {
    cab: row.cab ?? '',
    crt: row.crt,
    crt_origin: row.user,
    domain: row.servername,
    ip: row.ip,
    key: row.key,
    key_origin: row.user,
    searched_users: ['root', row.user],
    user: row.user,
  };
}

function listcrts(call: WhmCall): unknown {
  const crt = vhostsFor(call).map((v) => {
    const cert = new X509Certificate(v.crt);
    const info = certInfo(call, cert, v.created);
    return {
      domain: v.servername,
      domain_owners: [v.user],
      domains: info.domains,
      ecdsa_curve_name: info.ecdsa_curve_name,
      friendly_name: v.servername,
      id: info.id,
      is_self_signed: info.is_self_signed,
      'issuer.organizationName': info['issuer.organizationName'],
      key_algorithm: info.encryption_algorithm,
      modulus_length: info.modulus_length,
      not_after: info.not_after,
      registered: 1,
      signature_algorithm: info.signature_algorithm,
      validation_type: info.validation_type,
    };
  });
  return { crt };
}

function fetch_vhost_ssl_components(call: WhmCall): unknown {
  const components = vhostsFor(call).map((v) => {
    const info = certInfo(call, new X509Certificate(v.crt), v.created);
    return {
      cabundle: v.cab,
      cabundle_id: v.cab ? createHash('md5').update(v.cab).digest('hex') : null,
      certificate: v.crt,
      certificate_id: info.id,
      key: v.key,
      key_id: createHash('md5').update(v.key).digest('hex'),
      servername: v.servername,
    };
  });
  return { components };
}

export const sslMethods = defineMethods<WhmCall>({
  installssl: { acl: 'ssl', run: installssl },
  fetch_ssl_vhosts: { acl: 'ssl-info', run: fetch_ssl_vhosts },
  delete_ssl_vhost: { acl: 'ssl', run: delete_ssl_vhost },
  start_autossl_check_for_one_user: { acl: 'ssl', run: start_autossl_check_for_one_user },
  start_autossl_check_for_all_users: { acl: 'root', run: start_autossl_check_for_all_users },
  fetchsslinfo: { acl: 'ssl-info', run: fetchsslinfo },
  listcrts: { acl: 'ssl-info', run: listcrts },
  fetch_vhost_ssl_components: { acl: 'ssl-info', run: fetch_vhost_ssl_components },
});
