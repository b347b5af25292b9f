import { connectionHeaders, type ConnectionOptions } from '../transport/connection.js';
import { AuthError, type IspconfigError } from './errors.js';
import { IspconfigMethods, PARAM_NAMES } from './methods.generated.js';
import { jsonTransport, soapTransport, type IspconfigArgument, type IspconfigTransport } from './transport.js';
import type { IspParams } from './types.js';

export interface IspconfigClientOptions extends ConnectionOptions {
  /**
   * The panel's base URL, under which `/remote/index.php` and
   * `/remote/json.php` live: `https://panel:8080`, or mockpanel's
   * `http://127.0.0.1:7777/ispconfig`.
   */
  url: string;
  username: string;
  password: string;
  /** 'soap' (default, what PHP clients use) or 'json'. */
  protocol?: 'soap' | 'json';
  /** Log in as a panel client (`login(user, pw, true)`) instead of a remote user. */
  clientLogin?: boolean;
  /** Log in again once and retry when the server says the session expired (sessions die 30 minutes after login). Default true. */
  relogin?: boolean;
  timeoutMs?: number;
}

/** The DNS record types with `dns_<type>_*` methods. */
export type DnsRecordType =
  'A' | 'AAAA' | 'ALIAS' | 'CAA' | 'CNAME' | 'DNAME' | 'DS' | 'HINFO' | 'LOC' | 'MX' | 'NAPTR' | 'NS' | 'PTR' | 'RP' | 'SRV' | 'SSHFP' | 'TLSA' | 'TXT';

/**
 * A typed client for the ISPConfig 3 remote API. Every remote method is a
 * method here (camelCase: `dns_zone_get_id` → `dnsZoneGetId`) taking the
 * arguments after the session id; the client logs in on first use, keeps
 * the session, logs in again once when the server answers
 * `session_does_not_exist`, and turns faults into {@link AuthError},
 * PermissionError, NotFoundError and FaultError with the ISPConfig code.
 *
 * The generated methods send exactly what they are given, footguns
 * included. The helpers below avoid them: {@link zoneIdOf},
 * {@link addDnsRecord}, {@link updateClient}.
 */
export class IspconfigClient extends IspconfigMethods {
  private readonly transport: IspconfigTransport;
  private session: string | undefined;
  private loggingIn: Promise<string> | undefined;

  constructor(private readonly options: IspconfigClientOptions) {
    super();
    const base = options.url.replace(/\/+$/, '');
    const transportOptions = { headers: connectionHeaders(options), timeoutMs: options.timeoutMs };
    this.transport =
      options.protocol === 'json' ? jsonTransport(`${base}/remote/json.php`, transportOptions) : soapTransport(`${base}/remote/index.php`, transportOptions);
  }

  /** The current session id, if logged in. */
  get sessionId(): string | undefined {
    return this.session;
  }

  /** Logs in (again) and returns the new 41-character session id. */
  async login(): Promise<string> {
    const args: IspconfigArgument[] = [
      { name: 'username', value: this.options.username },
      { name: 'password', value: this.options.password },
    ];
    if (this.options.clientLogin) args.push({ name: 'client_login', value: true });
    this.session = (await this.transport.call('login', args)) as string;
    return this.session;
  }

  /** Ends the session (the server answers true even for unknown ids); a later call logs in again. */
  async logout(): Promise<boolean> {
    if (!this.session) return true;
    const id = this.session;
    this.session = undefined;
    return (await this.transport.call('logout', [{ name: 'session_id', value: id }])) as boolean;
  }

  /** Calls any method by its ISPConfig name with the arguments after the session id, in PHP's order (the JSON API gets the PHP names). */
  async call<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    const names = PARAM_NAMES[method] ?? [];
    return this.invoke<T>(
      method,
      args.map((value, i) => ({ name: names[i] ?? `param${i + 1}`, value })),
    );
  }

  /**
   * Sends a call exactly as given, session argument included, without the
   * client's session handling: for replaying recorded traffic and for
   * checking how the panel answers a bad session id. Faults still become the
   * typed errors.
   */
  async callRaw<T = unknown>(method: string, args: unknown[]): Promise<T> {
    const names = method === 'login' ? ['username', 'password', 'client_login'] : ['session_id', ...(PARAM_NAMES[method] ?? [])];
    return (await this.transport.call(
      method,
      args.map((value, i) => ({ name: names[i] ?? `param${i}`, value })),
    )) as T;
  }

  protected async invoke<T>(method: string, args: IspconfigArgument[]): Promise<T> {
    const first = await this.ensureSession();
    try {
      return (await this.transport.call(method, [{ name: 'session_id', value: first }, ...args])) as T;
    } catch (error) {
      if (!(error instanceof AuthError) || (error as IspconfigError).code !== 'session_does_not_exist' || this.options.relogin === false) throw error;
      // Sessions end 30 minutes after login whatever the activity: log in once more and retry.
      if (this.session === first) this.session = undefined;
      const second = await this.ensureSession();
      return (await this.transport.call(method, [{ name: 'session_id', value: second }, ...args])) as T;
    }
  }

  private async ensureSession(): Promise<string> {
    if (this.session) return this.session;
    this.loggingIn ??= this.login().finally(() => (this.loggingIn = undefined));
    return this.loggingIn;
  }

  /**
   * `dns_zone_get_id` without its trailing-dot fault: ISPConfig 3.2.11 refuses
   * `example.com.` (`no_domain_found`), so the dot is stripped first.
   */
  zoneIdOf(origin: string): Promise<number> {
    return this.dnsZoneGetId(origin.replace(/\.+$/, ''));
  }

  /**
   * `dns_<type>_add` with `type` always sent (upper case): without it the
   * server stores an empty type (the record never reaches the zone file) or,
   * on strict MySQL, fails with `database_error`. `active` defaults to 'Y'
   * and `ttl` to 3600, which the API would otherwise store as 'N' and refuse.
   */
  addDnsRecord(type: DnsRecordType, clientId: number, params: IspParams, updateSerial = false): Promise<string> {
    const method = `dns_${type.toLowerCase()}_add`;
    return this.invoke<string>(method, [
      { name: 'client_id', value: clientId },
      { name: 'params', value: { active: 'Y', ttl: 3600, ...params, type } },
      { name: 'update_serial', value: updateSerial },
    ]);
  }

  /**
   * `client_update` that keeps the client's panel password: without a
   * `password` key the server hashes the stored hash again and the client can
   * no longer log in, so `password: ''` is sent unless one is given. Note the
   * argument order (client first, then reseller) and that a reseller id > 0
   * re-owns the client.
   */
  updateClient(clientId: number, resellerId: number, params: IspParams): Promise<number> {
    return this.clientUpdate(clientId, resellerId, { password: '', ...params });
  }
}
