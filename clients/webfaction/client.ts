import type { WebfactionMethod, WebfactionParams } from './methods.generated.js';
import type { ConnectionOptions } from '../transport/connection.js';
import { XmlRpcFault, XmlRpcTransport } from '../transport/xmlrpc-transport.js';
import { WebfactionError } from './errors.js';
import type {
  Account,
  App,
  AppType,
  BandwidthUsage,
  Certificate,
  CreatedMailbox,
  Database,
  DbAddon,
  DbType,
  DbUser,
  DbUserOnDatabase,
  DiskUsage,
  DnsOverride,
  Domain,
  Email,
  Ip,
  Machine,
  Mailbox,
  Shell,
  ShellUser,
  SiteApp,
  Struct,
  UpdatedEmail,
  Website,
  WebsiteResult,
} from './types.js';

export interface WebfactionClientOptions extends ConnectionOptions {
  /** The endpoint: `https://api.webfaction.com/`, or mockpanel's `http://127.0.0.1:7777/webfaction/`. */
  url: string;
  username: string;
  password: string;
  /** Needed for accounts with plans on several machines (case-sensitive, e.g. `Web100`). */
  machine?: string;
  /** API version asked for at login: 1 (the seed's API, default) or 2 (certificates, usage, website certificates). */
  version?: 1 | 2;
  /** Log in again once and retry when the server says the session is no longer valid. Default true. */
  relogin?: boolean;
}

/** Optional DNS override records, named as the API names them. */
export interface DnsRecords {
  a_ip?: string;
  cname?: string;
  mx_name?: string;
  mx_priority?: string;
  spf_record?: string;
  /** Later API. */
  aaaa_ip?: string;
  /** Later API. */
  srv_record?: string;
}

export interface MailboxOptions {
  enableSpamProtection?: boolean;
  discardSpam?: boolean;
  spamRedirectFolder?: string;
  useManualProcmailrc?: boolean;
  manualProcmailrc?: string;
}

export interface EmailOptions {
  autoresponderOn?: boolean;
  autoresponderSubject?: string;
  autoresponderMessage?: string;
  autoresponderFrom?: string;
  scriptMachine?: string;
  scriptPath?: string;
}

/**
 * A typed client for the WebFaction XML-RPC API. It logs in on first use,
 * keeps the session and passes it as every method's first argument; faults
 * become {@link WebfactionError}s with a stable `code`, whichever
 * fault-string style the server uses.
 *
 * @example
 * const wf = new WebfactionClient({ url: 'http://127.0.0.1:7777/webfaction/', username: 'widgetsco', password: 'widgetsrock' });
 * await wf.createDomain('widgetcompany.example', 'www');
 */
export class WebfactionClient {
  private readonly transport: XmlRpcTransport;
  private sessionId?: string;
  private accountInfo?: Account;

  constructor(private readonly options: WebfactionClientOptions) {
    this.transport = new XmlRpcTransport(options);
  }

  /** The session id of the current login, if logged in. */
  get session(): string | undefined {
    return this.sessionId;
  }

  /** The account struct login returned, if logged in. */
  get account(): Account | undefined {
    return this.accountInfo;
  }

  /** The API version this client logs in with. */
  get version(): 1 | 2 {
    return this.options.version ?? 1;
  }

  /** Logs in (again) with the configured credentials; the account struct. */
  async login(): Promise<Account> {
    const { username, password, machine, version } = this.options;
    const args: unknown[] = [username, password];
    // Later servers take the version as a 4th argument; clients send '' as "no machine" then (realworld.md §1.2).
    if (version !== undefined) args.push(machine ?? '', version);
    else if (machine !== undefined) args.push(machine);
    const [sessionId, account] = await this.raw<[string, Account]>('login', ...args);
    this.sessionId = sessionId;
    this.accountInfo = account;
    return account;
  }

  /** Forgets the session, so the next call logs in again. */
  logout(): void {
    this.sessionId = undefined;
    this.accountInfo = undefined;
  }

