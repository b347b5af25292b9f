import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, openMemory, type DB } from '../../state/database.js';
import { HomeTree } from './home-tree.js';
import { webfactionMigrations } from './schema.js';
import { seedWebfaction } from './seed.js';
import { runShell, type ShellResult } from './shell.js';

// The shell over a real seeded database: widgetsco's home tree as the seed makes it.
const HOME = '/home/widgetsco';
let db: DB;
let tree: HomeTree;
let acl: Map<string, { permission: string; recursive: boolean }>;

beforeEach(() => {
  db = openMemory();
  migrate(db, [{ id: 'webfaction', migrations: webfactionMigrations }]);
  seedWebfaction(db, { nowSeconds: 1_700_000_000, config: undefined });
  tree = new HomeTree(db, 12345, [HOME], 1_700_000_000);
  acl = new Map();
});

function sh(cmd: string, cwd = HOME): ShellResult {
  return runShell(cmd, {
    tree,
    cwd,
    user: 'widgetsco',
    home: HOME,
    hostname: 'web100.webfaction.com',
    nowSeconds: 1_700_000_000,
    crontab: () => ['0 3 * * * ~/bin/backup'],
    apacheAcl: (path) => acl.get(path),
  });
}

describe('system() shell', () => {
  it('starts where the session is and knows who it is', () => {
    expect(sh('pwd').stdout).toBe(`${HOME}\n`);
    expect(sh('pwd', `${HOME}/webapps`).stdout).toBe(`${HOME}/webapps\n`);
    expect(sh('whoami; hostname').stdout).toBe('widgetsco\nweb100.webfaction.com\n');
    expect(sh('echo $HOME ${USER} "$HOME/x" \'$HOME\'').stdout).toBe(`${HOME} widgetsco ${HOME}/x $HOME\n`);
  });

  it('cd lasts for the rest of the command line only', () => {
    expect(sh('cd webapps && pwd').stdout).toBe(`${HOME}/webapps\n`);
    expect(sh('pwd').stdout).toBe(`${HOME}\n`);
    expect(sh('cd nowhere').stderr).toBe('bash: cd: nowhere: No such file or directory\n');
  });

  it('writes with > and >>, reads with < and cat, and the files persist in the tree', () => {
    expect(sh('echo one > a.txt; echo two >> a.txt; cat < a.txt').stdout).toBe('one\ntwo\n');
    expect(tree.readFile(`${HOME}/a.txt`).toString()).toBe('one\ntwo\n');
    expect(sh('echo -n x > a.txt; cat a.txt').stdout).toBe('x');
  });

  it('reports errors as bash and coreutils word them, on stderr', () => {
    expect(sh('cat missing.txt')).toMatchObject({ stdout: '', stderr: 'cat: missing.txt: No such file or directory\n', status: 1 });
    expect(sh('ls missing')).toMatchObject({ stderr: "ls: cannot access 'missing': No such file or directory\n", status: 2 });
    expect(sh('frobnicate --now')).toMatchObject({ stderr: 'bash: frobnicate: command not found\n', status: 127 });
    expect(sh('mkdir webapps').stderr).toBe("mkdir: cannot create directory 'webapps': File exists\n");
    expect(sh('rm webapps').stderr).toBe("rm: cannot remove 'webapps': Is a directory\n");
    expect(sh('echo "unclosed').stderr).toMatch(/unexpected EOF while looking for matching/);
    expect(sh('ls -z').stderr).toBe("ls: invalid option -- 'z'\n");
  });

  it('sends stderr where the redirections say', () => {
    expect(sh('cat missing.txt 2>/dev/null; echo after')).toMatchObject({ stdout: 'after\n', stderr: '' });
    expect(sh('cat missing.txt 2>&1')).toMatchObject({ stdout: 'cat: missing.txt: No such file or directory\n', stderr: '' });
    expect(sh('cat missing.txt 2> err.log')).toMatchObject({ stdout: '', stderr: '' });
    expect(tree.readFile(`${HOME}/err.log`).toString()).toMatch(/No such file/);
    expect(sh('cat missing.txt &> all.log; cat all.log').stdout).toMatch(/No such file/);
  });

  it('runs && and || by exit status, and pipes output into the next command', () => {
    expect(sh('false && echo no || echo yes').stdout).toBe('yes\n');
    expect(sh('true && echo yes').stdout).toBe('yes\n');
    expect(sh('printf_missing; echo $?').stdout).toBe('127\n');
    sh('echo b > l.txt; echo a >> l.txt; echo c >> l.txt');
    expect(sh('cat l.txt | sort').stdout).toBe('a\nb\nc\n');
    expect(sh('cat l.txt | sort -r | head -n 1').stdout).toBe('c\n');
    expect(sh('cat l.txt | grep -v a | wc -l').stdout).toBe('2\n');
    expect(sh('tail -n 2 l.txt').stdout).toBe('a\nc\n');
    expect(sh('grep -c . l.txt').stdout).toBe('3\n');
  });

  it('lists directories, hides dot files unless -a, and shows modes with -l', () => {
    sh('mkdir -p site/static && touch site/index.html site/.htaccess && chmod 600 site/index.html');
    expect(sh('ls site').stdout).toBe('index.html\nstatic\n');
    expect(sh('ls -a site').stdout).toBe('.\n..\n.htaccess\nindex.html\nstatic\n');
    expect(sh('ls -l site').stdout).toMatch(/^total \d+\n-rw------- 1 widgetsco widgetsco 0 .* index\.html\ndrwxr-xr-x .* static\n$/);
    expect(sh('ls site/*.html').stdout).toBe('site/index.html\n');
    expect(sh("ls 'site/*.html'").stderr).toMatch(/cannot access 'site\/\*\.html'/);
  });

  it('copies, moves and removes files and trees', () => {
    sh('mkdir -p src/sub && echo hi > src/sub/f.txt');
    expect(sh('cp src dst').stderr).toBe("cp: -r not specified; omitting directory 'src'\n");
    sh('cp -r src dst && mv dst/sub/f.txt moved.txt');
    expect(sh('cat moved.txt src/sub/f.txt').stdout).toBe('hi\nhi\n');
    expect(sh('ls dst/sub').stdout).toBe('');
    sh('rm -rf src dst');
    expect(tree.get(`${HOME}/src`)).toBeUndefined();
    expect(sh('rm -f not-there').stderr).toBe('');
  });

  it('sees / and /home on the way to the home, and may write nowhere outside it', () => {
    expect(sh('ls /home').stdout).toBe('widgetsco\n');
    expect(sh('cd ..; pwd').stdout).toBe('/home\n');
    expect(sh('ls /etc').stderr).toMatch(/No such file or directory/);
    expect(sh('touch /tmp/x').stderr).toBe("touch: cannot touch '/tmp/x': No such file or directory\n");
    expect(sh('mkdir /home/other').stderr).toBe("mkdir: cannot create directory '/home/other': Permission denied\n");
    expect(sh(`rm -rf ${HOME}`).stderr).toBe(`rm: cannot remove '${HOME}': Permission denied\n`);
  });

  it('reads grep patterns as basic regular expressions, where ( ) + | are plain characters', () => {
    sh("echo 'a(b)+c' > p.txt; echo abc >> p.txt; echo 'x*y' >> p.txt");
    expect(sh("grep 'a(b)+c' p.txt").stdout).toBe('a(b)+c\n');
    expect(sh("grep '^a.c$' p.txt").stdout).toBe('abc\n');
    expect(sh("grep '*y' p.txt").stdout).toBe('x*y\n');
    // A pattern that would backtrack exponentially as a JavaScript regular expression is harmless here.
    sh(`echo ${'a'.repeat(40)}! > long.txt`);
    expect(sh("grep '(a+)+$' long.txt")).toMatchObject({ stdout: '', status: 1 });
  });

  it('shows the account crontab and the Apache ACL', () => {
    expect(sh('crontab -l').stdout).toBe('0 3 * * * ~/bin/backup\n');
    sh('touch page.html');
    acl.set(`${HOME}/page.html`, { permission: 'rx', recursive: false });
    expect(sh('getfacl page.html').stdout).toContain('user:apache:r-x');
  });
});
