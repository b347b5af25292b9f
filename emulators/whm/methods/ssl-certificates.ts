import { createHash, X509Certificate } from 'node:crypto';
import { certificateNames } from '../../../kernel/certificate-names.js';
import { defineMethods } from '../../core/define-methods.js';
import { accessibleAccount, visibleAccounts } from '../access.js';
import type { WhmCall } from '../call.js';
import { certificateFacts, certificateId, dnAttribute, signatureAlgorithm } from '../certificate-facts.js';
import { whmReply } from '../envelope/reply.js';
import { faults } from '../faults.js';
import { isIpv4 } from '../ip.js';
import { covers, parseCertificate, parsePrivateKey, pemInput } from '../pem-input.js';
import { KEY_SIZES, generateKeyAndCertificate } from '../ssl-generation.js';
import { isDomain } from '../store/domain-names.js';
import { getDomain } from '../store/domains.js';
import { hostname } from '../store/server.js';
import { saveVhost, vhostsOf, type VhostRow } from '../store/ssl.js';
import { addToSslStorage, sslStorage } from '../store/ssl-storage.js';

/*
 * Certificates as WHM makes and finds them (seed 004, "SSL Certificates"):
 * generatessl makes a real key, request and self-signed certificate and keeps
 * them in the caller's SSL storage; fetchcrtinfo finds one again by id (in
 * the storage or on the user's installed SSL hosts);
 * fetch_ssl_certificates_for_fqdns lists every certificate that covers the
 * names asked for; enqueue_deferred_ssl_installations installs onto an
 * account's SSL host; rebuilduserssldb names the accounts whose SSL database
 * it rebuilt.
 */

/** Most names one generatessl or fetch_ssl_certificates_for_fqdns call takes (a certificate's SAN list stays bounded). */
const MAX_NAMES = 100;

/** A comma- or space-separated list of domain names (`*.` allowed), lowercased; refused when one is not a name. */
function domainList(call: WhmCall, param: string): string[] {
  const names = call
    .required(param)
    .split(/[\s,]+/)
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  if (names.length > MAX_NAMES) throw faults.invalidParameter(param, `${names.length} names`, `at most ${MAX_NAMES} domain names`);
  for (const n of names) if (!isDomain(n.replace(/^\*\./, ''))) throw faults.domainInvalid(n.slice(0, 255));
  return [...new Set(names)];
}

