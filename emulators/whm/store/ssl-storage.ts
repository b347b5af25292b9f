import type { DB } from '../../../state/database.js';
import { sslStorageList, readList, writeList } from './stored-settings.js';

/*
 * A user's SSL storage (/var/cpanel/ssl/system for root, the account's own
 * for others): the keys, requests and certificates generatessl made, which
 * fetchcrtinfo and fetch_ssl_certificates_for_fqdns find again by id or name.
 * Bounded: the oldest item goes when a new one would pass the limit.
 */

export interface StoredSslItem {
  cert_id: string;
  crt: string | null;
  key: string;
  key_id: string;
  csr: string;
  csr_id: string;
  created: number;
}

/** Most items one user's storage keeps (each holds a key, a request and a certificate, a few KB). */
export const MAX_SSL_ITEMS = 50;

export function sslStorage(db: DB, user: string): StoredSslItem[] {
  return readList<StoredSslItem[]>(db, sslStorageList(user), []);
}

export function addToSslStorage(db: DB, user: string, item: StoredSslItem): void {
  const items = [...sslStorage(db, user), item].slice(-MAX_SSL_ITEMS);
  writeList(db, sslStorageList(user), items);
}
