import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { loadContract, type MethodContract } from '../../contracts/contract.js';
import { WhmApiError, type WhmClient, type WhmParams } from '../../clients/whm/index.js';
import { defineScenario } from '../scenario.js';
import { compareShape, type ShapeRules } from './fidelity-compare.js';
import { serverNow, totp } from './accounts-misc.js';
import { api2, connect, newUsername, strongPassword } from './support.js';
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
/** A profile activated while the fixture is prepared (remote_mysql_monitor_profile_activation's last job). */
const ACTIVE_PROFILE = { ...MYSQL_PROFILE, name: 'fidelityactive' };
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
  backup_user_list: (fx) => ({ restore_point: fx.spare.archive }),
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
  set_nameserver: () => ({ nameserver: 'PowerDNS' }),
  enable_dnssec_for_domains: (fx) => ({ domain: fx.spare.zone }),
  disable_dnssec_for_domains: (fx) => ({ domain: fx.spare.zone }),
  fetch_ds_records_for_domains: async (fx, whm) => {
    await zoneKeyId(fx, whm);
    return { domain: fx.domain };
  },
  add_zone_key: (fx) => ({ domain: fx.domain, algo_num: 13, key_type: 'zsk' }),
  activate_zone_key: async (fx, whm) => ({ domain: fx.domain, key_id: await zoneKeyId(fx, whm) }),
  deactivate_zone_key: async (fx, whm) => ({ domain: fx.domain, key_id: await zoneKeyId(fx, whm) }),
  export_zone_key: async (fx, whm) => ({ domain: fx.domain, key_id: await zoneKeyId(fx, whm) }),
  export_zone_dnskey: async (fx, whm) => ({ domain: fx.domain, key_id: await zoneKeyId(fx, whm) }),
  remove_zone_key: async (fx, whm) => ({ domain: fx.domain, key_id: await zoneKeyId(fx, whm, true) }),
  import_zone_key: async (fx, whm) => ({
    domain: fx.domain,
    key_type: 'zsk',
    key_data: (await whm.data<{ key_data: string }>('export_zone_key', { domain: fx.domain, key_id: await zoneKeyId(fx, whm) })).key_data,
  }),
  set_nsec3_for_domains: async (fx, whm) => {
    await zoneKeyId(fx, whm);
    return { domain: fx.domain, nsec3_iterations: 7, nsec3_narrow: 1, nsec3_opt_out: 0, nsec3_salt: '1a2b3c4d5e6f' };
  },
  unset_nsec3_for_domains: async (fx, whm) => {
    await zoneKeyId(fx, whm);
    return { domain: fx.domain };
  },
  fetch_dkim_private_keys: async (fx, whm) => {
    await whm.call('ensure_dkim_keys_exist', { domain: fx.domain });
    return { domain: fx.domain };
  },
  install_dkim_private_keys: (fx) => ({
    domain: fx.domain,
    key: generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  }),
  block_incoming_email_from_country: () => ({ country_code: 'AD' }),
  unblock_incoming_email_from_country: () => ({ country_code: 'AD' }),
  set_manual_mx_redirects: (fx) => ({ domain: fx.domain, mx_host: 'mail.example.net' }),
  get_mailbox_status: (fx) => ({ account: fx.user }),
  get_mailbox_status_list: (fx) => ({ account: fx.user }),
  ipv6_range_add: (fx) => ({ name: `fxadd${fx.spare.tag}`.replace(/\W/g, '_'), range: '2001:db8:66ad::/64' }),
  ipv6_range_edit: async (fx, whm) => ({ name: await ipv6RangeName(fx, whm), note: 'fidelity' }),
  ipv6_range_usage: async (fx, whm) => ({ name: await ipv6RangeName(fx, whm) }),
  ipv6_range_remove: async (fx, whm) => {
    const name = `fxrm${fx.spare.tag}`.replace(/\W/g, '_');
    await whm.call('ipv6_range_add', { name, range: '2001:db8:66ae::/64' });
    return { name };
  },
  ipv6_enable_account: async (fx, whm) => ({ user: fx.user, range: await ipv6RangeName(fx, whm) }),
  ipv6_disable_account: (fx) => ({ user: fx.user }),
  untrack_acct_id: async (fx, whm) => ({ uid: (await whm.accountSummary({ user: fx.user })).uid, check_exists: 0 }),
  forcepasswordchange: (fx) => ({ users_json: JSON.stringify({ [fx.user]: 1 }) }),
  authorizesshkey: async (_fx, whm) => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFidelityAuthorizeKeyForTheSampleCheck fid@example.com';
    await whm.call('importsshkey', { name: 'fidauth', key });
    return { file: 'fidauth', text: key, authorize: 1 };
  },
  generatesshkeypair: () => ({ name: 'fidpair', bits: 1024 }),
  convertopensshtoputty: async (_fx, whm) => {
    await whm.call('generatesshkeypair', { name: 'fidconv', bits: 1024, abort_on_existing_key: 0 });
    return { file: 'fidconv' };
  },
  twofactorauth_set_tfa_config: async (fx, whm) => ({
    secret: 'WJ73QJSKZBXCFIPZ',
    tfa_token: totp('WJ73QJSKZBXCFIPZ', await serverNow(whm, `fxclock${fx.spare.tag}`)),
  }),
  twofactorauth_set_tfa_config_for_user: (fx) =>
    ({ [fx.user]: { email: {}, primary_account: { secret: 'QLLIU5WTY3UTJGNG' }, team: {} } }) as unknown as WhmParams,
  twofactorauth_get_tfa_config_for_user: async (fx, whm) => {
    // Configured first, so the answer has the sample's primary_account.secret.
    const body = { [fx.user]: { email: {}, primary_account: { secret: 'QLLIU5WTY3UTJGNG' }, team: {} } } as unknown as WhmParams;
    await whm.call('twofactorauth_set_tfa_config_for_user', body, { body: 'json' });
    return { user: fx.user };
  },
  twofactorauth_remove_user_config: (fx) => ({ user: fx.user }),
  rename_postgresql_database: () => ({ oldname: 'alice_pg', newname: 'alice_pgfid' }),
  rename_postgresql_user: (fx) => ({ oldname: 'alice_pg', newname: 'alice_pgfidu', password: fx.password }),
  set_postgresql_password: (fx) => ({ user: 'alice_pgfidu', password: fx.password }),
  edit_hook: () => ({ id: 'HzEpGvT6QGUYwxuX3hWB8AUq', enabled: 1 }),
  reorder_hooks: () => ({ ids: 'UNs8a8IbbAVf5oi_hXbcEw5a,HzEpGvT6QGUYwxuX3hWB8AUq' }),
  delete_hook: () => ({ id: 'UNs8a8IbbAVf5oi_hXbcEw5a' }),
  php_set_system_default_version: () => ({ version: 'ea-php82' }),
  php_get_vhosts_by_version: () => ({ version: 'ea-php82' }),
  php_set_handler: () => ({ version: 'ea-php74', handler: 'suphp' }),
  php_ini_get_directives: () => ({ version: 'ea-php74' }),
  php_ini_set_directives: () => ({ version: 'ea-php74', directive: 'allow_url_fopen:0' }),
  php_ini_get_content: () => ({ version: 'ea-php74' }),
  php_ini_set_content: () => ({ version: 'ea-php74', content: '[PHP]\nmemory_limit = 256M\n' }),
  get_service_config: () => ({ service: 'dovecot' }),
  get_service_config_key: () => ({ service: 'dovecot', key: 'mail_process_size' }),
  set_service_config_key: () => ({ service: 'dovecot', key: 'mail_process_size', value: '512' }),
  restartservice: () => ({ service: 'exim' }),
  get_autossl_log: async (fx, whm) => {
    await whm.startAutosslCheck(fx.user);
    const catalog = (await whm.data<{ payload: { start_time: string }[] }>('get_autossl_logs_catalog')).payload;
    return { start_time: catalog[catalog.length - 1]!.start_time };
  },
  set_autossl_provider: () => ({ provider: 'cPanel' }),
  reset_autossl_provider: () => ({ provider: 'cPanel' }),
  set_autossl_metadata: () => ({ metadata_json: JSON.stringify({ notify_autossl_expiry: 1 }) }),
  fetchcrtinfo: async (fx, whm) => ({
    user: fx.user,
    id: (await whm.fetchSslVhosts()).find((v) => v.servername === fx.domain)!.crt.id as string,
  }),
  fetch_ssl_certificates_for_fqdns: (fx) => ({ domains: fx.domain }),
  enqueue_deferred_ssl_installations: (fx) => ({
    username: fx.user,
    vhost_name: fx.domain,
    crt: TEST_CERTIFICATE,
    key: TEST_PRIVATE_KEY,
    cab: TEST_CERTIFICATE,
  }),
  get_best_ssldomain_for_service: () => ({ service: 'whostmgr' }),
  install_service_ssl_certificate: () => ({ service: 'ftp', crt: TEST_CERTIFICATE, key: TEST_PRIVATE_KEY }),
  generatessl: (fx) => ({ domains: fx.domain }),
  restore_queue_add_task: (fx) => ({ user: fx.user, restore_point: fx.spare.archive }),
  restore_queue_clear_pending_task: async (fx, whm) => {
    await whm.call('restore_queue_add_task', { user: fx.spare.plain, restore_point: fx.spare.archive });
    return { user: fx.spare.plain };
  },
  restore_queue_clear_completed_task: async (_fx, whm) => {
    type Done = { restore_job: { user: string }; status_info: { started: string } };
    const [done] = (await whm.data<{ restore_job: Done[] }>('restore_queue_list_completed')).restore_job;
    return { user: done.restore_job.user, start_time: done.status_info.started };
  },
  restoreaccount: (fx) => ({ user: fx.user, type: 'daily', mysql: 1 }),
  verify_new_username_for_restore: (fx) => ({ user: `r${fx.spare.tag}`.slice(0, 14) }),
  convert_addon_fetch_domain_details: (fx) => ({ domain: fx.spare.addon }),
  convert_addon_initiate_conversion: (fx) => ({ domain: fx.spare.addon, username: `j${fx.spare.tag}`.slice(0, 14) }),
  convert_addon_get_conversion_status: (fx) => ({ job_id: fx.spare.conversion }),
  convert_addon_fetch_conversion_details: (fx) => ({ job_id: fx.spare.conversion }),
  start_local_cpmove_restore: (fx) => ({ cpmovepath: `/home/cpmove-${fx.user}.tar.gz` }),
  start_background_mysql_upgrade: () => ({ version: '10.6' }),
  background_mysql_upgrade_status: (fx) => ({ upgrade_id: fx.spare.upgrade }),
  remote_mysql_initiate_profile_activation: () => ({ name: ACTIVE_PROFILE.name }),
  package_manager_submit_actions: () => ({ install: 'ea-php84' }),
  package_manager_get_build_log: async (_fx, whm) => ({ build: (await whm.data<{ build: number }>('package_manager_upgrade')).build, offset: 0 }),
  start_background_pkgacct: (fx) => ({ user: fx.user }),
  get_pkgacct_session_state: (fx) => ({ session_id: fx.spare.pkgacct }),
  fetch_pkgacct_master_log: (fx) => ({ session_id: fx.spare.pkgacct }),
  backup_destination_add: () => FIDELITY_DESTINATION,
  backup_destination_validate: async (_fx, whm) => ({ id: await fidelityDestination(whm), disableonfail: 0 }),
  backup_destination_delete: async (_fx, whm) => ({ id: await fidelityDestination(whm) }),
  backup_destination_get: async (_fx, whm) => ({ id: await fidelityDestination(whm) }),
  backup_destination_set: async (_fx, whm) => ({ id: await fidelityDestination(whm), timeout: 60 }),
  delete_account_archives: (fx) => ({ user: fx.spare.plain }),
  create_remote_root_transfer_session: () => REMOTE_ROOT,
  create_remote_user_transfer_session: () => ({ host: 'old.example.net', password: 'remote-pw', unrestricted_restore: 1 }),
  enqueue_transfer_item: async (fx, whm) => transferItem(fx, await transferSession(whm)),
  start_transfer_session: async (fx, whm) => ({ transfer_session_id: await transferSession(whm, fx) }),
  get_transfer_session_state: async (fx, whm) => ({ transfer_session_id: await transferSession(whm, fx, true) }),
  pause_transfer_session: async (fx, whm) => ({ transfer_session_id: await transferSession(whm, fx, true) }),
  fetch_transfer_session_log: async (fx, whm) => ({ transfer_session_id: await transferSession(whm, fx, true), logfile: 'master.log' }),
  abort_transfer_session: async (_fx, whm) => ({ transfer_session_id: await transferSession(whm) }),
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

