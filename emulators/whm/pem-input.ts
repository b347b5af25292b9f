import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { faults } from './faults.js';

/*
 * Certificates and keys as WHM's SSL functions take them: PEM, URL-encoded
 * or not (the documented request samples send `%0A` and `%20`), refused with
 * the catalogue's wording when they do not parse.
 */

/** Largest PEM text accepted (a certificate chain of several certificates fits easily). */
const MAX_PEM = 64 * 1024;

/** WHM's URL-encoded PEM or plain PEM, trimmed, with Unix line ends. */
export function pemInput(raw: string): string {
  let text = raw.slice(0, MAX_PEM);
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // Not valid percent-encoding after all: parsed as it came (and refused below if it is no PEM).
    }
  }
  return text.replace(/\r\n/g, '\n').trim();
}

export function parseCertificate(text: string): X509Certificate {
  try {
    return new X509Certificate(text);
  } catch {
    throw faults.certInvalid();
  }
}

export function parsePrivateKey(text: string): KeyObject {
  try {
    return createPrivateKey(text);
  } catch {
    throw faults.keyInvalid();
  }
}

/** Whether a certificate's names cover a domain, a `*.` name covering one label. */
export function covers(names: string[], domain: string): boolean {
  return names.some((n) => n === domain || (n.startsWith('*.') && domain.endsWith(n.slice(1)) && domain.split('.').length === n.split('.').length));
}
