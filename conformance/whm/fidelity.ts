import assert from 'node:assert/strict';
import { loadContract, type MethodContract } from '../../contracts/contract.js';
import { WhmApiError, type WhmClient, type WhmParams } from '../../clients/whm/index.js';
import { defineScenario } from '../scenario.js';
import { compareShape, type ShapeRules } from './fidelity-compare.js';
import { connect, newUsername, strongPassword } from './support.js';
import { TEST_CERTIFICATE, TEST_PRIVATE_KEY } from './test-certificate.js';

/*
 * The fidelity check: every documented function the emulator answers is
 * called once and its answer compared by shape (keys and JSON types) with
 * the reference's response sample. Functions whose answers need real
 * objects get them from a fixture made first through the client; the rest
 * get their required parameters with placeholder values.
 */

interface Fixture {
  user: string;
  domain: string;
  password: string;
  pkg: string;
  tokenName: string;
  tokenSecret: string;
  mainIp: string;
  hostname: string;
  nameserver: string;
  spare: Record<string, string>;
}

type Args = (fx: Fixture, whm: WhmClient) => WhmParams | Promise<WhmParams>;

const lineOf = async (whm: WhmClient, zone: string, name: string, type = 'A') =>
  (await whm.dumpZone(zone)).find((r) => r.name === name && r.type === type)?.Line ?? 1;

/** Arguments naming an item that `adder` makes first (made with `made`; the call gets `args`, by default the same). */
const existing =
  (adder: string, made: WhmParams, args: WhmParams = made): Args =>
  async (_fx, whm) => {
    await whm.call(adder, made);
    return args;
  };

const TICKET = { ticket_id: 9, server_num: 1, secure_id: 'fidelity', ssh_username: 'root' };
const CUSTOMIZATION = { application: 'cpanel', theme: 'jupiter', data: JSON.stringify({ brand: 'fidelity' }) };
const MYSQL_PROFILE = { name: 'fidelity', mysql_host: 'db.example.com', mysql_user: 'fidelity', mysql_pass: 'fidelity-pass', mysql_port: 3306 };
const CLUSTER_SERVER = { name: 'cluster.example.com', user: 'root', key: 'FIDELITYKEY' };
const CONNECTED_APP = { name: 'fidelity', data: JSON.stringify({ token_name: 'fidelity' }) };
const RPM_VERSION = { section: 'target_settings', key: 'fidelity', value: 'installed' };
const MODSEC_RULE = { config: 'modsec/modsec2.user.conf', rule: 'SecAction "phase:1,id:7702,pass,nolog"' };
const MODSEC_VENDOR = { url: 'https://rules.example.com/meta_Fidelity.yaml' };

