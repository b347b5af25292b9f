import assert from 'node:assert/strict';
import { defineScenario, type Scenario } from '../scenario.js';
import { assertStruct, connect, expectFault } from './support.js';

const files = defineScenario({
  id: 'webfaction/files',
  panel: 'webfaction',
  title: "write_file modes w/a, replace_in_file's documented example, run_php_script and set_apache_acl over the home tree",
  access: 'mutating',
  basis: 'documented',
  methods: ['write_file', 'replace_in_file', 'system', 'run_php_script', 'set_apache_acl'],
  async run(ctx) {
    const client = await connect(ctx);
    const dir = ctx.unique('mpdir');
    await client.system(`mkdir ${dir}`);
    ctx.cleanup(() => client.system(`rm -rf ${dir}`));
    const file = `${dir}/myfile.txt`;

    await ctx.step('write_file w then a', async () => {
      assertStruct(await client.writeFile(file, 'eggs, spam, spam, and spam.\n', 'w'), 'write_file');
      await client.writeFile(file, 'spam, spam, spam, and eggs.\n', 'a');
      assert.equal(await client.system(`cat ${file}`), 'eggs, spam, spam, and spam.\nspam, spam, spam, and eggs.\n');
    });
    await ctx.step("replace_in_file, the seed's example", async () => {
      // Seed § replace_in_file: ('eggs', 'spam') answers '' and rewrites every occurrence.
      assert.equal(await client.replaceInFile(file, ['eggs', 'spam']), '');
      assert.equal(await client.system(`cat ${file}`), 'spam, spam, spam, and spam.\nspam, spam, spam, and spam.\n');
    });
    await ctx.step('write_file faults', async () => {
      await expectFault(client.writeFile(file, 'x', 'r' as 'w'), 'invalid_data', /mode/);
      await expectFault(client.writeFile(`${dir}/missing/dir/file.txt`, 'x', 'w'), 'io_error', /No such file or directory/);
      await expectFault(client.replaceInFile(`${dir}/absent.txt`, ['a', 'b']), 'io_error');
    });
    await ctx.step('run_php_script', async () => {
      await client.writeFile(`${dir}/hello.php`, '<p><?php echo "Hello, " . $who; ?></p>\n', 'w');
      assert.equal(await client.runPhpScript(`${dir}/hello.php`, "$who = 'widgets';"), '<p>Hello, widgets</p>\n');
    });
    await ctx.step('set_apache_acl', async () => {
      assertStruct(await client.setApacheAcl([file, dir], 'rx', true), 'set_apache_acl');
      await expectFault(client.setApacheAcl(file, 'rwz'), 'invalid_data', /permission/);
      await expectFault(client.setApacheAcl(`${dir}/nothing-here`), 'io_error');
    });
  },
});

const system = defineScenario({
  id: 'webfaction/system',
  panel: 'webfaction',
  title: 'system() runs in the home directory, or in the app create_app just made; anything on standard error is a fault',
  access: 'mutating',
  basis: 'documented',
  methods: ['system', 'create_app', 'write_file', 'delete_app'],
  async run(ctx) {
    const client = await connect(ctx);
    const home = (await client.system('pwd')).trim();
    assert.match(home, new RegExp(`/${client.account!.username}$`), 'a fresh session starts at home');
    const app = ctx.unique('mpapp_');
    await client.createApp(app, 'static', false, '');
    ctx.cleanup(() => client.deleteApp(app));
    await ctx.step('after create_app the session works in the app directory', async () => {
      assert.equal((await client.system('pwd')).trim(), `${home}/webapps/${app}`);
      // write_file follows the same directory (daisylb/webfaction-installers writes conf/ files this way).
      await client.system('mkdir -p conf');
      await client.writeFile('conf/app.conf', 'listen 80\n', 'w');
      assert.equal(await client.system(`cat ${home}/webapps/${app}/conf/app.conf`), 'listen 80\n');
    });
    await ctx.step('standard error becomes a fault', async () => {
      const e = await expectFault(client.system('ls /no/such/place/here'), 'fault');
      assert.match(e.faultString, /No such file or directory/);
      await expectFault(client.system('definitely_not_a_command_xyz'), 'fault', /command not found/);
    });
    await ctx.step('redirections and pipes', async () => {
      assert.equal(await client.system('echo one > list.txt; echo two >> list.txt; cat list.txt | wc -l'), '2\n');
      assert.equal(await client.system('ls /no/such/place 2>/dev/null; echo done'), 'done\n');
    });
  },
});

const shellUsers = defineScenario({
  id: 'webfaction/shell-users',
  panel: 'webfaction',
  title: 'shell users: shells none/bash/sh/ksh/csh/tcsh, extra groups without the own group; answers in the manner of list_users',
  access: 'mutating',
  basis: 'documented',
  methods: ['create_user', 'list_users', 'change_user_password', 'delete_user'],
  async run(ctx) {
    const client = await connect(ctx);
    const own = client.account!.username;
    const user = ctx.unique('mpuser');
    const created = await client.createUser(user, 'tcsh', [own]);
    ctx.cleanup(async () => {
      if ((await client.listUsers()).some((u) => u.username === user)) await client.deleteUser(user);
    });
    assert.deepEqual({ ...created, machine: '' }, { username: user, machine: '', shell: 'tcsh', groups: [own] });
    assert.deepEqual((await client.listUsers()).find((u) => u.username === user)?.groups, [own]);
    assert.equal((await client.changeUserPassword(user, 'Sh3ll-pass')).username, user);
    await ctx.step('faults', async () => {
      await expectFault(client.createUser(ctx.unique('mpuser'), 'zsh' as 'bash', []), 'invalid_data', /shell/);
      const other = ctx.unique('mpuser');
      await expectFault(client.createUser(other, 'bash', [other]), 'invalid_data', /own group/);
      await expectFault(client.createUser(user, 'bash', []), 'invalid_data', /already exists/);
      await expectFault(client.deleteUser(ctx.unique('mpuser')), 'invalid_data');
    });
    await ctx.step('delete_user answers the user it deleted', async () => {
      assert.equal((await client.deleteUser(user)).username, user);
      assert.equal(
        (await client.listUsers()).some((u) => u.username === user),
        false,
      );
    });
  },
});

export const fileAndShellScenarios: Scenario[] = [files, system, shellUsers];
