import { connectionHeaders, type ConnectionOptions } from '../transport/connection.js';
import { formPairs, type FormValue } from '../transport/form-pairs.js';
import { WhmApiError, WhmError } from './errors.js';
import type {
  Account,
  CreateAccountOptions,
  CreatedAccount,
  CreatedToken,
  MassEditRecord,
  MxRecord,
  PackageInfo,
  PackageListEntry,
  ParsedZoneLine,
  SslVhost,
  SuspendedAccount,
  TokenDetails,
  UapiResult,
  WhmList,
  WhmListOptions,
  WhmMetadata,
  WhmResponse,
  ZoneRecord,
} from './types.js';

/** A parameter value: booleans go as 1/0, arrays as a repeated key, undefined is left out. */
export type WhmParamValue = FormValue;
export type WhmParams = Record<string, WhmParamValue>;

export type WhmAuth =
  /** `Authorization: whm user:token` (API tokens). */
  | { user: string; token: string }
  /** `Authorization: Basic user:password`. */
  | { user: string; password: string }
  /** `Authorization: WHM user:accesshash` (the deprecated remote access hash). */
  | { user: string; accessHash: string };

/**
 * The shape every reference client takes: `url` is where `/json-api/` lives
 * (`https://host:2087`, or mockpanel's `http://127.0.0.1:7777/whm`), and the
 * login is `username` with a `token`, a `password` or an `accessHash`.
 */
export type WhmClientOptions = ConnectionOptions & { username: string; fetch?: typeof fetch } & (
    | { token: string; password?: undefined; accessHash?: undefined }
    | { password: string; token?: undefined; accessHash?: undefined }
    | { accessHash: string; token?: undefined; password?: undefined }
  );

/** The earlier form, still accepted: `{ baseUrl, auth: { user, token | password | accessHash } }`. */
export interface WhmLegacyClientOptions {
  /** Where `/json-api/` lives, without a trailing slash. */
  baseUrl: string;
  auth: WhmAuth;
  headers?: Record<string, string>;
  world?: string;
  fetch?: typeof fetch;
}

export interface CallOptions {
  /** Output modifiers for list functions. */
  list?: WhmListOptions;
  /** Send as POST: `form` (application/x-www-form-urlencoded body) or `json`. Default GET with a query string. */
  body?: 'form' | 'json';
}

/** The functions whose documentation gives a form body (addzonerecord, editzonerecord…): sent as POST. */
const FORM_BODY = new Set(['addzonerecord', 'editzonerecord', 'backup_destination_set', 'enqueue_transfer_item']);

function letters(i: number): string {
  // a…z, then za, zb… (WHM's convention for more than 26 filters or sorts).
  return i < 26 ? String.fromCharCode(97 + i) : `z${letters(i - 26)}`;
}

/** The `api.*` variables for a set of list options. */
export function listOptionParams(options: WhmListOptions): [string, string][] {
  const out: [string, string][] = [];
  const verbose = options.verbose === false ? '0' : '1';
  if (options.columns?.length) {
    out.push(['api.columns.enable', '1']);
    options.columns.forEach((c, i) => out.push([`api.columns.${letters(i)}`, c]));
  }
  if (options.filter?.length) {
    out.push(['api.filter.enable', '1'], ['api.filter.verbose', verbose]);
    options.filter.forEach((f, i) => {
      const id = letters(i);
      out.push([`api.filter.${id}.field`, f.field], [`api.filter.${id}.type`, f.type ?? 'contains'], [`api.filter.${id}.arg0`, f.arg0]);
    });
  }
  if (options.sort?.length) {
    out.push(['api.sort.enable', '1'], ['api.sort.verbose', verbose]);
    options.sort.forEach((s, i) => {
      const id = letters(i);
      out.push([`api.sort.${id}.field`, s.field], [`api.sort.${id}.method`, s.method ?? 'lexicographic'], [`api.sort.${id}.reverse`, s.reverse ? '1' : '0']);
    });
  }
  if (options.chunk) {
    out.push(['api.chunk.enable', '1'], ['api.chunk.verbose', verbose], ['api.chunk.size', String(options.chunk.size)]);
    if (options.chunk.start !== undefined) out.push(['api.chunk.start', String(options.chunk.start)]);
    if (options.chunk.select !== undefined) out.push(['api.chunk.select', String(options.chunk.select)]);
  }
  return out;
}

