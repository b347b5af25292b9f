import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebfactionClient, WebfactionError, type WebfactionClientOptions, type WebfactionErrorCode } from '../../clients/webfaction/index.js';
import { ScenarioSkip, type ScenarioContext } from '../scenario.js';

/** A client for the target's WebFaction endpoint, logged in with the target's credentials. */
export async function connect(ctx: ScenarioContext, options: Partial<WebfactionClientOptions> = {}): Promise<WebfactionClient> {
  const client = new WebfactionClient({
    url: `${ctx.target.baseUrl}/`,
    username: ctx.target.credentials.username,
    password: ctx.target.credentials.password,
    ...options,
  });
  await client.login();
  return client;
}

/**
 * Asserts the call fails with this error code; `detail` (when given) must
 * match the fault's message, which the client reads the same way from both
 * fault-string styles.
 */
export async function expectFault(call: Promise<unknown>, code: WebfactionErrorCode, detail?: RegExp): Promise<WebfactionError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof WebfactionError, `expected a WebFaction fault (${code}), got ${String(error)}`);
    assert.equal(error.faultCode, 1, 'WebFaction faults are faultCode 1');
    assert.equal(error.code, code, `error code of "${error.faultString}"`);
    if (detail) assert.match(error.detail, detail, `message of "${error.faultString}"`);
    return error;
  }
  assert.fail(`expected a ${code} fault, the call succeeded`);
}

/** Asserts a create/update/delete answered a struct (Ansible merges it into a dict), never nil, true or a list. */
export function assertStruct(value: unknown, what: string): asserts value is Record<string, unknown> {
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${what} answers a struct, got ${JSON.stringify(value)}`);
}

/** The account's main IP on the machine it logged in to (where new websites go). */
export async function mainIp(client: WebfactionClient): Promise<string> {
  const ips = await client.listIps();
  const main = ips.find((i) => i.is_main && i.machine === client.account?.web_server) ?? ips.find((i) => i.is_main);
  assert.ok(main, 'list_ips has a main IP');
  return main.ip;
}

/** A domain name of our own that will not clash with the target's: `mp<hex>.example`. */
export function testDomain(ctx: ScenarioContext): string {
  return `${ctx.unique('mp')}.example`;
}

/** A database (or database user) name: the account's prefix and 6 hex digits, 16 characters for `widgetsco`. */
export function dbName(ctx: ScenarioContext, client: WebfactionClient): string {
  return ctx.unique(`${client.account!.username}_`).slice(0, 16);
}

/** Creates a domain with subdomains, deleted after the scenario. */
export async function newDomain(ctx: ScenarioContext, client: WebfactionClient, ...subdomains: string[]): Promise<string> {
  const domain = testDomain(ctx);
  await client.createDomain(domain, ...subdomains);
  ctx.cleanup(() => client.deleteDomain(domain));
  return domain;
}

/** Creates an app (static by default), deleted after the scenario. */
export async function newApp(ctx: ScenarioContext, client: WebfactionClient, type = 'static', openPort?: boolean): Promise<string> {
  const name = ctx.unique('mpapp_');
  await client.createApp(name, type, false, '', openPort);
  ctx.cleanup(() => client.deleteApp(name));
  return name;
}

/**
 * A throwaway self-signed certificate and key for `domains`, made with the
 * openssl command into a temporary folder that is removed at once (keys are
 * never committed). Skips the scenario where openssl is not installed.
 */
export function makeCertificate(domains: string[], days = 30): { certificate: string; privateKey: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mockpanel-wf-cert-'));
  try {
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        String(days),
        '-subj',
        `/CN=${domains[0]}`,
        '-addext',
        `subjectAltName=${domains.map((d) => `DNS:${d}`).join(',')}`,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    if (made.error || made.status !== 0)
      throw new ScenarioSkip(`needs the openssl command to make a test certificate (${made.error?.message ?? made.stderr.trim()})`);
    return { certificate: readFileSync(join(dir, 'cert.pem'), 'utf8'), privateKey: readFileSync(join(dir, 'key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
