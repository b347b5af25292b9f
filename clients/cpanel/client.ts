import { connectionHeaders, type ConnectionOptions } from '../transport/connection.js';
import { formPairs, type FormValue } from '../transport/form-pairs.js';
import { CpanelError } from './errors.js';
import type {
  CpanelApi2Result,
  CpanelApiToken,
  CpanelDomainListing,
  CpanelMassEditRecord,
  CpanelParsedZoneLine,
  CpanelUapiResult,
  CpanelVhost,
  CpanelZoneRecord,
} from './types.js';

/** A parameter value: booleans go as 1/0, arrays as a repeated key, undefined is left out. */
export type CpanelParamValue = FormValue;
export type CpanelParams = Record<string, CpanelParamValue>;

/**
 * `url` is where `/execute/` and `/json-api/cpanel` live (`https://host:2083`,
 * or mockpanel's `http://127.0.0.1:7777/cpanel`); the login is the account
 * `username` with an API `token` (`Authorization: cpanel user:TOKEN`) or its `password` (Basic).
 */
export type CpanelClientOptions = ConnectionOptions & { username: string; fetch?: typeof fetch } & (
    { token: string; password?: undefined } | { password: string; token?: undefined }
  );

const decode = (b64: string | undefined) => (b64 === undefined ? undefined : Buffer.from(b64, 'base64').toString('utf8'));

/**
 * A typed client for cPanel's account APIs: UAPI (`/execute/<Module>/<function>`)
 * and cPanel API 2 (`/json-api/cpanel`), over fetch, as the account user.
 * Methods resolve with the function's data and reject with {@link CpanelError}.
 *
 * @example
 * const cp = new CpanelClient({ url: 'https://host:2083', username: 'alice', password: 'secret' });
 * const { token } = await cp.createToken('dns01');
 */
export class CpanelClient {
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly headers: Record<string, string>;
  private readonly fetchImpl: typeof fetch;

