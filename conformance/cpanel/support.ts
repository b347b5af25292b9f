import assert from 'node:assert/strict';
import { CpanelClient, CpanelError } from '../../clients/cpanel/index.js';
import type { ScenarioContext } from '../scenario.js';

/** A client for the target's account user: its API token when the target gives one, else Basic with the password. */
export function connect(ctx: ScenarioContext, login?: { token: string } | { password: string }): CpanelClient {
  const c = ctx.target.credentials;
  const auth = login ?? (c.token ? { token: c.token } : { password: c.password });
  return new CpanelClient({ url: ctx.target.baseUrl, username: c.username, ...auth } as ConstructorParameters<typeof CpanelClient>[0]);
}

/** Asserts the call fails with the API's own failure (UAPI status 0 / API 2 event.result 0) and an error matching `pattern`. */
export async function expectFailure(call: Promise<unknown>, pattern: RegExp): Promise<CpanelError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof CpanelError, `expected a cPanel failure, got ${String(error)}`);
    assert.equal(error.code, 'api_failure', `expected status 0, got ${error.code}: ${error.message}`);
    assert.match(error.errors.join(' '), pattern);
    return error;
  }
  assert.fail(`expected a failure matching ${pattern}, the call succeeded`);
}

/** Asserts cpsrvd refuses the call at the door (HTTP 401/403). */
export async function expectDenied(call: Promise<unknown>, status: 401 | 403 = 401): Promise<void> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof CpanelError, `expected a refusal, got ${String(error)}`);
    assert.equal(error.code, 'access_denied');
    assert.equal(error.status, status);
    return;
  }
  assert.fail(`expected HTTP ${status}, the call succeeded`);
}

/** The account's main zone: the first fetchzones lists (the step DNS-01 clients take first). */
export async function mainZone(cp: CpanelClient): Promise<string> {
  const zones = Object.keys(await cp.fetchZones());
  assert.ok(zones.length > 0, 'the account has a zone');
  return zones[0];
}
