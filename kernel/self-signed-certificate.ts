import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  ia5String,
  nullValue,
  octetString,
  oid,
  pem,
  printableString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
  der,
  elementBounds,
} from './der.js';

/*
 * A certificate signing request (PKCS #10, RFC 2986) and a self-signed
 * X.509 v3 certificate (RFC 5280) for a key pair: what `openssl req -new`
 * and `openssl x509 -req -signkey` write, with the extensions WHM's
 * generatessl puts in its certificates (subject key identifier, basic
 * constraints, extended key usage server/client auth, DNS subject
 * alternative names). Signed SHA-256 with the key itself (RSA or EC).
 */

/** Subject attribute names as WHM's generatessl takes them, with their OIDs (RFC 5280 appendix A; emailAddress PKCS #9). */
const ATTRIBUTES: Record<string, string> = {
  countryName: '2.5.4.6',
  stateOrProvinceName: '2.5.4.8',
  localityName: '2.5.4.7',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  commonName: '2.5.4.3',
  emailAddress: '1.2.840.113549.1.9.1',
};

export type SubjectAttribute = keyof typeof ATTRIBUTES;

export interface CertificateSubject {
  /** Relative distinguished names in order, e.g. [['commonName', 'example.com']]. Unknown attribute names are skipped. */
  subject: [string, string][];
  /** DNS names for the subjectAltName extension. */
  altNames: string[];
  privateKey: KeyObject;
}

function name(subject: [string, string][]): Buffer {
  const rdns = subject
    .filter(([attr, value]) => ATTRIBUTES[attr] && value !== '')
    .map(([attr, value]) => {
      const encoded = attr === 'countryName' ? printableString(value) : attr === 'emailAddress' ? ia5String(value) : utf8String(value);
      return set(sequence(oid(ATTRIBUTES[attr]!), encoded));
    });
  return sequence(...rdns);
}

function signatureAlgorithm(key: KeyObject): Buffer {
  // sha256WithRSAEncryption carries NULL parameters; ecdsa-with-SHA256 none (RFC 4055, RFC 5758).
  return key.asymmetricKeyType === 'ec' ? sequence(oid('1.2.840.10045.4.3.2')) : sequence(oid('1.2.840.113549.1.1.11'), nullValue());
}

function extension(id: string, value: Buffer, critical = false): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

function subjectAltName(names: string[]): Buffer {
  // dNSName is [2] IMPLICIT IA5String.
  return extension('2.5.29.17', sequence(...names.map((n) => der(0x82, Buffer.from(n, 'latin1')))));
}

function signed(tbs: Buffer, key: KeyObject): Buffer {
  return sequence(tbs, signatureAlgorithm(key), bitString(sign('sha256', tbs, key)));
}

/** The PKCS #10 request for the subject, its names asked for in an extensionRequest attribute. */
export function certificateRequest(input: CertificateSubject): string {
  const spki = createPublicKey(input.privateKey).export({ type: 'spki', format: 'der' });
  const attributes = input.altNames.length ? explicit(0, sequence(oid('1.2.840.113549.1.9.14'), set(sequence(subjectAltName(input.altNames))))) : explicit(0);
  const info = sequence(smallInteger(0), name(input.subject), spki, attributes);
  return pem('CERTIFICATE REQUEST', signed(info, input.privateKey));
}

export interface SelfSignedOptions extends CertificateSubject {
  /** Serial number bytes (positive). */
  serial: Buffer;
  notBefore: number;
  notAfter: number;
}

/** A self-signed certificate: issuer = subject, signed with the subject's own key. */
export function selfSignedCertificate(input: SelfSignedOptions): string {
  const publicKey = createPublicKey(input.privateKey);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // Subject key identifier: SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2, method 1), as openssl does.
  const keyBits = spkiKeyBits(spki);
  const keyId = createHash('sha1').update(keyBits).digest();
  const subjectName = name(input.subject);
  const extensions = [
    extension('2.5.29.14', octetString(keyId)),
    extension('2.5.29.19', sequence()),
    extension('2.5.29.37', sequence(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
    ...(input.altNames.length ? [subjectAltName(input.altNames)] : []),
  ];
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(input.serial),
    signatureAlgorithm(input.privateKey),
    subjectName,
    sequence(time(input.notBefore), time(input.notAfter)),
    subjectName,
    spki,
    explicit(3, sequence(...extensions)),
  );
  return pem('CERTIFICATE', signed(tbs, input.privateKey));
}

/** The subjectPublicKey BIT STRING's content (without its unused-bits byte) inside a DER SubjectPublicKeyInfo. */
function spkiKeyBits(spki: Buffer): Buffer {
  // SEQUENCE { AlgorithmIdentifier, BIT STRING }
  const [inner] = elementBounds(spki, 0);
  const [, algorithmEnd] = elementBounds(spki, inner);
  const [bitsStart, bitsEnd] = elementBounds(spki, algorithmEnd);
  return spki.subarray(bitsStart + 1, bitsEnd);
}
