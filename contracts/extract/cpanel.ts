import type { Contract, MethodContract, ParamContract, ValueType } from '../contract.js';

/*
 * The cPanel account APIs (UAPI and cPanel API 2) as mockpanel emulates
 * them. There is no seed for them: this table is kept by hand from cPanel's
 * public reference at api.docs.cpanel.net, one source URL per function
 * (parameters, their requirement and the response fields recorded as facts;
 * no prose copied). `npm run gen:contracts` renders it into contracts/cpanel.json.
 *
 * Method names: UAPI `Module::function`; API 2 `API2::Module::function`
 * (both APIs have functions of the same name, e.g. SubDomain::addsubdomain).
 */

const UAPI = 'https://api.docs.cpanel.net/openapi/cpanel/operation/';
const API2 = 'https://api.docs.cpanel.net/cpanel-api-2/cpanel-api-2-modules-';

type P = [name: string, type: ValueType, required?: boolean, extra?: Partial<ParamContract>];

interface Entry {
  name: string;
  params?: P[];
  source: string;
  /** Response keys (UAPI `result.data`, API 2 `data` items), as documented. */
  keys?: Record<string, ValueType>;
  sample?: unknown;
  auth?: MethodContract['auth'];
  tags?: string[];
}

const api2 = (module: string, fn: string) => `${API2}${module.toLowerCase()}/cpanel-api-2-functions-${module.toLowerCase()}-${fn}`;

/** The record filters both ZoneEdit fetch functions document. */
const ZONE_FILTERS: P[] = [
  ['customonly', 'int', false, { enum: [0, 1] }],
  ['line', 'int'],
  ['ttl', 'int'],
  ['name', 'string'],
  ['class', 'string'],
  ['address', 'string'],
  ['type', 'string'],
];

