import assert from 'node:assert/strict';
import { defineScenario, type Scenario } from '../scenario.js';
import { clientFor, fault } from './helpers.js';

// Logins, sessions and permissions: ISPConfig 3.2.11 interface/lib/classes/remoting.inc.php (login, logout,
// checkPerm, getSession) and its fault literals, as contracts/ispconfig.json lists them.

const SESSION_GONE = 'The Session is expired or does not exist.';

export const sessionScenarios: Scenario[] = [
  defineScenario({
    id: 'ispconfig/login-and-logout',
    panel: 'ispconfig',
    title: 'login returns a 41-character session id; logout ends it (and answers true for any id)',
    access: 'read-only',
    basis: 'documented',
    methods: ['login', 'logout', 'client_get_all', 'get_function_list'],
    async run(ctx) {
      const c = clientFor(ctx, { relogin: false });
      const sid = await ctx.step('login', () => c.login());
      assert.match(sid, /^[a-z][0-9a-f]{40}$/);
      await ctx.step('a call with the session works', async () => assert.ok(Array.isArray(await c.getFunctionList())));
      await ctx.step('logout', async () => assert.equal(await c.callRaw('logout', [sid]), true));
      await ctx.step('the id is dead', () => fault(c.callRaw('client_get_all', [sid]), 'session_does_not_exist', SESSION_GONE));
      await ctx.step('logout of an unknown id is still true', async () => assert.equal(await c.callRaw('logout', ['zzzz']), true));
      await ctx.step('logout of an empty id', () => fault(c.callRaw('logout', ['']), 'session_id_empty', 'The SessionID is empty.'));
    },
  }),
  defineScenario({
    id: 'ispconfig/login-faults',
    panel: 'ispconfig',
    title: 'login faults: wrong password, empty user name, empty password',
    access: 'read-only',
    basis: 'documented',
    methods: ['login'],
    async run(ctx) {
      const c = clientFor(ctx);
      const user = ctx.target.credentials.username;
      await ctx.step('wrong password', () =>
        fault(c.callRaw('login', [user, 'not-the-password']), 'login_failed', 'The login failed. Username or password wrong.'),
      );
      await ctx.step('unknown user', () =>
        fault(c.callRaw('login', [ctx.unique('nobody'), 'x']), 'login_failed', 'The login failed. Username or password wrong.'),
      );
      await ctx.step('empty user', () => fault(c.callRaw('login', ['', 'x']), 'login_username_empty', 'The login username is empty.'));
      await ctx.step('"0" counts as empty (PHP empty())', () => fault(c.callRaw('login', ['0', 'x']), 'login_username_empty'));
      await ctx.step('empty password', () => fault(c.callRaw('login', [user, '']), 'login_password_empty', 'The login password is empty.'));
      // A successful login clears this IP's failure count again.
      await ctx.step('the right password still works', async () => assert.match(await c.login(), /^[a-z][0-9a-f]{40}$/));
    },
  }),
  defineScenario({
    id: 'ispconfig/session-faults',
    panel: 'ispconfig',
    title: 'every session check: empty id, non-string id, unknown id',
    access: 'read-only',
    basis: 'documented',
    methods: ['client_get', 'login'],
    async run(ctx) {
      const c = clientFor(ctx);
      await ctx.step('empty', () => fault(c.callRaw('client_get', ['', 1]), 'session_id_empty', 'The SessionID is empty.'));
      await ctx.step('an int', () => fault(c.callRaw('client_get', [12345, 1]), 'session_id_nostring', 'Wrong SessionID datatype.'));
      await ctx.step('unknown', () => fault(c.callRaw('client_get', ['zzzz', 1]), 'session_does_not_exist', SESSION_GONE));
      await ctx.step('clear the failure count', () => c.login());
    },
  }),
  defineScenario({
    id: 'ispconfig/session-timeout',
    panel: 'ispconfig',
    title: 'sessions end 1800 s after login whatever the activity; the client logs in again once',
    access: 'read-only',
    basis: 'documented',
    methods: ['login', 'client_get_all', 'get_function_list'],
    skip: { remote: 'needs the emulator clock (a real panel would need a 30-minute wait)' },
    async run(ctx) {
      const c = clientFor(ctx, { relogin: false });
      const sid = await c.login();
      await ctx.emulator.advanceClock(1700);
      await ctx.step('used at 1700 s', () => c.getFunctionList());
      await ctx.emulator.advanceClock(101);
      await ctx.step('dead at 1801 s although it was just used', () => fault(c.callRaw('get_function_list', [sid]), 'session_does_not_exist', SESSION_GONE));
      const auto = clientFor(ctx);
      const first = await auto.login();
      await ctx.emulator.advanceClock(1801);
      await ctx.step('the reference client logs in again and retries', async () => assert.ok((await auto.getFunctionList()).length > 300));
      assert.notEqual(auto.sessionId, first);
    },
  }),
  defineScenario({
    id: 'ispconfig/login-lockout',
    panel: 'ispconfig',
    title: '10 failed logins in 5 minutes lock the IP out (even with the right password) until the window passes',
    access: 'read-only',
    basis: 'documented',
    methods: ['login', 'get_function_list'],
    skip: { remote: 'locks the test machine out of a real panel for five minutes' },
    async run(ctx) {
      const c = clientFor(ctx);
      const sid = await c.login();
      for (let i = 0; i < 10; i++) await fault(c.callRaw('login', [ctx.target.credentials.username, 'wrong']), 'login_failed');
      await ctx.step('the 11th login fails although right', () =>
        fault(
          c.callRaw('login', [ctx.target.credentials.username, ctx.target.credentials.password]),
          'login_failure_limit',
          'The login failure limit has been reached.',
        ),
      );
      await ctx.step('open sessions are refused too', () =>
        fault(c.callRaw('get_function_list', [sid]), 'session_failure_limit', 'The Session failure limit has been reached.'),
      );
      await ctx.emulator.advanceClock(301);
      await ctx.step('after 5 minutes the login works again', async () => assert.match(await c.login(), /^[a-z][0-9a-f]{40}$/));
    },
  }),
  defineScenario({
    id: 'ispconfig/bad-session-lockout',
    panel: 'ispconfig',
    title: '10 calls with unknown session ids lock the IP out as well',
    access: 'read-only',
    basis: 'documented',
    methods: ['client_get_all', 'login'],
    skip: { remote: 'locks the test machine out of a real panel for five minutes' },
    async run(ctx) {
      const c = clientFor(ctx);
      for (let i = 0; i < 10; i++) await fault(c.callRaw('client_get_all', [`x${i}`]), 'session_does_not_exist');
      await ctx.step('the next call', () => fault(c.callRaw('client_get_all', ['x']), 'session_failure_limit'));
      await ctx.step('and the next login', () => fault(c.login(), 'login_failure_limit'));
      await ctx.emulator.advanceClock(301);
      await c.login();
    },
  }),
  defineScenario({
    id: 'ispconfig/permissions',
    panel: 'ispconfig',
    title: "a remote user may call only its functions; some methods check another method's name",
    access: 'read-only',
    basis: 'documented',
    methods: ['login', 'dns_zone_get', 'dns_a_get', 'client_get', 'dns_rr_get_all_by_zone', 'client_get_groupid', 'client_get_id', 'dns_templatezone_get_all'],
    skip: { remote: 'creates a remote user through the emulator admin API' },
    async run(ctx) {
      await clientFor(ctx).login(); // the emulator creates the world on its first call
      await ctx.emulator.setSetting('ispconfig.remoteUsers', [
        { username: 'dnsonly', password: 'api-secret', functions: ['dns_zone_get', 'dns_zone_get_id', 'client_get_id'] },
      ]);
      const c = clientFor(ctx, { username: 'dnsonly', password: 'api-secret' });
      await ctx.step('allowed', async () => assert.equal(await c.dnsZoneGet(999999), null));
      await ctx.step('dns_rr_get_all_by_zone checks dns_zone_get', async () => assert.deepEqual(await c.dnsRrGetAllByZone(999999), []));
      await ctx.step('client_get_groupid checks client_get_id', () => fault(c.clientGetGroupid(999999), 'no_group_found'));
      const denied = 'You do not have the permissions to access this function.';
      await ctx.step('not allowed: dns_a_get', () => fault(c.dnsAGet(1), 'permission_denied', denied));
      await ctx.step('not allowed: client_get', () => fault(c.clientGet(1), 'permission_denied', denied));
      // Its permission failure calls a method on an undefined property (summary.md finding 10).
      await ctx.step('dns_templatezone_get_all fails with a PHP error', () =>
        fault(c.dnsTemplatezoneGetAll(), 'SOAP-ENV:Server', 'Call to a member function fault() on null'),
      );
    },
  }),
  defineScenario({
    id: 'ispconfig/function-list',
    panel: 'ispconfig',
    title: "get_function_list lists the dispatcher's 313 names in their order, __construct included",
    access: 'read-only',
    basis: 'documented',
    methods: ['get_function_list'],
    async run(ctx) {
      const list = await clientFor(ctx).getFunctionList();
      assert.equal(list.length, 313);
      assert.deepEqual(list.slice(0, 3), ['update_record_permissions', 'system_config_set', 'system_config_get']);
      assert.ok(list.includes('__construct') && list.includes('login') && !list.includes('dns_rr_update'));
    },
  }),
  defineScenario({
    id: 'ispconfig/unknown-and-private-methods',
    panel: 'ispconfig',
    title: 'unknown methods and private helpers (dns_rr_update) answer invalid_method; too few arguments are a PHP error',
    access: 'read-only',
    basis: 'documented',
    methods: ['client_get'],
    async run(ctx) {
      const c = clientFor(ctx);
      await ctx.step('unknown', () => fault(c.call('frobnicate'), 'invalid_method', 'Method frobnicate does not exist'));
      await ctx.step('private helper', () => fault(c.call('dns_rr_update', 0, 1, { type: 'A' }), 'invalid_method', 'Method dns_rr_update does not exist'));
      await ctx.step('too few arguments', () =>
        fault(
          c.call('client_get'),
          'SOAP-ENV:Server',
          /^Too few arguments to function remoting_client::client_get\(\), 1 passed in .*soap_handler\.inc\.php on line 49 and exactly 2 expected$/,
        ),
      );
    },
  }),
  defineScenario({
    id: 'ispconfig/maintenance-mode',
    panel: 'ispconfig',
    title: 'maintenance mode refuses new logins; open sessions go on working',
    access: 'mutating',
    basis: 'documented',
    methods: ['system_config_set', 'system_config_get', 'login'],
    async run(ctx) {
      const c = clientFor(ctx);
      await c.login();
      ctx.cleanup(() => c.systemConfigSet('misc', 'maintenance_mode', 'n'));
      await c.systemConfigSet('misc', 'maintenance_mode', 'y');
      assert.equal(await c.systemConfigGet('misc', 'maintenance_mode'), 'y');
      await ctx.step('login refused', () =>
        fault(
          clientFor(ctx).login(),
          'maintenance_mode',
          'This ISPConfig installation is currently under maintenance. We should be back shortly. Thank you for your patience.',
        ),
      );
    },
  }),
  defineScenario({
    id: 'ispconfig/client-login',
    panel: 'ispconfig',
    title: 'client logins: wrong password, and a client the panel does not let use the API (can_use_api is no API field)',
    access: 'mutating',
    basis: 'documented',
    methods: ['login', 'client_add', 'client_delete'],
    async run(ctx) {
      const c = clientFor(ctx);
      const username = ctx.unique('mpcl');
      const id = Number(
        await c.clientAdd(0, {
          contact_name: 'C',
          email: `${username}@example.com`,
          username,
          password: 'S3cret!pass-1',
          language: 'en',
          web_php_options: 'no',
          ssh_chroot: 'no',
        }),
      );
      ctx.cleanup(() => c.clientDelete(id));
      const as = (password: string) => clientFor(ctx, { username, password, clientLogin: true });
      await ctx.step('wrong password', () => fault(as('nope').login(), 'client_login_failed', 'The login failed. Username or password wrong.'));
      await ctx.step('right password, no API use', () =>
        fault(as('S3cret!pass-1').login(), 'client_login_failed', 'The login failed. Client may not use api.'),
      );
    },
  }),
];