/** `first5_last5` of an RSA modulus, the middle of WHM's key, request and certificate ids. */
function modulusTag(modulus: string): string {
  return `${modulus.slice(0, 5)}_${modulus.slice(-5)}`;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Where the caller's SSL storage lives: root's is the system storage (the generatessl sample's /var/cpanel/ssl/system). */
function storageDir(user: string): string {
  return user === 'root' ? '/var/cpanel/ssl/system' : `/home/${user}/ssl`; // non-root: inferred
}

function generatessl(call: WhmCall): unknown {
  const domains = domainList(call, 'domains');
  const bits = call.int('keysize', 2048)!;
  if (!KEY_SIZES.includes(bits)) throw faults.invalidParameter('keysize', bits, KEY_SIZES.join(' or '));
  const country = call.str('countryName') ?? '';
  if (country && !/^[A-Za-z]{2}$/.test(country))
    throw faults.invalidParameter('countryName', country.slice(0, 40), 'a two-letter country code (ISO 3166-1 alpha-2)');
  const email = call.str('emailAddress') ?? '';
  if (email && !/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(email)) throw faults.invalidParameter('emailAddress', email.slice(0, 100), 'an email address');
  const field = (name: string) => (call.str(name) ?? '').slice(0, 64);
  // The subject in openssl's usual order; the request and certificate name the first domain and carry them all as subject alternative names.
  const subject: [string, string][] = [
    ['countryName', country.toUpperCase()],
    ['stateOrProvinceName', field('stateOrProvinceName')],
    ['localityName', field('localityName')],
    ['organizationName', field('organizationName')],
    ['organizationalUnitName', field('organizationalUnitName')],
    ['commonName', domains[0]!],
    ['emailAddress', email],
  ];
  const withCertificate = !call.bool('skip_certificate');
  const made = generateKeyAndCertificate(call, subject, domains, bits, withCertificate);
  const modulus = made.privateKey.asymmetricKeyType === 'rsa' ? (made.privateKey.export({ format: 'jwk' }).n ?? '') : '';
  const tag = modulusTag(Buffer.from(modulus, 'base64url').toString('hex'));
  const cnTag = domains[0]!.replace(/[^a-z0-9]/gi, '_');
  const keyId = `${tag}_${md5(made.key)}`;
  const csrId = `${cnTag}_${tag}_${md5(made.csr)}`;
  const certId = made.crt ? certificateId(new X509Certificate(made.crt)) : undefined;
  const owner = call.session.user;
  addToSslStorage(call.db, owner, {
    cert_id: certId ?? '',
    crt: made.crt ?? null,
    key: made.key,
    key_id: keyId,
    csr: made.csr,
    csr_id: csrId,
    created: call.now(),
  });
  const dir = storageDir(owner);
  const data: Record<string, unknown> = {
    ...(made.crt ? { cert: made.crt, cert_id: certId, certfile: `${dir}/certs/${certId}.crt` } : {}),
    csr: made.csr,
    csr_id: csrId,
    csrfile: `${dir}/csrs/${csrId}.csr`,
    key: made.key,
    key_id: keyId,
    keyfile: `${dir}/keys/${keyId}.key`,
    sender: owner,
    sender_host: hostname(call.db),
  };
  // The sample's reason; without a certificate, the same words for what was made (inferred).
  return whmReply({ data, reason: made.crt ? 'Key, Certificate, and CSR generated OK' : 'Key and CSR generated OK' });
}

/** The user whose storage a call names: root (the system storage, root only) or an account the caller may see. */
function storageOwner(call: WhmCall, param: string): string {
  const user = call.required(param);
  if (user === 'root' || user === call.session.user) {
    if (user === 'root' && !call.session.root) throw faults.noAccessToAccount(user);
    return user;
  }
  return accessibleAccount(call, user).user;
}

interface FoundCertificate {
  crt: string;
  key: string;
  cab: string | null;
  created: number;
  friendly: string;
  owner: string;
}

/** Every certificate a user holds: what generatessl stored for it and what is installed on its SSL hosts. */
function certificatesOf(call: WhmCall, user: string): FoundCertificate[] {
  const stored = sslStorage(call.db, user)
    .filter((i) => i.crt)
    .map((i) => ({ crt: i.crt!, key: i.key, cab: null, created: i.created, friendly: dnAttribute(new X509Certificate(i.crt!).subject, 'CN'), owner: user }));
  const installed = vhostsOf(call.db, user).map((v: VhostRow) => ({
    crt: v.crt,
    key: v.key,
    cab: v.cab,
    created: v.created,
    friendly: v.servername,
    owner: user,
  }));
  return [...stored, ...installed];
}

function fetchcrtinfo(call: WhmCall): unknown {
  const user = storageOwner(call, 'user');
  const id = call.required('id');
  const found = certificatesOf(call, user).find((c) => certificateId(new X509Certificate(c.crt)) === id);
  if (!found) throw faults.noSuchCertificate(id.slice(0, 200), user);
  const cert = new X509Certificate(found.crt);
  const cn = dnAttribute(cert.subject, 'CN');
  return {
    ...(found.cab ? { cabundle: found.cab } : {}),
    certificate: found.crt,
    is_self_signed: cert.issuer === cert.subject ? 1 : 0,
    key: found.key,
    // Only for a certificate issued to an address (inferred from the key's name).
    ...(isIpv4(cn) ? { 'subject.commonName_ip': cn } : {}),
  };
}

function fetch_ssl_certificates_for_fqdns(call: WhmCall): unknown {
  const wanted = domainList(call, 'domains');
  const owners = new Set<string>();
  for (const d of wanted) {
    const row = getDomain(call.db, d.replace(/^\*\./, ''));
    if (!row) throw faults.noSuchDomain(d);
    owners.add(accessibleAccount(call, row.user, () => faults.noAccessToDomain(d)).user);
  }
  const byId = new Map<string, Record<string, unknown>>();
  for (const owner of owners) {
    for (const c of certificatesOf(call, owner)) {
      const cert = new X509Certificate(c.crt);
      const names = certificateNames(cert);
      if (!wanted.some((d) => covers(names, d) || names.includes(d))) continue;
      const facts = certificateFacts(cert);
      const seen = byId.get(facts.id);
      if (seen) {
        const users = seen.users as string[];
        if (!users.includes(owner)) users.push(owner);
        continue;
      }
      const expired = facts.not_after < call.now();
      byId.set(facts.id, {
        cab: c.cab ?? '',
        created: c.created,
        crt: c.crt,
        domains: facts.domains,
        ecdsa_curve_name: facts.ecdsa_curve_name,
        ecdsa_public: facts.ecdsa_public,
        friendly_name: c.friendly,
        id: facts.id,
        is_self_signed: facts.is_self_signed,
        'issuer.commonName': facts['issuer.commonName'],
        'issuer.organizationName': facts['issuer.organizationName'],
        key: c.key,
        key_algorithm: facts.encryption_algorithm,
        modulus: facts.modulus,
        modulus_length: facts.modulus_length,
        not_after: facts.not_after,
        not_before: facts.not_before,
        signature_algorithm: signatureAlgorithm(cert),
        'subject.commonName': facts['subject.commonName'].commonName,
        users: [owner],
        validation_type: facts.validation_type,
        // OpenSSL's verify codes (the sample's DEPTH_ZERO_SELF_SIGNED_CERT); an expired one by the world clock.
        verify_error: facts.is_self_signed ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : expired ? 'CERT_HAS_EXPIRED' : '',
      });
    }
  }
  return { payload: [...byId.values()] };
}

/**
 * Installs a certificate onto an account's SSL host. WHM queues the
 * installation for when the account's AutoSSL run allows; mockpanel's queue
 * runs at once, so fetch_ssl_vhosts shows it on the next call (inferred).
 */
function enqueue_deferred_ssl_installations(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('username'));
  const vhost = call.required('vhost_name').toLowerCase();
  const domain = getDomain(call.db, vhost);
  if (!domain || domain.user !== row.user) throw faults.domainNotOwned(vhost.slice(0, 255), row.user);
  const crt = pemInput(call.required('crt'));
  const key = pemInput(call.required('key'));
  const cab = call.str('cab') ? pemInput(call.str('cab')!) : null;
  const cert = parseCertificate(crt);
  if (!cert.checkPrivateKey(parsePrivateKey(key))) throw faults.keyDoesNotMatch();
  if (cab) parseCertificate(cab);
  const servername = domain.type === 'parked' && domain.parent ? domain.parent : vhost;
  saveVhost(call.db, { servername, user: row.user, ip: row.ip, crt, key, cab, created: call.now() });
  return {};
}

/** The accounts whose SSL database was rebuilt: every account the caller may see. */
function rebuilduserssldb(call: WhmCall): unknown {
  return { records: visibleAccounts(call).map((a) => a.user) };
}

export const sslCertificateMethods = defineMethods<WhmCall>({
  generatessl: { acl: 'ssl-gencrt', run: generatessl },
  fetchcrtinfo: { acl: 'ssl-info', run: fetchcrtinfo },
  fetch_ssl_certificates_for_fqdns: { acl: 'ssl-info', run: fetch_ssl_certificates_for_fqdns },
  enqueue_deferred_ssl_installations: { acl: 'ssl', run: enqueue_deferred_ssl_installations },
  rebuilduserssldb: { acl: 'root', run: rebuilduserssldb },
});