const ENTRIES: Entry[] = [
  // --- login (cpsrvd, not an API function) ----------------------------------
  {
    name: 'login',
    params: [
      ['user', 'string'],
      ['pass', 'string', false, { secret: true }],
      ['session', 'string', false, { secret: true }],
      ['login_only', 'int', false, { enum: [0, 1] }],
    ],
    source:
      'https://api.docs.cpanel.net/guides/guide-to-api-authentication/guide-to-api-authentication-browser-based-authentication (form login user/pass, or session= from WHM create_user_session; /cpsessNNNNNNNNNN session)',
    auth: 'none',
    keys: { status: 'int', security_token: 'string', redirect: 'string' },
  },
  // --- Tokens (UAPI) --------------------------------------------------------
  {
    name: 'Tokens::create_full_access',
    params: [
      ['name', 'string', true, { maxLength: 50, format: 'letters, digits, - and _' }],
      ['expires_at', 'int'],
    ],
    source: `${UAPI}create_full_access/`,
    keys: { create_time: 'int', token: 'string' },
  },
  {
    name: 'Tokens::list',
    source: `${UAPI}list/ (inferred fields: name, create_time, expires_at, has_full_access)`,
    keys: { name: 'string', create_time: 'int', expires_at: 'int', has_full_access: 'int' },
  },
  { name: 'Tokens::revoke', params: [['name', 'string', true]], source: `${UAPI}revoke/` },
  // --- CustInfo (API 2) -----------------------------------------------------
  {
    name: 'API2::CustInfo::displaycontactinfo',
    source: api2('CustInfo', 'displaycontactinfo'),
    keys: { name: 'string', value: 'any', type: 'string', descp: 'string' },
  },
  // --- DNS (UAPI) -----------------------------------------------------------
  {
    name: 'DNS::parse_zone',
    params: [['zone', 'string', true]],
    source: `${UAPI}dns-parse_zone`,
    keys: { line_index: 'int', type: 'string', data_b64: 'array', dname_b64: 'string', record_type: 'string', ttl: 'int', text_b64: 'string' },
  },
  {
    name: 'DNS::mass_edit_zone',
    params: [
      ['zone', 'string', true],
      ['serial', 'int', true, { minimum: 0 }],
      ['add', 'array'],
      ['edit', 'array'],
      ['remove', 'array'],
    ],
    source: `${UAPI}dns-mass_edit_zone (serial must match the zone's SOA serial or the call fails; temporary domains refused)`,
    keys: { new_serial: 'int' },
  },
  // --- ZoneEdit (API 2) -----------------------------------------------------
  { name: 'API2::ZoneEdit::fetchzones', source: api2('ZoneEdit', 'fetchzones'), keys: { zones: 'struct' } },
  {
    name: 'API2::ZoneEdit::fetchzone_records',
    params: [['domain', 'string', true], ...ZONE_FILTERS, ['cname', 'string'], ['txtdata', 'string'], ['exchange', 'string'], ['preference', 'int']],
    source: api2('ZoneEdit', 'fetchzone_records'),
    keys: { Line: 'int', Lines: 'int', line: 'int', record: 'string', name: 'string', class: 'string', ttl: 'int', type: 'string' },
  },
  {
    name: 'API2::ZoneEdit::fetchzone',
    params: [['domain', 'string', true], ...ZONE_FILTERS],
    source: api2('ZoneEdit', 'fetchzone'),
    keys: { record: 'array', serialnum: 'string', status: 'int', statusmsg: 'string' },
  },
  ...(['add_zone_record', 'edit_zone_record'] as const).map((fn): Entry => ({
    name: `API2::ZoneEdit::${fn}`,
    params: [
      ['domain', 'string', true],
      ...(fn === 'edit_zone_record' ? ([['line', 'int', true]] as P[]) : []),
      ['name', 'string', fn === 'add_zone_record'],
      ['type', 'string', fn === 'add_zone_record'],
      ['ttl', 'int'],
      ['class', 'string'],
      ['address', 'string'],
      ['cname', 'string'],
      ['txtdata', 'string'],
      ['exchange', 'string'],
      ['preference', 'int'],
      ['serialnum', 'int'],
    ],
    source: api2('ZoneEdit', fn),
    keys: { result: 'struct' },
  })),
  {
    name: 'API2::ZoneEdit::remove_zone_record',
    params: [
      ['domain', 'string', true],
      ['line', 'int', true],
      ['serialnum', 'int'],
    ],
    source: api2('ZoneEdit', 'remove_zone_record'),
    keys: { result: 'struct' },
  },
  // --- Domains: SubDomain, AddonDomain, Park (API 2; SubDomain::addsubdomain also UAPI), DomainInfo (UAPI) ---
  {
    name: 'SubDomain::addsubdomain',
    params: [
      ['domain', 'string', true],
      ['rootdomain', 'string', true],
      ['canoff', 'int', false, { default: 1, enum: [0, 1] }],
      ['dir', 'string'],
      ['disallowdot', 'int', false, { default: 0, enum: [0, 1] }],
    ],
    source: `${UAPI}addsubdomain`,
  },
  {
    name: 'API2::SubDomain::addsubdomain',
    params: [
      ['domain', 'string', true],
      ['rootdomain', 'string', true],
      ['dir', 'string'],
      ['disallowdot', 'int', false, { enum: [0, 1] }],
    ],
    source: api2('SubDomain', 'addsubdomain'),
    keys: { result: 'int', reason: 'string' },
  },
  {
    name: 'API2::SubDomain::delsubdomain',
    params: [['domain', 'string', true]],
    source: api2('SubDomain', 'delsubdomain'),
    keys: { result: 'int', reason: 'string' },
  },
  {
    name: 'API2::SubDomain::listsubdomains',
    params: [['regex', 'string']],
    source: api2('SubDomain', 'listsubdomains'),
    keys: {
      basedir: 'string',
      dir: 'string',
      domain: 'string',
      domainkey: 'string',
      reldir: 'string',
      rootdomain: 'string',
      status: 'string',
      subdomain: 'string',
    },
  },
  {
    name: 'API2::AddonDomain::addaddondomain',
    params: [
      ['newdomain', 'string', true],
      ['subdomain', 'string', true],
      ['dir', 'string'],
    ],
    source: api2('AddonDomain', 'addaddondomain'),
    keys: { result: 'int', reason: 'string' },
  },
  {
    name: 'API2::AddonDomain::deladdondomain',
    params: [
      ['domain', 'string', true],
      ['subdomain', 'string', true],
    ],
    source: api2('AddonDomain', 'deladdondomain'),
    keys: { result: 'int', reason: 'string' },
  },
  {
    name: 'API2::AddonDomain::listaddondomains',
    params: [['regex', 'string']],
    source: api2('AddonDomain', 'listaddondomains'),
    keys: {
      basedir: 'string',
      dir: 'string',
      domain: 'string',
      domainkey: 'string',
      fullsubdomain: 'string',
      reldir: 'string',
      rootdomain: 'string',
      status: 'string',
      subdomain: 'string',
    },
  },
  {
    name: 'API2::Park::park',
    params: [
      ['domain', 'string', true],
      ['topdomain', 'string'],
    ],
    source: api2('Park', 'park'),
    keys: { result: 'int', reason: 'string' },
  },
  { name: 'API2::Park::unpark', params: [['domain', 'string', true]], source: api2('Park', 'unpark'), keys: { result: 'int', reason: 'string' } },
  {
    name: 'API2::Park::listparkeddomains',
    params: [['regex', 'string']],
    source: api2('Park', 'listparkeddomains'),
    keys: { basedir: 'string', dir: 'string', domain: 'string', reldir: 'string', status: 'string' },
  },
  {
    name: 'DomainInfo::list_domains',
    source: `${UAPI}list_domains`,
    keys: { main_domain: 'string', addon_domains: 'array', parked_domains: 'array', sub_domains: 'array' },
  },
  {
    name: 'DomainInfo::domains_data',
    params: [['format', 'string', false, { default: 'hash', enum: ['hash', 'list'] }]],
    source: `${UAPI}domains_data (keys of each vhost from the documented sample: documentroot, domain, homedir, ip, servername, serveralias, type, user…)`,
    keys: { main_domain: 'struct', addon_domains: 'array', parked_domains: 'array', sub_domains: 'array' },
  },
  {
    name: 'DomainInfo::single_domain_data',
    params: [['domain', 'string', true]],
    source: `${UAPI}single_domain_data`,
    keys: {
      documentroot: 'string',
      domain: 'string',
      homedir: 'string',
      ip: 'string',
      servername: 'string',
      serveralias: 'string',
      type: 'string',
      user: 'string',
    },
  },
  // --- Email (UAPI and API 2): the functions WHM's passthrough has served, one implementation ---
  {
    name: 'Email::list_pops',
    params: [
      ['domain', 'string'],
      ['regex', 'string'],
    ],
    source: `${UAPI}list_pops/`,
    keys: { email: 'string', login: 'string', suspended_incoming: 'int', suspended_login: 'int' },
  },
  {
    name: 'Email::list_pops_with_disk',
    params: [
      ['domain', 'string'],
      ['email', 'string'],
    ],
    source: `${UAPI}list_pops_with_disk/`,
    keys: {
      email: 'string',
      login: 'string',
      user: 'string',
      domain: 'string',
      diskquota: 'string',
      diskused: 'string',
      humandiskquota: 'string',
      mtime: 'int',
    },
  },
  { name: 'Email::count_pops', source: `${UAPI}count_pops/` },
  {
    name: 'Email::add_pop',
    params: [
      ['email', 'string', true],
      ['password', 'string', true, { secret: true }],
      ['domain', 'string'],
      ['quota', 'int'],
      ['send_welcome_email', 'int', false, { enum: [0, 1] }],
      ['skip_update_db', 'int', false, { enum: [0, 1] }],
    ],
    source: `${UAPI}add_pop/`,
  },
  {
    name: 'Email::delete_pop',
    params: [
      ['email', 'string', true],
      ['domain', 'string'],
    ],
    source: `${UAPI}delete_pop/`,
  },
  {
    name: 'Email::passwd_pop',
    params: [
      ['email', 'string', true],
      ['password', 'string', true, { secret: true }],
      ['domain', 'string'],
    ],
    source: `${UAPI}passwd_pop/`,
  },
  {
    name: 'Email::edit_pop_quota',
    params: [
      ['email', 'string', true],
      ['quota', 'string', true],
      ['domain', 'string'],
    ],
    source: `${UAPI}edit_pop_quota/`,
  },
  { name: 'Email::suspend_login', params: [['email', 'string', true]], source: `${UAPI}suspend_login/` },
  { name: 'Email::unsuspend_login', params: [['email', 'string', true]], source: `${UAPI}unsuspend_login/` },
  {
    name: 'Email::list_forwarders',
    params: [
      ['domain', 'string'],
      ['regex', 'string'],
    ],
    source: `${UAPI}list_forwarders/`,
    keys: { dest: 'string', forward: 'string', html_dest: 'string', html_forward: 'string', uri_dest: 'string', uri_forward: 'string' },
  },
  {
    name: 'Email::add_forwarder',
    params: [
      ['domain', 'string', true],
      ['email', 'string', true],
      ['fwdopt', 'string', true, { enum: ['fwd', 'fail', 'blackhole', 'pipe', 'system'] }],
      ['fwdemail', 'string'],
    ],
    source: `${UAPI}add_forwarder/`,
    keys: { domain: 'string', email: 'string', forward: 'string' },
  },
  {
    name: 'Email::delete_forwarder',
    params: [
      ['address', 'string', true],
      ['forwarder', 'string', true],
    ],
    source: `${UAPI}delete_forwarder/`,
  },
  { name: 'API2::Email::listpops', params: [['regex', 'string']], source: api2('Email', 'listpops'), keys: { email: 'string', login: 'string' } },
  {
    name: 'API2::Email::listpopswithdisk',
    params: [
      ['domain', 'string'],
      ['regex', 'string'],
    ],
    source: api2('Email', 'listpopswithdisk'),
  },
  {
    name: 'API2::Email::addpop',
    params: [
      ['email', 'string', true],
      ['password', 'string', true, { secret: true }],
      ['domain', 'string'],
      ['quota', 'int'],
    ],
    source: api2('Email', 'addpop'),
  },
  {
    name: 'API2::Email::delpop',
    params: [
      ['email', 'string', true],
      ['domain', 'string'],
    ],
    source: api2('Email', 'delpop'),
  },
  {
    name: 'API2::Email::passwdpop',
    params: [
      ['email', 'string', true],
      ['password', 'string', true, { secret: true }],
      ['domain', 'string'],
    ],
    source: api2('Email', 'passwdpop'),
  },
  {
    name: 'API2::Email::editquota',
    params: [
      ['email', 'string', true],
      ['quota', 'string', true],
      ['domain', 'string'],
    ],
    source: api2('Email', 'editquota'),
  },
  {
    name: 'API2::Email::listforwards',
    params: [
      ['domain', 'string'],
      ['regex', 'string'],
    ],
    source: api2('Email', 'listforwards'),
  },
  {
    name: 'API2::Email::addforward',
    params: [
      ['domain', 'string', true],
      ['email', 'string', true],
      ['fwdopt', 'string', true],
      ['fwdemail', 'string'],
    ],
    source: api2('Email', 'addforward'),
  },
  {
    name: 'API2::Email::delforward',
    params: [
      ['email', 'string', true],
      ['emaildest', 'string', true],
    ],
    source: `${api2('Email', 'delforward')} (inferred parameter names)`,
    tags: ['inferred'],
  },
  // --- Mysql (UAPI) and MysqlFE (API 2) ---------------------------------------
  { name: 'Mysql::create_database', params: [['name', 'string', true]], source: `${UAPI}create_database/` },
  { name: 'Mysql::delete_database', params: [['name', 'string', true]], source: `${UAPI}delete_database/` },
  {
    name: 'Mysql::rename_database',
    params: [
      ['oldname', 'string', true],
      ['newname', 'string', true],
    ],
    source: `${UAPI}rename_database/`,
  },
  { name: 'Mysql::list_databases', source: `${UAPI}list_databases/`, keys: { database: 'string', disk_usage: 'int', users: 'array' } },
  {
    name: 'Mysql::create_user',
    params: [
      ['name', 'string', true],
      ['password', 'string', true, { secret: true }],
    ],
    source: `${UAPI}create_user/`,
  },
  { name: 'Mysql::delete_user', params: [['name', 'string', true]], source: `${UAPI}delete_user/` },
  {
    name: 'Mysql::rename_user',
    params: [
      ['oldname', 'string', true],
      ['newname', 'string', true],
    ],
    source: `${UAPI}rename_user/`,
  },
  {
    name: 'Mysql::set_password',
    params: [
      ['user', 'string', true],
      ['password', 'string', true, { secret: true }],
    ],
    source: `${UAPI}set_password/`,
  },
  { name: 'Mysql::list_users', source: `${UAPI}list_users/`, keys: { user: 'string', shortuser: 'string', databases: 'array' } },
  {
    name: 'Mysql::set_privileges_on_database',
    params: [
      ['user', 'string', true],
      ['database', 'string', true],
      ['privileges', 'string', true],
    ],
    source: `${UAPI}set_privileges_on_database/`,
  },
  {
    name: 'Mysql::revoke_access_to_database',
    params: [
      ['user', 'string', true],
      ['database', 'string', true],
    ],
    source: `${UAPI}revoke_access_to_database/`,
  },
  {
    name: 'Mysql::get_privileges_on_database',
    params: [
      ['user', 'string', true],
      ['database', 'string', true],
    ],
    source: `${UAPI}get_privileges_on_database/`,
  },
  { name: 'API2::MysqlFE::listdbs', params: [['regex', 'string']], source: api2('MysqlFE', 'listdbs') },
  { name: 'API2::MysqlFE::createdb', params: [['db', 'string', true]], source: api2('MysqlFE', 'createdb') },
  { name: 'API2::MysqlFE::deletedb', params: [['db', 'string', true]], source: api2('MysqlFE', 'deletedb') },
  { name: 'API2::MysqlFE::listusers', source: api2('MysqlFE', 'listusers') },
  {
    name: 'API2::MysqlFE::createdbuser',
    params: [
      ['dbuser', 'string', true],
      ['password', 'string', true, { secret: true }],
    ],
    source: api2('MysqlFE', 'createdbuser'),
  },
  { name: 'API2::MysqlFE::deletedbuser', params: [['dbuser', 'string', true]], source: api2('MysqlFE', 'deletedbuser') },
  {
    name: 'API2::MysqlFE::setdbuserprivileges',
    params: [
      ['db', 'string', true],
      ['dbuser', 'string', true],
      ['privileges', 'string', true],
    ],
    source: api2('MysqlFE', 'setdbuserprivileges'),
  },
  // --- SSL (UAPI; API 2 installssl) -------------------------------------------
  {
    name: 'SSL::install_ssl',
    params: [
      ['domain', 'string', true],
      ['cert', 'string', true],
      ['key', 'string', true, { secret: true }],
      ['cabundle', 'string'],
    ],
    source: `${UAPI}install_ssl`,
    keys: {
      action: 'string',
      aliases: 'array',
      cert_id: 'string',
      domain: 'string',
      ip: 'string',
      key_id: 'string',
      message: 'string',
      servername: 'string',
      statusmsg: 'string',
      user: 'string',
      warning_domains: 'array',
      working_domains: 'array',
    },
  },
  {
    name: 'API2::SSL::installssl',
    params: [
      ['domain', 'string', true],
      ['crt', 'string', true],
      ['key', 'string', true, { secret: true }],
      ['cabundle', 'string'],
    ],
    source: api2('SSL', 'installssl'),
    keys: { result: 'int', status: 'int', statusmsg: 'string' },
  },
  {
    name: 'SSL::list_certs',
    source: `${UAPI}list_certs (inferred: the installed certificates)`,
    keys: {
      id: 'string',
      domains: 'array',
      not_after: 'int',
      not_before: 'int',
      'subject.commonName': 'string',
      'issuer.commonName': 'string',
      is_self_signed: 'int',
    },
  },
  {
    name: 'SSL::list_keys',
    source: `${UAPI}list_keys (inferred: the installed certificates' keys)`,
    keys: { id: 'string', friendly_name: 'string', modulus_length: 'int', created: 'int' },
  },
  {
    name: 'SSL::installed_hosts',
    source: `${UAPI}installed_hosts`,
    keys: { certificate: 'struct', docroot: 'string', fqdns: 'array', ip: 'string', servername: 'string' },
  },
  { name: 'SSL::delete_ssl', params: [['domain', 'string', true]], source: `${UAPI}delete_ssl` },
  // --- Ftp (UAPI), Cron (API 2), usage reads (UAPI StatsBar, ResourceUsage) ----
  {
    name: 'Ftp::add_ftp',
    params: [
      ['user', 'string', true],
      ['pass', 'string', true, { secret: true }],
      ['domain', 'string'],
      ['homedir', 'string'],
      ['quota', 'int', false, { default: 0 }],
    ],
    source: `${UAPI}add_ftp`,
  },
  { name: 'Ftp::list_ftp', source: `${UAPI}list_ftp`, keys: { homedir: 'string', type: 'string', user: 'string' } },
  {
    name: 'Ftp::delete_ftp',
    params: [
      ['user', 'string', true],
      ['domain', 'string'],
      ['destroy', 'int', false, { enum: [0, 1] }],
    ],
    source: `${UAPI}delete_ftp`,
  },
  {
    name: 'API2::Cron::add_line',
    params: [
      ['command', 'string', true],
      ['minute', 'string', true],
      ['hour', 'string', true],
      ['day', 'string', true],
      ['month', 'string', true],
      ['weekday', 'string', true],
    ],
    source: api2('Cron', 'add_line'),
    keys: { linekey: 'string', status: 'int', statusmsg: 'string' },
  },
  {
    name: 'API2::Cron::listcron',
    source: api2('Cron', 'listcron'),
    keys: { command: 'string', line: 'int', linekey: 'string', minute: 'string', hour: 'string', day: 'string', month: 'string', weekday: 'string' },
  },
  { name: 'API2::Cron::remove_line', params: [['line', 'int', true]], source: api2('Cron', 'remove_line'), keys: { status: 'int', statusmsg: 'string' } },
  {
    name: 'StatsBar::get_stats',
    params: [['display', 'string', true]],
    source: `${UAPI}get_stats (item keys: seed 004, uapi_cpanel response sample)`,
    keys: {
      id: 'string',
      item: 'string',
      count: 'string',
      max: 'string',
      percent: 'int',
      _count: 'string',
      _max: 'string',
      _maxed: 'int',
      is_maxed: 'int',
      feature: 'string',
      module: 'string',
      role: 'string',
    },
  },
  {
    name: 'ResourceUsage::get_usages',
    source: `${UAPI}get_usages`,
    keys: { id: 'string', description: 'string', usage: 'int', maximum: 'int', formatter: 'string' },
  },
];