/** A DNSSEC key of the fixture's domain (a new ECDSA ZSK when the zone has none yet, or when `fresh`). */
async function zoneKeyId(fx: Fixture, whm: WhmClient, fresh = false): Promise<number> {
  type Ds = { domains: { ds_records: { keys: Record<string, { key_id: number }> } }[] };
  const keys = Object.values((await whm.data<Ds>('fetch_ds_records_for_domains', { domain: fx.domain })).domains[0].ds_records.keys);
  if (keys.length && !fresh) return keys[0].key_id;
  return Number((await whm.data<{ new_key_id: string }>('add_zone_key', { domain: fx.domain, algo_num: 13, key_type: 'zsk' })).new_key_id);
}

/** An IPv6 range of the fixture (added on first use). */
async function ipv6RangeName(fx: Fixture, whm: WhmClient): Promise<string> {
  const name = `fxr6${fx.spare.tag}`.replace(/\W/g, '_');
  const ranges = (await whm.data<{ range: { name: string }[] }>('ipv6_range_list')).range;
  if (!ranges.some((r) => r.name === name)) await whm.call('ipv6_range_add', { name, range: '2001:db8:66ac:cafe::/64' });
  return name;
}

const FIDELITY_DESTINATION = {
  name: 'fidelity',
  type: 'AmazonS3',
  disabled: 0,
  aws_access_key_id: 'AKIAFIDELITYEXAMPLE0',
  bucket: 'fidelity-bucket',
  password: 'fidelity-secret',
  folder: 'backups',
  timeout: 300,
};

