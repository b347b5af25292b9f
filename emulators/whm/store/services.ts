import type { DB } from '../../../state/database.js';
import { readList, writeList } from './stored-settings.js';

/*
 * The server's services (daemons) as WHM's Service Manager keeps them: whether
 * each is installed, enabled and monitored, and when it last started on the
 * world clock. The names are servicestatus's "Available Services" (seed 004,
 * servicestatus); only crond's display name is documented ("Cron Daemon"), the
 * others are inferred from the daemons' own names. Which are installed or
 * enabled on a fresh server is inferred too: the optional add-ons (ClamAV,
 * Solr, PostgreSQL, p0f) are not installed, the second Exim port and the old
 * syslogd (rsyslogd replaces it) are off. The defaults live here; the store
 * keeps only what a call changed, one bounded map in whm_stored.
 */

export interface ServiceState {
  name: string;
  display_name: string;
  installed: 0 | 1;
  enabled: 0 | 1;
  monitored: 0 | 1;
  /** When the daemon last started (Unix seconds, world clock); 0: at boot before the world began. */
  since: number;
}

type Defaults = [name: string, display: string, installed: 0 | 1, enabled: 0 | 1];

const DEFAULTS: Defaults[] = [
  ['apache_php_fpm', 'PHP-FPM service for Apache', 1, 1],
  ['clamd', 'ClamAV Daemon', 0, 0],
  ['cpanel-dovecot-solr', 'Dovecot Full-Text Search (Solr)', 0, 0],
  ['cpanel_php_fpm', 'PHP-FPM service for cPanel Daemons', 1, 1],
  ['cpanellogd', 'cPanel Log and Bandwidth Processor', 1, 1],
  ['cpdavd', 'cPanel DAV Daemon', 1, 1],
  ['cpgreylistd', 'cPanel Greylisting Daemon', 1, 1],
  ['cphulkd', 'cPHulk Brute Force Protection', 1, 1],
  ['cpsrvd', 'cPanel Daemon', 1, 1],
  ['crond', 'Cron Daemon', 1, 1],
  ['dnsadmin', 'cPanel DNS Admin Cache', 1, 1],
  ['exim', 'Exim Mail Server', 1, 1],
  ['exim-altport', 'Exim Mail Server (on another port)', 1, 0],
  ['ftpd', 'FTP Server', 1, 1],
  ['httpd', 'Apache Web Server', 1, 1],
  ['imap', 'IMAP Server', 1, 1],
  ['ipaliases', 'IP Aliases', 1, 1],
  ['lmtp', 'Dovecot LMTP Server', 1, 1],
  ['mailman', 'Mailman', 1, 1],
  ['mysql', 'Database Server', 1, 1],
  ['named', 'DNS Server', 1, 1],
  ['nscd', 'Name Service Cache Daemon', 1, 1],
  ['p0f', 'Passive OS Fingerprinting Daemon', 0, 0],
  ['pop', 'POP3 Server', 1, 1],
  ['postgresql', 'PostgreSQL Server', 0, 0],
  ['queueprocd', 'TaskQueue Processor', 1, 1],
  ['rsyslogd', 'System Logger Daemon', 1, 1],
  ['spamd', 'Apache SpamAssassin™', 1, 1],
  ['sshd', 'SSH Daemon', 1, 1],
  ['syslogd', 'System Logger Daemon (syslogd)', 1, 0],
  ['tailwatchd', 'TailWatch Daemon', 1, 1],
];

const SERVICES_KEY = 'services';

type Changes = Record<string, Partial<Pick<ServiceState, 'enabled' | 'monitored' | 'since'>>>;

/** Every service the server knows, in name order. */
export function listServices(db: DB): ServiceState[] {
  const changed = readList<Changes>(db, SERVICES_KEY, {});
  return DEFAULTS.map(([name, display_name, installed, enabled]) => ({
    name,
    display_name,
    installed,
    enabled,
    // Monitoring follows "enabled" on a fresh server (inferred: the Service Manager monitors what runs).
    monitored: enabled,
    since: 0,
    ...changed[name],
  }));
}

/** One service by name, or undefined when the server has no such service. */
export function getService(db: DB, name: string): ServiceState | undefined {
  return listServices(db).find((s) => s.name === name);
}

/** Changes a service's settings (the names are DEFAULTS', so the map stays bounded). */
export function updateService(db: DB, name: string, change: Partial<Pick<ServiceState, 'enabled' | 'monitored' | 'since'>>): void {
  const changed = readList<Changes>(db, SERVICES_KEY, {});
  changed[name] = { ...changed[name], ...change };
  writeList(db, SERVICES_KEY, changed);
}

/** Whether the daemon runs: installed and enabled (a disabled service is stopped). */
export function isRunning(s: ServiceState): boolean {
  return s.installed === 1 && s.enabled === 1;
}
