import { X509Certificate } from 'node:crypto';
import { defineMethods } from '../../core/define-methods.js';
import type { WhmCall } from '../call.js';
import { certificateFacts, signatureAlgorithm } from '../certificate-facts.js';
import { faults } from '../faults.js';
import { covers, parseCertificate, parsePrivateKey, pemInput } from '../pem-input.js';
import { serviceDefaultCertificate } from '../ssl-generation.js';
import { getDomain } from '../store/domains.js';
import { hostname } from '../store/server.js';
import { installedServiceCertificate, installServiceCertificate, resetServiceCertificate, type StoredCertificate } from '../store/service-ssl.js';
import { getVhost } from '../store/ssl.js';

/*
 * The certificates of the server's own services (seed 004, "SSL Server
 * Settings"): install_service_ssl_certificate puts one on exim, dovecot, ftp
 * or cpanel, fetch_service_ssl_components shows each service's,
 * reset_service_ssl_certificate puts the self-signed default back, and
 * get_best_ssldomain_for_service judges the hostname against the service's
 * certificate. mail_sni_status reads a domain's SSL host.
 */

/** The services install_service_ssl_certificate takes, with their descriptions (cpanel's is the sample's; the others inferred). */
const SERVICES: Record<string, string> = {
  cpanel: 'Calendar, cPanel, WebDisk, Webmail, and WHM Services',
  dovecot: 'Mail Server (Dovecot): IMAP, POP3',
  exim: 'SMTP Server (Exim)',
  ftp: 'FTP Server',
};

/**
 * The names get_best_ssldomain_for_service takes (the sample: `whostmgr`),
 * by the service certificate that serves them (inferred from which daemon
 * answers each: cpsrvd serves cPanel, WHM, Webmail and WebDisk).
 */
const CERTIFICATE_OF: Record<string, string> = {
  whostmgr: 'cpanel',
  whostmgrd: 'cpanel',
  cpanel: 'cpanel',
  cpaneld: 'cpanel',
  webmail: 'cpanel',
  webmaild: 'cpanel',
  webdisk: 'cpanel',
  cpdavd: 'cpanel',
  exim: 'exim',
  smtp: 'exim',
  dovecot: 'dovecot',
  imap: 'dovecot',
  pop3: 'dovecot',
  ftp: 'ftp',
  ftpd: 'ftp',
};

function serviceParam(call: WhmCall): string {
  const service = call.required('service');
  if (!(service in SERVICES)) throw faults.unknownServiceName(service.slice(0, 100), Object.keys(SERVICES));
  return service;
}

/** The certificate a service uses: the one installed on it, else the server's self-signed default. */
function certificateOf(call: WhmCall, service: string): StoredCertificate {
  return installedServiceCertificate(call.db, service) ?? serviceDefaultCertificate(call);
}

/**
 * `certificate_info` as the samples list it: install_service_ssl_certificate's
 * adds `signature_algorithm` and `validation_type`, which the
 * fetch_service_ssl_components and reset_service_ssl_certificate samples lack.
 */
function certificateInfo(crt: string, withSignature = false): Record<string, unknown> {
  const cert = new X509Certificate(crt);
  const f = certificateFacts(cert);
  return {
    domains: f.domains,
    ecdsa_curve_name: f.ecdsa_curve_name,
    ecdsa_public: f.ecdsa_public,
    is_self_signed: f.is_self_signed,
    'issuer.commonName': f['issuer.commonName'],
    'issuer.organizationName': f['issuer.organizationName'],
    issuer_text: f.issuer_text,
    key_algorithm: f.encryption_algorithm,
    modulus: f.modulus || null,
    modulus_length: f.modulus ? f.modulus_length : null,
    not_after: f.not_after,
    not_before: f.not_before,
    ...(withSignature ? { signature_algorithm: signatureAlgorithm(cert), validation_type: f.validation_type } : {}),
  };
}

function fetch_service_ssl_components(call: WhmCall): unknown {
  const services = Object.keys(SERVICES).map((service) => {
    const c = certificateOf(call, service);
    return { cabundle: c.cab, certificate: c.crt, certificate_info: certificateInfo(c.crt), key: c.key, service };
  });
  return { services };
}

function install_service_ssl_certificate(call: WhmCall): unknown {
  const service = serviceParam(call);
  const crt = pemInput(call.required('crt'));
  const key = pemInput(call.required('key'));
  const cab = call.str('cabundle') ? pemInput(call.str('cabundle')!) : '';
  const cert = parseCertificate(crt);
  if (!cert.checkPrivateKey(parsePrivateKey(key))) throw faults.keyDoesNotMatch();
  if (cab) parseCertificate(cab);
  installServiceCertificate(call.db, service, { crt, key, cab });
  return { certificate: crt, certificate_info: certificateInfo(crt, true), service, service_description: SERVICES[service] };
}

function reset_service_ssl_certificate(call: WhmCall): unknown {
  const service = serviceParam(call);
  resetServiceCertificate(call.db, service);
  const c = serviceDefaultCertificate(call);
  return { certificate: c.crt, certificate_info: certificateInfo(c.crt), service };
}

function get_best_ssldomain_for_service(call: WhmCall): unknown {
  const name = call.required('service');
  const service = CERTIFICATE_OF[name];
  if (!service) throw faults.unknownServiceName(name.slice(0, 100), Object.keys(CERTIFICATE_OF));
  const host = hostname(call.db);
  const cert = new X509Certificate(certificateOf(call, service).crt);
  const f = certificateFacts(cert);
  const exact = f.domains.includes(host);
  const wildcard = !exact && covers(f.domains, host);
  const now = call.now();
  return {
    cert_match_method: exact ? 'exact' : wildcard ? 'wildcard' : 'none',
    cert_valid_not_after: f.not_after,
    // Valid for clients: signed by someone else and within its dates on the world clock (inferred: a self-signed certificate is not trusted).
    is_currently_valid: !f.is_self_signed && f.not_before <= now && now <= f.not_after ? 1 : 0,
    is_self_signed: f.is_self_signed,
    is_wild_card: f.domains.some((d) => d.startsWith('*.')) ? 1 : 0,
    ssldomain: host,
    ssldomain_matches_cert: exact || wildcard ? 1 : 0,
  };
}

/** Whether mail clients get the domain's own certificate: it has an SSL host, its own or its parent's (inferred). */
function mail_sni_status(call: WhmCall): unknown {
  const name = call.required('domain').toLowerCase();
  const domain = getDomain(call.db, name);
  if (!domain) throw faults.noSuchDomain(name.slice(0, 255));
  const vhost = getVhost(call.db, name) ?? (domain.parent ? getVhost(call.db, domain.parent) : undefined);
  return { enabled: vhost ? 1 : 0 };
}

export const serviceSslMethods = defineMethods<WhmCall>({
  fetch_service_ssl_components: { acl: 'root', run: fetch_service_ssl_components },
  install_service_ssl_certificate: { acl: 'root', run: install_service_ssl_certificate },
  reset_service_ssl_certificate: { acl: 'root', run: reset_service_ssl_certificate },
  get_best_ssldomain_for_service: { acl: 'root', run: get_best_ssldomain_for_service },
  mail_sni_status: { acl: 'root', run: mail_sni_status },
});