async function fidelityDestination(whm: WhmClient): Promise<string> {
  const listed = (await whm.data<{ destination_list: { id: string; name: string }[] }>('backup_destination_list')).destination_list;
  return listed.find((d) => d.name === FIDELITY_DESTINATION.name)?.id ?? (await whm.data<{ id: string }>('backup_destination_add', FIDELITY_DESTINATION)).id;
}

const REMOTE_ROOT = {
  host: 'old.example.net',
  user: 'root',
  password: 'remote-root-pw',
  compressed: 1,
  copy_reseller_privs: 1,
  enable_custom_pkgacct: 0,
  low_priority: 1,
  restore_threads: 1,
  transfer_threads: 1,
  unencrypted: 0,
  unrestricted_restore: 1,
  use_backups: 1,
};

let transferItems = 0;
const transferItem = (fx: Fixture, id: string) => {
  const local = `x${transferItems++}${fx.spare.tag}`.slice(0, 14);
  return { transfer_session_id: id, module: 'AccountRemoteRoot', user: local, localuser: local, domain: `${local}.example.com` };
};

/** A new transfer session; with `fx`, holding one account item, and started when `start`. */
async function transferSession(whm: WhmClient, fx?: Fixture, start = false): Promise<string> {
  const id = (await whm.data<{ transfer_session_id: string }>('create_remote_root_transfer_session', REMOTE_ROOT)).transfer_session_id;
  if (fx) await whm.call('enqueue_transfer_item', transferItem(fx, id));
  if (start) await whm.call('start_transfer_session', { transfer_session_id: id });
  return id;
}

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
  'disable_dnssec_for_domains',
  'delete_hook',
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
  'restore_queue_clear_pending_task',
  'restore_queue_clear_completed_task',
  'restore_queue_clear_all_completed_tasks',
  'restore_queue_clear_all_failed_tasks',
  'restore_queue_clear_all_pending_tasks',
  'restore_queue_clear_all_tasks',
  'delete_account_archives',
  'backup_destination_delete',
];

