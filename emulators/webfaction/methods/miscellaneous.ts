import { defineMethods } from '../../core/define-methods.js';
import type { WfCall } from '../call.js';
import { faults } from '../faults.js';
import { FsError, homeOf } from '../home-tree.js';
import { PhpError, runPhp } from '../php.js';
import { runShell } from '../shell.js';
import { apacheAcl, setApacheAcl } from '../store/apache-acls.js';
import { crontabOf } from '../store/cron.js';

/** Seed § Miscellaneous. */
export const miscellaneousMethods = defineMethods<WfCall>({
  system: {
    run(call) {
      const { accountId, username, machine, cwd } = call.session;
      const result = runShell(call.str('cmd'), {
        tree: call.tree(),
        // Seed § system(): after create_app in this session, commands run in that app's directory.
        cwd,
        user: username,
        home: homeOf(username),
        hostname: `${machine.toLowerCase()}.webfaction.com`,
        nowSeconds: call.now(),
        crontab: () => crontabOf(call.db, accountId),
        apacheAcl: (path) => apacheAcl(call.db, accountId, path),
      });
      if (result.stderr) throw faults.commandFailed(result.stderr);
      return result.stdout;
    },
  },

  run_php_script: {
    run(call) {
      const tree = call.tree();
      const home = homeOf(call.session.username);
      const script = call.str('script');
      // Seed § run_php_script: an absolute path, or a path from the user's home directory.
      const path = tree.resolve(script, home);
      const source = tree.readFile(path, script).toString('utf8');
      try {
        return runPhp(call.str('code_before'), source, { tree, cwd: home, scriptName: path });
      } catch (error) {
        if (error instanceof PhpError) throw faults.phpError(error.message);
        throw error;
      }
    },
  },

  set_apache_acl: {
    run(call) {
      const permission = call.str('permission');
      // Seed § set_apache_acl: "r, w, or x or a combination thereof".
      if (!/^[rwx]{1,3}$/.test(permission) || new Set(permission).size !== permission.length) {
        throw faults.invalid('permission', `must be r, w, x or a combination of them, got "${permission}"`);
      }
      const raw = call.param('paths');
      const paths = Array.isArray(raw) ? raw : [raw];
      if (!paths.length) throw faults.invalid('paths', 'give at least one path');
      const tree = call.tree();
      const home = homeOf(call.session.username);
      const resolved = paths.map((p) => {
        if (typeof p !== 'string') throw faults.invalid('paths', 'must be a path or a list of paths');
        // Seed: "path from home directory".
        const at = tree.resolve(p, home);
        tree.require(at, p);
        if (!tree.owns(at)) throw faults.fileError(new FsError('EACCES', p));
        return at;
      });
      const ordered = [...'rwx'].filter((p) => permission.includes(p)).join('');
      for (const at of resolved) setApacheAcl(call.db, call.session.accountId, at, ordered, call.bool('recursive'));
      // Undocumented return: a struct, never nil (Ansible's webfaction modules call result.update() on such answers).
      return {};
    },
  },
});