/** Arguments of the functions whose answer depends on real objects (named after the fixture's). */
const ARGS: Record<string, Args> = {
  createacct: (fx) => ({ username: `c${fx.spare.tag}`.slice(0, 14), domain: `c${fx.spare.tag}.example.com`, password: fx.password }),
  removeacct: (fx) => ({ username: fx.spare.remove }),
  modifyacct: (fx) => ({ user: fx.user, MAXPOP: 9 }),
  massmodifyacct: (fx) => ({ 'user-0': fx.user, MAXPOP: 9 }),
  importsshkey: () => ({ name: 'fidelity', key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFidelityKeyForTheSampleCheckOnly fidelity@example.com' }),
  listsshkeys: () => ({ public_texts: 1, private_texts: 1 }),
  deletesshkey: () => ({ file: 'fidelity' }),
  create_cphulk_record: () => ({ list_name: 'white', ip: ['192.0.2.77', 'not-an-ip'], comment: 'fidelity' }),
  read_cphulk_records: () => ({ list_name: 'white' }),
  delete_cphulk_record: () => ({ list_name: 'white', ip: ['192.0.2.77', '192.0.2.78'] }),
  php_set_vhost_versions: (fx) => ({ version: 'ea-php81', vhost: fx.domain }),
  toggle_user_backup_state: (fx) => ({ user: fx.user }),
  backup_user_list: () => ({ restore_point: '2026-01-01T00:00:00.000Z' }),
  create_account_enhancement: () => ({ name: 'fidelity', id: 'fidelity-id' }),
  modify_account_enhancement: () => ({ name: 'fidelity', id: 'fidelity-id' }),
  assign_account_enhancement: (fx) => ({ account: fx.user, name: 'fidelity' }),
  unassign_account_enhancement: (fx) => ({ account: fx.user, name: 'fidelity' }),
  delete_account_enhancement: () => ({ name: 'fidelity' }),
  set_enhancement_limit: (fx) => ({ account: fx.user, id: 'fidelity-id', limit: 15, limited: 1 }),
  list_enhancement_limits: (fx) => ({ account: fx.user }),
  add_override_features_for_user: (fx) => ({ user: fx.user, features: JSON.stringify({ backup: '1' }) }),
  remove_override_features_for_user: (fx) => ({ user: fx.user, features: JSON.stringify(['backup']) }),
  changepackage: (fx) => ({ user: fx.spare.plain, pkg: fx.pkg }),
  accountsummary: (fx) => ({ user: fx.user }),
  getresellerips: (fx) => ({ user: fx.user }),
  passwd: (fx) => ({ user: fx.user, password: fx.password }),
  limitbw: (fx) => ({ user: fx.user, bwlimit: 100 }),
  editquota: (fx) => ({ user: fx.user, quota: 500 }),
  suspendacct: (fx) => ({ user: fx.spare.suspend }),
  unsuspendacct: (fx) => ({ user: fx.spare.suspend }),
  verify_new_username: (fx) => ({ user: `v${fx.spare.tag}`.slice(0, 14) }),
  create_user_session: (fx) => ({ user: fx.user, service: 'cpaneld' }),
  set_digest_auth: (fx) => ({ user: fx.user, password: fx.password, enabledigest: 1 }),
  addpkg: (fx) => ({ name: `p${fx.spare.tag}` }),
  editpkg: (fx) => ({ name: fx.pkg, maxpop: 5 }),
  killpkg: (fx) => ({ pkgname: fx.spare.pkg }),
  addpkgext: (fx) => ({ name: fx.pkg, _PACKAGE_EXTENSIONS: 'fidelity' }),
  delpkgext: (fx) => ({ name: fx.pkg, _DELETE_EXTENSIONS: 'fidelity' }),
  mass_edit_dns_zone: async (fx, whm) => ({
    zone: fx.domain,
    serial: await whm.zoneSerial(fx.domain),
    add: [JSON.stringify({ dname: 'fidelity', ttl: 300, record_type: 'A', data: ['192.0.2.9'] })],
  }),
  adddns: (fx) => ({ domain: `z${fx.spare.tag}.example.net`, ip: '192.0.2.60' }),
  killdns: (fx) => ({ domain: fx.spare.zone }),
  addzonerecord: (fx) => ({ domain: fx.domain, name: 'fid', type: 'A', address: '192.0.2.5' }),
  editzonerecord: async (fx, whm) => ({ domain: fx.domain, line: await lineOf(whm, fx.domain, `ftp.${fx.domain}.`), address: '192.0.2.6', ttl: 600 }),
  removezonerecord: async (fx, whm) => ({ zone: fx.spare.zone2, line: await lineOf(whm, fx.spare.zone2, `ftp.${fx.spare.zone2}.`) }),
  getzonerecord: async (fx, whm) => ({ domain: fx.domain, line: await lineOf(whm, fx.domain, `${fx.domain}.`) }),
  resetzone: (fx) => ({ domain: fx.spare.zone2 }),
  savemxs: (fx) => ({ domain: fx.domain, name: `${fx.domain}.`, exchange: `mx.${fx.domain}`, preference: 10 }),
  lookupnsip: (fx) => ({ host: fx.nameserver }),
  lookupnsips: (fx) => ({ host: fx.nameserver }),
  create_subdomain: (fx) => ({ domain: `fid.${fx.domain}`, document_root: 'public_html/fid' }),
  create_parked_domain_for_user: (fx) => ({ domain: `k${fx.spare.tag}.example.org`, username: fx.user, web_vhost_domain: fx.domain }),
  delete_domain: (fx) => ({ domain: fx.spare.sub }),
  api_token_create: (fx) => ({ token_name: `t${fx.spare.tag}` }),
  api_token_revoke: (fx) => ({ token_name: fx.spare.token }),
  api_token_update: (fx) => ({ token_name: fx.tokenName, expires_at: 4102444800, whitelist_ip: ['127.0.0.1', '::1'] }),
  api_token_get_details: (fx) => ({ token: fx.tokenSecret }),
  installssl: (fx) => ({ domain: fx.domain, crt: TEST_CERTIFICATE, key: TEST_PRIVATE_KEY }),
  delete_ssl_vhost: (fx) => ({ host: fx.spare.ssl }),
  fetchsslinfo: (fx) => ({ domain: fx.domain }),
  setupreseller: (fx) => ({ user: fx.spare.plain }),
  unsetupreseller: (fx) => ({ user: fx.spare.reseller2 }),
  terminatereseller: (fx) => ({ user: fx.spare.reseller1, terminatereseller: 1 }),
  suspendreseller: (fx) => ({ user: fx.spare.reseller3 }),
  unsuspendreseller: (fx) => ({ user: fx.spare.reseller3 }),
  setacls: (fx) => ({ reseller: fx.user, 'acl-list-accts': 1, 'acl-create-acct': 1 }),
  saveacllist: () => ({ acllist: 'fidelity_list', 'acl-list-accts': 1 }),
  setresellerips: (fx) => ({ user: fx.user, ips: fx.mainIp }),
  setresellermainip: (fx) => ({ user: fx.user, ip: fx.mainIp }),
  setresellerpackagelimit: (fx) => ({ user: fx.user, package: fx.pkg, allowed: 1 }),
  setresellernameservers: (fx) => ({ user: fx.user, nameservers: fx.nameserver }),
  uapi_cpanel: (fx) => ({ 'cpanel.user': fx.user, 'cpanel.module': 'Email', 'cpanel.function': 'list_pops' }),
  batch: () => ({ command: ['gethostname', 'version'] }),
  set_mysql_password: (fx) => ({ user: `${fx.user}_db`, password: fx.password }),
  rename_mysql_database: (fx) => ({ oldname: fx.spare.db, newname: `${fx.user}_renamed` }),
  rename_mysql_user: (fx) => ({ oldname: fx.spare.dbuser, newname: `${fx.user}_renu` }),
  addips: () => ({ ips: '192.0.2.210', netmask: '255.255.255.0' }),
  delip: () => ({ ip: '192.0.2.211' }),
  setsiteip: (fx) => ({ ip: fx.mainIp, user: fx.user }),
  sethostname: (fx) => ({ hostname: fx.hostname }),
  setresolvers: () => ({ nameserver1: '192.0.2.53', nameserver2: '192.0.2.54' }),
  get_password_strength: () => ({ password: 'correct horse battery staple' }),
  create_featurelist: (fx) => ({ featurelist: `fl${fx.spare.tag}`, sslmanager: 1 }),
  delete_featurelist: (fx) => ({ featurelist: fx.spare.featurelist }),
  update_featurelist: () => ({ featurelist: 'default', sslmanager: 1 }),
  get_featurelist_data: () => ({ featurelist: 'default' }),
  apply_dmarc: (fx) => ({ domain: fx.domain, policy: 'quarantine' }),
  remove_dmarc: (fx) => ({ domain: fx.domain }),
  install_spf_records: (fx) => ({ domain: fx.domain, record: 'v=spf1 +a +mx -all' }),
  // Tier-3 families: a function acting on one item gets an item its adder made first.
  ticket_list: existing('ticket_grant', TICKET, { ticket_id: TICKET.ticket_id, server_num: TICKET.server_num }),
  ticket_revoke: existing('ticket_grant', TICKET),
  retrieve_customizations: existing('update_customizations', CUSTOMIZATION, { application: 'cpanel', theme: 'jupiter' }),
  delete_customizations: existing('update_customizations', CUSTOMIZATION, { application: 'cpanel', theme: 'jupiter' }),
  remote_mysql_create_profile: () => MYSQL_PROFILE,
  remote_mysql_read_profiles: existing('remote_mysql_create_profile', MYSQL_PROFILE, {}),
  remote_mysql_read_profile: existing('remote_mysql_create_profile', MYSQL_PROFILE, { name: MYSQL_PROFILE.name }),
  remote_mysql_update_profile: existing('remote_mysql_create_profile', MYSQL_PROFILE, { name: MYSQL_PROFILE.name, mysql_port: 3307 }),
  remote_mysql_delete_profile: existing('remote_mysql_create_profile', MYSQL_PROFILE, { name: MYSQL_PROFILE.name }),
  fetch_dkim_private_keys: async (fx, whm) => {
    await whm.call('install_dkim_private_keys', { domain: fx.domain, key: 'fidelity' });
    return { domain: fx.domain };
  },
  delete_cpgreylist_trusted_host: existing('create_cpgreylist_trusted_host', { ip: '192.0.2.99', comment: 'fidelity' }, { ip: '192.0.2.99' }),
  list_configclusterservers: existing('add_configclusterserver', CLUSTER_SERVER, {}),
  update_configclusterserver: existing('add_configclusterserver', CLUSTER_SERVER, { name: CLUSTER_SERVER.name, user: 'root' }),
  delete_configclusterserver: existing('add_configclusterserver', CLUSTER_SERVER, { name: CLUSTER_SERVER.name }),
  save_connected_application: () => CONNECTED_APP,
  fetch_connected_application: existing('save_connected_application', CONNECTED_APP, { name: CONNECTED_APP.name }),
  remove_connected_application: existing('save_connected_application', CONNECTED_APP, { name: CONNECTED_APP.name }),
  delete_rpm_version: existing('edit_rpm_version', RPM_VERSION),
  modsec_add_rule: () => MODSEC_RULE,
  modsec_edit_rule: existing('modsec_add_rule', MODSEC_RULE, { ...MODSEC_RULE, id: 7702 }),
  modsec_remove_rule: existing('modsec_add_rule', MODSEC_RULE, { config: MODSEC_RULE.config, id: 7702 }),
  modsec_add_vendor: () => MODSEC_VENDOR,
  modsec_update_vendor: existing('modsec_add_vendor', MODSEC_VENDOR),
  modsec_remove_vendor: existing('modsec_add_vendor', MODSEC_VENDOR, { vendor_id: 'Fidelity' }),
  // seed 004, batch_create_cphulk_records: `records` is a JSON list of {ip, comment}.
  batch_create_cphulk_records: () => ({ list_name: 'black', records: [{ ip: '198.51.100.9', comment: 'fidelity' }] }) as unknown as WhmParams,
};

/** Placeholder values for required parameters by name; functions answering their sample accept anything. */
const BY_NAME: Record<string, (fx: Fixture) => string> = {
  user: (fx) => fx.user,
  username: (fx) => fx.user,
  reseller: (fx) => fx.user,
  domain: (fx) => fx.domain,
  zone: (fx) => fx.domain,
  host: (fx) => fx.domain,
  pkg: (fx) => fx.pkg,
  password: (fx) => fx.password,
};

function placeholders(method: MethodContract, fx: Fixture): WhmParams {
  const params: WhmParams = {};
  for (const p of method.params) {
    if (!p.required || p.name.startsWith('api.')) continue;
    const types = Array.isArray(p.type) ? p.type : [p.type];
    params[p.name] = BY_NAME[p.name]?.(fx) ?? (p.enum?.length ? String(p.enum[0]) : types.includes('int') ? 1 : 'example');
  }
  return params;
}

/** Functions run after all the others: they change or remove objects the others read. */
const LAST = [
  'unassign_account_enhancement',
  'delete_account_enhancement',
  'deletesshkey',
  'delete_cphulk_record',
  'delete_featurelist',
  'resetzone',
  'removezonerecord',
  'terminatereseller',
  'unsetupreseller',
  'removeacct',
  'killdns',
  'killpkg',
  'delete_domain',
  'api_token_revoke',
  'delete_ssl_vhost',
  'unsuspendreseller',
  'unsuspendacct',
];

const TOKENS_MAP = 'the tokens are keyed by token name';
const ACL_MAP = 'a token’s privileges are keyed by privilege name';
const IP_MAP = 'keyed by IP address or range';
const SSHD_ONLY = 'only when adding to the white list had to change sshd’s UseDNS setting, which mockpanel has no sshd for';
const LIMIT = 'a limit is a number, or "unlimited" (both appear in the sample)';
const RECORD_FIELDS = 'a record carries its type’s data fields (address, cname, txtdata…); the sample shows an A record without its address';

const LIMITS = [
  'BWLIMIT',
  'MAXADDON',
  'MAXFTP',
  'MAXLST',
  'MAXPARK',
  'MAXPOP',
  'MAXSQL',
  'MAXSUB',
  'MAX_DEFER_FAIL_PERCENTAGE',
  'MAX_EMAILACCT_QUOTA',
  'MAX_EMAIL_PER_HOUR',
  'QUOTA',
];

/**
 * Where an answer may rightly differ in shape from the documented sample,
 * and why. Everything not listed must match key for key and type for type.
 */
export const KNOWN_VARIATIONS: Record<string, ShapeRules & { skip?: string }> = {
  cpanel: { skip: 'answers in the called cPanel API’s own format ({cpanelresult}/{result}), as cpanel-rest-api expects; the sample shows a bare envelope' },
  validate_exim_configuration_syntax: {
    skip: 'the sample is flat (command/result at the top level), which no WHM API 1 envelope is; mockpanel answers its data in an envelope',
  },
  list_pops_for: { keys: { 'data.pops': 'the sample is an empty object; mockpanel lists the mailboxes under pops' } },
  api_token_list: {
    maps: { 'data.tokens': TOKENS_MAP, 'data.tokens.*.acls': ACL_MAP },
    types: {
      'data.tokens.*.expires_at': 'null when the token never expires (as the sample’s second token)',
      'data.tokens.*.whitelist_ips': 'null without a whitelist (as the sample’s second token)',
    },
  },
  modifyacct: { keys: { 'data.cpuser.MXCHECK-*': 'one MXCHECK-<domain> key per domain of the account' } },
  create_cphulk_record: { maps: { 'data.ips_failed': IP_MAP } },
  list_account_enhancements: {
    types: { 'data.enhancements': 'the sample shows one enhancement as an object; mockpanel lists them all' },
    keys: { 'metadata.output': 'warnings about broken enhancement files on disk, which mockpanel does not have' },
  },
  list_enhancement_limits: { maps: { 'data.limits': 'keyed by enhancement id' } },
  delete_cphulk_record: { maps: { 'data.ips_failed': IP_MAP } },
  read_cphulk_records: {
    maps: { 'data.ips_in_list': IP_MAP },
    keys: {
      'data.restart_ssh': SSHD_ONLY,
      'data.warning_ssh': SSHD_ONLY,
      'data.warning_ip': 'only while the requester’s address is not on the white list',
    },
  },
  massmodifyacct: {
    keys: Object.fromEntries(
      ['extended', 'messages', 'warnings'].map((k) => [
        `data.payload[].${k}`,
        'the sample’s first entry is a user that could not be modified; a modified user’s entry (its later ones) carries these',
      ]),
    ),
  },
  get_disk_usage: { types: { 'data.accounts[].inodes_limit': 'null when the account has no inode limit (as blocks_limit in the sample)' } },
  dumpzone: { match: { 'data.zone': 'type' } },
  parse_dns_zone: { match: { 'data.payload': 'record_type' } },
  getzonerecord: { keys: { 'data.record[].address': RECORD_FIELDS } },
  list_mysql_databases_and_users: { maps: { 'data.mysql_databases': 'keyed by database name' } },
  uapi_cpanel: { ignore: { 'data.uapi.data': 'the called UAPI function’s own data; the sample shows StatsBar::get_stats' } },
  listaccts: {
    types: { 'data.acct[].suspendtime': 'null while the account is not suspended (accountsummary sample, recorded API 0 answers)' },
    keys: { 'data.acct[].child_nodes': '' },
  },
  accountsummary: {},
  api_token_create: {
    types: {
      'data.expires_at': 'null when the token never expires (api_token_list sample)',
      'data.whitelist_ips': 'null without a whitelist (api_token_list sample)',
    },
  },
  getpkginfo: { types: Object.fromEntries(LIMITS.map((k) => [`data.pkg.${k}`, LIMIT])) },
  matchpkgs: {
    types: { 'data.pkg': 'the sample shows one package as an object; mockpanel answers the list of matching packages (getpkginfo records with their name)' },
  },
  fetch_ssl_vhosts: {
    types: { 'data.vhosts[].crt.ecdsa_curve_name': '', 'data.vhosts[].crt.validation_type': 'null for a self-signed certificate' },
  },
  listcrts: { types: { 'data.crt[].validation_type': 'null for a self-signed certificate' } },
  installssl: {},
  fetch_vhost_ssl_components: {
    types: { 'data.components[].cabundle': 'null without a CA bundle', 'data.components[].cabundle_id': 'null without a CA bundle' },
  },
  acctcounts: {},
  update_featurelist: { maps: { 'data.updated_features': 'keyed by feature name' } },
  remote_mysql_read_profiles: { maps: { data: 'keyed by profile name' } },
  list_configclusterservers: { maps: { data: 'keyed by server name' } },
  retrieve_customizations: { keys: { data: 'the sample shows no data; mockpanel answers what update_customizations stored (inferred)' } },
  get_market_providers_commission_config: { ignore: { data: 'commission ids by provider name (inferred): the documented sample is empty' } },
  batch_create_cphulk_records: { maps: { 'data.ips_failed': IP_MAP } },
};

function sortKey(name: string): number {
  const i = LAST.indexOf(name);
  return i === -1 ? -1 : i;
}

async function prepare(ctx: Parameters<Parameters<typeof defineScenario>[0]['run']>[0], whm: WhmClient): Promise<Fixture> {
  const tag = ctx.unique('f').slice(0, 8);
  const password = strongPassword(ctx);
  const account = async (prefix: string): Promise<string> => {
    const user = newUsername(ctx, prefix);
    await whm.createAccount(user, {
      domain: `${user}.example.com`,
      password,
      maxpop: 'unlimited',
      maxsql: 'unlimited',
      maxsub: 'unlimited',
      maxpark: 'unlimited',
    });
    return user;
  };
  const reseller = async (prefix: string) => {
    const user = await account(prefix);
    await whm.setupReseller(user);
    return user;
  };
  const user = await reseller('fx');
  const domain = `${user}.example.com`;
  const pkg = await whm.addPackage(`fxpkg${tag}`, { quota: 1000 });
  const token = await whm.createToken(`fxtok${tag}`);
  await whm.createToken(`fxspare${tag}`);
  await whm.uapi(user, 'Email', 'add_pop', { email: 'info', domain, password });
  await whm.uapi(user, 'Mysql', 'create_database', { name: `${user}_db` });
  await whm.uapi(user, 'Mysql', 'create_user', { name: `${user}_db`, password });
  await whm.uapi(user, 'Mysql', 'set_privileges_on_database', { user: `${user}_db`, database: `${user}_db`, privileges: 'ALL PRIVILEGES' });
  await whm.uapi(user, 'Mysql', 'create_database', { name: `${user}_spare` });
  await whm.uapi(user, 'Mysql', 'create_user', { name: `${user}_spareu`, password });
  await whm.createSubdomain(`spare.${domain}`, 'public_html/spare');
  const sslUser = await account('fs');
  await whm.installSsl(`${sslUser}.example.com`, TEST_CERTIFICATE, TEST_PRIVATE_KEY);
  await whm.installSsl(domain, TEST_CERTIFICATE, TEST_PRIVATE_KEY);
  const spareZone = `y${tag}.example.net`;
  const spareZone2 = `x${tag}.example.net`;
  await whm.addDns(spareZone, '192.0.2.61');
  await whm.addDns(spareZone2, '192.0.2.62');
  await whm.call('addips', { ips: '192.0.2.211', netmask: '255.255.255.0' });
  const ips = await whm.listIps();
  const nameservers = (await whm.data<{ nameservers: string[] }>('get_nameserver_config')).nameservers;
  return {
    user,
    domain,
    password,
    pkg,
    tokenName: token.name,
    tokenSecret: token.token,
    mainIp: ips.find((i) => i.mainaddr === 1)!.ip,
    hostname: await whm.hostname(),
    nameserver: nameservers[0],
    spare: {
      tag,
      remove: await account('fr'),
      suspend: await account('fu'),
      plain: await account('fp'),
      reseller1: await reseller('ft'),
      reseller2: await reseller('fn'),
      reseller3: await reseller('fd'),
      pkg: await whm.addPackage(`fxspare${tag}`),
      zone: spareZone,
      zone2: spareZone2,
      sub: `spare.${domain}`,
      token: `fxspare${tag}`,
      ssl: `${sslUser}.example.com`,
      db: `${user}_spare`,
      dbuser: `${user}_spareu`,
      featurelist: (await whm.data<{ featurelist: string }>('create_featurelist', { featurelist: `fxfl${tag}` })).featurelist,
    },
  };
}

function envelopeOf(method: MethodContract): { data?: unknown; metadata?: Record<string, unknown> } | undefined {
  const s = method.returns?.sample;
  return typeof s === 'object' && s !== null && Object.keys(s).length ? (s as { data?: unknown; metadata?: Record<string, unknown> }) : undefined;
}

/** Metadata keys the codec or list options write, not part of a function's documented shape. */
const ENVELOPE_KEYS = new Set(['command', 'reason', 'result', 'version', 'filter', 'sort', 'chunk', 'columns']);

/** The functions the check calls: every one with a documented answer, except those whose shape is knowingly different. */
const CHECKED = loadContract('whm')
  .methods.filter((m) => envelopeOf(m) && !KNOWN_VARIATIONS[m.name]?.skip)
  .map((m) => m.name);

export const fidelityScenario = defineScenario({
  id: 'whm/fidelity-documented-samples',
  panel: 'whm',
  title: 'every function the emulator answers matches its documented response sample key for key and type for type',
  access: 'mutating',
  basis: 'emulator',
  methods: CHECKED,
  skip: { remote: 'calls every documented function once, destructive ones included: only for the emulator' },
  async run(ctx) {
    const whm = connect(ctx);
    const fx = await ctx.step('prepare the objects the functions act on', () => prepare(ctx, whm));
    const methods = loadContract('whm').methods.filter((m) => envelopeOf(m));
    methods.sort((a, b) => sortKey(a.name) - sortKey(b.name));
    const problems: string[] = [];
    let compared = 0;
    for (const method of methods) {
      const rules = KNOWN_VARIATIONS[method.name] ?? {};
      if (rules.skip) continue;
      const params = await (ARGS[method.name] ?? ((f: Fixture) => placeholders(method, f)))(fx, whm);
      let answer: { data?: unknown; metadata: Record<string, unknown> };
      try {
        answer = (await whm.call(method.name, params, { body: method.requestBody?.contentType === 'application/json' ? 'json' : undefined })) as typeof answer;
      } catch (error) {
        problems.push(`${method.name}: no successful answer to compare (${error instanceof WhmApiError ? error.reason : String(error)})`);
        continue;
      }
      compared++;
      const sample = envelopeOf(method)!;
      const found =
        'data' in sample
          ? compareShape(sample.data, answer.data, rules)
          : answer.data === undefined || rules.keys?.data
            ? []
            : ['data: not in the documented sample'];
      const sampleMeta = Object.fromEntries(Object.entries(sample.metadata ?? {}).filter(([k]) => !ENVELOPE_KEYS.has(k)));
      const answerMeta = Object.fromEntries(Object.entries(answer.metadata).filter(([k]) => !ENVELOPE_KEYS.has(k)));
      found.push(...compareShape(sampleMeta, answerMeta, rules, 'metadata'));
      for (const p of found) problems.push(`${method.name}: ${p}`);
    }
    await ctx.step(`${compared} answers compared with their samples`, () => {
      assert.deepEqual(problems, [], `answers differing from the documented samples:\n${problems.join('\n')}`);
    });
  },
});