function decodeB64(text: string | undefined): string | undefined {
  return text === undefined ? undefined : Buffer.from(text, 'base64').toString('utf8');
}

/**
 * A typed client for cPanel WHM API 1 (`/json-api/<function>?api.version=1`)
 * over fetch. Every method resolves with the function's `data` (or its
 * list) and rejects with a {@link WhmError}: {@link WhmApiError} when WHM
 * answers `metadata.result: 0`.
 *
 * @example
 * const whm = new WhmClient({ url: 'https://host:2087', username: 'root', token: 'ABC…' });
 * const accounts = await whm.listAccounts();
 */
export class WhmClient {
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly headers: Record<string, string>;
  private readonly fetchImpl: typeof fetch;

  constructor(options: WhmClientOptions | WhmLegacyClientOptions) {
    const a: WhmAuth =
      'auth' in options
        ? options.auth
        : options.token !== undefined
          ? { user: options.username, token: options.token }
          : options.password !== undefined
            ? { user: options.username, password: options.password }
            : { user: options.username, accessHash: options.accessHash! };
    this.baseUrl = ('baseUrl' in options ? options.baseUrl : options.url).replace(/\/+$/, '');
    this.authorization =
      'token' in a
        ? `whm ${a.user}:${a.token}`
        : 'accessHash' in a
          ? `WHM ${a.user}:${a.accessHash.replace(/\s+/g, '')}`
          : `Basic ${Buffer.from(`${a.user}:${a.password}`).toString('base64')}`;
    this.headers = connectionHeaders(options);
    this.fetchImpl = options.fetch ?? fetch;
  }

  /**
   * Calls any WHM API 1 function and returns the whole answer. Rejects with
   * WhmApiError on `metadata.result: 0` (its `data`, if any, is on the error).
   */
  async call<T = unknown>(fn: string, params: WhmParams = {}, options: CallOptions = {}): Promise<WhmResponse<T>> {
    const pairs: [string, string][] = [['api.version', '1'], ...(options.list ? listOptionParams(options.list) : [])];
    const body = options.body ?? (FORM_BODY.has(fn) ? 'form' : undefined);
    const headers: Record<string, string> = { ...this.headers, authorization: this.authorization, accept: 'application/json' };
    let url = `${this.baseUrl}/json-api/${encodeURIComponent(fn)}`;
    let init: RequestInit;
    if (body === 'json') {
      url += `?${new URLSearchParams(pairs)}`;
      init = { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(params) };
    } else if (body === 'form') {
      url += `?${new URLSearchParams(pairs)}`;
      init = {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(formPairs(params)).toString(),
      };
    } else {
      url += `?${new URLSearchParams([...pairs, ...formPairs(params)])}`;
      init = { method: 'GET', headers };
    }
    let response: Response;
    try {
      response = await this.fetchImpl(url, init);
    } catch (error) {
      throw new WhmError('transport_error', fn, `${fn}: could not reach ${this.baseUrl} (${(error as Error).message})`, { cause: error });
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new WhmError('access_denied', fn, `${fn}: ${response.status} ${text.trim() || 'Access denied'}`, { status: response.status });
    }
    let parsed: WhmResponse<T>;
    try {
      parsed = JSON.parse(text) as WhmResponse<T>;
    } catch (error) {
      const code = response.ok ? 'bad_response' : 'http_error';
      throw new WhmError(code, fn, `${fn}: HTTP ${response.status}, not a WHM JSON answer: ${text.slice(0, 200)}`, { status: response.status, cause: error });
    }
    if (!parsed || typeof parsed.metadata !== 'object') {
      throw new WhmError('bad_response', fn, `${fn}: the answer has no metadata: ${text.slice(0, 200)}`, { status: response.status });
    }
    // Some clients saw result as a string ("1"): compare numerically.
    if (Number(parsed.metadata.result) !== 1) throw new WhmApiError(fn, parsed.metadata as unknown as Record<string, unknown>, parsed.data);
    if (!response.ok) throw new WhmError('http_error', fn, `${fn}: HTTP ${response.status}`, { status: response.status });
    return parsed;
  }

