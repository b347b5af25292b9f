import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import type { WhmClient, WhmParams } from '../../clients/whm/index.js';
import { defineScenario } from '../scenario.js';
import { connect, expectFailure, newAccount, strongPassword } from './support.js';

/*
 * Issue 19's tier-2/3 families of accounts, 2FA, SSH key pairs, PostgreSQL,
 * script hooks, PHP and feature names: each a write, the documented read
 * that shows it, the undo, and a documented refusal.
 */

/** An RFC 6238 code (HMAC-SHA1, 6 digits, 30 s) computed here, independently of the server. */
export function totp(base32: string, unixSeconds: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let value = 0n;
  let bits = 0;
  for (const c of base32) {
    value = (value << 5n) | BigInt(alphabet.indexOf(c));
    bits += 5;
  }
  const bytes = Buffer.from((value >> BigInt(bits % 8)).toString(16).padStart(Math.floor(bits / 8) * 2, '0'), 'hex');
  const step = Buffer.alloc(8);
  step.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const h = createHmac('sha1', bytes).update(step).digest();
  const o = h[19]! & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The server's clock, read from the create_time of a throw-away token named `name` (the only clock the tests may use: the world's). */
export async function serverNow(whm: WhmClient, name: string): Promise<number> {
  const token = await whm.createToken(name);
  await whm.revokeToken(name);
  return token.create_time;
}

interface SshKeyEntry {
  file: string;
  private: number;
  authorized: number;
  comment: string;
  text?: string;
}

const listKeys = async (whm: WhmClient, params = {}) => (await whm.data<{ keys: SshKeyEntry[] }>('listsshkeys', params)).keys;

