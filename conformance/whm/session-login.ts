import assert from 'node:assert/strict';
import { defineScenario } from '../scenario.js';
import { connect } from './support.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** cpsrvd's door: authentication before routing, and the password login cPanel::PublicAPI uses. */
export const sessionScenarios = [
  defineScenario({
    id: 'whm/auth-before-routing',
    panel: 'whm',
    title: 'a wrong or missing login is refused with 401 before WHM looks at the function, even an empty one',
    access: 'read-only',
    basis: 'documented',
    methods: ['version'],
    async run(ctx) {
      const { baseUrl, credentials } = ctx.target;
      const post = (path: string, authorization?: string) =>
        fetch(`${baseUrl}/json-api/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
          body: 'api.version=1',
        });
      await ctx.step('POST /json-api/ with a wrong password: 401, not an “Unknown app” envelope', async () => {
        for (const path of ['', 'no_such_function', 'version']) {
          const res = await post(path, basic(credentials.username, `${credentials.password}-wrong`));
          assert.equal(res.status, 401, `/json-api/${path}`);
        }
      });
      await ctx.step('no credentials at all: 401 too', async () => {
        assert.equal((await post('')).status, 401);
      });
      await ctx.step('the right password reaches WHM, which names the missing function', async () => {
        const res = await post('', basic(credentials.username, credentials.password));
        assert.equal(res.status, 200);
        const body = (await res.json()) as { metadata: { result: number; reason: string } };
        assert.equal(body.metadata.result, 0);
        assert.match(body.metadata.reason, /Unknown app/i);
      });
    },
  }),

  defineScenario({
    id: 'whm/password-session-login',
    panel: 'whm',
    title: 'POST /login with user and pass hands out a /cpsess… token and a whostmgrsession cookie that later calls use (cPanel::PublicAPI’s flow)',
    access: 'read-only',
    basis: 'documented',
    methods: ['version'],
    async run(ctx) {
      const { baseUrl, credentials } = ctx.target;
      const login = (pass: string, query = '') =>
        fetch(`${baseUrl}/login/${query}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ user: credentials.username, pass }).toString(),
          redirect: 'manual',
        });
      const session = await ctx.step('the form login redirects to /cpsessNNNNNNNNNN/ and sets whostmgrsession', async () => {
        const res = await login(credentials.password);
        assert.ok(res.status >= 300 && res.status < 400 && res.status !== 303, `a redirect HTTP::Tiny does not follow after a POST, got ${res.status}`);
        const token = (res.headers.get('location') ?? '').split('/')[1];
        assert.match(token, /^cpsess\d{10}$/);
        const cookie = /whostmgrsession=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
        assert.ok(cookie, 'a whostmgrsession cookie');
        return { token, cookie };
      });
      await ctx.step('a call under the token with the cookie (and no Authorization) succeeds', async () => {
        const res = await fetch(`${baseUrl}/${session.token}/json-api/version`, {
          method: 'POST',
          headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: 'api.version=1',
        });
        assert.equal(res.status, 200);
        const body = (await res.json()) as { metadata: { result: number }; data: { version: string } };
        assert.equal(body.metadata.result, 1);
        assert.match(body.data.version, /^\d+\.\d+/);
      });
      await ctx.step('login_only=1 answers status 1 and the security token in JSON', async () => {
        const res = await login(credentials.password, '?login_only=1');
        assert.equal(res.status, 200);
        const body = (await res.json()) as { status: number; security_token: string };
        assert.equal(body.status, 1);
        assert.match(body.security_token, /^\/cpsess\d{10}$/);
      });
      await ctx.step('a wrong password gets no token: 401, invalid_login', async () => {
        const form = await login(`${credentials.password}-wrong`);
        assert.equal(form.status, 401);
        assert.equal(form.headers.get('location'), null);
        const only = await login(`${credentials.password}-wrong`, '?login_only=1');
        assert.equal(only.status, 401);
        assert.deepEqual(await only.json(), { status: 0, message: 'invalid_login' });
      });
    },
  }),
  defineScenario({
    id: 'whm/session-url-login',
    panel: 'whm',
    title: 'create_user_session’s whostmgrd URL logs in without a password, only under its own /cpsess… token',
    access: 'mutating',
    basis: 'documented',
    methods: ['create_user_session', 'version'],
    async run(ctx) {
      const { baseUrl, credentials } = ctx.target;
      const made = await ctx.step('create_user_session service=whostmgrd answers a /cpsess…/login/?session= URL', async () => {
        const s = await connect(ctx).createUserSession(credentials.username, 'whostmgrd');
        const url = new URL(s.url);
        assert.equal(url.pathname, `${s.cp_security_token}/login/`);
        assert.equal(url.searchParams.get('session'), s.session);
        return { path: `${url.pathname}${url.search}`, token: s.cp_security_token };
      });
      const cookie = await ctx.step('opening it redirects to the WHM home under the token and sets whostmgrsession', async () => {
        const res = await fetch(`${baseUrl}${made.path}`, { redirect: 'manual' });
        assert.ok(res.status >= 300 && res.status < 400, `a redirect, got ${res.status}`);
        assert.equal(res.headers.get('location'), `${made.token}/`);
        const value = /whostmgrsession=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
        assert.ok(value, 'a whostmgrsession cookie');
        return value;
      });
      const version = (prefix: string) => fetch(`${baseUrl}${prefix}/json-api/version?api.version=1`, { headers: { cookie } });
      await ctx.step('the cookie works under the token, and is refused under another', async () => {
        assert.equal((await version(made.token)).status, 200);
        const other = made.token === '/cpsess0000000000' ? '/cpsess0000000001' : '/cpsess0000000000';
        assert.equal((await version(other)).status, 401);
      });
      await ctx.step('the same session under another token opens nothing', async () => {
        const res = await fetch(`${baseUrl}/cpsess0000000000${made.path.slice(made.token.length)}`, { redirect: 'manual' });
        assert.equal(res.status, 401);
        assert.equal(res.headers.get('set-cookie'), null);
      });
    },
  }),
];