function param([name, type, required = false, extra = {}]: P): ParamContract {
  return { name, type, required, ...extra };
}

function section(name: string): string {
  const parts = name.split('::');
  if (name === 'login') return 'cpsrvd / Login';
  return parts[0] === 'API2' ? `cPanel API 2 / ${parts[1]}` : `UAPI / ${parts[0]}`;
}

/** The cPanel contract, from the hand-kept table above (the shared folder is not read). */
export function extractCpanel(_sharedDir?: string): Contract {
  return {
    panel: 'cpanel',
    title: 'cPanel account APIs (UAPI and API 2)',
    calling: 'named',
    sources: [
      { id: 'https://api.docs.cpanel.net/openapi/cpanel/', description: 'cPanel UAPI reference (one page per function)' },
      { id: 'https://api.docs.cpanel.net/cpanel-api-2/', description: 'cPanel API 2 reference (deprecated API, one page per function)' },
      { id: 'https://api.docs.cpanel.net/guides/guide-to-api-authentication', description: 'authentication: Basic, cpanel tokens, browser sessions' },
    ],
    faults: [
      {
        code: 0,
        string: '{reason}',
        when: 'UAPI: result.status 0, the reason in result.errors (HTTP 200); API 2: cpanelresult.error and event.result 0',
        source: 'https://api.docs.cpanel.net/cpanel/introduction; https://api.docs.cpanel.net/cpanel-api-2/cpanel-api-2-returdata',
      },
      { code: 401, string: 'Access denied', when: 'no or wrong credentials, a suspended account (cpsrvd answers before any API runs)', tags: ['inferred'] },
    ],
    methods: ENTRIES.map((e) => ({
      name: e.name,
      section: section(e.name),
      auth: e.auth ?? 'header',
      params: (e.params ?? []).map(param),
      ...(e.keys ? { returns: { type: 'struct' as const, keys: e.keys, ...(e.sample !== undefined ? { sample: e.sample } : {}) } } : {}),
      source: e.source,
      ...(e.tags ? { tags: e.tags } : {}),
    })),
  };
}
