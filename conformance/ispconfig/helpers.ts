import assert from 'node:assert/strict';
import { IspconfigClient, IspconfigError, type IspconfigClientOptions } from '../../clients/ispconfig/index.js';
import type { ScenarioContext } from '../scenario.js';

/** A reference client for the scenario's target (the seeded remote user unless told otherwise). */
export function clientFor(ctx: ScenarioContext, options: Partial<IspconfigClientOptions> = {}): IspconfigClient {
  return new IspconfigClient({
    url: ctx.target.baseUrl,
    username: ctx.target.credentials.username,
    password: ctx.target.credentials.password,
    ...options,
  });
}

/** Awaits a call that must fail with the given ISPConfig code (and string, when given); returns the error. */
export async function fault(call: Promise<unknown>, code: string, faultString?: string | RegExp): Promise<IspconfigError> {
  try {
    const value = await call;
    assert.fail(`expected fault ${code}, got ${JSON.stringify(value)?.slice(0, 300)}`);
  } catch (error) {
    if (!(error instanceof IspconfigError)) throw error;
    assert.equal(error.code, code, `fault code (string was: ${error.faultString})`);
    if (typeof faultString === 'string') assert.equal(error.faultString, faultString);
    else if (faultString) assert.match(error.faultString, faultString);
    return error;
  }
}

/** The parameters of a DNS zone the API accepts, with a unique origin under `.test`. */
export function zoneParams(origin: string): Record<string, unknown> {
  return {
    server_id: 1,
    origin: `${origin}.`,
    ns: 'ns1.example.com.',
    mbox: `hostmaster.${origin}.`,
    serial: 2024010101,
    refresh: 7200,
    retry: 540,
    expire: 604800,
    minimum: 3600,
    ttl: 3600,
    active: 'Y',
  };
}

/** A client the API accepts: every field the forms require. */
export function clientParams(username: string): Record<string, unknown> {
  return {
    contact_name: 'Conformance Client',
    email: `${username}@example.com`,
    username,
    password: 'S3cret!pass-1',
    language: 'en',
    web_php_options: 'no,fast-cgi,php-fpm',
    ssh_chroot: 'no,jailkit',
  };
}

/** A website the API accepts (the fields the evidence run sent). */
export function websiteParams(domain: string): Record<string, unknown> {
  return {
    server_id: 1,
    ip_address: '*',
    domain,
    type: 'vhost',
    parent_domain_id: 0,
    vhost_type: 'name',
    hd_quota: 1000,
    traffic_quota: -1,
    cgi: 'n',
    ssi: 'n',
    suexec: 'y',
    errordocs: 1,
    subdomain: 'www',
    php: 'php-fpm',
    ruby: 'n',
    ssl: 'n',
    stats_type: 'awstats',
    allow_override: 'All',
    pm: 'ondemand',
    pm_max_requests: 0,
    pm_process_idle_timeout: 10,
    backup_copies: 1,
    active: 'y',
    http_port: 80,
    https_port: 443,
  };
}

/** Adds a client and registers its deletion; returns its id. */
export async function addClient(ctx: ScenarioContext, c: IspconfigClient, prefix = 'mpc'): Promise<number> {
  const username = ctx.unique(prefix);
  const id = Number(await c.clientAdd(0, clientParams(username)));
  ctx.cleanup(() => c.clientDelete(id));
  return id;
}

/** Adds a DNS zone owned by `clientId` and registers its deletion (records first); returns [zone id, origin without dot]. */
export async function addZone(ctx: ScenarioContext, c: IspconfigClient, clientId = 0): Promise<[number, string]> {
  const origin = `${ctx.unique('mpz')}.test`;
  const id = Number(await c.dnsZoneAdd(clientId, zoneParams(origin)));
  ctx.cleanup(async () => {
    for (const rr of (await c.dnsRrGetAllByZone(id)) as { id: string }[]) await c.dnsADelete(Number(rr.id));
    await c.dnsZoneDelete(id);
  });
  return [id, origin];
}