export const accountsMiscScenarios = [
  defineScenario({
    id: 'whm/two-factor-totp',
    panel: 'whm',
    title: '2FA: a generated secret is set with a TOTP code of the server clock, shows in get_user_configs, and is removed',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'twofactorauth_generate_tfa_config',
      'twofactorauth_set_tfa_config',
      'twofactorauth_get_user_configs',
      'twofactorauth_get_tfa_config_for_user',
      'twofactorauth_set_tfa_config_for_user',
      'twofactorauth_remove_user_config',
      'twofactorauth_set_issuer',
      'twofactorauth_get_issuer',
      'twofactorauth_enable_policy',
      'twofactorauth_disable_policy',
      'twofactorauth_policy_status',
      'api_token_create',
      'api_token_revoke',
      'createacct',
      'removeacct',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const me = ctx.target.credentials.username;
      ctx.cleanup(() => whm.call('twofactorauth_remove_user_config', { user: me }).catch(() => undefined));
      const issuer = ctx.unique('mpiss').slice(0, 20);
      await ctx.step('set_issuer is what get_issuer and the otpauth URL show', async () => {
        await whm.call('twofactorauth_set_issuer', { issuer });
        ctx.cleanup(() => whm.call('twofactorauth_set_issuer', { issuer: '' }).catch(() => undefined));
        assert.equal((await whm.data<{ issuer: string }>('twofactorauth_get_issuer')).issuer, issuer);
        await expectFailure(whm.call('twofactorauth_set_issuer', { issuer: 'no/slashes' }), /Failed to set issuer/);
      });
      const generated = await ctx.step('generate_tfa_config gives a base32 secret and its otpauth URL', async () => {
        const g = await whm.data<{ secret: string; otpauth_str: string }>('twofactorauth_generate_tfa_config');
        assert.match(g.secret, /^[A-Z2-7]{16,}$/);
        assert.equal(g.otpauth_str, `otpauth://totp/${issuer}:${me}?secret=${g.secret}&issuer=${issuer}`);
        return g;
      });
      await ctx.step('a wrong code is refused', async () => {
        const now = await serverNow(whm, ctx.unique('mpclock'));
        const wrong = String((Number(totp(generated.secret, now)) + 500_000) % 1_000_000).padStart(6, '0');
        await expectFailure(whm.call('twofactorauth_set_tfa_config', { secret: generated.secret, tfa_token: wrong }), /security code is invalid/);
        assert.equal((await whm.data<Record<string, { is_enabled: number }>>('twofactorauth_get_user_configs', { user: me }))[me].is_enabled, 0);
      });
      await ctx.step('the code for the server clock configures 2FA; get_user_configs shows it enabled', async () => {
        const now = await serverNow(whm, ctx.unique('mpclock'));
        assert.deepEqual(await whm.data('twofactorauth_set_tfa_config', { secret: generated.secret, tfa_token: totp(generated.secret, now) }), { success: 1 });
        const configs = await whm.data<Record<string, { is_enabled: number }>>('twofactorauth_get_user_configs');
        assert.equal(configs[me].is_enabled, 1);
      });
      await ctx.step('remove_user_config takes it away', async () => {
        const r = await whm.data<{ users_modified: string[]; failed: Record<string, string> }>('twofactorauth_remove_user_config', { user: me });
        assert.deepEqual(r.users_modified, [me]);
        assert.equal((await whm.data<Record<string, { is_enabled: number }>>('twofactorauth_get_user_configs', { user: me }))[me].is_enabled, 0);
        await expectFailure(whm.call('twofactorauth_remove_user_config', {}), /No users specified|user/);
      });
      await ctx.step("an account's config set through set_tfa_config_for_user goes with the account", async () => {
        const account = await newAccount(ctx, whm);
        const secret = 'QLLIU5WTY3UTJGNG';
        // The documented request is a JSON body of user → config objects, which the client's JSON body carries as they are.
        const body = { [account.user]: { email: {}, primary_account: { secret }, team: {} } } as unknown as WhmParams;
        await whm.call('twofactorauth_set_tfa_config_for_user', body, { body: 'json' });
        const got = await whm.data<Record<string, { primary_account: { secret?: string } }>>('twofactorauth_get_tfa_config_for_user', { user: account.user });
        assert.equal(got[account.user].primary_account.secret, secret);
        assert.equal(
          (await whm.data<Record<string, { is_enabled: number }>>('twofactorauth_get_user_configs', { user: account.user }))[account.user].is_enabled,
          1,
        );
        await whm.removeAccount(account.user);
        await whm.createAccount(account.user, { domain: account.domain, password: strongPassword(ctx) });
        assert.equal(
          (await whm.data<Record<string, { is_enabled: number }>>('twofactorauth_get_user_configs', { user: account.user }))[account.user].is_enabled,
          0,
        );
      });
      await ctx.step('the policy switch reads back', async () => {
        const before = (await whm.data<{ is_enabled: number }>('twofactorauth_policy_status')).is_enabled;
        ctx.cleanup(() => whm.call(before ? 'twofactorauth_enable_policy' : 'twofactorauth_disable_policy').catch(() => undefined));
        await whm.call('twofactorauth_enable_policy');
        assert.equal((await whm.data<{ is_enabled: number }>('twofactorauth_policy_status')).is_enabled, 1);
        await whm.call('twofactorauth_disable_policy');
        assert.equal((await whm.data<{ is_enabled: number }>('twofactorauth_policy_status')).is_enabled, 0);
      });
    },
  }),

  defineScenario({
    id: 'whm/ssh-keygen-authorize',
    panel: 'whm',
    title: 'generatesshkeypair makes a key pair listsshkeys shows; authorizesshkey marks it; convertopensshtoputty gives a PuTTY key of the same key',
    access: 'mutating',
    basis: 'documented',
    methods: ['generatesshkeypair', 'listsshkeys', 'authorizesshkey', 'convertopensshtoputty', 'deletesshkey'],
    async run(ctx) {
      const whm = connect(ctx);
      const name = ctx.unique('mpkey');
      ctx.cleanup(async () => {
        for (const file of [name, `${name}.pub`]) await whm.call('deletesshkey', { file }).catch(() => undefined);
      });
      await ctx.step('generatesshkeypair answers the key name', async () => {
        const r = await whm.data<{ name: string }>('generatesshkeypair', { name, bits: 2048, comment: 'mockpanel-test' });
        assert.equal(r.name, name);
      });
      const pub = await ctx.step('listsshkeys shows the private key and the public one, not yet authorized', async () => {
        const keys = await listKeys(whm, { public_texts: 1 });
        const priv = keys.find((k) => k.file === name);
        const pubKey = keys.find((k) => k.file === `${name}.pub`);
        assert.equal(priv?.private, 1);
        assert.equal(pubKey?.private, 0);
        assert.equal(pubKey?.authorized, 0);
        assert.match(pubKey?.text ?? '', /^ssh-rsa AAAAB3NzaC1yc2E\S+ mockpanel-test$/);
        return pubKey!.text!;
      });
      await ctx.step('the same name again is refused unless abort_on_existing_key=0', async () => {
        await expectFailure(whm.call('generatesshkeypair', { name, bits: 2048 }), /already exists/);
      });
      await ctx.step('authorizesshkey authorizes it, and authorize=0 takes it back', async () => {
        assert.deepEqual(await whm.data('authorizesshkey', { file: `${name}.pub`, text: pub, authorize: 1 }), { authorized: 1, file: `${name}.pub` });
        assert.equal((await listKeys(whm)).find((k) => k.file === `${name}.pub`)?.authorized, 1);
        await whm.call('authorizesshkey', { file: `${name}.pub`, text: pub, authorize: 0 });
        assert.equal((await listKeys(whm)).find((k) => k.file === `${name}.pub`)?.authorized, 0);
        await expectFailure(whm.call('authorizesshkey', { file: `${name}-missing.pub`, text: 'ssh-rsa AAAA', authorize: 1 }), /does not exist/);
      });
      await ctx.step('convertopensshtoputty gives a PuTTY v2 key of the same public key with a valid MAC', async () => {
        const { key } = await whm.data<{ key: string }>('convertopensshtoputty', { file: name });
        const lines = key.trim().split('\n');
        assert.equal(lines[0], 'PuTTY-User-Key-File-2: ssh-rsa');
        assert.equal(lines[1], 'Encryption: none');
        const comment = lines[2]!.replace(/^Comment: /, '');
        const publicCount = Number(lines[3]!.replace('Public-Lines: ', ''));
        const publicBlob = Buffer.from(lines.slice(4, 4 + publicCount).join(''), 'base64');
        assert.equal(publicBlob.toString('base64'), pub.split(' ')[1], 'the PuTTY key holds the .pub key');
        const privateCount = Number(lines[4 + publicCount]!.replace('Private-Lines: ', ''));
        const privateBlob = Buffer.from(lines.slice(5 + publicCount, 5 + publicCount + privateCount).join(''), 'base64');
        const str = (b: Buffer | string) => {
          const data = Buffer.from(b);
          const len = Buffer.alloc(4);
          len.writeUInt32BE(data.length);
          return Buffer.concat([len, data]);
        };
        const macKey = createHash('sha1').update('putty-private-key-file-mac-key').digest();
        const mac = createHmac('sha1', macKey)
          .update(Buffer.concat([str('ssh-rsa'), str('none'), str(comment), str(publicBlob), str(privateBlob)]))
          .digest('hex');
        assert.equal(lines[5 + publicCount + privateCount], `Private-MAC: ${mac}`);
        await expectFailure(whm.call('convertopensshtoputty', { file: `${name}.pub` }), /could not be read/);
      });
    },
  }),

  defineScenario({
    id: 'whm/postgresql-renames',
    panel: 'whm',
    title: "PostgreSQL: renaming a database and a role and setting a role's password show in list_databases/list_database_users",
    access: 'mutating',
    basis: 'documented',
    methods: ['rename_postgresql_database', 'rename_postgresql_user', 'set_postgresql_password', 'list_databases', 'list_database_users'],
    skip: { remote: 'needs the seeded PostgreSQL database alice_pg and role alice_pg' },
    async run(ctx) {
      const whm = connect(ctx);
      const engine = async (fn: string, name: string) =>
        (await whm.data<{ payload: { cpuser: string; engine: string; name: string }[] }>(fn)).payload.find((p) => p.name === name);
      await ctx.step('the seeded database and role are listed with engine postgresql', async () => {
        assert.deepEqual(await engine('list_databases', 'alice_pg'), { cpuser: 'alice', engine: 'postgresql', name: 'alice_pg' });
        assert.deepEqual(await engine('list_database_users', 'alice_pg'), { cpuser: 'alice', engine: 'postgresql', name: 'alice_pg' });
      });
      await ctx.step('rename_postgresql_database: the new name is listed, the old one is gone', async () => {
        await whm.call('rename_postgresql_database', { oldname: 'alice_pg', newname: 'alice_pgnew', cpuser: 'alice' });
        ctx.cleanup(() => whm.call('rename_postgresql_database', { oldname: 'alice_pgnew', newname: 'alice_pg' }).catch(() => undefined));
        assert.equal((await engine('list_databases', 'alice_pgnew'))?.engine, 'postgresql');
        assert.equal(await engine('list_databases', 'alice_pg'), undefined);
      });
      await ctx.step('rename_postgresql_user with its password, then set_postgresql_password', async () => {
        await whm.call('rename_postgresql_user', { oldname: 'alice_pg', newname: 'alice_pgrole', password: 'Pg-S3cure!pw1' });
        ctx.cleanup(() => whm.call('rename_postgresql_user', { oldname: 'alice_pgrole', newname: 'alice_pg', password: 'pgpw' }).catch(() => undefined));
        assert.equal((await engine('list_database_users', 'alice_pgrole'))?.cpuser, 'alice');
        assert.equal(await engine('list_database_users', 'alice_pg'), undefined);
        await whm.call('set_postgresql_password', { user: 'alice_pgrole', password: 'Pg-S3cure!pw2' });
      });
      await ctx.step('unknown names, another account and a name without the prefix are refused', async () => {
        await expectFailure(whm.call('rename_postgresql_database', { oldname: 'alice_nope', newname: 'alice_x' }), /does not exist/);
        await expectFailure(whm.call('set_postgresql_password', { user: 'alice_nope', password: 'Pg-S3cure!pw3' }), /does not exist/);
        await expectFailure(whm.call('rename_postgresql_database', { oldname: 'alice_pgnew', newname: 'alice_x', cpuser: 'bob' }), /does not exist/);
        await expectFailure(whm.call('rename_postgresql_database', { oldname: 'alice_pgnew', newname: 'bob_x' }), /prefix/);
      });
    },
  }),

  defineScenario({
    id: 'whm/script-hooks',
    panel: 'whm',
    title: 'Script hooks: edit_hook, reorder_hooks and delete_hook show in list_hooks',
    access: 'mutating',
    basis: 'documented',
    methods: ['list_hooks', 'edit_hook', 'reorder_hooks', 'delete_hook'],
    skip: { remote: 'needs the seeded hooks the reference examples name' },
    async run(ctx) {
      const whm = connect(ctx);
      type Action = { id: string; enabled: number; weight: number; notes?: string; hook: string };
      const actions = async (): Promise<Action[]> => {
        const { categories } = await whm.data<{ categories: { events: { stages: { actions: Action[] }[] }[] }[] }>('list_hooks');
        return categories.flatMap((c) => c.events.flatMap((e) => e.stages.flatMap((s) => s.actions)));
      };
      const [first, second] = ['HzEpGvT6QGUYwxuX3hWB8AUq', 'UNs8a8IbbAVf5oi_hXbcEw5a'];
      await ctx.step('edit_hook: disabled with a note, as list_hooks shows', async () => {
        await whm.call('edit_hook', { id: first, enabled: 0, notes: 'paused by mockpanel' });
        const a = (await actions()).find((x) => x.id === first)!;
        assert.equal(a.enabled, 0);
        assert.equal(a.notes, 'paused by mockpanel');
        await expectFailure(whm.call('edit_hook', { id: first }), /at least one component/);
        await expectFailure(whm.call('edit_hook', { id: 'nope', enabled: 1 }), /does not exist/);
      });
      await ctx.step('reorder_hooks: weights 100, 200 in the order given, and list_hooks runs them in that order', async () => {
        const r = await whm.data<{ hook_order: { id: string; weight: number }[] }>('reorder_hooks', { ids: `${second},${first}` });
        assert.deepEqual(r.hook_order, [
          { id: second, weight: 100 },
          { id: first, weight: 200 },
        ]);
        assert.deepEqual(
          (await actions()).filter((a) => a.id === first || a.id === second).map((a) => a.id),
          [second, first],
        );
        await expectFailure(whm.call('reorder_hooks', { ids: `${first},nope` }), /does not exist in the hooks database/);
      });
      await ctx.step('delete_hook: gone from list_hooks; a second delete is refused', async () => {
        await whm.call('delete_hook', { id: second });
        assert.ok(!(await actions()).some((a) => a.id === second));
        await expectFailure(whm.call('delete_hook', { id: second }), /does not exist/);
      });
    },
  }),

  defineScenario({
    id: 'whm/php-default-version',
    panel: 'whm',
    title: 'PHP: the system default version reaches every vhost without its own; handlers and php.ini directives read back',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'php_get_installed_versions',
      'php_get_system_default_version',
      'php_set_system_default_version',
      'php_get_vhosts_by_version',
      'php_get_vhost_versions',
      'php_set_vhost_versions',
      'php_get_handlers',
      'php_set_handler',
      'php_ini_get_directives',
      'php_ini_set_directives',
      'php_ini_get_content',
      'php_ini_set_content',
      'createacct',
      'removeacct',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const installed = (await whm.data<{ versions: string[] }>('php_get_installed_versions')).versions;
      const before = (await whm.data<{ version: string }>('php_get_system_default_version')).version;
      assert.ok(installed.includes(before), 'the default is installed');
      const other = installed.find((v) => v !== before)!;
      const third = installed.find((v) => v !== before && v !== other)!;
      const account = await newAccount(ctx, whm);
      await ctx.step('php_set_system_default_version: the new default reads back and the new account runs it', async () => {
        await whm.call('php_set_system_default_version', { version: other });
        ctx.cleanup(() => whm.call('php_set_system_default_version', { version: before }));
        assert.equal((await whm.data<{ version: string }>('php_get_system_default_version')).version, other);
        assert.ok((await whm.data<{ vhosts: string[] }>('php_get_vhosts_by_version', { version: other })).vhosts.includes(account.domain));
        const v = (await whm.data<{ versions: { vhost: string; version: string }[] }>('php_get_vhost_versions')).versions.find(
          (x) => x.vhost === account.domain,
        );
        assert.equal(v?.version, other);
      });
      await ctx.step('a vhost with its own version leaves the default', async () => {
        await whm.call('php_set_vhost_versions', { version: third, vhost: account.domain });
        assert.ok(!(await whm.data<{ vhosts: string[] }>('php_get_vhosts_by_version', { version: other })).vhosts.includes(account.domain));
        assert.ok((await whm.data<{ vhosts: string[] }>('php_get_vhosts_by_version', { version: third })).vhosts.includes(account.domain));
      });
      await ctx.step('a version that is not installed is refused', async () => {
        await expectFailure(whm.call('php_set_system_default_version', { version: 'ea-php99' }), /not installed/);
      });
      await ctx.step('php_set_handler reads back through php_get_handlers', async () => {
        const handlers = (
          await whm.data<{ version_handlers: { available_handlers: string[]; current_handler: string }[] }>('php_get_handlers', { version: other })
        ).version_handlers[0]!;
        const next = handlers.available_handlers.find((h) => h !== handlers.current_handler)!;
        await whm.call('php_set_handler', { version: other, handler: next });
        ctx.cleanup(() => whm.call('php_set_handler', { version: other, handler: handlers.current_handler }));
        assert.equal(
          (await whm.data<{ version_handlers: { current_handler: string }[] }>('php_get_handlers', { version: other })).version_handlers[0]!.current_handler,
          next,
        );
      });
      await ctx.step('php_ini_set_directives shows in php_ini_get_directives and the php.ini text', async () => {
        const content = (await whm.data<{ content: string }>('php_ini_get_content', { version: other })).content;
        ctx.cleanup(() => whm.call('php_ini_set_content', { version: other, content }));
        await whm.call('php_ini_set_directives', { version: other, directive: ['allow_url_fopen:0', 'max_input_vars:3000'] });
        const directives = (await whm.data<{ directives: { key: string; value: string }[] }>('php_ini_get_directives', { version: other })).directives;
        assert.equal(directives.find((d) => d.key === 'allow_url_fopen')?.value, 'Off');
        assert.equal(directives.find((d) => d.key === 'max_input_vars')?.value, '3000');
        assert.match((await whm.data<{ content: string }>('php_ini_get_content', { version: other })).content, /^max_input_vars = 3000$/m);
        await whm.call('php_ini_set_content', { version: other, content: '[PHP]\nmax_input_vars = 42\n' });
        assert.equal(
          (await whm.data<{ directives: { key: string; value: string }[] }>('php_ini_get_directives', { version: other })).directives.find(
            (d) => d.key === 'max_input_vars',
          )?.value,
          '42',
        );
      });
    },
  }),

  defineScenario({
    id: 'whm/account-ids-and-flags',
    panel: 'whm',
    title: "A removed account's uid stays tracked until untrack_acct_id; forcepasswordchange flags; username checks",
    access: 'mutating',
    basis: 'documented',
    methods: [
      'createacct',
      'removeacct',
      'accountsummary',
      'untrack_acct_id',
      'forcepasswordchange',
      'validate_system_user',
      'has_mycnf_for_cpuser',
      'get_maximum_users',
    ],
    skip: { remote: 'uid allocation on a shared server depends on accounts other people create' },
    async run(ctx) {
      const whm = connect(ctx);
      const first = await newAccount(ctx, whm);
      const uid = (await whm.accountSummary({ user: first.user })).uid;
      await ctx.step('forcepasswordchange sets a flag; the same request again has nothing to do', async () => {
        assert.deepEqual(await whm.data('forcepasswordchange', { users_json: JSON.stringify({ [first.user]: 1 }) }), { updated: [first.user] });
        const again = await whm.call('forcepasswordchange', { users_json: JSON.stringify({ [first.user]: 1 }) });
        assert.equal(again.metadata.reason, 'Nothing to do.');
        assert.deepEqual(await whm.data('forcepasswordchange', { users_json: JSON.stringify({ [first.user]: 0 }) }), { updated: [first.user] });
        await expectFailure(whm.call('forcepasswordchange', { users_json: JSON.stringify({ nosuchuser1: 1 }) }), /Invalid user\(s\): nosuchuser1/);
      });
      await ctx.step('validate_system_user and has_mycnf_for_cpuser see the account', async () => {
        assert.deepEqual(await whm.data('validate_system_user', { user: first.user }), { exists: 1, reserved: 0, valid_for_new: 0, valid_for_transfer: 0 });
        assert.equal((await whm.data<{ reserved: number }>('validate_system_user', { user: 'root' })).reserved, 1);
        assert.equal((await whm.data<{ has_mycnf_for_cpuser: number }>('has_mycnf_for_cpuser', { user: first.user })).has_mycnf_for_cpuser, 1);
        assert.ok((await whm.data<{ users: number }>('get_maximum_users')).users > 0);
      });
      await ctx.step('untrack_acct_id refuses an id in use; after removeacct the uid is not handed out until it is untracked', async () => {
        await expectFailure(whm.call('untrack_acct_id', { uid }), /existing account/);
        await whm.removeAccount(first.user);
        await expectFailure(whm.call('has_mycnf_for_cpuser', { user: first.user }), /user/);
        const second = await newAccount(ctx, whm);
        const uid2 = (await whm.accountSummary({ user: second.user })).uid;
        assert.notEqual(uid2, uid, 'a tracked uid is not reused');
        await whm.removeAccount(second.user);
        await whm.call('untrack_acct_id', { uid: uid2 });
        await whm.call('untrack_acct_id', { uid });
        await expectFailure(whm.call('untrack_acct_id', { uid }), /not in the tracked ID list/);
        const third = await newAccount(ctx, whm);
        assert.equal((await whm.accountSummary({ user: third.user })).uid, uid, 'the untracked uid is free again');
        const validFree = await whm.data<{ exists: number; valid_for_new: number }>('validate_system_user', { user: first.user });
        assert.deepEqual(validFree, { exists: 0, reserved: 0, valid_for_new: 1, valid_for_transfer: 1 });
      });
    },
  }),

  defineScenario({
    id: 'whm/feature-names',
    panel: 'whm',
    title: 'A feature a feature list names shows in get_feature_names and get_feature_metadata until the list goes',
    access: 'mutating',
    basis: 'documented',
    methods: ['create_featurelist', 'delete_featurelist', 'get_feature_names', 'get_feature_metadata', 'manage_features'],
    async run(ctx) {
      const whm = connect(ctx);
      const list = ctx.unique('mpfl');
      const feature = ctx.unique('mpfeat').toLowerCase();
      const names = async () => (await whm.data<{ feature: { id: string; name: string }[] }>('get_feature_names')).feature.map((f) => f.id);
      await ctx.step('the documented features are named', async () => {
        assert.ok((await names()).includes('sslmanager'));
      });
      await ctx.step('a list naming a new feature adds it to both reads', async () => {
        await whm.call('create_featurelist', { featurelist: list, [feature]: 1 });
        ctx.cleanup(() => whm.call('delete_featurelist', { featurelist: list }).catch(() => undefined));
        assert.ok((await names()).includes(feature));
        const meta = (await whm.data<{ features: { id: string; is_plugin: number }[] }>('get_feature_metadata')).features.find((f) => f.id === feature);
        assert.equal(meta?.is_plugin, 0);
      });
      await ctx.step('deleting the list takes it away', async () => {
        await whm.call('delete_featurelist', { featurelist: list });
        assert.ok(!(await names()).includes(feature));
      });
      await ctx.step('manage_features refuses an unknown action and an unknown showcase feature', async () => {
        await expectFailure(whm.call('manage_features', { action: 'explode' }), /Invalid action specified: explode/);
        await expectFailure(whm.call('manage_features', { action: 'enable', features: 'no_such_feature' }), /errors recorded/);
      });
    },
  }),
];
