import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateRequest, selfSignedCertificate } from './self-signed-certificate.js';

const subject: [string, string][] = [
  ['countryName', 'US'],
  ['organizationName', 'Example Ltd'],
  ['commonName', 'example.com'],
  ['emailAddress', 'ssl@example.com'],
];
const notBefore = Date.UTC(2026, 0, 1) / 1000;

describe('self-signed certificates and requests from the DER writer', () => {
  it('writes an RSA certificate that node and openssl read back: names, validity, its own signature', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const crt = selfSignedCertificate({
      subject,
      altNames: ['example.com', 'www.example.com'],
      privateKey,
      serial: Buffer.from('0a1b2c', 'hex'),
      notBefore,
      notAfter: notBefore + 365 * 86400,
    });
    const x = new X509Certificate(crt);
    expect(x.subject).toBe('C=US\nO=Example Ltd\nCN=example.com\nemailAddress=ssl@example.com');
    expect(x.issuer).toBe(x.subject);
    expect(x.subjectAltName).toBe('DNS:example.com, DNS:www.example.com');
    expect(x.serialNumber).toBe('0A1B2C');
    expect(Date.parse(x.validFrom) / 1000).toBe(notBefore);
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.checkPrivateKey(privateKey)).toBe(true);
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: crt }).toString();
    expect(text).toMatch(/Subject Key Identifier/);
    expect(text).toMatch(/TLS Web Server Authentication, TLS Web Client Authentication/);
  });

  it('writes a PKCS #10 request openssl verifies, asking for the same names', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const csr = certificateRequest({ subject, altNames: ['example.com'], privateKey });
    const out = execFileSync('openssl', ['req', '-noout', '-verify', '-text'], { input: csr, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
    expect(out).toMatch(/Subject: C ?= ?US, O ?= ?Example Ltd, CN ?= ?example.com/);
    expect(out).toMatch(/DNS:example.com/);
  });

  it('signs with an EC key too, and uses GeneralizedTime from 2050 on', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const later = Date.UTC(2051, 5, 1) / 1000;
    const x = new X509Certificate(
      selfSignedCertificate({ subject, altNames: [], privateKey, serial: Buffer.from([0x80]), notBefore: later, notAfter: later + 86400 }),
    );
    expect(x.verify(x.publicKey)).toBe(true);
    expect(Date.parse(x.validFrom) / 1000).toBe(later);
    expect(x.serialNumber).toMatch(/^(00)?80$/);
  });
});
