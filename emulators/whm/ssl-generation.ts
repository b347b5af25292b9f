import { randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { takeKeyOrMake } from '../../kernel/key-pool.js';
import { certificateRequest, selfSignedCertificate } from '../../kernel/self-signed-certificate.js';
import type { WhmCall } from './call.js';
import { defaultServiceCertificate, saveDefaultServiceCertificate, type StoredCertificate } from './store/service-ssl.js';
import { hostname } from './store/server.js';

/*
 * Keys, requests and self-signed certificates WHM makes itself: generatessl's
 * and the services' self-signed default. RSA keys come from the key pool
 * (kernel/key-pool.ts), made before the call by the panel's `prepare`
 * (key-needs.ts).
 */

/** generatessl's key sizes: 2048 by default (seed 004, generatessl `keysize`); 4096 is the other size cPanel's interfaces offer (inferred). */
export const KEY_SIZES = [2048, 4096];

/** A self-signed certificate lasts one year (the documented samples: generatessl 2020-03-16 → 2021-03-16, reset_service_ssl_certificate 2014-11-24 → 2015-11-24). */
const ONE_YEAR = 365 * 86400;

/**
 * The key behind every world's self-signed service default: one per process,
 * taken from the pool the first time (a test key, like all of mockpanel's;
 * each world still gets a certificate of its own hostname and dates). Worlds
 * are many and short-lived, and a fresh RSA key for each would keep the pool
 * and the CPU busy for nothing a client can see.
 */
let defaultKey: KeyObject | undefined;

/** Whether the services' default key was made (key-needs.ts asks for one until it is). */
export const hasServiceDefaultKey = (): boolean => defaultKey !== undefined;

export interface Generated {
  privateKey: KeyObject;
  key: string;
  csr: string;
  crt: string | undefined;
}

/** A new key, its request and (unless skipped) a one-year self-signed certificate starting now on the world clock. */
export function generateKeyAndCertificate(
  call: WhmCall,
  subject: [string, string][],
  altNames: string[],
  bits: number,
  withCertificate: boolean,
  privateKey: KeyObject = takeKeyOrMake({ type: 'rsa', bits }),
): Generated {
  const now = call.now();
  return {
    privateKey,
    // WHM writes the traditional PKCS #1 form ("BEGIN RSA PRIVATE KEY", the generatessl sample).
    key: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    csr: certificateRequest({ subject, altNames, privateKey }),
    crt: withCertificate
      ? selfSignedCertificate({ subject, altNames, privateKey, serial: randomBytes(5), notBefore: now, notAfter: now + ONE_YEAR })
      : undefined,
  };
}

/**
 * The services' self-signed default: for the server's hostname, with the
 * `ssl@` address the reset_service_ssl_certificate sample's issuer shows;
 * made once per world, the first time a service certificate is read.
 */
export function serviceDefaultCertificate(call: WhmCall): StoredCertificate {
  const existing = defaultServiceCertificate(call.db);
  if (existing) return existing;
  const host = hostname(call.db);
  const made = generateKeyAndCertificate(
    call,
    [
      ['commonName', host],
      ['emailAddress', `ssl@${host}`],
    ],
    [host],
    2048,
    true,
    (defaultKey ??= takeKeyOrMake({ type: 'rsa', bits: 2048 })),
  );
  const cert = { crt: made.crt!, key: made.key, cab: '' };
  saveDefaultServiceCertificate(call.db, cert);
  return cert;
}

/** The stored PEM as a certificate object (stored certificates were checked when they were stored). */
export function parsed(crt: string): X509Certificate {
  return new X509Certificate(crt);
}