  /** Sends a call exactly as given (no session added): for methods or argument shapes this client does not type. */
  async raw<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    try {
      return await this.transport.call<T>(method, ...args);
    } catch (error) {
      if (error instanceof XmlRpcFault) throw new WebfactionError(method, error.faultCode, error.faultString, error);
      throw new WebfactionError(method, undefined, error instanceof Error ? error.message : String(error), error);
    }
  }

  /** Calls a session method: logs in first if needed, and once more if the session has expired. */
  async call<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    const fresh = this.sessionId === undefined;
    if (fresh) await this.login();
    try {
      return await this.raw<T>(method, this.sessionId, ...args);
    } catch (error) {
      // A refused session means the call did nothing, so it is safe to log in and send it again.
      if (!fresh && (this.options.relogin ?? true) && error instanceof WebfactionError && error.code === 'login_failed') {
        await this.login();
        return this.raw<T>(method, this.sessionId, ...args);
      }
      throw error;
    }
  }

  /** A typed method's call: its arguments are checked against the contract's (methods.generated.ts) at compile time. */
  private send<T, M extends WebfactionMethod = WebfactionMethod>(method: M, ...args: WebfactionParams[M]): Promise<T> {
    return this.call<T>(method, ...args);
  }

  // ---- Email

  /** change_mailbox_password(session_id, mailbox, password) */
  changeMailboxPassword(mailbox: string, password: string): Promise<Mailbox> {
    return this.send('change_mailbox_password', mailbox, password);
  }

  /** create_email(session_id, email_address, targets, autoresponder_on, …, script_path); `targets` a comma string or a list. */
  createEmail(emailAddress: string, targets: string | string[], options: EmailOptions = {}): Promise<Email> {
    return this.send('create_email', emailAddress, Array.isArray(targets) ? targets.join(',') : targets, ...emailArgs(options));
  }

  /** create_mailbox(session_id, mailbox, enable_spam_protection=True, …); the answer names it `name` and carries the password. */
  createMailbox(mailbox: string, options: MailboxOptions = {}): Promise<CreatedMailbox> {
    return this.send('create_mailbox', mailbox, ...mailboxArgs(options));
  }

  /** delete_email(session_id, email_address) */
  deleteEmail(emailAddress: string): Promise<Struct> {
    return this.send('delete_email', emailAddress);
  }

  /** delete_mailbox(session_id, mailbox) */
  deleteMailbox(mailbox: string): Promise<Struct> {
    return this.send('delete_mailbox', mailbox);
  }

  /** list_emails(session_id) */
  listEmails(): Promise<Email[]> {
    return this.send('list_emails');
  }

  /** list_mailboxes(session_id) */
  listMailboxes(): Promise<Mailbox[]> {
    return this.send('list_mailboxes');
  }

  /** update_email(session_id, email_address, targets, …); `targets` a list. */
  updateEmail(emailAddress: string, targets: string[], options: EmailOptions = {}): Promise<UpdatedEmail> {
    return this.send('update_email', emailAddress, targets, ...emailArgs(options));
  }

  /** update_mailbox(session_id, mailbox, enable_spam_protection=True, …) */
  updateMailbox(mailbox: string, options: MailboxOptions = {}): Promise<Mailbox> {
    return this.send('update_mailbox', mailbox, ...mailboxArgs(options));
  }

  // ---- Websites and domains

  /** create_domain(session_id, domain, *subdomains); on an existing domain it adds the subdomains. */
  createDomain(domain: string, ...subdomains: string[]): Promise<Domain> {
    return this.send('create_domain', domain, ...subdomains);
  }

  /**
   * create_website(session_id, website_name, ip, https, subdomains, *site_apps).
   * In version-2 sessions `certificate` ('' for none) goes before the site apps.
   */
  createWebsite(websiteName: string, ip: string, https: boolean, subdomains: string[], siteApps: SiteApp[] = [], certificate = ''): Promise<WebsiteResult> {
    return this.send('create_website', websiteName, ip, https, subdomains, ...this.certificateArg(certificate), ...siteApps);
  }

  /** update_website(session_id, website_name, ip, https, subdomains, *site_apps); name and https identify the website. */
  updateWebsite(websiteName: string, ip: string, https: boolean, subdomains: string[], siteApps: SiteApp[] = [], certificate = ''): Promise<WebsiteResult> {
    return this.send('update_website', websiteName, ip, https, subdomains, ...this.certificateArg(certificate), ...siteApps);
  }

  /** delete_domain(session_id, domain, *subdomains); with subdomains only those go. */
  deleteDomain(domain: string, ...subdomains: string[]): Promise<Struct> {
    return this.send('delete_domain', domain, ...subdomains);
  }

  /** delete_website(session_id, website_name, ip=None, https=None) */
  deleteWebsite(websiteName: string, ip?: string, https?: boolean): Promise<Struct> {
    const rest: [ip?: string, https?: boolean] = https !== undefined ? [ip ?? '', https] : ip !== undefined ? [ip] : [];
    return this.send('delete_website', websiteName, ...rest);
  }

  /** list_domains(session_id) */
  listDomains(): Promise<Domain[]> {
    return this.send('list_domains');
  }

  /** list_websites(session_id) */
  listWebsites(): Promise<Website[]> {
    return this.send('list_websites');
  }

  // ---- Applications

  /**
   * create_app(session_id, name, type, autostart, extra_info, script_code='').
   * The 6th argument is `open_port` when a boolean (what later clients send), `script_code` when a string.
   */
  createApp(name: string, type: string, autostart = false, extraInfo = '', openPortOrScriptCode?: boolean | string): Promise<App> {
    return this.send('create_app', name, type, autostart, extraInfo, ...(openPortOrScriptCode === undefined ? [] : [openPortOrScriptCode]));
  }

  /** delete_app(session_id, name) */
  deleteApp(name: string): Promise<Struct> {
    return this.send('delete_app', name);
  }

  /** list_apps(session_id) */
  listApps(): Promise<App[]> {
    return this.send('list_apps');
  }

  /** list_app_types(session_id) */
  listAppTypes(): Promise<AppType[]> {
    return this.send('list_app_types');
  }

  // ---- Cron

  /** create_cronjob(session_id, line) */
  createCronjob(line: string): Promise<Struct> {
    return this.send('create_cronjob', line);
  }

  /** delete_cronjob(session_id, line); the line's exact text identifies the job. */
  deleteCronjob(line: string): Promise<Struct> {
    return this.send('delete_cronjob', line);
  }

  // ---- DNS

  /** create_dns_override(session_id, domain, a_ip='', cname='', mx_name='', mx_priority='', spf_record=''[, aaaa_ip, srv_record]) */
  createDnsOverride(domain: string, records: DnsRecords): Promise<DnsOverride[]> {
    return this.send('create_dns_override', domain, ...dnsArgs(records));
  }

  /** delete_dns_override(session_id, domain, …same records…): the records deleted. */
  deleteDnsOverride(domain: string, records: DnsRecords = {}): Promise<DnsOverride[]> {
    return this.send('delete_dns_override', domain, ...dnsArgs(records));
  }

  /** list_dns_overrides(session_id) */
  listDnsOverrides(): Promise<DnsOverride[]> {
    return this.send('list_dns_overrides');
  }

  // ---- Databases

  /** change_db_user_password(session_id, username, password, db_type) */
  changeDbUserPassword(username: string, password: string, dbType: DbType): Promise<DbUserOnDatabase> {
    return this.send('change_db_user_password', username, password, dbType);
  }

  /** create_db(session_id, name, db_type, password[, db_user]); also creates a same-named user unless `dbUser` owns it. */
  createDb(name: string, dbType: DbType, password: string, dbUser?: string): Promise<Database> {
    return this.send('create_db', name, dbType, password, ...(dbUser === undefined ? [] : [dbUser]));
  }

  /** create_db_user(session_id, username, password, db_type) */
  createDbUser(username: string, password: string, dbType: DbType): Promise<DbUser> {
    return this.send('create_db_user', username, password, dbType);
  }

  /** delete_db(session_id, name, db_type); the same-named user stays. */
  deleteDb(name: string, dbType: DbType): Promise<Struct> {
    return this.send('delete_db', name, dbType);
  }

  /** delete_db_user(session_id, username, db_type) */
  deleteDbUser(username: string, dbType: DbType): Promise<DbUser> {
    return this.send('delete_db_user', username, dbType);
  }

  /** enable_addon(session_id, database, db_type, addon); PostgreSQL only, tsearch or postgis. */
  enableAddon(database: string, dbType: DbType, addon: 'tsearch' | 'postgis'): Promise<DbAddon> {
    return this.send('enable_addon', database, dbType, addon);
  }

  /** grant_db_permissions(session_id, username, database, db_type) */
  grantDbPermissions(username: string, database: string, dbType: DbType): Promise<DbUserOnDatabase> {
    return this.send('grant_db_permissions', username, database, dbType);
  }

  /** make_user_owner_of_db(session_id, username, database, db_type) */
  makeUserOwnerOfDb(username: string, database: string, dbType: DbType): Promise<DbUserOnDatabase> {
    return this.send('make_user_owner_of_db', username, database, dbType);
  }

  /** revoke_db_permissions(session_id, username, database, db_type) */
  revokeDbPermissions(username: string, database: string, dbType: DbType): Promise<DbUserOnDatabase> {
    return this.send('revoke_db_permissions', username, database, dbType);
  }

  /** list_dbs(session_id) */
  listDbs(): Promise<Database[]> {
    return this.send('list_dbs');
  }

  /** list_db_users(session_id) */
  listDbUsers(): Promise<DbUser[]> {
    return this.send('list_db_users');
  }

  // ---- Files

  /** replace_in_file(session_id, filename, *changes): each change a pair [old, new]. */
  replaceInFile(filename: string, ...changes: [string, string][]): Promise<string> {
    return this.send('replace_in_file', filename, ...changes);
  }

  /** write_file(session_id, filename, str, mode='wb'): mode w, wb, a or ab. */
  writeFile(filename: string, text: string, mode: 'w' | 'wb' | 'a' | 'ab' = 'wb'): Promise<Struct> {
    return this.send('write_file', filename, text, mode);
  }

  // ---- Shell users

  /** list_users(session_id) */
  listUsers(): Promise<ShellUser[]> {
    return this.send('list_users');
  }

  /** change_user_password(session_id, username, password) */
  changeUserPassword(username: string, password: string): Promise<ShellUser> {
    return this.send('change_user_password', username, password);
  }

  /** create_user(session_id, username, shell, groups) */
  createUser(username: string, shell: Shell, groups: string[] = []): Promise<ShellUser> {
    return this.send('create_user', username, shell, groups);
  }

  /** delete_user(session_id, username) */
  deleteUser(username: string): Promise<ShellUser> {
    return this.send('delete_user', username);
  }

  // ---- Servers

  /** list_machines(session_id) */
  listMachines(): Promise<Machine[]> {
    return this.send('list_machines');
  }

  /** list_ips(session_id) */
  listIps(): Promise<Ip[]> {
    return this.send('list_ips');
  }

  // ---- Miscellaneous

  /** run_php_script(session_id, script, code_before=''): what the script printed. */
  runPhpScript(script: string, codeBefore = ''): Promise<string> {
    return this.send('run_php_script', script, codeBefore);
  }

  /** set_apache_acl(session_id, paths, permission='rwx', recursive=False) */
  setApacheAcl(paths: string | string[], permission = 'rwx', recursive = false): Promise<Struct> {
    return this.send('set_apache_acl', paths, permission, recursive);
  }

  /** system(session_id, cmd): standard output; anything on standard error arrives as a WebfactionError. */
  system(cmd: string): Promise<string> {
    return this.send('system', cmd);
  }

  // ---- Version 2 (sessions opened with version 2)

  /** list_disk_usage(session_id) */
  listDiskUsage(): Promise<DiskUsage> {
    return this.send('list_disk_usage');
  }

  /** list_bandwidth_usage(session_id) */
  listBandwidthUsage(): Promise<BandwidthUsage> {
    return this.send('list_bandwidth_usage');
  }

  /** list_certificates(session_id) */
  listCertificates(): Promise<Certificate[]> {
    return this.send('list_certificates');
  }

  /** create_certificate(session_id, name, certificate, private_key, intermediates) */
  createCertificate(name: string, certificate: string, privateKey: string, intermediates = ''): Promise<Certificate> {
    return this.send('create_certificate', name, certificate, privateKey, intermediates);
  }

  /** update_certificate(session_id, name, certificate, private_key, intermediates) */
  updateCertificate(name: string, certificate: string, privateKey: string, intermediates = ''): Promise<Certificate> {
    return this.send('update_certificate', name, certificate, privateKey, intermediates);
  }

  /** delete_certificate(session_id, name) */
  deleteCertificate(name: string): Promise<Struct> {
    return this.send('delete_certificate', name);
  }

  private certificateArg(certificate: string): string[] {
    return this.version >= 2 ? [certificate] : [];
  }
}

function mailboxArgs(o: MailboxOptions): [boolean, boolean, string, boolean, string] {
  return [o.enableSpamProtection ?? true, o.discardSpam ?? false, o.spamRedirectFolder ?? '', o.useManualProcmailrc ?? false, o.manualProcmailrc ?? ''];
}

function emailArgs(o: EmailOptions): [boolean, string, string, string, string, string] {
  return [
    o.autoresponderOn ?? false,
    o.autoresponderSubject ?? '',
    o.autoresponderMessage ?? '',
    o.autoresponderFrom ?? '',
    o.scriptMachine ?? '',
    o.scriptPath ?? '',
  ];
}

function dnsArgs(r: DnsRecords): string[] {
  const seed = [r.a_ip ?? '', r.cname ?? '', r.mx_name ?? '', r.mx_priority ?? '', r.spf_record ?? ''];
  // The later arguments only when used, so a seed-era server is not sent more than it takes.
  return r.aaaa_ip || r.srv_record ? [...seed, r.aaaa_ip ?? '', r.srv_record ?? ''] : seed;
}
