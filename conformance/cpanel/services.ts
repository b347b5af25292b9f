import assert from 'node:assert/strict';
import { TEST_CERTIFICATE, TEST_PRIVATE_KEY } from '../whm/test-certificate.js';
import { defineScenario } from '../scenario.js';
import { connect, expectFailure } from './support.js';

export const serviceScenarios = [
  defineScenario({
    id: 'cpanel/domains',
    panel: 'cpanel',
    title: 'a subdomain, an addon domain and a parked domain are added, listed and removed',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'SubDomain::addsubdomain',
      'API2::SubDomain::listsubdomains',
      'API2::SubDomain::delsubdomain',
      'API2::AddonDomain::addaddondomain',
      'API2::AddonDomain::listaddondomains',
      'API2::AddonDomain::deladdondomain',
      'API2::Park::park',
      'API2::Park::listparkeddomains',
      'API2::Park::unpark',
      'DomainInfo::list_domains',
    ],
    async run(ctx) {
      const cp = connect(ctx);
      const main = (await cp.listDomains()).main_domain;
      const label = ctx.unique('mpsub');
      const addon = `${ctx.unique('mpaddon')}.example.org`;
      const parked = `${ctx.unique('mppark')}.example.net`;
      await ctx.step('addsubdomain (UAPI)', async () => {
        await cp.addSubdomain(label, main);
        ctx.cleanup(() => cp.deleteSubdomain(`${label}.${main}`).catch(() => undefined));
        assert.ok((await cp.listSubdomains()).some((d) => d.domain === `${label}.${main}` && d.rootdomain === main));
      });
      await ctx.step('addsubdomain refuses a root domain the account does not own', () =>
        expectFailure(cp.addSubdomain('x', 'not-mine.example.invalid'), /domain/i),
      );
      await ctx.step('addaddondomain', async () => {
        await cp.addAddonDomain(addon, label.replace(/[^a-z0-9-]/g, '') + 'a');
        ctx.cleanup(() => cp.deleteAddonDomain(addon, `${label.replace(/[^a-z0-9-]/g, '')}a_${main}`).catch(() => undefined));
        assert.ok((await cp.listAddonDomains()).some((d) => d.domain === addon));
      });
      await ctx.step('park', async () => {
        await cp.park(parked);
        ctx.cleanup(() => cp.unpark(parked).catch(() => undefined));
        assert.ok((await cp.listParkedDomains()).some((d) => d.domain === parked));
      });
      await ctx.step('list_domains shows all three kinds', async () => {
        const d = await cp.listDomains();
        assert.ok(d.addon_domains.includes(addon) && d.parked_domains.includes(parked) && d.sub_domains.includes(`${label}.${main}`));
      });
      await ctx.step('unpark, deladdondomain, delsubdomain', async () => {
        await cp.unpark(parked);
        await cp.deleteAddonDomain(addon, `${label.replace(/[^a-z0-9-]/g, '')}a_${main}`);
        await cp.deleteSubdomain(`${label}.${main}`);
        const d = await cp.listDomains();
        assert.ok(!d.addon_domains.includes(addon) && !d.parked_domains.includes(parked) && !d.sub_domains.includes(`${label}.${main}`));
      });
      await ctx.step('unpark of a domain that is not parked here fails with status 0', () => expectFailure(cp.unpark(parked), /domain/i));
    },
  }),
  defineScenario({
    id: 'cpanel/email',
    panel: 'cpanel',
    title: 'a mailbox is added (UAPI), listed (API 2), its quota and password changed, a forwarder added and removed, the mailbox deleted',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'Email::add_pop',
      'API2::Email::listpops',
      'Email::edit_pop_quota',
      'Email::passwd_pop',
      'Email::list_pops_with_disk',
      'Email::add_forwarder',
      'Email::list_forwarders',
      'Email::delete_forwarder',
      'Email::delete_pop',
    ],
    async run(ctx) {
      const cp = connect(ctx);
      const main = (await cp.listDomains()).main_domain;
      const local = ctx.unique('mpbox');
      const address = `${local}@${main}`;
      await ctx.step('add_pop', async () => {
        await cp.uapi('Email', 'add_pop', { email: local, domain: main, password: 'Mailb0x!pass-7', quota: 25 });
        ctx.cleanup(() => cp.uapi('Email', 'delete_pop', { email: local, domain: main }).catch(() => undefined));
      });
      await ctx.step('listpops (API 2) lists it', async () =>
        assert.ok((await cp.api2<{ email: string }>('Email', 'listpops')).some((p) => p.email === address)),
      );
      await ctx.step('add_pop refuses the same address again', () =>
        expectFailure(cp.uapi('Email', 'add_pop', { email: local, domain: main, password: 'Mailb0x!pass-7' }), new RegExp(local)),
      );
      await ctx.step('edit_pop_quota and passwd_pop', async () => {
        await cp.uapi('Email', 'edit_pop_quota', { email: local, domain: main, quota: 50 });
        await cp.uapi('Email', 'passwd_pop', { email: local, domain: main, password: 'Mailb0x!pass-8' });
        const box = (await cp.uapi<{ email: string; diskquota: string }[]>('Email', 'list_pops_with_disk')).data.find((p) => p.email === address);
        assert.equal(box?.diskquota, '50');
      });
      await ctx.step('add_forwarder, list_forwarders, delete_forwarder', async () => {
        await cp.uapi('Email', 'add_forwarder', { domain: main, email: local, fwdopt: 'fwd', fwdemail: 'someone@example.net' });
        assert.ok(
          (await cp.uapi<{ dest: string; forward: string }[]>('Email', 'list_forwarders')).data.some(
            (f) => f.dest === address && f.forward === 'someone@example.net',
          ),
        );
        await cp.uapi('Email', 'delete_forwarder', { address, forwarder: 'someone@example.net' });
        assert.ok(!(await cp.uapi<{ dest: string }[]>('Email', 'list_forwarders')).data.some((f) => f.dest === address));
      });
      await ctx.step('delete_pop', async () => {
        await cp.uapi('Email', 'delete_pop', { email: local, domain: main });
        assert.ok(!(await cp.api2<{ email: string }>('Email', 'listpops')).some((p) => p.email === address));
      });
    },
  }),
  defineScenario({
    id: 'cpanel/mysql',
    panel: 'cpanel',
    title: 'a database and a user with the account prefix are created, granted, listed and deleted; an unprefixed name is refused',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'Mysql::create_database',
      'Mysql::create_user',
      'Mysql::set_privileges_on_database',
      'Mysql::get_privileges_on_database',
      'Mysql::list_databases',
      'Mysql::delete_user',
      'Mysql::delete_database',
    ],
    async run(ctx) {
      const cp = connect(ctx);
      const prefix = `${ctx.target.credentials.username}_`;
      const db = `${prefix}${ctx.unique('d').replace(/[^a-z0-9]/gi, '')}`.slice(0, 60);
      const user = `${prefix}${ctx.unique('u').replace(/[^a-z0-9]/gi, '')}`.slice(0, 30);
      await ctx.step('create_database and create_user', async () => {
        await cp.uapi('Mysql', 'create_database', { name: db });
        ctx.cleanup(() => cp.uapi('Mysql', 'delete_database', { name: db }).catch(() => undefined));
        await cp.uapi('Mysql', 'create_user', { name: user, password: 'Db!pass-98765' });
        ctx.cleanup(() => cp.uapi('Mysql', 'delete_user', { name: user }).catch(() => undefined));
      });
      await ctx.step('set_privileges_on_database ALL PRIVILEGES', async () => {
        await cp.uapi('Mysql', 'set_privileges_on_database', { user, database: db, privileges: 'ALL PRIVILEGES' });
        assert.deepEqual((await cp.uapi<string[]>('Mysql', 'get_privileges_on_database', { user, database: db })).data, ['ALL PRIVILEGES']);
      });
      await ctx.step('list_databases shows the grant', async () => {
        const found = (await cp.uapi<{ database: string; users: string[] }[]>('Mysql', 'list_databases')).data.find((d) => d.database === db);
        assert.deepEqual(found?.users, [user]);
      });
      await ctx.step('create_database refuses a name without the prefix', () =>
        expectFailure(cp.uapi('Mysql', 'create_database', { name: 'noprefix' }), new RegExp(prefix)),
      );
      await ctx.step('delete_user and delete_database', async () => {
        await cp.uapi('Mysql', 'delete_user', { name: user });
        await cp.uapi('Mysql', 'delete_database', { name: db });
        assert.ok(!(await cp.uapi<{ database: string }[]>('Mysql', 'list_databases')).data.some((d) => d.database === db));
      });
    },
  }),
  defineScenario({
    id: 'cpanel/ssl',
    panel: 'cpanel',
    title: 'a certificate is installed on the main domain, listed as a cert, a key and an installed host, and deleted',
    access: 'mutating',
    basis: 'documented',
    methods: ['SSL::install_ssl', 'SSL::list_certs', 'SSL::list_keys', 'SSL::installed_hosts', 'SSL::delete_ssl', 'API2::SSL::installssl'],
    async run(ctx) {
      const cp = connect(ctx);
      const main = (await cp.listDomains()).main_domain;
      const installed = await ctx.step('install_ssl', async () => {
        const r = (
          await cp.uapi<{ servername: string; cert_id: string; key_id: string }>(
            'SSL',
            'install_ssl',
            { domain: main, cert: TEST_CERTIFICATE, key: TEST_PRIVATE_KEY },
            'POST',
          )
        ).data;
        ctx.cleanup(() => cp.uapi('SSL', 'delete_ssl', { domain: main }).catch(() => undefined));
        assert.equal(r.servername, main);
        return r;
      });
      await ctx.step('list_certs, list_keys and installed_hosts show it', async () => {
        assert.ok((await cp.uapi<{ id: string }[]>('SSL', 'list_certs')).data.some((c) => c.id === installed.cert_id));
        assert.ok((await cp.uapi<{ id: string }[]>('SSL', 'list_keys')).data.some((k) => k.id === installed.key_id));
        assert.ok((await cp.uapi<{ servername: string }[]>('SSL', 'installed_hosts')).data.some((h) => h.servername === main));
      });
      await ctx.step('install_ssl refuses a key that is not a key', () =>
        expectFailure(cp.uapi('SSL', 'install_ssl', { domain: main, cert: TEST_CERTIFICATE, key: 'nope' }, 'POST'), /key/),
      );
      await ctx.step('delete_ssl', async () => {
        await cp.uapi('SSL', 'delete_ssl', { domain: main });
        assert.ok(!(await cp.uapi<{ servername: string }[]>('SSL', 'installed_hosts')).data.some((h) => h.servername === main));
      });
      await ctx.step('installssl (API 2) installs it again', async () => {
        const [r] = await cp.api2<{ servername: string }>('SSL', 'installssl', { domain: main, crt: TEST_CERTIFICATE, key: TEST_PRIVATE_KEY });
        assert.equal(r.servername, main);
      });
    },
  }),
  defineScenario({
    id: 'cpanel/ftp-cron',
    panel: 'cpanel',
    title: 'an FTP account is added, listed and deleted; a cron line is added, listed and removed by line',
    access: 'mutating',
    basis: 'documented',
    methods: ['Ftp::add_ftp', 'Ftp::list_ftp', 'Ftp::delete_ftp', 'API2::Cron::add_line', 'API2::Cron::listcron', 'API2::Cron::remove_line'],
    async run(ctx) {
      const cp = connect(ctx);
      const main = (await cp.listDomains()).main_domain;
      const ftp = ctx.unique('mpftp').replace(/[^a-z0-9]/gi, '');
      await ctx.step('add_ftp and list_ftp', async () => {
        await cp.uapi('Ftp', 'add_ftp', { user: ftp, pass: 'Ftp!pass-4567', quota: 10 });
        ctx.cleanup(() => cp.uapi('Ftp', 'delete_ftp', { user: ftp }).catch(() => undefined));
        assert.ok((await cp.uapi<{ user: string }[]>('Ftp', 'list_ftp')).data.some((f) => f.user === `${ftp}@${main}`));
      });
      await ctx.step('delete_ftp', async () => {
        await cp.uapi('Ftp', 'delete_ftp', { user: ftp });
        assert.ok(!(await cp.uapi<{ user: string }[]>('Ftp', 'list_ftp')).data.some((f) => f.user === `${ftp}@${main}`));
      });
      const command = `echo ${ctx.unique('mpcron')}`;
      const line = await ctx.step('add_line and listcron', async () => {
        await cp.api2('Cron', 'add_line', { command, minute: '15', hour: '4', day: '*', month: '*', weekday: '*' });
        const found = (await cp.api2<{ command: string; line: number }>('Cron', 'listcron')).find((l) => l.command === command);
        assert.ok(found, 'listed');
        ctx.cleanup(async () => {
          const again = (await cp.api2<{ command: string; line: number }>('Cron', 'listcron')).find((l) => l.command === command);
          if (again) await cp.api2('Cron', 'remove_line', { line: again.line });
        });
        return found.line;
      });
      await ctx.step('remove_line', async () => {
        await cp.api2('Cron', 'remove_line', { line });
        assert.ok(!(await cp.api2<{ command: string }>('Cron', 'listcron')).some((l) => l.command === command));
      });
    },
  }),
];
