import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { advanceClock, raw, ROOT_HEADER, whmBase } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

interface JournalEntry {
  id: number;
  method: string;
  outcome: string;
  args: Record<string, unknown>;
  findings: { kind: string; message: string }[];
}
async function journal(world: string): Promise<JournalEntry[]> {
  return ((await (await fetch(`${server.admin}/worlds/${world}/journal`)).json()) as { entries: JournalEntry[] }).entries;
}

async function login(world: string, fields: Record<string, string>, query = '') {
  const res = await fetch(`${whmBase(server, world)}/login/${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form(fields),
    redirect: 'manual',
  });
  const text = await res.text();
  const cookie = res.headers.get('set-cookie') ?? '';
  return { status: res.status, text, location: res.headers.get('location'), cookie, session: /whostmgrsession=([^;]+)/.exec(cookie)?.[1] };
}

describe('WHM: credentials are checked before the request is routed', () => {
  it('refuses a wrong or missing login on /json-api/ with no function, an unknown function and a known one alike', async () => {
    const w = 'gate-order';
    for (const path of ['', 'no_such_function?api.version=1', 'version?api.version=1']) {
      for (const auth of [null, basic('root', 'wrong'), `whm root:${'Z'.repeat(32)}`, 'WHM root:abcdef']) {
        for (const method of ['GET', 'POST']) {
          const r = await raw(server, w, path, { auth, method, body: method === 'POST' ? 'api.version=1' : undefined });
          expect([path, auth, method, r.status, r.json]).toEqual([path, auth, method, 401, undefined]);
          expect(r.text).toMatch(/^Access denied/);
        }
      }
    }
    // The right password reaches WHM, which then names the missing function.
    const ok = await raw(server, w, '', { auth: basic('root', 'rootpw'), method: 'POST', body: 'api.version=1' });
    expect(ok.status).toBe(200);
    expect(ok.json.metadata).toMatchObject({ result: 0, reason: expect.stringMatching(/^Unknown app/) });
  });

  it('journals a refused call as refused, never as authenticated', async () => {
    const w = 'gate-journal';
    await raw(server, w, 'listaccts?api.version=1', { auth: 'WHM root:not-the-access-hash' });
    await raw(server, w, 'listaccts?api.version=1', { auth: `whm root:${'Q'.repeat(32)}` });
    const entries = (await journal(w)).filter((e) => e.method === 'listaccts');
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(e.outcome).toBe('fault');
      expect(e.findings.map((f) => f.kind)).toEqual(['whm.refused']);
      expect(e.findings[0].message).not.toMatch(/authenticated/);
    }
    expect(entries.map((e) => e.findings[0].message)).toEqual([
      expect.stringMatching(/neither one of its API tokens nor its access hash/),
      expect.stringMatching(/an API token for “root”/),
    ]);
  });
});

describe('WHM: cpsrvd’s /login', () => {
  it('redirects a right password to /cpsessNNNNNNNNNN/ with a whostmgrsession cookie that works under that prefix only', async () => {
    const w = 'login-form';
    const r = await login(w, { user: 'root', pass: 'rootpw' }, '');
    expect(r.status).toBe(301);
    expect(r.location).toMatch(/^\/cpsess\d{10}\/$/);
    expect(r.cookie).toMatch(/^whostmgrsession=[^;]+; HttpOnly; path=\//);
    const token = r.location!.split('/')[1];
    const call = (prefix: string) =>
      fetch(`${whmBase(server, w)}${prefix}/json-api/version?api.version=1`, { headers: { cookie: `whostmgrsession=${r.session}` } });
    const under = await call(`/${token}`);
    expect(under.status).toBe(200);
    expect(((await under.json()) as { data: { version: string } }).data.version).toMatch(/^11\./);
    for (const prefix of ['', '/cpsess0000000000']) {
      const other = await call(prefix);
      expect([prefix, other.status]).toEqual([prefix, 401]);
      expect(await other.text()).toMatch(/Invalid security token/);
    }
  });

  it('answers login_only=1 in JSON and refuses a wrong pair with 401 invalid_login and no cookie', async () => {
    const w = 'login-only';
    const ok = await login(w, { user: 'reseller1', pass: 'resellerpw' }, '?login_only=1');
    expect(ok.status).toBe(200);
    const body = JSON.parse(ok.text) as { status: number; security_token: string; redirect: string };
    expect(body).toEqual({ status: 1, security_token: expect.stringMatching(/^\/cpsess\d{10}$/), redirect: `${body.security_token}/` });
    const accounts = await fetch(`${whmBase(server, w)}${body.security_token}/json-api/listaccts?api.version=1`, {
      headers: { cookie: `whostmgrsession=${ok.session}` },
    });
    const listed = (await accounts.json()) as { data: { acct: { user: string }[] } };
    expect(listed.data.acct.map((a) => a.user).sort()).toEqual(['alice', 'bob']);

    for (const fields of [{ user: 'root', pass: 'nope' }, { user: 'alice', pass: 'alicepw' }, { user: 'root' }, {}] as Record<string, string>[]) {
      const refused = await login(w, fields, '?login_only=1');
      expect([fields, refused.status, JSON.parse(refused.text), refused.cookie]).toEqual([fields, 401, { status: 0, message: 'invalid_login' }, '']);
      const page = await login(w, fields);
      expect([fields, page.status, page.location, page.cookie]).toEqual([fields, 401, null, '']);
      expect(page.text).toMatch(/The login is invalid/);
    }
    const entries = (await journal(w)).filter((e) => e.method === 'login');
    expect(entries.length).toBe(9);
    expect(entries.every((e) => e.args.pass === undefined || e.args.pass === '[redacted]')).toBe(true);
    // Neither the password nor the session cookie reaches the journal's wire text.
    const wire = JSON.stringify((await (await fetch(`${server.admin}/worlds/${w}/journal/${entries.find((e) => e.outcome === 'ok')!.id}`)).json()) as unknown);
    expect(wire).toContain('POST /login/');
    expect(wire).not.toContain('resellerpw');
    expect(wire).not.toContain(ok.session!);
  });

  it('ends the session after 15 minutes without a call on the world clock, and each call keeps it alive', async () => {
    const w = 'login-expiry';
    const r = await login(w, { user: 'root', pass: 'rootpw' });
    const call = () => fetch(`${whmBase(server, w)}${r.location}json-api/version?api.version=1`, { headers: { cookie: `whostmgrsession=${r.session}` } });
    await advanceClock(server, w, 14 * 60);
    expect((await call()).status).toBe(200);
    await advanceClock(server, w, 14 * 60);
    expect((await call()).status).toBe(200);
    await advanceClock(server, w, 15 * 60 + 1);
    expect((await call()).status).toBe(401);
  });

  it('opens create_user_session’s whostmgrd URL: cookie and redirect under its own security token, expiry on the world clock', async () => {
    const w = 'session-url';
    const created = await fetch(`${whmBase(server, w)}/json-api/create_user_session?api.version=1&user=root&service=whostmgrd`, {
      headers: { authorization: ROOT_HEADER },
    });
    const data = ((await created.json()) as { data: { url: string; session: string; cp_security_token: string } }).data;
    const url = new URL(data.url);
    expect(url.pathname).toBe(`${data.cp_security_token}/login/`);
    const open = (path: string) => fetch(`${whmBase(server, w)}${path}`, { redirect: 'manual' });

    const opened = await open(`${url.pathname}${url.search}`);
    expect(opened.status).toBe(301);
    expect(opened.headers.get('location')).toBe(`${data.cp_security_token}/`);
    const cookie = /whostmgrsession=([^;]+)/.exec(opened.headers.get('set-cookie') ?? '')?.[1];
    expect(decodeURIComponent(cookie!)).toBe(data.session);
    const call = (prefix: string) =>
      fetch(`${whmBase(server, w)}${prefix}/json-api/version?api.version=1`, { headers: { cookie: `whostmgrsession=${cookie}` } });
    expect((await call(data.cp_security_token)).status).toBe(200);
    expect((await call('/cpsess0000000000')).status).toBe(401);

    // Under another security token, or with an unknown session, the URL opens nothing.
    const elsewhere = await open(`/cpsess0000000000/login/${url.search}`);
    expect([elsewhere.status, elsewhere.headers.get('set-cookie')]).toEqual([401, null]);
    const unknown = await open(`${url.pathname}?session=${encodeURIComponent('root:0123456789abcdef')}`);
    expect([unknown.status, unknown.headers.get('set-cookie')]).toEqual([401, null]);

    // The session id is a credential: neither the journal's arguments nor its wire text keep it.
    const entry = (await journal(w)).find((e) => e.method === 'login' && e.outcome === 'ok')!;
    expect(entry.args).toEqual({ session: '[redacted]' });
    const wire = JSON.stringify((await (await fetch(`${server.admin}/worlds/${w}/journal/${entry.id}`)).json()) as unknown);
    expect(wire).toContain('/login/?session=');
    expect(wire).not.toContain(data.session.split(':')[1]);

    await advanceClock(server, w, 15 * 60 + 1);
    const expired = await open(`${url.pathname}${url.search}`);
    expect([expired.status, expired.headers.get('set-cookie')]).toEqual([401, null]);
  });

  it('shows the login page to a GET', async () => {
    const res = await fetch(`${whmBase(server, 'login-get')}/login/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/name="pass"/);
  });
});