  /** Calls a function and returns its `data`. */
  async data<T = unknown>(fn: string, params: WhmParams = {}, options: CallOptions = {}): Promise<T> {
    return (await this.call<T>(fn, params, options)).data as T;
  }

  /** Calls a list function and returns the list under `key` with the metadata (filter, sort, chunk reflections). */
  async list<T>(fn: string, key: string, params: WhmParams = {}, list?: WhmListOptions): Promise<WhmList<T>> {
    const r = await this.call<Record<string, T[]>>(fn, params, { list });
    return { items: r.data?.[key] ?? [], metadata: r.metadata };
  }

  // --- accounts ------------------------------------------------------------

  /** createacct: creates a cPanel account. */
  createAccount(username: string, options: CreateAccountOptions = {}): Promise<CreatedAccount> {
    return this.data('createacct', { username, ...options });
  }

  /** listaccts: the accounts the caller may see. */
  async listAccounts(
    params: { search?: string; searchtype?: string; searchmethod?: 'exact' | 'regex'; want?: string } = {},
    list?: WhmListOptions,
  ): Promise<Account[]> {
    return (await this.list<Account>('listaccts', 'acct', params, list)).items;
  }

  /** accountsummary: one account by user or domain. */
  async accountSummary(by: { user: string } | { domain: string }): Promise<Account> {
    return (await this.data<{ acct: Account[] }>('accountsummary', by)).acct[0];
  }

  /** modifyacct: changes an account (UPPERCASE limit names, `newuser`, `domain`…); returns the updated cpuser data. */
  modifyAccount(user: string, changes: WhmParams): Promise<{ cpuser: Record<string, unknown>; domain: string; user: string; setshell: string }> {
    return this.data('modifyacct', { user, ...changes });
  }

  /** changepackage: moves an account to another package. */
  async changePackage(user: string, pkg: string): Promise<void> {
    await this.call('changepackage', { user, pkg });
  }

  /** passwd: sets an account's password. */
  async setPassword(user: string, password: string): Promise<void> {
    await this.call('passwd', { user, password });
  }

  /** limitbw: sets the bandwidth limit in MB (0 or 'unlimited' for none). */
  async limitBandwidth(user: string, bwlimit: number | 'unlimited'): Promise<Record<string, unknown>> {
    return (await this.data<{ bwlimits: Record<string, unknown>[] }>('limitbw', { user, bwlimit })).bwlimits[0];
  }

  /** editquota: sets the disk quota in MB (0 or 'unlimited' for none). */
  async editQuota(user: string, quota: number | 'unlimited'): Promise<void> {
    await this.call('editquota', { user, quota });
  }

  /** showbw: bandwidth use per account for a month. */
  showBandwidth(
    params: { month?: number; year?: number; search?: string; searchtype?: string } = {},
  ): Promise<{ acct: Record<string, unknown>[]; month: number; year: number; totalused: number }> {
    return this.data('showbw', params);
  }

  /** suspendacct. */
  async suspendAccount(user: string, reason?: string, options: { disallowun?: boolean } = {}): Promise<void> {
    await this.call('suspendacct', { user, reason, disallowun: options.disallowun });
  }

  /** unsuspendacct. */
  async unsuspendAccount(user: string): Promise<void> {
    await this.call('unsuspendacct', { user });
  }

  /** listsuspended. */
  async listSuspended(): Promise<SuspendedAccount[]> {
    return (await this.data<{ account: SuspendedAccount[] }>('listsuspended')).account;
  }

  /** removeacct: deletes an account (keepdns keeps its DNS zone). */
  async removeAccount(username: string, options: { keepdns?: boolean } = {}): Promise<void> {
    await this.call('removeacct', { username, keepdns: options.keepdns });
  }

  /** domainuserdata: the web server configuration of a domain. */
  async domainUserData(domain: string): Promise<Record<string, unknown>> {
    return (await this.data<{ userdata: Record<string, unknown> }>('domainuserdata', { domain })).userdata;
  }

  /** getdomainowner: the account a domain belongs to. */
  async getDomainOwner(domain: string): Promise<string> {
    return (await this.data<{ user: string }>('getdomainowner', { domain })).user;
  }

