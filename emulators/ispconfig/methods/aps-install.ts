import type { IspCall } from '../call.js';
import { INSTANCE_INSTALL, INSTANCE_PENDING, type ApsPackage, type ApsSetting } from '../engine/aps-catalogue.js';
import { mysqlPasswordHash } from '../engine/crypt.js';
import { passwordPolicyError } from '../engine/custom-validators.js';
import { empty, htmlspecialchars, intval, isEmail, looseEquals, str, type PhpArray } from '../engine/php.js';
import {
  customerOfSite,
  databaseUserNamed,
  datalogUpdate,
  defaultDbServerOfGroup,
  instanceDomainsOfCustomer,
  instanceLocation,
  nameTaken,
  siteDocumentRoot,
  siteRow,
} from '../store/aps.js';
import { globalConfig, serverConfig } from '../store/config.js';
import { datalogInsert, type Row } from '../store/datalog.js';
import { clientOfGroup, groupName } from '../store/groups.js';
import { serverRoles } from '../store/server.js';

// Installing an APS package: ApsGUIController's validateInstallerInput, createPackageInstance and
// createDatabaseForPackageInstance, tools_sites->replacePrefix (interface/lib/classes/aps_guicontroller.inc.php,
// tools_sites.inc.php; ISPConfig 3.2.11, AVENTER-UG/ispconfig3@3.2.11), and the datalog writes they use.

export const asRow = (values: Record<string, unknown>): Record<string, string | null> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null || v === undefined ? null : str(v)]));

// ---------------------------------------------------------------------------------------------------------------
// Installing (validateInstallerInput, createPackageInstance, createDatabaseForPackageInstance)

export const mainDomain = (domain: string) => (domain.startsWith('www.') ? domain.slice(4) : domain);

/** secureLocation: slashes collapsed, dots, NULs removed, backslashes made slashes; one leading and trailing slash dropped. */
function secureLocation(location: string): string {
  let l = location.replace(/\/+/g, '/').replace(/\.+/g, '').replace(/\0+/g, '').replace(/\\+/g, '/');
  if (l.endsWith('/')) l = l.slice(0, -1);
  if (l.startsWith('/')) l = l.slice(1);
  return l;
}

/** The customer (client id) owning a website, 0 when none. */
export function customerOf(call: IspCall, domain: string): string {
  return customerOfSite(call.db, domain) ?? '0';
}

const FILTER_INT = /^\s*[+-]?(?:0|[1-9]\d{0,18})\s*$/;
const FILTER_FLOAT = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A setting's regex as preg_match("/".$regex."/") runs it; an invalid or oversized pattern never matches (preg_match false). */
function settingRegexMatches(regex: string, value: string): boolean {
  if (regex.length > 1000 || value.length > 10000) return false;
  try {
    return new RegExp(regex).test(value);
  } catch {
    return false;
  }
}

