import type { DB } from '../../../state/database.js';
import { readList, writeList } from './stored-settings.js';

/*
 * The server's PHP (seed 004, "PHP" and "Web Server Configuration /
 * EasyApache Settings"): the installed EasyApache 4 versions, the system
 * default, each version's handler and php.ini, and the versions set per
 * virtual host (php_set_vhost_versions).
 */

/**
 * The installed versions (inferred): every version the reference's PHP
 * examples name (ea-php56 … ea-php81, the sample's ea-php74) and ea-php82,
 * the default get_domain_info has always reported here.
 */
export const INSTALLED_PHP = ['ea-php56', 'ea-php70', 'ea-php71', 'ea-php72', 'ea-php73', 'ea-php74', 'ea-php80', 'ea-php81', 'ea-php82'];
const FIRST_DEFAULT = 'ea-php82';

export interface VhostPhp {
  version: string;
  php_fpm: 0 | 1;
  php_fpm_pool_parms?: Record<string, unknown>;
}

const KEYS = { default: 'php-default', vhosts: 'php-vhosts', handlers: 'php-handlers', ini: 'php-ini' };

export const phpSystemDefault = (db: DB): string => readList<string>(db, KEYS.default, FIRST_DEFAULT);

export function setPhpSystemDefault(db: DB, version: string): void {
  writeList(db, KEYS.default, version);
}

/** Vhost → its own PHP setting (a vhost without one inherits the system default). */
export const vhostPhpSettings = (db: DB): Record<string, VhostPhp> => readList<Record<string, VhostPhp>>(db, KEYS.vhosts, {});

export function saveVhostPhpSettings(db: DB, settings: Record<string, VhostPhp>): void {
  writeList(db, KEYS.vhosts, settings);
}

/** The PHP version a vhost runs: its own, else the system default. */
export function vhostPhpVersion(db: DB, vhost: string): string {
  return vhostPhpSettings(db)[vhost]?.version ?? phpSystemDefault(db);
}

/** Version → its handler, when one was set (php_set_handler). */
export const phpHandlers = (db: DB): Record<string, string> => readList<Record<string, string>>(db, KEYS.handlers, {});

export function setPhpHandler(db: DB, version: string, handler: string): void {
  writeList(db, KEYS.handlers, { ...phpHandlers(db), [version]: handler });
}

/** Version → its php.ini text, when one was written (php_ini_set_content / php_ini_set_directives). */
export const phpIniTexts = (db: DB): Record<string, string> => readList<Record<string, string>>(db, KEYS.ini, {});

export function setPhpIniText(db: DB, version: string, text: string): void {
  writeList(db, KEYS.ini, { ...phpIniTexts(db), [version]: text });
}