  /** get_domain_info: every domain the caller may see with its type, docroot and addresses. */
  async getDomainInfo(list?: WhmListOptions): Promise<Record<string, unknown>[]> {
    return (await this.list<Record<string, unknown>>('get_domain_info', 'domains', {}, list)).items;
  }

  /** verify_new_username: resolves when the name may be used for a new account, rejects with the reason otherwise. */
  async verifyNewUsername(user: string): Promise<void> {
    await this.call('verify_new_username', { user });
  }

  /** myprivs: the caller's privileges as {name: 0|1}. */
  async myPrivileges(): Promise<Record<string, number>> {
    return (await this.data<{ privileges: Record<string, number>[] }>('myprivs')).privileges[0];
  }

  /** create_user_session: a one-time login URL for cpaneld, whostmgrd or webmaild. */
  createUserSession(
    user: string,
    service: 'cpaneld' | 'whostmgrd' | 'webmaild',
    options: { app?: string; preferred_domain?: string } = {},
  ): Promise<{ url: string; session: string; expires: number; service: string; cp_security_token: string }> {
    return this.data('create_user_session', { user, service, ...options });
  }

  // --- packages ------------------------------------------------------------

  /** addpkg: creates a package (lowercase argument names: quota, bwlimit, maxpop…). */
  async addPackage(name: string, settings: WhmParams = {}): Promise<string> {
    return (await this.data<{ pkg: string }>('addpkg', { name, ...settings })).pkg;
  }

  /** editpkg: changes a package. */
  async editPackage(name: string, settings: WhmParams): Promise<string> {
    return (await this.data<{ pkg: string }>('editpkg', { name, ...settings })).pkg;
  }

  /** killpkg: deletes a package. */
  async killPackage(pkgname: string): Promise<void> {
    await this.call('killpkg', { pkgname });
  }

  /** listpkgs. */
  async listPackages(want?: 'all' | 'creatable' | 'editable' | 'viewable', list?: WhmListOptions): Promise<PackageListEntry[]> {
    return (await this.list<PackageListEntry>('listpkgs', 'pkg', { want }, list)).items;
  }

  /** getpkginfo. */
  async getPackageInfo(pkg: string): Promise<PackageInfo> {
    return (await this.data<{ pkg: PackageInfo }>('getpkginfo', { pkg })).pkg;
  }

  // --- DNS -----------------------------------------------------------------

  /** listzones. */
  async listZones(list?: WhmListOptions): Promise<{ domain: string; zonefile: string }[]> {
    return (await this.list<{ domain: string; zonefile: string }>('listzones', 'zone', {}, list)).items;
  }

  /** dumpzone: every line of a zone, with its `Line` number. */
  async dumpZone(domain: string): Promise<ZoneRecord[]> {
    return (await this.data<{ zone: ZoneRecord[] }>('dumpzone', { domain })).zone;
  }

  /** parse_dns_zone: the zone's lines with their base64 fields decoded into `dname`/`data` too. */
  async parseDnsZone(zone: string): Promise<ParsedZoneLine[]> {
    const lines = (await this.data<{ payload: ParsedZoneLine[] }>('parse_dns_zone', { zone })).payload;
    return lines.map((l) => ({ ...l, dname: decodeB64(l.dname_b64), data: l.data_b64?.map((d) => decodeB64(d)!) }));
  }

  /** The zone's current SOA serial (from parse_dns_zone), which mass_edit_dns_zone needs. */
  async zoneSerial(zone: string): Promise<string> {
    const soa = (await this.parseDnsZone(zone)).find((l) => l.record_type === 'SOA');
    if (!soa?.data) throw new WhmError('bad_response', 'parse_dns_zone', `parse_dns_zone: ${zone} has no SOA record`);
    return soa.data[2];
  }

  /** mass_edit_dns_zone: adds, edits (by line_index) and removes records in one change; returns the new serial. */
  async massEditDnsZone(
    zone: string,
    serial: string | number,
    changes: { add?: MassEditRecord[]; edit?: MassEditRecord[]; remove?: number[] },
  ): Promise<number> {
    const r = await this.data<{ new_serial: number }>('mass_edit_dns_zone', {
      zone,
      serial,
      add: changes.add?.map((a) => JSON.stringify(a)),
      edit: changes.edit?.map((e) => JSON.stringify(e)),
      remove: changes.remove,
    });
    return r.new_serial;
  }