export function validateInstallerInput(
  call: IspCall,
  post: PhpArray,
  details: Record<string, unknown>,
  domains: string[],
  settings: ApsSetting[],
): { input: Map<string, unknown>; errors: string[] } {
  const input = new Map<string, unknown>();
  const errors: string[] = [];
  const isset = (k: string) => post[k] !== undefined && post[k] !== null;
  const domainOk = isset('main_domain') && domains.some((d) => looseEquals(d, post.main_domain));
  // $app->lng() in the remote API has only the global word book, so these are the untranslated keys.
  if (!domainOk) errors.push('error_main_domain');
  else input.set('main_domain', post.main_domain);
  if (isset('admin_password')) {
    const problem = passwordPolicyError(call, str(post.admin_password));
    if (problem) errors.push(problem);
  }
  if (isset('main_location')) {
    let problem = '';
    const userinput = str(post.main_location).length > 0;
    const location = secureLocation(secureLocation(str(post.main_location))).replace(/[^\d\w/-]/g, '');
    if (userinput && location.length === 0) problem = 'error_inv_main_location';
    if (domainOk) {
      const docroot = siteDocumentRoot(call.db, mainDomain(str(post.main_domain)));
      let newPath = str(docroot?.web_folder).trim() === '' ? str(docroot?.document_root) : `${str(docroot?.document_root)}/${str(docroot?.web_folder)}`;
      if (!newPath.endsWith('/')) newPath += '/';
      newPath += location;
      const customer = customerOf(call, mainDomain(str(post.main_domain)));
      const used = instanceDomainsOfCustomer(call.db, customer);
      for (const inst of used) {
        const root = siteDocumentRoot(call.db, inst.domain);
        if (!root) continue;
        let usedPath = str(root.document_root);
        if (!usedPath.endsWith('/')) usedPath += '/';
        const where = instanceLocation(call.db, inst.instance_id);
        if (where) usedPath += str(where.value);
        // The same path, a path below an installed one, or one an installed package lives below.
        if (newPath === usedPath || usedPath.startsWith(newPath) || newPath.startsWith(usedPath)) {
          problem = 'error_used_location';
          break;
        }
      }
    } else problem = 'error_main_domain';
    if (problem === '') input.set('main_location', htmlspecialchars(location));
    else errors.push(problem);
  } else errors.push('error_no_main_location');
  if (details['License need agree'] === 'true') {
    if (isset('license') && looseEquals(post.license, 'on')) input.set('license', 'true');
    else errors.push('error_license_agreement');
  }
  if (details['Requirements Database'] !== '') {
    for (const k of ['main_database_host', 'main_database_name', 'main_database_login']) if (isset(k)) input.set(k, post[k]);
    if (isset('main_database_password')) {
      if (looseEquals(post.main_database_password, '')) errors.push('error_no_database_pw');
      else if (str(post.main_database_password).length > 8) input.set('main_database_password', htmlspecialchars(str(post.main_database_password)));
      else errors.push('error_short_database_pw');
    } else errors.push('error_no_database_pw');
  }
  for (const s of settings) {
    let problem = '';
    const given = isset(s.id) && !looseEquals(post[s.id], '');
    if (!given && s.type !== 'boolean') {
      errors.push('error_no_value_for'); // sprintf() of a key without %s
      continue;
    }
    const value = str(post[s.id]);
    if (s.type === 'string' || s.type === 'password') {
      if (intval(s.minLength) !== 0 && value.length < intval(s.minLength)) problem = 'error_short_value_for';
      if (intval(s.maxLength) !== 0 && value.length > intval(s.maxLength)) problem = 'error_long_value_for';
      if (s.regex !== undefined && !settingRegexMatches(s.regex, value)) problem = 'error_inv_value_for';
    } else if (s.type === 'email') {
      if (!isEmail(value.toLowerCase())) problem = 'error_inv_email_for';
    } else if (s.type === 'domain-name') {
      // The pattern has no delimiters ("^…$"): preg_match warns and returns false, so every value is refused.
      problem = 'error_inv_domain_for';
    } else if (s.type === 'integer') {
      if (!FILTER_INT.test(value)) problem = 'error_inv_integer_for';
    } else if (s.type === 'float') {
      if (!FILTER_FLOAT.test(value)) problem = 'error_inv_float_for';
    } else if (s.type === 'boolean') {
      // Any value that is set reads 'true'; only a missing one is 'false'.
      post[s.id] = isset(s.id) ? 'true' : 'false';
    } else if (s.type === 'enum') {
      if (!(s.choices ?? []).some((c) => looseEquals(c.id, post[s.id]))) problem = 'error_inv_value_for';
    }
    if (problem === '') input.set(s.id, post[s.id]);
    else errors.push(problem);
  }
  return { input, errors: [...new Set(errors)] };
}

/** tools_sites->replacePrefix for the database prefixes, as the admin profile the remote API loads resolves them. */
function replacePrefix(call: IspCall, prefix: string, site: Row): string {
  if (prefix === '') return '';
  const client = () => str(clientOfGroup(call.db, site.sys_groupid)?.client_id) || '0';
  // inferred: convertClientName keeps lower-case letters and digits of the group name.
  const clientName = () =>
    str(groupName(call.db, site.sys_groupid)?.name)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '') || 'default';
  return prefix
    .split('[CLIENTNAME]')
    .join(prefix.includes('[CLIENTNAME]') ? clientName() : '')
    .split('[CLIENTID]')
    .join(prefix.includes('[CLIENTID]') ? client() : '')
    .split('[DOMAINID]')
    .join(str(site.domain_id));
}

function firstFree(call: IspCall, prefix: string, table: 'web_database' | 'web_database_user', column: 'database_name' | 'database_user'): string {
  for (let n = 1; n <= 1000; n++) {
    const name = prefix !== '' ? `${prefix}aps${n}` : `aps${Date.now().toString(16)}${n}`;
    if (!nameTaken(call.db, table, column, name)) return name;
  }
  return `${prefix}aps1000`;
}

