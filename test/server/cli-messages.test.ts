import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// What a user sees from the CLI when something is mistyped, missing or misplaced, and the README's
// record-then-verify example run as written.
const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');
let dir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run "npm run build" (npm test does it first)');
  dir = mkdtempSync(join(tmpdir(), 'mockpanel-cli-messages-'));
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mockpanel = (args: string[], cwd = root) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

/** Starts a long-running command and resolves with it once `ready` matches its stdout. */
function startUntil(args: string[], ready: RegExp, cwd = root): Promise<{ child: ChildProcess; match: RegExpExecArray; out: () => string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolvePromise, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = ready.exec(out);
      if (m) resolvePromise({ child, match: m, out: () => out });
    });
    child.on('exit', (code) => reject(new Error(`mockpanel ${args[0]} exited with ${code}: ${err}`)));
  });
}

describe('CLI messages', () => {
  it('suggests the command or flag meant, and names a missing required flag or value', () => {
    const command = mockpanel(['serv']);
    expect([command.status, command.stderr.split('\n')[0]]).toEqual([2, 'mockpanel: Unknown command "serv". Did you mean "serve"?']);
    const flag = mockpanel(['serve', '--prot', '0']);
    expect([flag.status, flag.stderr.split('\n')[0]]).toEqual([2, 'mockpanel: Unknown flag --prot. Did you mean --port?']);
    expect(mockpanel(['verify', 'x.json', '--secret', 's.json']).stderr).toContain('Did you mean --secrets?');
    const target = mockpanel(['record', '--panel', 'whm', '--out', join(dir, 'x.json')]);
    expect([target.status, target.stderr.split('\n')[0]]).toEqual([2, 'mockpanel: --target URL (the real panel to record) is required.']);
    expect(mockpanel(['record', '--panel', 'whm', '--out']).stderr.split('\n')[0]).toBe('mockpanel: --out needs a value (--out VALUE).');
    expect(mockpanel(['serve', '--strict-worlds=yes']).stderr.split('\n')[0]).toBe('mockpanel: --strict-worlds is a switch and takes no value.');
  });

  it('a seed account without a password is named by its path, without a stack, for every panel', () => {
    const cases: [string, unknown, string][] = [
      ['whm', { resellers: [{ user: 'bob', domain: 'bob.example' }] }, 'whm.resellers[0].password is missing'],
      [
        'whm',
        {
          accounts: [
            { user: 'eve', password: 'x', domain: 'eve.example' },
            { user: 'amy', domain: 'amy.example' },
          ],
        },
        'whm.accounts[1].password is missing',
      ],
      ['webfaction', { accounts: [{ username: 'x', machines: ['Web100'] }] }, 'webfaction.accounts[0].password is missing'],
      ['gandi', { accounts: [{ handle: 'X-GANDI' }] }, 'accounts[0] needs "handle" and "password" strings'],
      ['ispconfig', { remoteUsers: [{ username: 'u' }] }, 'ispconfig.remoteUsers[0].password is missing'],
    ];
    for (const [panel, section, message] of cases) {
      const file = join(dir, `seed-${panel}.json`);
      writeFileSync(file, JSON.stringify({ [panel]: section }));
      const r = mockpanel(['serve', '--port', '0', '--seed', file]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/SqliteError|\n\s+at /);
    }
  });

  it('coverage prints to standard output and writes no file unless --out is given', () => {
    const cwd = mkdtempSync(join(dir, 'coverage-'));
    const r = mockpanel(['coverage'], cwd);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# /);
    expect(r.stdout).toContain('WebFaction');
    expect(readdirSync(cwd)).toEqual([]);
    expect(mockpanel(['coverage', '--out', 'C.md'], cwd).status).toBe(0);
    expect(readFileSync(join(cwd, 'C.md'), 'utf8')).toBe(r.stdout);
  });

  it('verify --known-drift: the shipped docs cassettes verify clean, and fail without it', () => {
    const files = ['webfaction', 'gandi', 'ispconfig', 'whm'].flatMap((p) =>
      readdirSync(join(root, 'fixtures/docs', p))
        .filter((f) => f.endsWith('.json'))
        .map((f) => `fixtures/docs/${p}/${f}`),
    );
    const known = mockpanel(['verify', ...files, '--known-drift', 'fixtures/docs/known-drift.json']);
    expect(known.status, known.stdout.slice(-2000)).toBe(0);
    expect(known.stdout).toMatch(
      new RegExp(`${files.length}/${files.length} cassettes without new drift, \\d+ interactions drift as fixtures/docs/known-drift.json lists`),
    );
    const plain = mockpanel(['verify', ...files]);
    expect(plain.status).toBe(1);
  });

  it('serve --host 0.0.0.0 prints URLs another machine can reach, not 127.0.0.1', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    const { child, out } = await startUntil(['serve', '--port', '0', '--host', '0.0.0.0'], /Worlds /);
    const banner = out();
    const panelUrls = banner.split('\n').filter((l) => /^\s+https?:\/\//.test(l));
    expect(panelUrls.length).toBeGreaterThan(5);
    if (external.length) {
      for (const line of panelUrls) expect(line).toContain(`//${external[0]}:`);
      expect(banner).not.toMatch(/^\s+http:\/\/127\.0\.0\.1/m);
      for (const address of external.slice(1)) expect(banner).toContain(`//${address}:`);
    }
    expect(banner).toContain('Listening on every interface (0.0.0.0)');
    child.kill('SIGTERM');
  });

  it("the README's record-then-verify example works as written (with --secrets-out / --secrets)", async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf('## Fixtures: record, replay, verify'));
    const line = (command: string) => /^npx mockpanel (\w+ .*?)\s+#/m.exec(block.slice(block.indexOf(`npx mockpanel ${command}`)))![1].split(/\s+/);
    const recordArgs = line('record');
    const verifyArgs = line('verify');
    expect(recordArgs).toContain('--secrets-out');
    expect(verifyArgs).toContain('--secrets');

    // The "real panel": a mockpanel serving WHM at its real paths on a port of its own.
    const panel = await startUntil(
      ['serve', '--port', '0', '--whm-port', '0'],
      /cPanel WHM API 1\n(?:.*\n)*?\s+(http:\/\/127\.0\.0\.1:\d+)\/json-api\/<function>\n/,
    );
    const target = panel.match[1];
    const cwd = mkdtempSync(join(dir, 'record-'));
    const recorder = await startUntil(
      recordArgs.map((a) => (a === 'https://whm.example.com:2087' ? target : a)),
      /mockpanel record: (http:\/\/\S+) →/,
      cwd,
    );
    const auth = { authorization: 'whm root:MOCKPANELROOTTOKEN00000000000000' };
    const listed = await fetch(`${recorder.match[1]}/json-api/listaccts?api.version=1`, { headers: auth });
    expect(((await listed.json()) as { metadata: { result: number } }).metadata.result).toBe(1);
    await fetch(`${recorder.match[1]}/json-api/createacct?api.version=1&username=readme&domain=readme.example`, { headers: auth });
    await new Promise<void>((r) => {
      recorder.child.once('exit', () => r());
      recorder.child.kill('SIGINT');
    });
    panel.child.kill('SIGTERM');

    const verified = mockpanel(verifyArgs, cwd);
    expect(verified.stdout).toContain('whm-session.json: 2/2 interactions equal');
    expect(verified.status, verified.stdout).toBe(0);
    // Without the secrets the placeholders go to the emulator instead of the token, and the calls drift.
    expect(
      mockpanel(
        verifyArgs.filter((a, i) => a !== '--secrets' && verifyArgs[i - 1] !== '--secrets'),
        cwd,
      ).status,
    ).toBe(1);
  });
});