const TOKENS_MAP = 'the tokens are keyed by token name';
const USER_MAP = 'keyed by username';
const ACL_MAP = 'a token’s privileges are keyed by privilege name';
const IP_MAP = 'keyed by IP address or range';
const SSHD_ONLY = 'only when adding to the white list had to change sshd’s UseDNS setting, which mockpanel has no sshd for';
const LIMIT = 'a limit is a number, or "unlimited" (both appear in the sample)';
const MX_MAP = 'keyed by domain';
const MX_PREVIOUS = 'each domain’s previous redirect, null when it had none (as the sample’s example.org)';
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
  enable_dnssec_for_domains: { keys: { 'data.domains[].nsec_error': 'only when the NSEC3 settings could not be applied' } },
  fetch_ds_records_for_domains: {
    maps: { 'data.domains[].ds_records.keys': 'keyed by key tag' },
    keys: {
      'data.domains[].ds_records.keys.*.digests': 'DS digests only for keys that sign keys (KSK, CSK); a ZSK has none',
      'data.domains[].ds_records.nsec_details.nsec3_*': 'the NSEC3 settings only for a zone that uses NSEC3 (one signed by add_zone_key uses NSEC)',
    },
  },
  export_zone_key: { keys: { 'data.key_data': 'the exported key’s text, which import_zone_key takes back (the sample shows only its tag and type)' } },
  set_nsec3_for_domains: { keys: { 'data.domains[].error': 'only for a domain that failed' } },
  unset_nsec3_for_domains: { keys: { 'data.domains[].error': 'only for a domain that failed' } },
  validate_current_spfs: { keys: { 'data.payload[].records[].reason': 'only for a record that does not let the server send' } },
  get_mailbox_status: { maps: { data: 'keyed by mailbox name' } },
  ipv6_enable_account: { maps: { 'data.failures': 'keyed by account name', 'data.ipv6': 'keyed by account name' } },
  set_manual_mx_redirects: { maps: { 'data.payload': MX_MAP }, types: { 'data.payload.*': MX_PREVIOUS } },
  unset_manual_mx_redirects: { maps: { 'data.payload': MX_MAP }, types: { 'data.payload.*': MX_PREVIOUS } },
  twofactorauth_get_user_configs: { maps: { data: USER_MAP } },
  twofactorauth_get_tfa_config_for_user: { maps: { data: USER_MAP, 'data.*.team': 'keyed by team user login' } },
  twofactorauth_remove_user_config: { maps: { 'data.failed': USER_MAP } },
  get_service_config: {
    ignore: {
      data: 'a fresh server’s Dovecot configuration holds only its protocols until the mail server configuration is saved (seed 004, get_service_config); set_service_config_key adds the keys the sample shows',
    },
  },
  get_service_config_key: { keys: { 'data.key name': 'the sample’s placeholder for the value of the key asked for' } },
  fetchcrtinfo: {
    keys: { 'data.cabundle': 'only when the certificate has a CA bundle', 'data.subject.commonName_ip': 'only for a certificate issued to an IP address' },
  },
  fetch_ssl_certificates_for_fqdns: { types: { 'data.payload[].validation_type': 'null for a self-signed certificate' } },
  install_service_ssl_certificate: { types: { 'data.certificate_info.validation_type': 'null for a self-signed certificate' } },
  fetch_service_ssl_components: {
    types: {
      'data.services[].certificate_info.issuer.organizationName':
        'null when the issuer names no organization (the default certificate’s issuer is its hostname and ssl@ address, as the reset sample’s issuer_text)',
    },
  },
  reset_service_ssl_certificate: {
    types: { 'data.certificate_info.issuer.organizationName': 'null when the issuer names no organization (the sample’s own issuer_text names none)' },
  },
  backup_destination_list: { keys: { 'data.destination_list[].disable_reason': 'only on a destination a failed validation disabled' } },
  backup_list_transported: { maps: { 'data.remote_backups': 'keyed by destination id', 'data.remote_backups.*': 'keyed by username' } },
  backup_set_list_combined: {
    maps: { 'data.backup_set': USER_MAP, 'data.destination_legend': 'keyed by destination id' },
    types: { 'data.destination_legend': 'null while no destination exists (an undefined legend, Whostmgr::API::1::Backup)' },
  },
  get_users_and_domains_with_backup_metadata: { maps: { data: USER_MAP } },
  backup_destination_get: {
    keys: { 'data.upload_system_backup': 'kept only when the destination was added or set with it (as backup_destination_list shows)' },
  },
  delete_account_archives: { keys: { 'metadata.output.warnings': 'unpkgacct’s error output, which mockpanel’s archive removal never has' } },
  backup_set_list: {
    types: { 'data.backup_set': 'the sample is an empty {}; the backup system lists {user, backup_date} records (Cpanel::Backup::BackupSet::backup_set_list)' },
  },
  remote_mysql_read_profiles: { maps: { data: 'keyed by profile name' } },
  list_configclusterservers: { maps: { data: 'keyed by server name' } },
  retrieve_customizations: { keys: { data: 'the sample shows no data; mockpanel answers what update_customizations stored (inferred)' } },
  get_market_providers_commission_config: { ignore: { data: 'commission ids by provider name (inferred): the documented sample is empty' } },
  batch_create_cphulk_records: { maps: { 'data.ips_failed': IP_MAP } },
  convert_addon_list_addon_domains: { maps: { data: 'keyed by addon domain' } },
  convert_addon_get_conversion_status: { maps: { data: 'keyed by job ID' } },
  remote_mysql_monitor_profile_activation: { keys: { 'data.job_in_progress': 'only while an activation runs' } },
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
      maxaddon: 'unlimited',
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
  // An archive of the fixture account and of a spare one (pkgacct sessions on the clock), and one restore task already run.
  const spareUser = await account('fp');
  const pkgacct = (await whm.data<{ session_id: string }>('start_background_pkgacct', { user })).session_id;
  await whm.call('start_background_pkgacct', { user: spareUser });
  // Two addon domains: one for the conversion functions, one converted (with a MySQL upgrade and a profile activation) on the clock below.
  const addon = async (label: string) => {
    await api2(ctx, user, 'AddonDomain', 'addaddondomain', { newdomain: `${label}.example.org`, subdomain: label, dir: `public_html/${label}` });
    return `${label}.example.org`;
  };
  const spareAddon = await addon(`a${tag}`);
  await whm.call('convert_addon_initiate_conversion', { domain: await addon(`b${tag}`), username: `k${tag}`.slice(0, 14) });
  const upgrade = (await whm.data<{ upgrade_id: string }>('start_background_mysql_upgrade', { version: '10.6' })).upgrade_id;
  await whm.call('remote_mysql_create_profile', ACTIVE_PROFILE);
  await whm.call('remote_mysql_initiate_profile_activation', { name: ACTIVE_PROFILE.name });
  await ctx.emulator.advanceClock(11);
  const archive = (await whm.data<{ backup_set: string[] }>('backup_date_list')).backup_set[0];
  await whm.call('restore_queue_add_task', { user, restore_point: archive });
  await whm.call('restore_queue_activate');
  await ctx.emulator.advanceClock(31);
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
      plain: spareUser,
      pkgacct,
      archive,
      addon: spareAddon,
      upgrade,
      conversion: String((await whm.data<{ conversions: { job_id: number }[] }>('convert_addon_list_conversions')).conversions[0].job_id),
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
