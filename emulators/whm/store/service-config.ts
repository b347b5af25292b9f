import type { DB } from '../../../state/database.js';
import { readList, writeList } from './stored-settings.js';

/*
 * Services' global configuration keys (the files under /var/cpanel/conf that
 * set_service_config_key writes and get_service_config / get_service_config_key
 * read). A fresh server's Dovecot configuration holds only its protocols
 * (seed 004, get_service_config: "For a fresh install, the data returned for
 * the Dovecot service will only contain the list of protocols").
 */

/** Most keys one service keeps: a call's work stays bounded. */
export const MAX_CONFIG_KEYS = 200;

const FRESH: Record<string, Record<string, string>> = {
  dovecot: { protocols: 'imap pop3' },
};

const configKey = (service: string) => `service-config:${service}`;

/** A service's configuration: the fresh defaults with every stored key over them. */
export function serviceConfig(db: DB, service: string): Record<string, string> {
  return { ...FRESH[service], ...readList<Record<string, string>>(db, configKey(service), {}) };
}

/** Sets one key; false when the service already keeps MAX_CONFIG_KEYS others. */
export function setServiceConfigKey(db: DB, service: string, key: string, value: string): boolean {
  const stored = readList<Record<string, string>>(db, configKey(service), {});
  if (!(key in stored) && Object.keys(stored).length >= MAX_CONFIG_KEYS) return false;
  stored[key] = value;
  writeList(db, configKey(service), stored);
  return true;
}