function createDatabase(call: IspCall, settings: Map<string, unknown>, site: Row): boolean {
  const sites = globalConfig(call).sites ?? {};
  const dbnamePrefix = replacePrefix(call, str(sites.dbname_prefix), site);
  const dbuserPrefix = replacePrefix(call, str(sites.dbuser_prefix), site);
  const server = serverRoles(call.db, site.server_id);
  let dbServerId: number;
  let remoteAccess = 'n';
  let remoteIps = '';
  if (intval(server?.db_server) === 1) {
    dbServerId = intval(site.server_id);
    settings.set('main_database_host', 'localhost');
    // Chrooted PHP-FPM has no MySQL socket: a network connection instead.
    if (site.php_fpm_chroot === 'y') (settings.set('main_database_host', '127.0.0.1'), (remoteAccess = 'y'), (remoteIps = '127.0.0.1'));
  } else {
    const client = defaultDbServerOfGroup(call.db, site.sys_groupid);
    if (!(intval(client?.default_dbserver) > 0) || looseEquals(client?.default_dbserver, site.server_id)) return false;
    dbServerId = intval(client!.default_dbserver);
    settings.set('main_database_host', str(serverConfig(call, dbServerId).server?.ip_address));
    remoteAccess = 'y';
    remoteIps = str(serverConfig(call, intval(site.server_id)).server?.ip_address);
  }
  if (empty(settings.get('main_database_name'))) settings.set('main_database_name', firstFree(call, dbnamePrefix, 'web_database', 'database_name'));
  if (empty(settings.get('main_database_login'))) settings.set('main_database_login', firstFree(call, dbuserPrefix, 'web_database_user', 'database_user'));
  const user = databaseUserNamed(call.db, str(settings.get('main_database_login')));
  const userId = user
    ? str(user.database_user_id)
    : String(
        datalogInsert(
          call,
          'web_database_user',
          'database_user_id',
          asRow({
            sys_userid: site.sys_userid,
            sys_groupid: site.sys_groupid,
            sys_perm_user: 'riud',
            sys_perm_group: site.sys_perm_group,
            sys_perm_other: '',
            server_id: 0,
            database_user: settings.get('main_database_login'),
            database_user_prefix: dbuserPrefix,
            database_password: mysqlPasswordHash(str(settings.get('main_database_password'))),
          }),
        ),
      );
  if (!nameTaken(call.db, 'web_database', 'database_name', str(settings.get('main_database_name')))) {
    datalogInsert(
      call,
      'web_database',
      'database_id',
      asRow({
        sys_userid: site.sys_userid,
        sys_groupid: site.sys_groupid,
        sys_perm_user: 'riud',
        sys_perm_group: site.sys_perm_group,
        sys_perm_other: '',
        server_id: dbServerId,
        parent_domain_id: site.domain_id,
        type: 'mysql',
        database_name: settings.get('main_database_name'),
        database_name_prefix: dbnamePrefix,
        database_user_id: userId,
        database_ro_user_id: 0,
        database_charset: '',
        remote_access: remoteAccess,
        remote_ips: remoteIps,
        backup_copies: site.backup_copies,
        active: 'y',
        backup_interval: site.backup_interval,
      }),
    );
  }
  return true;
}

export function createPackageInstance(call: IspCall, settings: Map<string, unknown>, packageId: number, meta: ApsPackage): number | false {
  const site = siteRow(call.db, mainDomain(str(settings.get('main_domain'))));
  const serverId = site ? intval(site.server_id) : 0;
  if (!settings.size || !site || serverId === 0) return false;
  const customer = customerOf(call, mainDomain(str(settings.get('main_domain'))));
  // The application needs PHP as CGI with suexec (Apache) or PHP-FPM (nginx).
  if (serverConfig(call, serverId).web?.server_type === 'apache') {
    if ((site.php !== 'fast-cgi' || site.suexec !== 'y') && site.php !== 'php-fpm')
      datalogUpdate(call, 'web_domain', 'domain_id', str(site.domain_id), { php: 'fast-cgi', suexec: 'y' });
  } else if (site.php !== 'php-fpm' && site.php !== 'fast-cgi') datalogUpdate(call, 'web_domain', 'domain_id', str(site.domain_id), { php: 'php-fpm' });
  if (meta.database?.id && !createDatabase(call, settings, site)) return false;
  const id = datalogInsert(
    call,
    'aps_instances',
    'id',
    asRow({
      sys_userid: site.sys_userid,
      sys_groupid: site.sys_groupid,
      sys_perm_user: 'riud',
      sys_perm_group: site.sys_perm_group,
      sys_perm_other: '',
      server_id: serverId,
      customer_id: customer,
      package_id: packageId,
      instance_status: INSTANCE_PENDING,
    }),
  );
  for (const [name, value] of settings) datalogInsert(call, 'aps_instances_settings', 'id', asRow({ server_id: serverId, instance_id: id, name, value }));
  datalogUpdate(call, 'aps_instances', 'id', id, { instance_status: INSTANCE_INSTALL });
  return id;
}
