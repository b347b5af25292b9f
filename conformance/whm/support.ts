import assert from 'node:assert/strict';
import { WhmApiError, WhmClient, WhmError, type WhmAuth } from '../../clients/whm/index.js';
import type { ScenarioContext } from '../scenario.js';

/** A client for the target with its login: the API token when the target gives one, else Basic with the password. */
export function connect(ctx: ScenarioContext, auth?: WhmAuth): WhmClient {
  const c = ctx.target.credentials;
  return new WhmClient({
    baseUrl: ctx.target.baseUrl,
    auth: auth ?? (c.token ? { user: c.username, token: c.token } : { user: c.username, password: c.password }),
  });
}

/** Asserts the call fails with `metadata.result: 0` and a reason matching `reason`. */
export async function expectFailure(call: Promise<unknown>, reason: RegExp): Promise<WhmApiError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof WhmApiError, `expected a WHM failure (result 0), got ${String(error)}`);
    assert.equal(error.metadata.result, 0);
    assert.match(error.reason, reason);
    return error;
  }
  assert.fail(`expected a failure matching ${reason}, the call succeeded`);
}

/** Asserts the call is refused at the door (HTTP 401/403) with the given status. */
export async function expectDenied(call: Promise<unknown>, status: 401 | 403 = 401): Promise<void> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof WhmError && error.code === 'access_denied', `expected access denied, got ${String(error)}`);
    assert.equal(error.status, status);
    return;
  }
  assert.fail(`expected HTTP ${status}, the call succeeded`);
}

/** A username that is free on any server: lowercase, starts with a letter, under 16 characters. */
export function newUsername(ctx: ScenarioContext, prefix = 'mp'): string {
  return ctx.unique(prefix).toLowerCase().slice(0, 14);
}

/** A strong password (passes any minimum-strength setting a real server might have). */
export function strongPassword(ctx: ScenarioContext): string {
  return `Mp-${ctx.unique('')}-S3cure!pw`;
}

export interface TestAccount {
  user: string;
  domain: string;
  password: string;
}

/** Creates an account removed after the scenario (keeping nothing behind). */
export async function newAccount(ctx: ScenarioContext, whm: WhmClient, options: Record<string, string | number | boolean> = {}): Promise<TestAccount> {
  const user = newUsername(ctx);
  const domain = `${user}.example.com`;
  const password = strongPassword(ctx);
  await whm.createAccount(user, { domain, password, ...options });
  ctx.cleanup(() => whm.removeAccount(user).catch(() => undefined));
  return { user, domain, password };
}

/** A reseller with its own login (Basic with its password), removed after the scenario. */
export async function newReseller(ctx: ScenarioContext, whm: WhmClient, privileges: string[]): Promise<TestAccount & { client: WhmClient }> {
  const account = await newAccount(ctx, whm);
  await whm.setupReseller(account.user);
  await whm.setAcls(account.user, privileges);
  const client = connect(ctx, { user: account.user, password: account.password });
  return { ...account, client };
}

/** A package removed after the scenario. */
export async function newPackage(ctx: ScenarioContext, whm: WhmClient, settings: Record<string, string | number> = {}): Promise<string> {
  const name = await whm.addPackage(ctx.unique('mppkg'), settings);
  ctx.cleanup(() => whm.killPackage(name).catch(() => undefined));
  return name;
}

/** The target's credentials as an Authorization header, for the few calls made without clients/whm (the passthrough's API 2 body has no metadata). */
export function authHeader(ctx: ScenarioContext): Record<string, string> {
  const c = ctx.target.credentials;
  return { authorization: c.token ? `whm ${c.username}:${c.token}` : `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` };
}

/** Runs a cPanel API 2 function as `user` through WHM's cpanel passthrough; answers its `cpanelresult`. */
export async function api2(
  ctx: ScenarioContext,
  user: string,
  module: string,
  fn: string,
  args: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({
    'api.version': '1',
    cpanel_jsonapi_user: user,
    cpanel_jsonapi_module: module,
    cpanel_jsonapi_func: fn,
    cpanel_jsonapi_apiversion: '2',
    ...args,
  });
  const res = await fetch(`${ctx.target.baseUrl}/json-api/cpanel?${query}`, { headers: authHeader(ctx) });
  return ((await res.json()) as { cpanelresult: Record<string, unknown> }).cpanelresult;
}
