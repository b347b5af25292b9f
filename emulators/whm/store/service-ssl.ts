import type { DB } from '../../../state/database.js';
import { readList, writeList } from './stored-settings.js';

/*
 * The certificates of the server's own services (exim, dovecot, ftp, cpanel:
 * install_service_ssl_certificate's services, seed 004): one self-signed
 * default per server, made the first time a service certificate is needed,
 * and what install_service_ssl_certificate put on each service over it.
 * reset_service_ssl_certificate drops a service's own back to the default.
 */

export interface StoredCertificate {
  crt: string;
  key: string;
  cab: string;
}

interface ServiceCertificates {
  default?: StoredCertificate;
  installed: Record<string, StoredCertificate>;
}

const KEY = 'service-ssl';

function read(db: DB): ServiceCertificates {
  return readList<ServiceCertificates>(db, KEY, { installed: {} });
}

/** The server's self-signed default, or undefined before one was made. */
export function defaultServiceCertificate(db: DB): StoredCertificate | undefined {
  return read(db).default;
}

export function saveDefaultServiceCertificate(db: DB, cert: StoredCertificate): void {
  writeList(db, KEY, { ...read(db), default: cert });
}

/** The certificate installed on a service (undefined: it uses the default). */
export function installedServiceCertificate(db: DB, service: string): StoredCertificate | undefined {
  return read(db).installed[service];
}

export function installServiceCertificate(db: DB, service: string, cert: StoredCertificate): void {
  const all = read(db);
  all.installed[service] = cert;
  writeList(db, KEY, all);
}

export function resetServiceCertificate(db: DB, service: string): void {
  const all = read(db);
  delete all.installed[service];
  writeList(db, KEY, all);
}
