import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { certificateNames } from '../../kernel/certificate-names.js';
import { faults } from './faults.js';

/** PEM as clients send it: URL-encoded (`%0A`) as in cPanel's request samples, or plain. */
export function pem(raw: string): string {
  const text = /%[0-9A-Fa-f]{2}/.test(raw) ? decodeURIComponent(raw) : raw;
  return text.replace(/\r\n/g, '\n').trim();
}

export function parseCertificate(text: string, param: string): X509Certificate {
  try {
    return new X509Certificate(text);
  } catch {
    throw faults.invalidParameter(param, text.slice(0, 40), 'a PEM-encoded X.509 certificate');
  }
}

export function checkKeyFor(cert: X509Certificate, text: string, param: string): void {
  let key;
  try {
    key = createPrivateKey(text);
  } catch {
    throw faults.invalidParameter(param, text.slice(0, 40), 'a PEM-encoded private key');
  }
  if (!cert.checkPrivateKey(key)) throw faults.failed('The certificate does not match the private key.');
}

export function covers(names: string[], domain: string): boolean {
  return names.some((n) => n === domain || (n.startsWith('*.') && domain.endsWith(n.slice(1)) && domain.split('.').length === n.split('.').length));
}

/** cPanel's certificate and key ids (inferred from the documented samples' form: names, modulus prefix/suffix, expiry, hash). */
export function certificateFacts(cert: X509Certificate, keyText: string): Record<string, unknown> {
  const jwk = cert.publicKey.export({ format: 'jwk' });
  const modulus = jwk.n ? Buffer.from(jwk.n, 'base64url').toString('hex') : '';
  const notBefore = Math.floor(Date.parse(cert.validFrom) / 1000);
  const notAfter = Math.floor(Date.parse(cert.validTo) / 1000);
  const names = certificateNames(cert);
  const cn = /CN=([^\n,]+)/.exec(cert.subject)?.[1]?.trim() ?? names[0] ?? 'cert';
  const issuerCn = /CN=([^\n,]+)/.exec(cert.issuer)?.[1]?.trim() ?? '';
  const hash = createHash('sha1').update(cert.raw).digest('hex');
  const keyHash = createHash('sha1').update(keyText).digest('hex');
  const safe = cn.replace(/[^a-z0-9]/gi, '_');
  return {
    id: `${safe}_${modulus.slice(0, 5)}_${modulus.slice(-5)}_${notAfter}_${hash.slice(0, 32)}`,
    key_id: `${modulus.slice(0, 5)}_${modulus.slice(-5)}_${keyHash.slice(0, 32)}`,
    domains: names,
    'subject.commonName': cn,
    'issuer.commonName': issuerCn,
    is_self_signed: cert.subject === cert.issuer ? 1 : 0,
    not_before: notBefore,
    not_after: notAfter,
    modulus_length: modulus.length * 4,
    validation_type: null,
    friendly_name: `${cn} (${new Date(notAfter * 1000).toISOString().slice(0, 10)})`,
  };
}