  constructor(options: CpanelClientOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.authorization =
      options.token !== undefined
        ? `cpanel ${options.username}:${options.token}`
        : `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
    this.headers = connectionHeaders(options);
    this.fetchImpl = options.fetch ?? fetch;
  }

  private async send(fn: string, url: string, params: CpanelParams, method: 'GET' | 'POST'): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { ...this.headers, authorization: this.authorization, accept: 'application/json' };
    const query = new URLSearchParams(formPairs(params)).toString();
    const init: RequestInit =
      method === 'POST' ? { method, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: query } : { method, headers };
    let response: Response;
    try {
      response = await this.fetchImpl(method === 'GET' && query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url, init);
    } catch (error) {
      throw new CpanelError('transport_error', fn, `${fn}: could not reach ${this.baseUrl} (${(error as Error).message})`, { cause: error });
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new CpanelError('access_denied', fn, `${fn}: ${response.status} ${text.trim() || 'Access denied'}`, { status: response.status });
    }
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch (error) {
      throw new CpanelError(
        response.ok ? 'bad_response' : 'http_error',
        fn,
        `${fn}: HTTP ${response.status}, not a cPanel JSON answer: ${text.slice(0, 200)}`,
        {
          status: response.status,
          cause: error,
        },
      );
    }
  }

  /** Calls a UAPI function and returns its whole `result`; rejects on `status: 0`. */
  async uapi<T = unknown>(module: string, fn: string, params: CpanelParams = {}, method: 'GET' | 'POST' = 'GET'): Promise<CpanelUapiResult<T>> {
    const name = `${module}::${fn}`;
    const { status, body } = await this.send(name, `${this.baseUrl}/execute/${encodeURIComponent(module)}/${encodeURIComponent(fn)}`, params, method);
    const result = (body as { result?: CpanelUapiResult<T> })?.result;
    if (!result || typeof result !== 'object') throw new CpanelError('bad_response', name, `${name}: the answer has no result`, { status, body });
    if (Number(result.status) !== 1) {
      const errors = result.errors ?? [];
      throw new CpanelError('api_failure', name, `${name}: ${errors.join(' ') || 'failed'}`, { status, errors, body });
    }
    return result;
  }

  /** Calls a cPanel API 2 function and returns its `data` list; rejects on `event.result: 0` or an `error`. */
  async api2<T = Record<string, unknown>>(module: string, fn: string, params: CpanelParams = {}): Promise<T[]> {
    const name = `${module}::${fn}`;
    const own = { cpanel_jsonapi_module: module, cpanel_jsonapi_func: fn, cpanel_jsonapi_apiversion: 2 };
    const { status, body } = await this.send(name, `${this.baseUrl}/json-api/cpanel`, { ...own, ...params }, 'GET');
    const result = (body as { cpanelresult?: CpanelApi2Result<T> })?.cpanelresult;
    if (!result || typeof result !== 'object') throw new CpanelError('bad_response', name, `${name}: the answer has no cpanelresult`, { status, body });
    if (result.error !== undefined || Number(result.event?.result) !== 1) {
      const error = result.error ?? 'failed';
      throw new CpanelError('api_failure', name, `${name}: ${error}`, { status, errors: [error], body });
    }
    return result.data;
  }

  // --- Tokens (UAPI) ---------------------------------------------------------

  /** Tokens::create_full_access: a new API token for this account. */
  async createToken(name: string, expiresAt?: number): Promise<{ token: string; create_time: number }> {
    return (await this.uapi<{ token: string; create_time: number }>('Tokens', 'create_full_access', { name, expires_at: expiresAt })).data;
  }

  async listTokens(): Promise<CpanelApiToken[]> {
    return (await this.uapi<CpanelApiToken[]>('Tokens', 'list')).data;
  }

  async revokeToken(name: string): Promise<void> {
    await this.uapi('Tokens', 'revoke', { name });
  }

  // --- DNS (UAPI) ------------------------------------------------------------

  /** DNS::parse_zone, with the base64 fields decoded beside the raw ones (`dname`, `data`, `text`). */
  async parseZone(zone: string): Promise<(CpanelParsedZoneLine & { dname?: string; data?: string[]; text?: string })[]> {
    const lines = (await this.uapi<CpanelParsedZoneLine[]>('DNS', 'parse_zone', { zone })).data;
    return lines.map((l) => ({ ...l, dname: decode(l.dname_b64), data: l.data_b64?.map((d) => decode(d)!), text: decode(l.text_b64) }));
  }

  /** The zone's SOA serial, read from parse_zone (what mass_edit_zone needs). */
  async zoneSerial(zone: string): Promise<string> {
    const soa = (await this.parseZone(zone)).find((l) => l.record_type === 'SOA');
    if (!soa?.data) throw new CpanelError('bad_response', 'DNS::parse_zone', `DNS::parse_zone: ${zone} has no SOA record`);
    return soa.data[2];
  }

  /** DNS::mass_edit_zone: adds, edits and removes (by 0-based line index) in one call; returns the new serial. */
  async massEditZone(
    zone: string,
    serial: string | number,
    changes: { add?: CpanelMassEditRecord[]; edit?: CpanelMassEditRecord[]; remove?: number[] },
  ): Promise<number> {
    const params: CpanelParams = {
      zone,
      serial,
      add: changes.add?.map((r) => JSON.stringify(r)),
      edit: changes.edit?.map((r) => JSON.stringify(r)),
      remove: changes.remove,
    };
    return (await this.uapi<{ new_serial: number }>('DNS', 'mass_edit_zone', params, 'POST')).data.new_serial;
  }

  // --- ZoneEdit (API 2) ------------------------------------------------------

  /** ZoneEdit::fetchzones: every zone of the account, as zone-file lines. */
  async fetchZones(): Promise<Record<string, string[]>> {
    return (await this.api2<{ zones: Record<string, string[]> }>('ZoneEdit', 'fetchzones'))[0]?.zones ?? {};
  }

  /** ZoneEdit::fetchzone_records, filtered by the documented keys (name, type, line, address, txtdata…). */
  fetchZoneRecords(domain: string, filters: CpanelParams = {}): Promise<CpanelZoneRecord[]> {
    return this.api2<CpanelZoneRecord>('ZoneEdit', 'fetchzone_records', { domain, ...filters });
  }

  async addZoneRecord(domain: string, record: CpanelParams): Promise<Record<string, unknown>> {
    return (await this.api2('ZoneEdit', 'add_zone_record', { domain, ...record }))[0] ?? {};
  }

  async editZoneRecord(domain: string, line: number, record: CpanelParams): Promise<Record<string, unknown>> {
    return (await this.api2('ZoneEdit', 'edit_zone_record', { domain, line, ...record }))[0] ?? {};
  }

  async removeZoneRecord(domain: string, line: number, serialnum?: string | number): Promise<Record<string, unknown>> {
    return (await this.api2('ZoneEdit', 'remove_zone_record', { domain, line, serialnum }))[0] ?? {};
  }

  // --- Domains ----------------------------------------------------------------

  /** UAPI SubDomain::addsubdomain: `label` under `rootdomain` (dir relative to the home directory). */
  async addSubdomain(label: string, rootdomain: string, options: { dir?: string; disallowdot?: boolean } = {}): Promise<void> {
    await this.uapi('SubDomain', 'addsubdomain', { domain: label, rootdomain, ...options });
  }

  /** API 2 SubDomain::delsubdomain: by full name or domainkey (label_rootdomain). */
  async deleteSubdomain(domain: string): Promise<void> {
    await this.api2('SubDomain', 'delsubdomain', { domain });
  }

  listSubdomains(regex?: string): Promise<CpanelDomainListing[]> {
    return this.api2('SubDomain', 'listsubdomains', { regex });
  }

  /** API 2 AddonDomain::addaddondomain: `newdomain` served through `<subdomain>.<main domain>`. */
  async addAddonDomain(newdomain: string, subdomain: string, dir?: string): Promise<void> {
    await this.api2('AddonDomain', 'addaddondomain', { newdomain, subdomain, dir });
  }

  /** API 2 AddonDomain::deladdondomain: `subdomain` is the linked subdomain's domainkey (label_maindomain). */
  async deleteAddonDomain(domain: string, subdomain: string): Promise<void> {
    await this.api2('AddonDomain', 'deladdondomain', { domain, subdomain });
  }

  listAddonDomains(regex?: string): Promise<CpanelDomainListing[]> {
    return this.api2('AddonDomain', 'listaddondomains', { regex });
  }

  async park(domain: string, topdomain?: string): Promise<void> {
    await this.api2('Park', 'park', { domain, topdomain });
  }

  async unpark(domain: string): Promise<void> {
    await this.api2('Park', 'unpark', { domain });
  }

  listParkedDomains(regex?: string): Promise<CpanelDomainListing[]> {
    return this.api2('Park', 'listparkeddomains', { regex });
  }

  /** UAPI DomainInfo::list_domains. */
  async listDomains(): Promise<{ main_domain: string; addon_domains: string[]; parked_domains: string[]; sub_domains: string[] }> {
    return (await this.uapi<{ main_domain: string; addon_domains: string[]; parked_domains: string[]; sub_domains: string[] }>('DomainInfo', 'list_domains'))
      .data;
  }

  /** UAPI DomainInfo::domains_data (the default hash format). */
  async domainsData(): Promise<{ main_domain: CpanelVhost; addon_domains: CpanelVhost[]; parked_domains: string[]; sub_domains: CpanelVhost[] }> {
    return (
      await this.uapi<{ main_domain: CpanelVhost; addon_domains: CpanelVhost[]; parked_domains: string[]; sub_domains: CpanelVhost[] }>(
        'DomainInfo',
        'domains_data',
      )
    ).data;
  }

  async singleDomainData(domain: string): Promise<CpanelVhost> {
    return (await this.uapi<CpanelVhost>('DomainInfo', 'single_domain_data', { domain })).data;
  }

  // --- CustInfo (API 2) ------------------------------------------------------

  /** CustInfo::displaycontactinfo: the contact settings (clients use it as a login check). */
  contactInfo(): Promise<{ name: string; value: unknown }[]> {
    return this.api2('CustInfo', 'displaycontactinfo');
  }
}
