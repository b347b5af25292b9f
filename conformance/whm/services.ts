import assert from 'node:assert/strict';
import { WhmApiError } from '../../clients/whm/index.js';
import { defineScenario } from '../scenario.js';
import { authHeader, connect, expectFailure, newAccount, strongPassword } from './support.js';
import { TEST_CERTIFICATE, TEST_PRIVATE_KEY } from './test-certificate.js';

export const serviceScenarios = [
  defineScenario({
    id: 'whm/server-basics',
    panel: 'whm',
    title: 'version, applist, gethostname and listips answer in their documented shapes',
    access: 'read-only',
    basis: 'documented',
    methods: ['version', 'applist', 'gethostname', 'listips'],
    async run(ctx) {
      const whm = connect(ctx);
      await ctx.step('version', async () => assert.match(await whm.version(), /^11\.\d+\.\d+\.\d+$/));
      await ctx.step('applist names the functions root may call', async () => {
        const apps = await whm.applist();
        for (const fn of ['createacct', 'listaccts', 'version', 'applist']) assert.ok(apps.includes(fn), fn);
      });
      await ctx.step('gethostname', async () => assert.match(await whm.hostname(), /^[a-z0-9.-]+\.[a-z]+$/));
      await ctx.step('listips has one main address', async () => {
        const ips = await whm.listIps();
        assert.ok(ips.length >= 1);
        assert.equal(ips.filter((i) => i.mainaddr === 1).length, 1);
        for (const i of ips) assert.match(i.ip, /^\d+\.\d+\.\d+\.\d+$/);
      });
    },
  }),

  defineScenario({
    id: 'whm/list-options',
    panel: 'whm',
    title: 'listaccts honours api.filter, api.sort, api.chunk and api.columns and reflects them in metadata',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'listaccts', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const tag = ctx.unique('lo');
      const made: string[] = [];
      for (const n of [3, 1, 2]) {
        const user = `${tag}${n}`.slice(0, 16);
        await whm.createAccount(user, { domain: `${user}.example.com`, password: strongPassword(ctx) });
        ctx.cleanup(() => whm.removeAccount(user).catch(() => undefined));
        made.push(user);
      }
      await ctx.step('api.filter contains (with verbose reflection)', async () => {
        const r = await whm.list<{ user: string }>('listaccts', 'acct', {}, { filter: [{ field: 'user', type: 'contains', arg0: tag }] });
        assert.deepEqual(r.items.map((a) => a.user).sort(), [...made].sort());
        const filter = r.metadata.filter as Record<string, unknown>;
        assert.equal(typeof filter.filtered, 'number');
        assert.ok((filter.filtered as number) >= 3);
        assert.deepEqual(filter.a, { arg0: tag, field: 'user', type: 'contains', valid: 1 });
      });
      await ctx.step('api.sort reverse', async () => {
        const r = await whm.list<{ user: string }>(
          'listaccts',
          'acct',
          {},
          { filter: [{ field: 'user', arg0: tag }], sort: [{ field: 'user', reverse: true }] },
        );
        assert.deepEqual(
          r.items.map((a) => a.user),
          [...made].sort().reverse(),
        );
      });
      await ctx.step('api.chunk pages (1-based start) with metadata.chunk', async () => {
        const r = await whm.list<{ user: string }>(
          'listaccts',
          'acct',
          {},
          { filter: [{ field: 'user', arg0: tag }], sort: [{ field: 'user' }], chunk: { size: 2, start: 3 } },
        );
        assert.deepEqual(
          r.items.map((a) => a.user),
          [[...made].sort()[2]],
        );
        assert.deepEqual(r.metadata.chunk, { start: 3, size: 2, records: 3, current: 2, chunks: 2 });
      });
      await ctx.step('api.columns keeps only the named keys', async () => {
        const r = await whm.list<Record<string, unknown>>('listaccts', 'acct', {}, { filter: [{ field: 'user', arg0: tag }], columns: ['user', 'domain'] });
        for (const a of r.items) assert.deepEqual(Object.keys(a).sort(), ['domain', 'user']);
      });
      await ctx.step('api.filter eq on another field', async () => {
        const r = await whm.list<{ user: string }>('listaccts', 'acct', {}, { filter: [{ field: 'domain', type: 'eq', arg0: `${made[1]}.example.com` }] });
        assert.deepEqual(
          r.items.map((a) => a.user),
          [made[1]],
        );
      });
    },
  }),

  defineScenario({
    id: 'whm/batch',
    panel: 'whm',
    title: 'batch runs commands in order with one envelope each; a failing command is reported and abort_on_error stops the rest',
    access: 'mutating',
    basis: 'documented',
    methods: ['batch', 'version', 'gethostname', 'createacct', 'accountsummary', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      await ctx.step('version and gethostname', async () => {
        const r = await whm.batch([{ fn: 'version' }, { fn: 'gethostname' }]);
        assert.deepEqual(
          r.map((e) => [e.metadata.command, e.metadata.result]),
          [
            ['version', 1],
            ['gethostname', 1],
          ],
        );
        assert.equal(typeof (r[1].data as { hostname: string }).hostname, 'string');
      });
      const a = await newAccount(ctx, whm);
      await ctx.step('commands with arguments, one of them failing', async () => {
        try {
          await whm.batch([{ fn: 'accountsummary', params: { user: a.user } }, { fn: 'accountsummary', params: { user: 'nosuchuserxyz' } }, { fn: 'version' }]);
          assert.fail('a batch with a failing command reports the failure');
        } catch (error) {
          assert.ok(error instanceof WhmApiError);
          const results = (error.data as { result: { metadata: { result: number; command: string } }[] }).result;
          assert.deepEqual(
            results.map((e) => e.metadata.result),
            [1, 0, 1],
          );
        }
      });
      await ctx.step('abort_on_error stops after the failure', async () => {
        try {
          await whm.batch([{ fn: 'accountsummary', params: { user: 'nosuchuserxyz' } }, { fn: 'version' }], { abortOnError: true });
          assert.fail('expected a failure');
        } catch (error) {
          assert.ok(error instanceof WhmApiError);
          assert.equal((error.data as { result: unknown[] }).result.length, 1);
        }
      });
    },
  }),

  defineScenario({
    id: 'whm/ssl',
    panel: 'whm',
    title: 'a certificate is installed on an account’s domain, listed in fetch_ssl_vhosts, an AutoSSL check started, and the SSL host deleted',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'installssl', 'fetch_ssl_vhosts', 'start_autossl_check_for_one_user', 'delete_ssl_vhost', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const a = await newAccount(ctx, whm);
      await ctx.step('installssl', async () => {
        const r = await whm.installSsl(a.domain, TEST_CERTIFICATE, TEST_PRIVATE_KEY);
        ctx.cleanup(() => whm.deleteSslVhost(a.domain).catch(() => undefined));
        assert.equal(r.status, 1);
        assert.equal(r.servername, a.domain);
        assert.ok((r.working_domains as string[]).includes(a.domain));
      });
      await ctx.step('installssl refuses a key that is not a key', () => expectFailure(whm.installSsl(a.domain, TEST_CERTIFICATE, 'not a key'), /key/i));
      await ctx.step('fetch_ssl_vhosts', async () => {
        const v = (await whm.fetchSslVhosts()).find((x) => x.servername === a.domain);
        assert.ok(v, 'the SSL host is listed');
        assert.equal(v.user, a.user);
        assert.ok((v.crt.domains as string[]).includes('*.example.com'));
        assert.equal(v.crt.is_self_signed, 1);
      });
      await ctx.step('start_autossl_check_for_one_user', async () => assert.equal(typeof (await whm.startAutosslCheck(a.user)), 'number'));
      await ctx.step('delete_ssl_vhost', async () => {
        await whm.deleteSslVhost(a.domain);
        assert.ok(!(await whm.fetchSslVhosts()).some((x) => x.servername === a.domain));
      });
    },
  }),

  defineScenario({
    id: 'whm/passthrough-email-mysql',
    panel: 'whm',
    title: 'uapi_cpanel and cpanel reach the account’s Email and Mysql functions; list_pops_for and list_mysql_databases_and_users read the result',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'uapi_cpanel', 'cpanel', 'list_pops_for', 'list_mysql_databases_and_users', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const a = await newAccount(ctx, whm, { maxpop: 'unlimited', maxsql: 'unlimited' });
      const mailbox = `info@${a.domain}`;
      await ctx.step('Email::add_pop and list_pops', async () => {
        await whm.uapi(a.user, 'Email', 'add_pop', { email: 'info', domain: a.domain, password: strongPassword(ctx), quota: 100 });
        const pops = await whm.uapi<{ email: string }[]>(a.user, 'Email', 'list_pops');
        assert.ok(pops.some((p) => p.email === mailbox));
        assert.ok((await whm.listPopsFor(a.user)).includes(mailbox));
      });
      await ctx.step('a duplicate mailbox fails with the UAPI error as reason', () =>
        expectFailure(whm.uapi(a.user, 'Email', 'add_pop', { email: 'info', domain: a.domain, password: strongPassword(ctx) }), /exists/),
      );
      await ctx.step('Email::passwd_pop and delete_pop', async () => {
        await whm.uapi(a.user, 'Email', 'passwd_pop', { email: 'info', domain: a.domain, password: strongPassword(ctx) });
        await whm.uapi(a.user, 'Email', 'delete_pop', { email: 'info', domain: a.domain });
        assert.ok(!(await whm.listPopsFor(a.user)).includes(mailbox));
      });
      const db = `${a.user}_app`;
      await ctx.step('Mysql: database, user, privileges', async () => {
        await whm.uapi(a.user, 'Mysql', 'create_database', { name: db });
        await whm.uapi(a.user, 'Mysql', 'create_user', { name: db, password: strongPassword(ctx) });
        await whm.uapi(a.user, 'Mysql', 'set_privileges_on_database', { user: db, database: db, privileges: 'ALL PRIVILEGES' });
        assert.deepEqual((await whm.listMysqlDatabasesAndUsers(a.user))[db], [db]);
        const dbs = await whm.uapi<{ database: string; users: string[] }[]>(a.user, 'Mysql', 'list_databases');
        assert.deepEqual(dbs.find((d) => d.database === db)?.users, [db]);
      });
      await ctx.step('a database without the account prefix is refused', () =>
        expectFailure(whm.uapi(a.user, 'Mysql', 'create_database', { name: 'noprefix' }), /prefix|begin/i),
      );
      await ctx.step('cpanel API 2 Email::addpop and listpopswithdisk', async () => {
        const res = await fetch(
          `${ctx.target.baseUrl}/json-api/cpanel?api.version=1&cpanel_jsonapi_user=${a.user}&cpanel_jsonapi_module=Email&cpanel_jsonapi_func=addpop&cpanel_jsonapi_apiversion=2&domain=${a.domain}&email=sales&password=${encodeURIComponent(strongPassword(ctx))}&quota=0`,
          { headers: authHeader(ctx) },
        );
        const added = (await res.json()) as { cpanelresult: { event: { result: number } } };
        assert.equal(added.cpanelresult.event.result, 1);
        const list = await fetch(
          `${ctx.target.baseUrl}/json-api/cpanel?api.version=1&cpanel_jsonapi_user=${a.user}&cpanel_jsonapi_module=Email&cpanel_jsonapi_func=listpopswithdisk&cpanel_jsonapi_apiversion=2`,
          { headers: authHeader(ctx) },
        );
        const body = (await list.json()) as { cpanelresult: { data: { email: string }[] } };
        assert.ok(body.cpanelresult.data.some((p) => p.email === `sales@${a.domain}`));
      });
    },
  }),
];