  /** adddns: creates a zone. */
  async addDns(domain: string, ip: string, options: { trueowner?: string } = {}): Promise<string> {
    return (await this.call('adddns', { domain, ip, ...options })).metadata.reason;
  }

  /** killdns: deletes a zone. */
  async killDns(domain: string): Promise<void> {
    await this.call('killdns', { domain });
  }

  /** addzonerecord: adds a record (fields by type: address, cname, exchange+preference, txtdata…). */
  async addZoneRecord(domain: string, record: { name: string; type: string; ttl?: number; class?: string } & WhmParams): Promise<void> {
    await this.call('addzonerecord', { domain, ...record });
  }

  /** editzonerecord: replaces the record on a line. */
  async editZoneRecord(domain: string, line: number, record: WhmParams): Promise<void> {
    await this.call('editzonerecord', { domain, line, ...record });
  }

  /** removezonerecord: deletes the record on a line. */
  async removeZoneRecord(zone: string, line: number): Promise<void> {
    await this.call('removezonerecord', { zone, line });
  }

  /** getzonerecord: the record on a line. */
  async getZoneRecord(domain: string, line: number): Promise<ZoneRecord> {
    return (await this.data<{ record: ZoneRecord[] }>('getzonerecord', { domain, line })).record[0];
  }

  /** resetzone: rewrites a zone from the template. */
  async resetZone(domain: string): Promise<void> {
    await this.call('resetzone', { domain });
  }

  /** listmxs. */
  async listMxs(domain: string): Promise<MxRecord[]> {
    return (await this.data<{ record: MxRecord[] }>('listmxs', { domain })).record;
  }

  /** savemxs: adds an MX record. */
  async saveMx(domain: string, mx: { name: string; exchange: string; preference: number; ttl?: number }): Promise<void> {
    await this.call('savemxs', { domain, ...mx });
  }

  // --- domains -------------------------------------------------------------

  /** create_subdomain: `domain` is the full name; returns the owning user. */
  async createSubdomain(domain: string, documentRoot: string): Promise<string> {
    return (await this.data<{ username: string }>('create_subdomain', { domain, document_root: documentRoot })).username;
  }

  /** delete_domain: removes a subdomain, parked or addon domain. */
  deleteDomain(domain: string): Promise<{ type: string; username: string }> {
    return this.data('delete_domain', { domain });
  }

  /** create_parked_domain_for_user: an alias of one of the user's sites. */
  async createParkedDomain(username: string, domain: string, webVhostDomain: string): Promise<void> {
    await this.call('create_parked_domain_for_user', { username, domain, web_vhost_domain: webVhostDomain });
  }

  // --- API tokens ----------------------------------------------------------

  /** api_token_create: the new token's secret is in `token`. */
  createToken(name: string, options: { acl?: string[]; expires_at?: number; whitelist_ip?: string[] } = {}): Promise<CreatedToken> {
    return this.data('api_token_create', { token_name: name, acl: options.acl, expires_at: options.expires_at, whitelist_ip: options.whitelist_ip });
  }

  /** api_token_list: the caller's tokens by name. */
  async listTokens(): Promise<Record<string, TokenDetails>> {
    return (await this.data<{ tokens: Record<string, TokenDetails> }>('api_token_list')).tokens;
  }

  /** api_token_revoke. */
  async revokeToken(name: string): Promise<void> {
    await this.call('api_token_revoke', { token_name: name });
  }

  // --- SSL -----------------------------------------------------------------

  /** installssl: installs a certificate and key (PEM) on a domain. */
  installSsl(domain: string, crt: string, key: string, cab?: string): Promise<Record<string, unknown>> {
    return this.data('installssl', { domain, crt, key, cab });
  }

  /** fetch_ssl_vhosts. */
  async fetchSslVhosts(): Promise<SslVhost[]> {
    return (await this.data<{ vhosts: SslVhost[] }>('fetch_ssl_vhosts')).vhosts;
  }

