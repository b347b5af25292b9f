// The WHM gate remembers token rows it looked up (emulators/whm/store/tokens.ts, issue 21): every change to a token
// must still show on the very next call, however often the token was used before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { raw, RESELLER, whmIn } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** Calls `fn` with the token three times, so the token's row is surely remembered, and returns the last status. */
async function used(world: string, user: string, token: string, fn = 'listaccts'): Promise<number> {
  let status = 0;
  for (let i = 0; i < 3; i++) status = (await raw(server, world, `${fn}?api.version=1`, { auth: `whm ${user}:${token}` })).status;
  return status;
}

describe('a WHM token used many times still answers its latest state', () => {
  it('is refused right after api_token_revoke', async () => {
    const world = 'token-cache-revoke';
    const root = whmIn(server, world);
    const t = await root.createToken('short-lived');
    expect(await used(world, 'root', t.token)).toBe(200);
    await root.revokeToken('short-lived');
    expect((await raw(server, world, 'version?api.version=1', { auth: `whm root:${t.token}` })).status).toBe(401);
  });

  it('loses a privilege right after api_token_update drops it', async () => {
    const world = 'token-cache-update';
    const root = whmIn(server, world);
    const t = await root.createToken('scoped', { acl: ['list-accts'] });
    expect(await used(world, 'root', t.token)).toBe(200);
    expect((await raw(server, world, 'listaccts?api.version=1', { auth: `whm root:${t.token}` })).json.metadata.result).toBe(1);
    await root.data('api_token_update', { token_name: 'scoped', acl: ['basic-whm-functions'] });
    const after = await raw(server, world, 'listaccts?api.version=1', { auth: `whm root:${t.token}` });
    expect(after.json.metadata.result).toBe(0);
    expect(after.json.metadata.reason).toMatch(/permission|privilege|access/i);
  });

  it('follows its owner: refused once removeacct deletes the reseller, and a rename moves it to the new name', async () => {
    const world = 'token-cache-owner';
    const reseller = whmIn(server, world, RESELLER);
    const t = await reseller.createToken('mine');
    expect(await used(world, 'reseller1', t.token, 'version')).toBe(200);
    await whmIn(server, world).call('modifyacct', { user: 'reseller1', newuser: 'resellerb' });
    expect((await raw(server, world, 'version?api.version=1', { auth: `whm reseller1:${t.token}` })).status).toBe(401);
    expect(await used(world, 'resellerb', t.token, 'version')).toBe(200);
    await whmIn(server, world).call('removeacct', { username: 'resellerb' });
    expect((await raw(server, world, 'version?api.version=1', { auth: `whm resellerb:${t.token}` })).status).toBe(401);
    // A new reseller of the same name does not inherit the removed one's token.
    await whmIn(server, world).call('createacct', { username: 'resellerb', domain: 'resellerb.example.com', password: 'Str0ng-Pass-word', reseller: 1 });
    expect((await raw(server, world, 'version?api.version=1', { auth: 'Basic ' + Buffer.from('resellerb:Str0ng-Pass-word').toString('base64') })).status).toBe(
      200,
    );
    expect((await raw(server, world, 'version?api.version=1', { auth: `whm resellerb:${t.token}` })).status).toBe(401);
  });

  it('is gone after the world is reset, and a wrong secret stays refused however often it is tried', async () => {
    const world = 'token-cache-reset';
    const t = await whmIn(server, world).createToken('before-reset');
    expect(await used(world, 'root', t.token)).toBe(200);
    const res = await fetch(`${server.admin}/worlds/${world}/reset`, { method: 'POST' });
    expect(res.ok).toBe(true);
    expect((await raw(server, world, 'version?api.version=1', { auth: `whm root:${t.token}` })).status).toBe(401);
    expect(await used(world, 'root', 'B'.repeat(32), 'version')).toBe(401);
  });
});
