import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhmError } from '../../clients/whm/index.js';
import { accessHashFor, ROOT_TOKEN } from '../../emulators/whm/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { advanceClock, raw, RESELLER, whmIn } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('WHM authentication', () => {
  it('accepts the token under any case of the whm scheme, Basic, and the access hash with whitespace left in', async () => {
    const w = 'auth-forms';
    for (const auth of [`whm root:${ROOT_TOKEN}`, `WHM root:${ROOT_TOKEN}`, `Whm root:${ROOT_TOKEN}`, basic('root', 'rootpw')]) {
      const r = await raw(server, w, 'version?api.version=1', { auth });
      expect([auth, r.status, r.json.metadata.result]).toEqual([auth, 200, 1]);
    }
    const hash = accessHashFor('root');
    // HTTP forbids the hash's line breaks in a header; clients that keep its layout send spaces.
    const pasted = hash.match(/.{1,32}/g)!.join(' ');
    const r = await raw(server, w, 'version?api.version=1', { auth: `WHM root:${pasted}` });
    expect(r.json.data.version).toMatch(/^11\./);
  });

  it('refuses missing and wrong credentials as cpsrvd does: HTTP 401 with a plain-text body, no envelope', async () => {
    const w = 'auth-refused';
    for (const auth of [null, `whm root:${'X'.repeat(32)}`, basic('root', 'nope'), basic('nobody', 'x'), 'Bearer abc', `whm reseller1:${ROOT_TOKEN}`]) {
      const r = await raw(server, w, 'listaccts?api.version=1', { auth });
      expect(r.status, String(auth)).toBe(401);
      expect(r.json).toBeUndefined();
      expect(r.text).toMatch(/Access denied/);
    }
  });

  it('lets a reseller in with its password but not a plain cPanel user', async () => {
    const w = 'auth-users';
    expect((await raw(server, w, 'version?api.version=1', { auth: basic('reseller1', 'resellerpw') })).status).toBe(200);
    expect((await raw(server, w, 'version?api.version=1', { auth: basic('alice', 'alicepw') })).status).toBe(401);
  });

  it('stops honouring a token at its expiry time on the world clock', async () => {
    const w = 'auth-expiry';
    const root = whmIn(server, w);
    await root.version(); // creates the world, whose clock gives the token's expiry
    const now = Math.floor(Date.parse((await (await fetch(`${server.admin}/worlds/${w}/clock`)).json()).now) / 1000);
    const token = await root.createToken('short', { expires_at: now + 3600 });
    const limited = whmIn(server, w, { user: 'root', token: token.token });
    expect(await limited.version()).toMatch(/^11\./);
    await advanceClock(server, w, 7200);
    await expect(limited.version()).rejects.toMatchObject({ code: 'access_denied', status: 401 });
  });

  it('answers 403 to a token used from outside its IP whitelist', async () => {
    const w = 'auth-whitelist';
    const root = whmIn(server, w);
    const far = await root.createToken('far', { whitelist_ip: ['203.0.113.0/24'] });
    expect(far.whitelist_ips).toEqual(['203.0.113.0/24']);
    const near = await root.createToken('near', { whitelist_ip: ['127.0.0.1', '::1'] });
    expect(near.whitelist_ips).toEqual(['127.0.0.1', '0000:0000:0000:0000:0000:0000:0000:0001']);
    await expect(whmIn(server, w, { user: 'root', token: far.token }).version()).rejects.toMatchObject({ code: 'access_denied', status: 403 });
    expect(await whmIn(server, w, { user: 'root', token: near.token }).version()).toMatch(/^11\./);
  });

  it('gives a token only the privileges it was created with, and a reseller only those it holds', async () => {
    const w = 'auth-acls';
    const reseller = whmIn(server, w, RESELLER);
    await expect(reseller.createToken('t', { acl: ['kill-dns', 'all'] })).rejects.toMatchObject({ reason: expect.stringMatching(/“all”/) });
    const t = await reseller.createToken('listonly', { acl: ['list-accts'] });
    const limited = whmIn(server, w, { user: 'reseller1', token: t.token });
    expect((await limited.listAccounts()).map((a) => a.user).sort()).toEqual(['alice', 'bob']);
    await expect(limited.suspendAccount('alice')).rejects.toMatchObject({ code: 'api_failure', reason: expect.stringMatching(/suspend-acct/) });
    const privs = await limited.myPrivileges();
    expect(privs['list-accts']).toBe(1);
    expect(privs['suspend-acct']).toBe(0);
  });

  it('accepts a whostmgrd session made by create_user_session as a cookie, only under its own cpsess prefix', async () => {
    const w = 'auth-session';
    const s = await whmIn(server, w).createUserSession('root', 'whostmgrd');
    const token = new URL(s.url).pathname.split('/')[1];
    // Without the security token the session is refused, as cpsrvd refuses any session outside its /cpsess… prefix.
    const bare = await raw(server, w, 'version?api.version=1', { auth: null, headers: { cookie: `whostmgrsession=${encodeURIComponent(s.session)}` } });
    expect(bare.status).toBe(401);
    const prefixed = await fetch(`${server.url}/_w/${w}/whm/${token}/json-api/version?api.version=1`, {
      headers: { cookie: `whostmgrsession=${encodeURIComponent(s.session)}` },
    });
    expect(prefixed.status).toBe(200);
    await advanceClock(server, w, 16 * 60);
    const expired = await fetch(`${server.url}/_w/${w}/whm/${token}/json-api/version?api.version=1`, {
      headers: { cookie: `whostmgrsession=${encodeURIComponent(s.session)}` },
    });
    expect(expired.status).toBe(401);
  });

  it('reports refusals to the reference client as access_denied errors', async () => {
    const err = await whmIn(server, 'auth-client', { user: 'root', password: 'bad' })
      .version()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WhmError);
    expect(err).toMatchObject({ code: 'access_denied', status: 401, fn: 'version' });
  });
});