  /** delete_ssl_vhost. */
  async deleteSslVhost(host: string): Promise<void> {
    await this.call('delete_ssl_vhost', { host });
  }

  /** start_autossl_check_for_one_user: returns the check's pid. */
  async startAutosslCheck(username: string): Promise<number> {
    return (await this.data<{ pid: number }>('start_autossl_check_for_one_user', { username })).pid;
  }

  // --- resellers -----------------------------------------------------------

  /** setupreseller. */
  async setupReseller(user: string, makeowner = false): Promise<void> {
    await this.call('setupreseller', { user, makeowner });
  }

  /** unsetupreseller. */
  async unsetupReseller(user: string): Promise<void> {
    await this.call('unsetupreseller', { user });
  }

  /** listresellers. */
  async listResellers(): Promise<string[]> {
    return (await this.data<{ reseller: string[] }>('listresellers')).reseller;
  }

  /** setresellerlimits (enable_account_limit, account_limit, enable_package_limits…). */
  async setResellerLimits(user: string, limits: WhmParams): Promise<void> {
    await this.call('setresellerlimits', { user, ...limits });
  }

  /** setacls: gives a reseller exactly these privileges (or a saved list with `acllist`). */
  async setAcls(reseller: string, privileges: string[] | { acllist: string }): Promise<string[]> {
    const params: WhmParams = Array.isArray(privileges) ? Object.fromEntries(privileges.map((p) => [`acl-${p}`, 1])) : privileges;
    return (await this.data<{ acl: string[] }>('setacls', { reseller, ...params })).acl;
  }

  /** listacls: saved privilege lists. */
  async listAcls(): Promise<{ name: string; privileges: Record<string, number> }[]> {
    return (await this.data<{ acl: { name: string; privileges: Record<string, number> }[] }>('listacls')).acl;
  }

  // --- passthrough and batch ------------------------------------------------

  /** uapi_cpanel: runs a UAPI function as `user`; resolves with its `data`, rejects with the UAPI error as reason. */
  async uapi<T = unknown>(user: string, module: string, fn: string, args: WhmParams = {}): Promise<T> {
    const r = await this.data<{ uapi: UapiResult<T> }>('uapi_cpanel', { 'cpanel.user': user, 'cpanel.module': module, 'cpanel.function': fn, ...args });
    return r.uapi.data;
  }

  /** batch: runs `function?args` commands in order; returns each command's whole answer. */
  async batch(commands: { fn: string; params?: WhmParams }[], options: { abortOnError?: boolean } = {}): Promise<WhmResponse[]> {
    const command = commands.map((c) => {
      const q = new URLSearchParams(formPairs(c.params ?? {})).toString();
      return q ? `${c.fn}?${q}` : c.fn;
    });
    return (await this.data<{ result: WhmResponse[] }>('batch', { command, abort_on_error: options.abortOnError })).result;
  }

  // --- server --------------------------------------------------------------

  /** version. */
  async version(): Promise<string> {
    return (await this.data<{ version: string }>('version')).version;
  }

  /** applist: the functions the caller may call. */
  async applist(): Promise<string[]> {
    return (await this.data<{ app: string[] }>('applist')).app;
  }

  /** gethostname. */
  async hostname(): Promise<string> {
    return (await this.data<{ hostname: string }>('gethostname')).hostname;
  }

  /** listips. */
  async listIps(): Promise<{ ip: string; mainaddr: number; dedicated: number; used: number; [key: string]: unknown }[]> {
    return (await this.data<{ ip: { ip: string; mainaddr: number; dedicated: number; used: number }[] }>('listips')).ip;
  }

  /** list_pops_for: the account's mailboxes. */
  async listPopsFor(user: string): Promise<string[]> {
    return (await this.data<{ pops?: string[] }>('list_pops_for', { user })).pops ?? [];
  }

  /** list_mysql_databases_and_users: database → users with access. */
  async listMysqlDatabasesAndUsers(user: string): Promise<Record<string, string[]>> {
    return (await this.data<{ mysql_databases: Record<string, string[]> }>('list_mysql_databases_and_users', { user })).mysql_databases;
  }
}

export type { WhmMetadata };
