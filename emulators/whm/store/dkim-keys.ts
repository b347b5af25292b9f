import { createPublicKey } from 'node:crypto';
import { takeKey, type KeySpec } from '../../../kernel/key-pool.js';
import { prepare, type DB } from '../../../state/database.js';
import { appendRecords, bumpSerial, deleteRecord, zoneEntries } from './zones.js';

/*
 * Each domain's DKIM key (ensure_dkim_keys_exist, install_dkim_private_keys,
 * enable_dkim): the private key as PEM and the public key as the base64
 * SubjectPublicKeyInfo a DKIM record's `p=` carries (RFC 6376 §3.6.1). The
 * row goes with the domain (foreign key), so removing a domain or an
 * account removes its keys.
 */

export interface DkimKeyRow {
  domain: string;
  private_pem: string;
  public_key: string;
}

export function dkimKey(db: DB, domain: string): DkimKeyRow | undefined {
  return prepare<[string], DkimKeyRow>(db, 'SELECT * FROM whm_dkim_key WHERE domain = ?').get(domain);
}

export function saveDkimKey(db: DB, domain: string, privatePem: string, publicKey: string): void {
  prepare(
    db,
    'INSERT INTO whm_dkim_key (domain, private_pem, public_key) VALUES (?, ?, ?) ON CONFLICT(domain) DO UPDATE SET private_pem = excluded.private_pem, public_key = excluded.public_key',
  ).run(domain, privatePem, publicKey);
}

/** The TXT record that publishes a key at default._domainkey (the form of the validate_current_dkims sample's `expected`). */
export function dkimRecord(publicKey: string): string {
  return `v=DKIM1; k=rsa; p=${publicKey}`;
}

/** The size of the DKIM keys WHM makes (inferred: cPanel's current default is 2048-bit RSA; the reference's samples show both 1024 and 2048). */
export const DKIM_KEY: KeySpec = { type: 'rsa', bits: 2048 };

/** The domain's key, made now when it has none (from the keys made before the call: key-needs.ts); undefined when no key was ready. */
export function ensureDkimKey(db: DB, domain: string): { key: DkimKeyRow; created: boolean } | undefined {
  const existing = dkimKey(db, domain);
  if (existing) return { key: existing, created: false };
  const privateKey = takeKey(DKIM_KEY);
  if (!privateKey) return undefined;
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const publicKey = (createPublicKey(privateKey).export({ type: 'spki', format: 'der' }) as Buffer).toString('base64');
  saveDkimKey(db, domain, pem, publicKey);
  return { key: { domain, private_pem: pem, public_key: publicKey }, created: true };
}

/** Publishes a domain's DKIM key at default._domainkey in its mail zone, replacing what was there (enable_dkim, install_dkim_private_keys). */
export function publishDkimKey(db: DB, domain: string, zone: string, publicKey: string, nowSeconds: number): void {
  const name = `default._domainkey.${domain}.`;
  for (const e of zoneEntries(db, zone)) if (e.type === 'TXT' && e.name === name) deleteRecord(db, e.id);
  appendRecords(db, zone, [{ name, ttl: 14400, type: 'TXT', data: [dkimRecord(publicKey)] }]);
  bumpSerial(db, zone, nowSeconds);
}
