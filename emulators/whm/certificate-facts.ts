import { createHash, type X509Certificate } from 'node:crypto';
import { certificateNames } from '../../kernel/certificate-names.js';
import { elementBounds, oidText } from '../../kernel/der.js';

/*
 * What WHM's SSL functions report about a certificate (fetch_ssl_vhosts'
 * `crt`, listcrts, fetch_service_ssl_components' `certificate_info`,
 * fetch_ssl_certificates_for_fqdns), read from the certificate itself under
 * the documented records' key names (seed 004, "SSL Certificates").
 */

/** The facts under the documented keys, in the order fetch_ssl_vhosts' record lists them. */
export interface CertificateFacts {
  domains: string[];
  ecdsa_curve_name: string | null;
  ecdsa_public: string | null;
  encryption_algorithm: 'id-ecPublicKey' | 'rsaEncryption';
  id: string;
  is_self_signed: 0 | 1;
  'issuer.commonName': string;
  'issuer.organizationName': string | null;
  issuer_text: string;
  modulus: string;
  modulus_length: number;
  not_after: number;
  not_before: number;
  public_exponent: string;
  'subject.commonName': { commonName: string };
  subject_text: string;
  validation_type: 'dv' | null;
}

/** One attribute of a distinguished name as node prints it (`CN=…` lines). */
export function dnAttribute(dn: string, key: string): string {
  return new RegExp(`(?:^|\\n)${key}=([^\\n]+)`).exec(dn)?.[1] ?? '';
}

/** A DN as WHM's `*_text` fields print it: name and value on lines of their own. */
function dnText(dn: string): string {
  return dn
    .split('\n')
    .map((l) => l.replace('=', '\n'))
    .join('\n');
}

/** The hex modulus of an RSA certificate's key ('' for other keys). */
export function certificateModulus(cert: X509Certificate): string {
  const key = cert.publicKey.export({ format: 'jwk' });
  return key.n ? Buffer.from(key.n, 'base64url').toString('hex') : '';
}

/**
 * WHM's certificate id: the subject's name with non-word characters as `_`,
 * the modulus' first and last five hex digits, the expiry and the
 * certificate's MD5 (the documented ids: example_com_bf638_f81af_1500191700_79e3…).
 */
export function certificateId(cert: X509Certificate): string {
  const modulus = certificateModulus(cert);
  const cn = dnAttribute(cert.subject, 'CN');
  const notAfter = Math.floor(Date.parse(cert.validTo) / 1000);
  const fingerprint = createHash('md5').update(cert.raw).digest('hex');
  return `${(cn || certificateNames(cert)[0] || 'cert').replace(/[^a-z0-9]/gi, '_')}_${modulus.slice(0, 5)}_${modulus.slice(-5)}_${notAfter}_${fingerprint}`;
}

export function certificateFacts(cert: X509Certificate): CertificateFacts {
  const key = cert.publicKey.export({ format: 'jwk' });
  const modulus = certificateModulus(cert);
  const selfSigned = cert.issuer === cert.subject;
  return {
    domains: certificateNames(cert),
    ecdsa_curve_name: key.crv ?? null,
    ecdsa_public: key.kty === 'EC' ? `${key.x}${key.y}` : null,
    encryption_algorithm: key.kty === 'EC' ? 'id-ecPublicKey' : 'rsaEncryption',
    id: certificateId(cert),
    is_self_signed: selfSigned ? 1 : 0,
    'issuer.commonName': dnAttribute(cert.issuer, 'CN'),
    'issuer.organizationName': dnAttribute(cert.issuer, 'O') || null,
    issuer_text: dnText(cert.issuer),
    modulus,
    modulus_length: modulus.length * 4,
    not_after: Math.floor(Date.parse(cert.validTo) / 1000),
    not_before: Math.floor(Date.parse(cert.validFrom) / 1000),
    public_exponent: key.e ? Buffer.from(key.e, 'base64url').toString('hex').padStart(6, '0') : '',
    'subject.commonName': { commonName: dnAttribute(cert.subject, 'CN') },
    subject_text: dnText(cert.subject),
    validation_type: selfSigned ? null : 'dv',
  };
}

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
};

/** The certificate's signature algorithm by OpenSSL's name (Certificate ::= SEQUENCE { tbs, signatureAlgorithm, … }). */
export function signatureAlgorithm(cert: X509Certificate): string {
  const raw = cert.raw;
  const [inner] = elementBounds(raw, 0);
  const [, tbsEnd] = elementBounds(raw, inner);
  const [algStart] = elementBounds(raw, tbsEnd);
  const [oidStart, oidEnd] = elementBounds(raw, algStart);
  const dotted = oidText(raw.subarray(oidStart, oidEnd));
  return SIGNATURE_ALGORITHMS[dotted] ?? dotted;
}
