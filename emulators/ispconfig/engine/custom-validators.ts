import type { FormRule } from '../schema/index.js';
import { globalConfig } from '../store/config.js';
import type { RecordScope } from '../store/scope.js';
import { countEqual, loginNameCount, parentDomainOf, siteDocumentRootById, webDomainsNamed } from '../store/validation.js';
import { empty, intval, isIp, str } from './php.js';
import type { ValidationScope } from './validators.js';

// ISPConfig's CUSTOM validators (interface/lib/classes/validate_*.inc.php in 3.2.11), re-implemented
// from their documented behaviour. Each returns the text it appends to errorMessage: most return their
// errmsg key + "<br>\r\n" (no space before the slash, unlike built-in validators), the password check an
// English sentence (the recorded 3.2.11 run shows both in one message).

type Custom = (name: string, value: unknown, rule: FormRule, scope: ValidationScope) => string;

const error = (key: string | undefined) => `${key ?? ''}<br>\r\n`;

const STRENGTH_NAMES = ['', 'Weak', 'Fair', 'Good', 'Strong', 'Very Strong'];

/** validate_password's strength score, 1 (weak) … 5 (very strong). */
function passwordStrength(pw: string): number {
  const length = pw.length;
  if (length < 5) return 1;
  let points = 0;
  let different = 0;
  if (/[a-z]/.test(pw)) different++;
  if (/[A-Z]/.test(pw)) (points++, different++);
  if (/[0-9]/.test(pw)) (points++, different++);
  if (/[`~!@#$%^&*()_+|\\=\-[\]}{';:/?.>,<" ]/.test(pw)) (points++, different++);
  const by = (a: number, b: number, c: number, lo: number, hi: number) => (length <= lo ? a : length <= hi ? b : c);
  if (points === 0 || different < 3) return by(1, 2, 3, 6, 8);
  if (points === 1) return by(2, 3, 4, 6, 10);
  if (points === 2) return by(3, 4, 5, 8, 10);
  if (points === 3) return by(3, 4, 5, 6, 8);
  return length <= 6 ? 4 : 5;
}

const passwordCheck: Custom = (_name, value, _rule, scope) => passwordPolicyError(scope.call, str(value));

/** validate_password->password_check(): '' when the password meets the system policy (or is empty), else its English sentence. */
export function passwordPolicyError(call: RecordScope, pw: string): string {
  if (pw === '') return '';
  const misc = globalConfig(call).misc ?? {};
  const minLength = intval(misc.min_password_length ?? 8);
  const minStrength = intval(misc.min_password_strength ?? 0);
  // The text of the English language file, which the remote API does load for this one validator (evidence: client_add dup username).
  const text =
    minStrength > 0
      ? `The chosen password does not match the security guidelines. It has to be at least ${minLength} chars in length and have a strength of "${STRENGTH_NAMES[minStrength] ?? ''}".`
      : `The chosen password does not match the security guidelines. It has to be at least ${minLength} chars in length.`;
  if ([...pw].length < minLength || passwordStrength(pw) < minStrength) return text;
  return '';
}

const DOMAIN = /^[\w.-]{1,255}\.[a-zA-Z0-9-]{2,63}$/;

/** validate_domain::_check_unique, reduced to what the API can reach: same name (or auto-subdomain name) on the same server and a clashing IP. */
function webDomainClash(scope: ValidationScope, name: string, onlyDomain: boolean): boolean {
  const rec = scope.record;
  const rows = webDomainsNamed(scope.call.db, name, onlyDomain, str(rec.server_id), String(scope.primaryId));
  const ip = str(rec.ip_address);
  const ip6 = str(rec.ipv6_address);
  return rows.some((r) => ip === '*' || r.ip_address === '*' || (ip !== '' && r.ip_address === ip) || (ip6 !== '' && r.ipv6_address === ip6));
}

const webDomain: Custom = (_name, value, _rule, scope) => {
  const domain = str(value);
  if (empty(value)) return error('domain_error_empty');
  if (!DOMAIN.test(domain)) return error('domain_error_regex');
  if (webDomainClash(scope, domain, false)) return error('domain_error_unique');
  if (/\.acme\.invalid$/.test(domain)) return error('domain_error_acme_invalid');
  return '';
};

const autoSubdomain: Custom = (name, value, _rule, scope) => {
  if (empty(value) || name !== 'subdomain') return '';
  return webDomainClash(scope, `${str(value)}.${str(scope.record.domain)}`, true) ? error('domain_error_autosub') : '';
};

const USER_BLACKLIST = ['root', 'ispconfig', 'vmail', 'getmail'];

/** functions->is_allowed_user / is_allowed_group. */
function allowedSystemName(value: unknown): boolean {
  const v = str(value).trim().toLowerCase();
  return !USER_BLACKLIST.includes(v) && /^[a-zA-Z0-9.\-_]{1,32}$/.test(v);
}

const checkSystemName: Custom = (name, value, rule) => {
  if ((name === 'system_user' || name === 'system_group') && str(value) === '-') return '';
  return allowedSystemName(value) ? '' : error(rule.errmsg);
};

/** validate_ftpuser::ftp_dir and validate_systemuser::shelluser_dir: the directory must lie inside the parent website. */
function insideWebsite(table: 'ftp_user' | 'shell_user', key: string): Custom {
  return (_name, value, rule, scope) => {
    let parent: number;
    if (scope.primaryId > 0) {
      const own = parentDomainOf(scope.call.db, table, key, scope.primaryId);
      if (!own || intval(own.parent_domain_id) < 1) return error(rule.errmsg);
      parent = intval(own.parent_domain_id);
    } else {
      if (scope.record.parent_domain_id === undefined || scope.record.parent_domain_id === null) return error(rule.errmsg);
      parent = intval(scope.record.parent_domain_id);
    }
    const site = siteDocumentRootById(scope.call.db, parent);
    if (!site) return error(rule.errmsg);
    const root = str(site.document_root);
    const dir = str(value);
    let ok = dir === root || dir.startsWith(`${root}/`);
    if (/\.\.|\.\/|\/\./.test(dir) || root.length + 1 < 5) ok = false;
    return ok ? '' : error(rule.errmsg);
  };
}

const CRON_RANGES: Record<string, [number, number]> = {
  run_min: [0, 59],
  run_hour: [0, 23],
  run_mday: [1, 31],
  run_month: [1, 12],
  run_wday: [0, 7],
};

/** validate_cron::run_time_format: comma lists of `n`, `n-m`, `*`, each optionally `/step`, within the field's range. */
const cronTime: Custom = (name, value, rule) => {
  const v = str(value).replace(/ /g, '');
  if (name === 'run_month' && v === '@reboot') return '';
  const range = CRON_RANGES[name];
  if (!range) return error('unknown_fieldtype_error');
  if (!/^[0-9\-,/*]+$/.test(v) || /[-,/][-,/]/.test(v)) return error(rule.errmsg);
  for (const entry of v.split(',')) {
    const m = /^(((\d+)(-(\d+))?)|\*)(\/([1-9]\d*))?$/.exec(entry);
    if (!m) return error(rule.errmsg);
    for (const n of [m[3], m[5]]) if (n !== undefined && (Number(n) < range[0] || Number(n) > range[1])) return error(rule.errmsg);
  }
  return '';
};

/** validate_cron::command_format: URLs must be http(s) with a plausible host; no line breaks. */
const cronCommand: Custom = (_name, value, rule) => {
  const v = str(value);
  const scheme = /^(\w+):\/\//.exec(v);
  if (scheme) {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      return error(rule.errmsg);
    }
    if (!['http', 'https'].includes(scheme[1].toLowerCase())) return error(rule.errmsg);
    if (!/^([a-z0-9][a-z0-9_-]{0,62}\.)+([A-Za-z0-9-]{2,63})$/i.test(url.hostname)) return error(rule.errmsg);
  }
  return /[\n\r\0]/.test(v) ? error(rule.errmsg) : '';
};

/** validate_dns::validate_ip: a separator list of IPs or networks, or 'any'. */
const ipList: Custom = (_name, value, rule) => {
  const v = str(value);
  if ((rule.allowempty === 'y' && v === '') || v === 'any') return '';
  const parts = rule.separator ? v.split(rule.separator) : [v];
  const bad = parts.some((p) => {
    const [ip, subnet] = p.trim().split('/', 2);
    return !isIp(ip.trim()) || (subnet !== undefined && !/^\d{1,3}$/.test(subnet.trim()));
  });
  return bad ? error(rule.errmsg) : '';
};

/** validate_database::valid_ip_list: only checked when remote access is on. */
const databaseIps: Custom = (_name, value, rule, scope) => {
  if (str(scope.record.remote_access) !== 'y' || str(value).trim() === '') return '';
  return str(value)
    .split(',')
    .some((ip) => !isIp(ip.trim()))
    ? error(rule.errmsg)
    : '';
};

/** validate_server::check_server_ip: the address must match params['ip_type']. */
const serverIp: Custom = (_name, value, rule, scope) => {
  const type = str(scope.record.ip_type);
  if (type === 'IPv4') return isIp(str(value), 4) ? '' : error(rule.errmsg);
  if (type === 'IPv6') return isIp(str(value), 6) ? '' : error(rule.errmsg);
  return error(rule.errmsg);
};

/** validate_client::username_unique: no other panel user (sys_user) has the name. */
const clientUsernameUnique: Custom = (_name, value, rule, scope) => {
  return loginNameCount(scope.call.db, str(value), scope.primaryId === 0 ? undefined : String(scope.primaryId)) > 0 ? error(rule.errmsg) : '';
};

/** validate_client::username_collision: 'web' and 'webN' clash with website system users under the default prefixes. */
const clientUsernameCollision: Custom = (_name, value, rule, scope) => {
  const v = str(value);
  const sites = globalConfig(scope.call).sites ?? {};
  const prefixes = [sites.ftpuser_prefix, sites.shelluser_prefix];
  const risky = prefixes.some((p) => p === undefined || p === '' || p === '[CLIENTNAME]');
  if ((v.trim() === 'web' || /^web[0-9]/.test(v)) && risky && (sites.client_username_web_check_disabled ?? 'n') === 'n') return error(rule.errmsg);
  return '';
};

/** Table-scoped uniqueness of a domain (validate_mail_transport / validate_mail_relay_domain). */
function uniqueDomain(table: string): Custom {
  return (_name, value, rule, scope) => {
    return countEqual(scope.call.db, table, 'domain', str(value), String(scope.primaryId)) > 0 ? error(rule.errmsg) : '';
  };
}

/** validate_reseller::limit_client: a reseller needs a client limit other than 0. */
const resellerLimit: Custom = (_name, value, rule) => (intval(value) === 0 ? error(rule.errmsg || 'limit_client_error') : '');

const CUSTOM: Record<string, Custom> = {
  'validate_password::password_check': passwordCheck,
  'validate_domain::web_domain': webDomain,
  'validate_domain::alias_domain': webDomain,
  'validate_domain::sub_domain': webDomain,
  'validate_domain::web_domain_autosub': autoSubdomain,
  'validate_systemuser::check_sysuser': checkSystemName,
  'validate_systemuser::check_sysgroup': checkSystemName,
  'validate_systemuser::shelluser_dir': insideWebsite('shell_user', 'shell_user_id'),
  'validate_ftpuser::ftp_dir': insideWebsite('ftp_user', 'ftp_user_id'),
  'validate_cron::run_time_format': cronTime,
  'validate_cron::run_month_format': cronTime,
  'validate_cron::command_format': cronCommand,
  'validate_dns::validate_ip': ipList,
  'validate_database::valid_ip_list': databaseIps,
  'validate_server::check_server_ip': serverIp,
  'validate_client::username_unique': clientUsernameUnique,
  'validate_client::username_collision': clientUsernameCollision,
  'validate_mail_transport::validate_domain': uniqueDomain('mail_transport'),
  'validate_mail_relay_domain::validate_domain': uniqueDomain('mail_relay_domain'),
  'validate_reseller::limit_client': resellerLimit,
};

/**
 * Runs a CUSTOM validator. Ones not listed above depend on things outside
 * the panel (validate_client::check_vat_id asks the EU VIES service,
 * check_used_servers / dkim / openvz / directive blacklists read server
 * files); inferred: they pass, as they would for well-formed input.
 */
export function customValidator(rule: FormRule, name: string, value: unknown, scope: ValidationScope): string {
  const fn = CUSTOM[`${rule.class}::${rule.function}`];
  return fn ? fn(name, value, rule, scope) : '';
}
