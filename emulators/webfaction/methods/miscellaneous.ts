import { prepare } from '../../../state/database.js';
import { bit, bool, sessionHandlers, str, treeOf, type WfHandler } from '../call.js';
import { dataError, invalid, WebfactionError } from '../faults.js';
import { FsError, homeOf } from '../home-tree.js';
import { PhpError, runPhp } from '../php.js';
import { runShell } from '../shell.js';
import { crontabOf } from './cron.js';

const handlers: Record<string, WfHandler> = {
  system(c) {
    const tree = treeOf(c);
    const result = runShell(str(c.p.cmd), {
      tree,
      // Seed § system(): after create_app in this session, commands run in that app's directory.
      cwd: c.session.cwd,
      user: c.session.username,
      home: homeOf(c.session.username),
      hostname: `${c.session.machine.toLowerCase()}.webfaction.com`,
      nowSeconds: c.now,
      crontab: () => crontabOf(c.db, c.session.accountId),
      apacheAcl: (path) => {
        const row = prepare<[number, string], { permission: string; recursive: number }>(c.db, 'SELECT permission, recursive FROM wf_apache_acl WHERE account_id = ? AND path = ?').get(
          c.session.accountId,
          path,
        );
        return row && { permission: row.permission, recursive: !!row.recursive };
      },
    });
    // Seed § system(): "If cmd prints anything to standard error, the API method will return an XML-RPC fault";
    // the fault string is what the command printed (the contract marks that text as ours).
    // What the commands changed stays although the answer is a fault, as a real shell's effects would.
    if (result.stderr) throw new WebfactionError('Exception', result.stderr.replace(/\n$/, ''), { verbatim: true, keepChanges: true });
    return result.stdout;
  },

  run_php_script(c) {
    const tree = treeOf(c);
    const home = homeOf(c.session.username);
    const script = str(c.p.script);
    // Seed § run_php_script: an absolute path, or a path from the user's home directory.
    const path = tree.resolve(script, home);
    const source = tree.readFile(path, script).toString('utf8');
    try {
      return runPhp(str(c.p.code_before), source, { tree, cwd: home, scriptName: path });
    } catch (error) {
      if (error instanceof PhpError) throw dataError(error.message);
      throw error;
    }
  },

  set_apache_acl(c) {
    const permission = str(c.p.permission);
    // Seed § set_apache_acl: "r, w, or x or a combination thereof".
    if (!/^[rwx]{1,3}$/.test(permission) || new Set(permission).size !== permission.length) {
      throw invalid('permission', `must be r, w, x or a combination of them, got "${permission}"`);
    }
    const raw = c.p.paths;
    const paths = Array.isArray(raw) ? raw : [raw];
    if (!paths.length) throw invalid('paths', 'give at least one path');
    const tree = treeOf(c);
    const home = homeOf(c.session.username);
    const resolved = paths.map((p) => {
      if (typeof p !== 'string') throw invalid('paths', 'must be a path or a list of paths');
      // Seed: "path from home directory".
      const at = tree.resolve(p, home);
      tree.require(at, p);
      if (!tree.owns(at)) throw new FsError('EACCES', p);
      return at;
    });
    for (const at of resolved) {
      prepare(
        c.db,
        'INSERT INTO wf_apache_acl (account_id, path, permission, recursive) VALUES (?, ?, ?, ?) ON CONFLICT(account_id, path) DO UPDATE SET permission = excluded.permission, recursive = excluded.recursive',
      ).run(c.session.accountId, at, [...'rwx'].filter((p) => permission.includes(p)).join(''), bit(bool(c.p.recursive)));
    }
    // Undocumented return: a struct, never nil (summary.md §4.4).
    return {};
  },
};

export const miscellaneousHandlers = sessionHandlers(handlers);
