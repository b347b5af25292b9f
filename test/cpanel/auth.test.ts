import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpanelClient } from '../../clients/cpanel/index.js';
import { advanceWorldClock } from './clock.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { basic, cpanelAs, raw, whmRoot } from './support.js';

// How cpsrvd lets account users in on the cPanel port, and refuses everyone else before any API runs.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ panelPorts: { cpanel: 0 } });
});
afterAll(() => server?.close());

const CONTACT = '/json-api/cpanel?cpanel_jsonapi_apiversion=2&cpanel_jsonapi_module=CustInfo&cpanel_jsonapi_func=displaycontactinfo';

async function account(world: string, user: string) {
  await whmRoot(server, world).createAccount(user, {
    domain: `${user}.example.com`,
    password: 'S3cret!pass-1',
    plan: 'default',
    contactemail: `${user}@example.net`,
  });
}

describe('cPanel door authentication', () => {
  it('lets an account made by WHM createacct in with Basic, with its own token, and with a /login session', async () => {
    const world = 'auth-in';
    await account(world, 'member');
    const byBasic = await raw(server, world, CONTACT, { auth: basic('member', 'S3cret!pass-1') });
    expect(byBasic.status).toBe(200);
    expect(byBasic.json.cpanelresult.data.find((d: { name: string }) => d.name === 'email').value).toBe('member@example.net');

    const token = await cpanelAs(server, world, 'member', { password: 'S3cret!pass-1' }).createToken('ci');
    for (const scheme of ['cpanel', 'CPANEL', 'Cpanel']) {
      const r = await raw(server, world, '/execute/Tokens/list', { auth: `${scheme} member:${token.token}` });
      expect([scheme, r.status, r.json.result.data[0].name]).toEqual([scheme, 200, 'ci']);
    }

    const login = await raw(server, world, '/login/?login_only=1', { body: 'user=member&pass=S3cret%21pass-1' });
    expect(login.status).toBe(200);
    expect(login.json).toMatchObject({ status: 1, security_token: expect.stringMatching(/^\/cpsess\d{10}$/) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    expect(cookie).toMatch(/^cpsession=/);
    const inSession = await raw(server, world, `${login.json.security_token}/execute/Tokens/list`, { headers: { cookie } });
    expect(inSession.json.result.status).toBe(1);
    // The cookie alone, without the /cpsess prefix in the URL, is not a login.
    expect((await raw(server, world, '/execute/Tokens/list', { headers: { cookie } })).status).toBe(401);
  });

  it('takes a WHM create_user_session (service cpaneld) session on the cPanel port', async () => {
    const world = 'auth-whm-session';
    await account(world, 'handed');
    const s = await whmRoot(server, world).createUserSession('handed', 'cpaneld');
    const login = await raw(server, world, `${s.cp_security_token}/login/?session=${encodeURIComponent(s.session)}`);
    expect(login.json.status).toBe(1);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const r = await raw(server, world, `${login.json.security_token}/execute/DomainInfo/list_domains`, { headers: { cookie } });
    expect(r.json.result.data.main_domain).toBe('handed.example.com');
  });

  it('refuses missing and wrong credentials, root, a revoked or expired token, and a suspended account with HTTP 401', async () => {
    const world = 'auth-out';
    await account(world, 'locked');
    const cp = cpanelAs(server, world, 'locked', { password: 'S3cret!pass-1' });
    const revoked = await cp.createToken('revoked');
    await cp.revokeToken('revoked');
    const soon = await cp.createToken('soon', 0x7fffffff);
    for (const auth of [
      null,
      basic('locked', 'nope'),
      basic('root', 'rootpw'),
      basic('nobody', 'x'),
      `cpanel locked:${revoked.token}`,
      `whm root:${revoked.token}`,
      'Bearer abc',
      'cpanel locked',
    ]) {
      const r = await raw(server, world, '/execute/Tokens/list', { auth });
      expect([auth, r.status, r.json]).toEqual([auth, 401, undefined]);
      expect(r.text).toMatch(/Access denied/);
    }
    const failedLogin = await raw(server, world, '/login/?login_only=1', { body: 'user=locked&pass=wrong' });
    expect([failedLogin.status, failedLogin.json.status]).toEqual([401, 0]);

    // A token past its expires_at is kept (Tokens::list shows it) but lets no one in.
    expect((await raw(server, world, '/execute/Tokens/list', { auth: `cpanel locked:${soon.token}` })).status).toBe(200);
    await advanceWorldClock(server, world, 0x7fffffff);
    expect((await raw(server, world, '/execute/Tokens/list', { auth: `cpanel locked:${soon.token}` })).status).toBe(401);
    expect((await cp.listTokens()).map((t) => t.name)).toEqual(['soon']);

    await whmRoot(server, world).suspendAccount('locked', 'unpaid');
    const suspended = await raw(server, world, CONTACT, { auth: basic('locked', 'S3cret!pass-1') });
    expect(suspended.status).toBe(401);
    expect(suspended.text).toMatch(/suspended/);
    expect((await raw(server, world, '/login/?login_only=1', { body: 'user=locked&pass=S3cret%21pass-1' })).status).toBe(401);
    await whmRoot(server, world).unsuspendAccount('locked');
    expect((await raw(server, world, CONTACT, { auth: basic('locked', 'S3cret!pass-1') })).status).toBe(200);
  });

  it('answers on the shared port under /cpanel/, in the world of its /_w/ prefix', async () => {
    const world = 'auth-shared';
    await account(world, 'sharer');
    const cp = new CpanelClient({ url: `${server.url}/_w/${world}/cpanel`, username: 'sharer', password: 'S3cret!pass-1' });
    expect((await cp.listDomains()).main_domain).toBe('sharer.example.com');
    const other = new CpanelClient({ url: `${server.url}/cpanel`, username: 'sharer', password: 'S3cret!pass-1' });
    await expect(other.listDomains()).rejects.toMatchObject({ code: 'access_denied', status: 401 });
  });

  it('refuses cpanel_jsonapi_user naming another user, and an API 1 call, without running anything', async () => {
    const world = 'auth-jsonapi-user';
    await account(world, 'first');
    const auth = basic('first', 'S3cret!pass-1');
    expect((await raw(server, world, `${CONTACT}&cpanel_jsonapi_user=first`, { auth })).status).toBe(200);
    expect((await raw(server, world, `${CONTACT}&cpanel_jsonapi_user=someone`, { auth })).status).toBe(403);
    const api1 = await raw(server, world, '/json-api/cpanel?cpanel_jsonapi_apiversion=1&cpanel_jsonapi_module=Email&cpanel_jsonapi_func=listpops', { auth });
    expect([api1.status, api1.json.cpanelresult.event.result]).toEqual([200, 0]);
    expect(api1.json.cpanelresult.error).toMatch(/API 1/);
  });
});

describe('the account’s cPanel rows follow it', () => {
  it('a token dies with its account: removeacct, then createacct of the same name, and the old token is refused', async () => {
    const world = 'auth-removed';
    await account(world, 'phoenix');
    const { token } = await cpanelAs(server, world, 'phoenix', { password: 'S3cret!pass-1' }).createToken('old');
    await whmRoot(server, world).call('removeacct', { username: 'phoenix' });
    await account(world, 'phoenix');
    expect((await raw(server, world, '/execute/Tokens/list', { auth: `cpanel phoenix:${token}` })).status).toBe(401);
    expect((await raw(server, world, '/execute/Tokens/list', { auth: basic('phoenix', 'S3cret!pass-1') })).json.result.data).toEqual([]);
  });
});
