import { faults, reasons } from './faults.js';

/*
 * Username rules of Cpanel::Validate::Username::Core (public copy of cPanel,
 * see faults.ts): at most 16 characters (a MySQL limit), reserved system
 * names, reserved prefixes and suffixes.
 */
export const MAX_USERNAME_LENGTH = 16;
const RESERVED = new Set([
  'abrt',
  'all',
  'clamav',
  'cpanel-ccs',
  'cpeasyapache',
  'cpses',
  'cptkt',
  'cphulkd',
  'cpwebcalls',
  'dbus',
  'dirs',
  'dnsadmin',
  'dovecot',
  'eximstats',
  'files',
  'ftpxferlog',
  'haldaemon',
  'information_schema',
  'mailman',
  'modsec',
  'munin',
  'mydns',
  'nobody',
  'performance_schema',
  'postgres',
  'postmaster',
  'proftpd',
  'root',
  'roundcube',
  'shadow',
  'spamassassin',
  'ssl',
  'sys',
  'system',
  'tcpdump',
  'tmp',
  'tomcat',
  'toor',
  'virtfs',
  'virtual',
  'webmaster',
  'whmxfer',
  '_lock',
]);
const RESERVED_PREFIXES = ['test', 'passwd.', 'cpmydns', 'cpanel', 'mydns', 'pg_toast', 'pg_temp', 'cpses', 'cptkt', 'cpbackup'];
const RESERVED_SUFFIXES = ['.lock', '.cache', '.yaml', '.json', '.db', 'assword'];

/** The reason a new cPanel username is refused, or undefined when it is acceptable. */
export function usernameProblem(user: string): string | undefined {
  if (user !== user.toLowerCase()) return reasons.usernameUppercase(user);
  if (user.length > MAX_USERNAME_LENGTH) return reasons.usernameTooLong(user, MAX_USERNAME_LENGTH);
  // inferred: new accounts get letters and digits only, a letter first (the core regex also allows - . _ for system users).
  if (!/^[a-z][a-z0-9]*$/.test(user)) return reasons.usernameInvalid(user);
  if (usernameReserved(user)) return reasons.usernameReserved(user);
  return undefined;
}

/** True for a system name, or one with a reserved prefix or suffix. */
export function usernameReserved(user: string): boolean {
  return RESERVED.has(user) || RESERVED_PREFIXES.some((p) => user.startsWith(p)) || RESERVED_SUFFIXES.some((s) => user.endsWith(s));
}

// The domain-name rules live with the domain rows, where the cPanel door reads them too (its one seam is whm/store).
export { domainArg, isDomain } from './store/domain-names.js';

/**
 * A 0–100 password strength in the spirit of cPanel's meter (length and
 * character classes). inferred: cPanel's exact formula is not public in the
 * research; only a server's minimum (getminimumpasswordstrengths) matters.
 */
export function passwordStrength(password: string): number {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  return Math.min(100, password.length * 4 + classes * 10 + (new Set(password).size > 6 ? 10 : 0));
}

/** Fails when the password is empty or weaker than the server's minimum. */
export function checkPassword(password: string, minimum: number): void {
  if (!password) throw faults.passwordEmpty();
  const strength = passwordStrength(password);
  if (strength < minimum) throw faults.passwordWeak(minimum, strength);
}
