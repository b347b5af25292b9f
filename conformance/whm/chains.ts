import assert from 'node:assert/strict';
import { WhmApiError } from '../../clients/whm/index.js';
import { defineScenario } from '../scenario.js';
import { connect, expectFailure, newAccount, newReseller, newUsername, strongPassword } from './support.js';

/** Writes whose effect the reference promises on other reads, and per-type parameters: each a chain of calls over the wire. */
export const chainScenarios = [
  defineScenario({
    id: 'whm/modifyacct-main-domain',
    panel: 'whm',
    title: 'modifyacct domain= (and DNS=) moves the account, its domain and its DNS zone to the new main domain',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'modifyacct', 'accountsummary', 'listzones', 'dumpzone', 'getdomainowner', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const account = await newAccount(ctx, whm);
      const moved = `${account.user}-new.example.com`;
      await ctx.step('modifyacct domain=<new> answers Account Modified with the new domain', async () => {
        const r = await whm.modifyAccount(account.user, { domain: moved });
        assert.equal(r.domain, moved);
        assert.equal(r.cpuser.DOMAIN, moved);
      });
      await ctx.step('accountsummary and getdomainowner follow', async () => {
        assert.equal((await whm.accountSummary({ user: account.user })).domain, moved);
        assert.equal(await whm.getDomainOwner(moved), account.user);
      });
      await ctx.step('the zone is listed under the new name only, and its records name the new domain', async () => {
        const zones = (await whm.listZones()).map((z) => z.domain);
        assert.ok(zones.includes(moved), 'new zone listed');
        assert.ok(!zones.includes(account.domain), 'old zone gone');
        const records = await whm.dumpZone(moved);
        assert.ok(
          records.some((r) => r.type === 'SOA' && r.name === `${moved}.`),
          'SOA under the new name',
        );
        assert.ok(
          records.some((r) => r.type === 'CNAME' && r.name === `www.${moved}.`),
          'www under the new name',
        );
        assert.ok(!records.some((r) => typeof r.name === 'string' && r.name.endsWith(`${account.domain}.`)), 'no record keeps the old name');
      });
      const again = `${account.user}-dns.example.com`;
      await ctx.step('the DNS= spelling does the same', async () => {
        assert.equal((await whm.modifyAccount(account.user, { DNS: again })).domain, again);
        assert.equal((await whm.accountSummary({ user: account.user })).domain, again);
        assert.ok((await whm.listZones()).some((z) => z.domain === again));
      });
    },
  }),

  defineScenario({
    id: 'whm/editpkg-applies-to-accounts',
    panel: 'whm',
    title: 'editpkg carries a changed limit to every account already on the package (and only the changed one)',
    access: 'mutating',
    basis: 'documented',
    methods: ['addpkg', 'createacct', 'modifyacct', 'editpkg', 'listaccts', 'accountsummary', 'removeacct', 'killpkg'],
    async run(ctx) {
      const whm = connect(ctx);
      const pkg = await ctx.step('addpkg with a 700 MB quota', async () => {
        const name = ctx.unique('mppkg').toLowerCase();
        await whm.addPackage(name, { quota: 700, maxpop: 10 });
        ctx.cleanup(() => whm.killPackage(name).catch(() => undefined));
        return name;
      });
      const account = await newAccount(ctx, whm, { plan: pkg });
      await ctx.step('the account starts with the package’s 700M', async () => {
        assert.equal((await whm.accountSummary({ user: account.user })).disklimit, '700M');
      });
      await ctx.step('an account-level MAXPOP set with modifyacct', () => whm.modifyAccount(account.user, { MAXPOP: 3 }));
      await ctx.step('editpkg quota=800: listaccts shows 800M for the account', async () => {
        await whm.editPackage(pkg, { quota: 800 });
        const listed = (await whm.listAccounts({ search: account.user, searchtype: 'user', searchmethod: 'exact' })).find((a) => a.user === account.user);
        assert.equal(listed?.disklimit, '800M');
        assert.equal(listed?.maxpop, '3', 'a limit the edit did not change stays the account’s own');
      });
    },
  }),

  defineScenario({
    id: 'whm/massmodifyacct-numbered-users',
    panel: 'whm',
    title: 'massmodifyacct user-0=…&user-1=…&MAXPOP=42 modifies each listed account and reports each in data.payload',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'massmodifyacct', 'accountsummary', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const a = await newAccount(ctx, whm);
      const b = await newAccount(ctx, whm);
      await ctx.step('both accounts modified, one payload entry each', async () => {
        const r = await whm.call<{ payload: { user: string; result: number; reason: string; extended: { cpuser: Record<string, unknown>; user: string } }[] }>(
          'massmodifyacct',
          {
            'user-0': a.user,
            'user-1': b.user,
            MAXPOP: 42,
          },
        );
        assert.deepEqual(
          r.data!.payload.map((p) => [p.user, p.result]),
          [
            [a.user, 1],
            [b.user, 1],
          ],
        );
        for (const p of r.data!.payload) {
          assert.equal(p.extended.user, p.user);
          assert.equal(p.extended.cpuser.MAXPOP, '42');
        }
      });
      await ctx.step('accountsummary shows MAXPOP 42 for both', async () => {
        for (const user of [a.user, b.user]) assert.equal((await whm.accountSummary({ user })).maxpop, '42');
      });
      await ctx.step('a user that does not exist fails alone: result 0, the others still modified', async () => {
        const ghost = newUsername(ctx, 'gh');
        const err = await expectFailure(whm.call('massmodifyacct', { 'user-0': a.user, 'user-1': ghost, MAXPOP: 7 }), /one or more users/);
        const payload = (err.data as { payload: { user: string; result: number }[] }).payload;
        assert.deepEqual(
          payload.map((p) => [p.user, p.result]),
          [
            [a.user, 1],
            [ghost, 0],
          ],
        );
        assert.equal((await whm.accountSummary({ user: a.user })).maxpop, '7');
      });
    },
  }),

  defineScenario({
    id: 'whm/backup-destination-per-type',
    panel: 'whm',
    title: 'backup_destination_add asks each destination type only for its own parameters',
    access: 'mutating',
    basis: 'documented',
    methods: ['backup_destination_add'],
    skip: { remote: 'adds backup destinations to the server and the reference documents no way to find them by name for cleanup' },
    async run(ctx) {
      const whm = connect(ctx);
      await ctx.step('a Local destination with name, path and disabled only', async () => {
        const id = (await whm.data<{ id: string }>('backup_destination_add', { name: ctx.unique('local'), type: 'Local', path: '/backup', disabled: 0 })).id;
        assert.ok(typeof id === 'string' && id.length > 0);
      });
      await ctx.step('an FTP destination without any Backblaze, S3 or Google parameter', async () => {
        await whm.call('backup_destination_add', {
          name: ctx.unique('ftp'),
          type: 'FTP',
          host: 'backups.example.com',
          username: 'backup',
          password: strongPassword(ctx),
          disabled: 0,
        });
      });
      await ctx.step('a Backblaze destination still needs its application_key', () =>
        expectFailure(
          whm.call('backup_destination_add', {
            name: ctx.unique('b2'),
            type: 'Backblaze',
            disabled: 0,
            application_key_id: 'k',
            bucket_id: 'b',
            bucket_name: 'n',
          }),
          /application_key/,
        ),
      );
      await ctx.step('a Local destination without its path is refused', () =>
        expectFailure(whm.call('backup_destination_add', { name: ctx.unique('nopath'), type: 'Local', disabled: 0 }), /path/),
      );
    },
  }),

  defineScenario({
    id: 'whm/ssh-keys',
    panel: 'whm',
    title: 'importsshkey adds a key listsshkeys shows (with its text when asked) until deletesshkey removes it',
    access: 'mutating',
    basis: 'documented',
    methods: ['importsshkey', 'listsshkeys', 'deletesshkey'],
    skip: { remote: 'writes into root’s ~/.ssh on the server' },
    async run(ctx) {
      const whm = connect(ctx);
      const name = ctx.unique('mpkey').replace(/[^A-Za-z0-9_-]/g, '');
      const text = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockpanelConformanceKey ${name}@example.com`;
      type Key = { file: string; private: number; comment: string; text?: string };
      const keys = async (params = {}) => (await whm.data<{ keys: Key[] }>('listsshkeys', params)).keys;
      await ctx.step('importsshkey name=… key=<public key>', async () => {
        await whm.call('importsshkey', { name, key: text });
        ctx.cleanup(() => whm.call('deletesshkey', { file: name }).catch(() => undefined));
      });
      await ctx.step('listsshkeys lists it as a public key; its text only with public_texts=1', async () => {
        const listed = (await keys()).find((k) => k.file === name);
        assert.ok(listed, 'listed');
        assert.equal(listed.private, 0);
        assert.equal(listed.text, undefined);
        assert.equal((await keys({ public_texts: 1, files: name }))[0]?.text, text);
      });
      await ctx.step('a second import under the same name is refused', () => expectFailure(whm.call('importsshkey', { name, key: text }), /exists/));
      await ctx.step('deletesshkey removes it', async () => {
        await whm.call('deletesshkey', { file: name });
        assert.ok(!(await keys()).some((k) => k.file === name));
        await expectFailure(whm.call('deletesshkey', { file: name }), /does not exist/);
      });
    },
  }),

  defineScenario({
    id: 'whm/cphulk-records',
    panel: 'whm',
    title: 'create_cphulk_record puts addresses on the white or black list that read_cphulk_records shows until delete_cphulk_record removes them',
    access: 'mutating',
    basis: 'documented',
    methods: ['create_cphulk_record', 'read_cphulk_records', 'delete_cphulk_record'],
    skip: { remote: 'changes the server’s cPHulk lists' },
    async run(ctx) {
      const whm = connect(ctx);
      const read = async (list: string) =>
        (await whm.data<{ ips_in_list: Record<string, string>; list_name: string }>('read_cphulk_records', { list_name: list })).ips_in_list;
      await ctx.step('create_cphulk_record on the black list: the good address added, the bad one failed', async () => {
        const r = await whm.data<{ ips_added: string[]; ips_failed: Record<string, string>; list_name: string }>('create_cphulk_record', {
          list_name: 'black',
          ip: ['198.51.100.7', '999.1.1.1'],
          comment: 'conformance',
        });
        ctx.cleanup(() => whm.call('delete_cphulk_record', { list_name: 'black', ip: '198.51.100.7' }).catch(() => undefined));
        assert.deepEqual(r.ips_added, ['198.51.100.7']);
        assert.deepEqual(Object.keys(r.ips_failed), ['999.1.1.1']);
        assert.equal(r.list_name, 'black');
      });
      await ctx.step('read_cphulk_records shows it with its comment, on the black list only', async () => {
        assert.equal((await read('black'))['198.51.100.7'], 'conformance');
        assert.ok(!('198.51.100.7' in (await read('white'))));
      });
      await ctx.step('delete_cphulk_record removes it', async () => {
        const r = await whm.data<{ ips_removed: string[] }>('delete_cphulk_record', { list_name: 'black', ip: '198.51.100.7' });
        assert.deepEqual(r.ips_removed, ['198.51.100.7']);
        assert.ok(!('198.51.100.7' in (await read('black'))));
      });
      await ctx.step('a list other than white or black is refused', () => expectFailure(whm.call('read_cphulk_records', { list_name: 'grey' }), /list_name/));
    },
  }),

  defineScenario({
    id: 'whm/php-vhost-versions',
    panel: 'whm',
    title: 'php_set_vhost_versions sets a virtual host’s PHP version that php_get_vhost_versions reports, and inherit restores the default',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'php_set_vhost_versions', 'php_get_vhost_versions', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const account = await newAccount(ctx, whm);
      type Version = { vhost: string; version: string; account: string; main_domain: number; php_fpm: number };
      const versionOf = async () => (await whm.data<{ versions: Version[] }>('php_get_vhost_versions')).versions.find((v) => v.vhost === account.domain);
      const before = await ctx.step('the account’s vhost is listed with the server default', async () => {
        const v = await versionOf();
        assert.ok(v, 'listed');
        assert.equal(v.account, account.user);
        assert.equal(v.main_domain, 1);
        return v.version;
      });
      const other = before === 'ea-php81' ? 'ea-php82' : 'ea-php81';
      await ctx.step(`php_set_vhost_versions version=${other} php_fpm=1`, () =>
        whm.call('php_set_vhost_versions', { vhost: account.domain, version: other, php_fpm: 1 }),
      );
      await ctx.step('php_get_vhost_versions reports it', async () => {
        const v = await versionOf();
        assert.equal(v?.version, other);
        assert.equal(v?.php_fpm, 1);
      });
      await ctx.step('version=inherit goes back to the default', async () => {
        await whm.call('php_set_vhost_versions', { vhost: account.domain, version: 'inherit' });
        assert.equal((await versionOf())?.version, before);
      });
      await ctx.step('an unknown vhost is refused', () =>
        expectFailure(whm.call('php_set_vhost_versions', { vhost: `no-${account.domain}`, version: other }), /does not exist/),
      );
    },
  }),

  defineScenario({
    id: 'whm/user-backup-state',
    panel: 'whm',
    // backup_user_list lists the archives of a restore point, not this setting (Cpanel::Backup::BackupSet): whm/archives reads it.
    title: 'toggle_user_backup_state turns an account’s backups off and on, as accountsummary and listaccts show',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'toggle_user_backup_state', 'accountsummary', 'listaccts', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const account = await newAccount(ctx, whm);
      const summary = async () => Number((await whm.accountSummary({ user: account.user })).backup);
      const listed = async () => Number((await whm.listAccounts()).find((a) => a.user === account.user)?.backup);
      const toggle = async () => (await whm.data<{ toggle_status: number }>('toggle_user_backup_state', { user: account.user })).toggle_status;
      const before = await ctx.step('accountsummary and listaccts show the new account’s backups on or off alike', async () => {
        const s = await summary();
        assert.ok(s === 0 || s === 1, `backup is 0 or 1, got ${s}`);
        assert.equal(await listed(), s);
        return s;
      });
      await ctx.step('a toggle flips it: toggle_status, accountsummary and listaccts agree', async () => {
        assert.equal(await toggle(), 1 - before);
        assert.equal(await summary(), 1 - before);
        assert.equal(await listed(), 1 - before);
      });
      await ctx.step('a second toggle flips it back', async () => {
        assert.equal(await toggle(), before);
        assert.equal(await summary(), before);
      });
      await ctx.step('an unknown account is refused', () => expectFailure(whm.call('toggle_user_backup_state', { user: newUsername(ctx) }), /user/i));
    },
  }),

  defineScenario({
    id: 'whm/account-enhancements',
    panel: 'whm',
    title: 'an account enhancement is created, assigned within its reseller’s limit (list_enhancement_limits counts it), unassigned and deleted',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'create_account_enhancement',
      'list_account_enhancements',
      'setupreseller',
      'set_enhancement_limit',
      'assign_account_enhancement',
      'list_enhancement_limits',
      'unassign_account_enhancement',
      'delete_account_enhancement',
    ],
    skip: { remote: 'enhancement IDs must come from a third-party plugin installed on the server' },
    async run(ctx) {
      const whm = connect(ctx);
      const name = ctx.unique('mp enhancement');
      const id = ctx.unique('mp-enh').replace(/[^A-Za-z0-9_.-]/g, '');
      await ctx.step('create_account_enhancement; list_account_enhancements lists it', async () => {
        assert.deepEqual(await whm.data('create_account_enhancement', { name, id }), { name });
        ctx.cleanup(() => whm.call('delete_account_enhancement', { name }).catch(() => undefined));
        const listed = (await whm.data<{ enhancements: { id: string; name: string }[] }>('list_account_enhancements')).enhancements;
        assert.ok(listed.some((e) => e.name === name && e.id === id));
      });
      const reseller = await newReseller(ctx, whm, ['create-acct', 'list-accts']);
      const own = async () => {
        const user = newUsername(ctx);
        await reseller.client.createAccount(user, { domain: `${user}.example.com`, password: strongPassword(ctx) });
        ctx.cleanup(() => whm.removeAccount(user).catch(() => undefined));
        return user;
      };
      const first = await ctx.step('the reseller creates two accounts', own);
      const second = await own();
      const usage = async () =>
        (await whm.data<{ limits: Record<string, { limit: number; limited: number; usage: number }> }>('list_enhancement_limits', { account: reseller.user }))
          .limits[id];
      await ctx.step('set_enhancement_limit limits the reseller to one account with it', async () => {
        await whm.call('set_enhancement_limit', { account: reseller.user, id, limit: 1, limited: 1 });
        assert.deepEqual(await usage(), { limit: 1, limited: 1, usage: 0 });
      });
      await ctx.step('assign_account_enhancement on one account: usage 1; a second account is over the limit', async () => {
        await whm.call('assign_account_enhancement', { account: first, name });
        assert.equal((await usage()).usage, 1);
        await expectFailure(whm.call('assign_account_enhancement', { account: second, name }), /limit/);
      });
      await ctx.step('unassign_account_enhancement frees it; delete_account_enhancement removes it', async () => {
        await whm.call('unassign_account_enhancement', { account: first, name });
        assert.equal((await usage()).usage, 0);
        await whm.call('delete_account_enhancement', { name });
        const listed = (await whm.data<{ enhancements: { name: string }[] }>('list_account_enhancements')).enhancements;
        assert.ok(!listed.some((e) => e.name === name));
        await expectFailure(whm.call('assign_account_enhancement', { account: first, name }), /does not exist/);
      });
    },
  }),

  defineScenario({
    id: 'whm/feature-overrides',
    panel: 'whm',
    title: 'a per-user feature override shows in get_users_features_settings and verify_user_has_feature until removed; an empty feature is an error',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'createacct',
      'add_override_features_for_user',
      'get_users_features_settings',
      'verify_user_has_feature',
      'remove_override_features_for_user',
      'removeacct',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const account = await newAccount(ctx, whm);
      type Setting = { user: string; feature: string; cpuser_setting: number; feature_list_setting: number };
      const settings = async () =>
        (await whm.data<{ users_features_settings: Setting[] }>('get_users_features_settings', { user: account.user, feature: 'backup' }))
          .users_features_settings;
      const has = async () => (await whm.data<{ has_feature: number }>('verify_user_has_feature', { user: account.user, feature: 'backup' })).has_feature;
      await ctx.step('before: the account has the backup feature', async () => {
        assert.equal(await has(), 1);
      });
      await ctx.step('add_override_features_for_user features={"backup":"0"}', () =>
        whm.call('add_override_features_for_user', { user: account.user, features: JSON.stringify({ backup: '0' }) }),
      );
      await ctx.step('get_users_features_settings shows the override beside the list’s setting', async () => {
        const [s] = await settings();
        assert.equal(s.user, account.user);
        assert.equal(s.feature, 'backup');
        assert.equal(s.cpuser_setting, 0);
        assert.equal(s.feature_list_setting, 1);
        assert.equal(await has(), 0);
      });
      await ctx.step('remove_override_features_for_user features=["backup"] restores the list’s setting', async () => {
        await whm.call('remove_override_features_for_user', { user: account.user, features: JSON.stringify(['backup']) });
        assert.equal((await settings())[0].cpuser_setting, 1);
        assert.equal(await has(), 1);
      });
      await ctx.step('get_users_features_settings with an empty feature returns an error', async () => {
        const err = await whm.call('get_users_features_settings', { user: account.user, feature: '' }).catch((e: unknown) => e);
        assert.ok(err instanceof WhmApiError, 'result 0');
        assert.match(err.reason, /feature/);
      });
    },
  }),
];
