import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostsUnavailable } from '../../cli/run-hosts.js';
import type { ClientReport } from '../../emulators/core/client-report.js';
import { describeWithClient } from '../support/third-party.js';

/**
 * `mockpanel run -- <command>` from the built CLI with real clients: the exit
 * status, the pass-through of the command's output, the report written, and
 * that an interrupted run leaves no process behind.
 */
const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run "npm run build" (npm test does it first)');
  dir = mkdtempSync(join(tmpdir(), 'mockpanel-run-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [cli, 'run', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Finished>((r) => child.once('close', (code, signal) => r({ code, signal, stdout, stderr })));
  return { child, done };
}

const mockpanelRun = (args: string[]) => start(args).done;
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as ClientReport;

/** Running (a zombie is dead: an orphan waits for an init that may never reap it). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (!existsSync('/proc/self/stat')) return true;
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
};

async function waitFor<T>(probe: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const value = probe();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeWithClient(
  'mockpanel run: Python xmlrpc.client runs the WebFaction docs example',
  { command: 'python3', args: ['-c', 'import xmlrpc.client'], install: 'apt-get install python3' },
  () => {
    it('passes the script its endpoint and login, its stdout through untouched, and reports its calls', async () => {
      const out = join(dir, 'webfaction.json');
      const r = await mockpanelRun(['--report-out', out, '--fail-on', 'findings', '--', 'python3', 'test/third-party/run/webfaction_docs_example.py']);
      expect(r.code, r.stderr).toBe(0);
      // stdout is the script's alone: one JSON line, no mockpanel lines mixed in.
      const answer = JSON.parse(r.stdout) as { account: string; domain: { id: number; subdomains: string[] }; website: { id: number } };
      expect(answer).toMatchObject({ account: 'widgetsco', domain: { id: 47255, subdomains: ['www', 'design'] }, website: { id: 67074 } });
      expect(r.stderr).toMatch(/^\[mockpanel\] /m);
      expect(r.stderr).toContain('WebFaction: 3 calls');
      const report = json(out);
      expect(report.panels.map((p) => p.panel)).toEqual(['webfaction']);
      expect(report.panels[0].methods.map((m) => m.method).sort()).toEqual(['create_domain', 'create_website', 'login']);
      expect(report.panels[0].findings).toEqual([]);
    });
  },
);

describeWithClient(
  'mockpanel run: PHP SoapClient session against ISPConfig SOAP',
  { command: 'php', args: ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);'], install: 'apt-get install php-cli php-soap' },
  () => {
    it('logs in, calls and logs out with the exported location and login; the HTML report is the client report page', async () => {
      const out = join(dir, 'ispconfig.html');
      const r = await mockpanelRun(['--report-out', out, '--', 'php', 'test/third-party/run/session.php']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^functions: \d{3}\nLogged out\.\n$/);
      const html = readFileSync(out, 'utf8');
      expect(html).toContain('<h1>Client report for world "default"</h1>');
      expect(html).toContain('<h2>ISPConfig 3</h2>');
      for (const method of ['login', 'get_function_list', 'logout']) expect(html).toContain(`<code>${method}</code>`);
    });
  },
);

describeWithClient('mockpanel run: sh and curl against WHM', { command: 'curl', install: 'apt-get install curl' }, () => {
  const curl = 'curl -sf -H "Authorization: whm $MOCKPANEL_WHM_USERNAME:$MOCKPANEL_WHM_TOKEN" "$MOCKPANEL_WHM_URL/json-api/listaccts"';

  it('a call without api.version is flagged; --fail-on findings fails the run and the JUnit report has a failing case for it', async () => {
    const out = join(dir, 'reports', 'whm.xml'); // a folder not made yet, as in the README's CI recipe
    const r = await mockpanelRun(['--fail-on', 'findings', '--report', 'junit', '--report-out', out, '--', 'sh', '-c', curl]);
    expect(r.stdout).toContain('"acct"'); // curl's output, passed through
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('--fail-on findings');
    expect(r.stderr).toContain('whm.no-api-version');
    const junit = readFileSync(out, 'utf8');
    expect(junit).toMatch(/<testcase classname="mockpanel\.whm" name="whm\.no-api-version">\s*<failure type="whm\.no-api-version"/);
    expect(junit).toMatch(/<testsuite name="cPanel WHM API 1" tests="2" failures="1"/);
  });

  it('the same calls pass without --fail-on, and with api.version=1 they pass --fail-on findings', async () => {
    expect((await mockpanelRun(['--', 'sh', '-c', curl])).code).toBe(0);
    const fixed = await mockpanelRun(['--fail-on', 'findings', '--', 'sh', '-c', curl.replace('listaccts"', 'listaccts?api.version=1"')]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toContain('cPanel WHM API 1: 1 calls, 1/');
    expect(fixed.stderr).toContain('no findings');
  });

  it("with --data-dir the report covers this run's calls only, not the ones the kept world already holds", async () => {
    const data = join(dir, 'data');
    const out = join(dir, 'second.json');
    expect((await mockpanelRun(['--data-dir', data, '--', 'sh', '-c', `${curl}; ${curl}`])).code).toBe(0);
    expect((await mockpanelRun(['--data-dir', data, '--report-out', out, '--', 'sh', '-c', curl])).code).toBe(0);
    expect(json(out).panels.map((p) => [p.panel, p.calls])).toEqual([['whm', 1]]);
  });
});

describeWithClient(
  'mockpanel run --hosts: clients with hard-coded URLs',
  { command: 'python3', args: ['-c', 'import xmlrpc.client, ssl'], install: 'apt-get install python3' },
  () => {
    const why = hostsUnavailable();
    const script = [
      'import xmlrpc.client, os',
      "s = xmlrpc.client.ServerProxy('https://api.webfaction.com/')",
      "sid, account = s.login(os.environ['MOCKPANEL_WEBFACTION_USERNAME'], os.environ['MOCKPANEL_WEBFACTION_PASSWORD'])",
      "g = xmlrpc.client.ServerProxy('https://api.gandi.net/hosting/')",
      "print(account['username'], len(g.login(os.environ['MOCKPANEL_GANDI_USERNAME'], os.environ['MOCKPANEL_GANDI_PASSWORD'])), os.path.exists(os.environ['MOCKPANEL_CA_FILE']), os.environ['MOCKPANEL_CA_FILE'])",
    ].join('\n');

    it.runIf(why === undefined)(
      'reaches https://api.webfaction.com/ and https://api.gandi.net/ with the throwaway CA trusted, for the command only',
      async () => {
        const hostsBefore = readFileSync('/etc/hosts', 'utf8');
        const r = await mockpanelRun(['--hosts', '--fail-on', 'findings', '--', 'python3', '-c', script]);
        expect(r.code, r.stderr).toBe(0);
        const [user, session, caExists, caFile] = r.stdout.trim().split(' ');
        expect([user, session, caExists]).toEqual(['widgetsco', '32', 'True']);
        expect(r.stderr).toMatch(/WebFaction: 1 calls.*\n.*Gandi Hosting 1\.0: 1 calls/);
        // The names were the command's alone, and the CA went with the run.
        expect(readFileSync('/etc/hosts', 'utf8')).toBe(hostsBefore);
        expect(existsSync(caFile)).toBe(false);
      },
    );

    it.runIf(why !== undefined)('says why --hosts cannot work here and where the manual way is', async () => {
      const r = await mockpanelRun(['--hosts', '--', 'true']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--hosts is not possible here: ${why}`);
    });
  },
);

describe('mockpanel run: exit status and signals', () => {
  it("exits with the command's status", async () => {
    expect((await mockpanelRun(['--', 'false'])).code).toBe(1);
    expect((await mockpanelRun(['--', 'sh', '-c', 'exit 7'])).code).toBe(7);
    expect((await mockpanelRun(['--', 'true'])).code).toBe(0);
  });

  it('a command that cannot start exits 127 and the server still stops', async () => {
    const r = await mockpanelRun(['--', 'no-such-command-mockpanel']);
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('cannot start no-such-command-mockpanel');
  });

  it('usage errors name what is wrong', async () => {
    expect((await mockpanelRun(['false'])).stderr).toContain('Give the command after "--"');
    expect((await mockpanelRun(['--fail-on', 'everything', '--', 'true'])).stderr).toContain('--fail-on is findings, unknown-methods, none');
    expect((await mockpanelRun(['--fial-on', 'findings', '--', 'true'])).stderr).toContain('Did you mean --fail-on?');
    // --help before "--" is ours; after it, the command's.
    expect((await mockpanelRun(['--help'])).stdout).toContain('MOCKPANEL_ISPCONFIG_JSON_URL');
    const passed = await mockpanelRun(['--', 'sh', '-c', 'echo "$0"', '--help']);
    expect([passed.code, passed.stdout]).toEqual([0, '--help\n']);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} stops the command, what it started and the server, and leaves no process`, async () => {
      const pidFile = join(dir, `${signal}.pids`);
      // sh starts a background sleep (which ignores SIGINT, as sh's background jobs do) and waits.
      const { child, done } = start(['--', 'sh', '-c', `sleep 300 & echo "$$ $! $MOCKPANEL_URL" > ${pidFile}; wait`]);
      const [shPid, sleepPid, url] = await waitFor(
        () => (existsSync(pidFile) && readFileSync(pidFile, 'utf8').endsWith('\n') ? readFileSync(pidFile, 'utf8').trim().split(' ') : undefined),
        'the command to start',
      );
      expect((await fetch(`${url}/_admin/health`)).ok).toBe(true);
      child.kill(signal);
      const r = await done;
      expect(r.stderr).toContain(`${signal}: stopping the command`);
      expect(r.code).toBe(signal === 'SIGTERM' ? 143 : 130);
      expect(alive(Number(shPid))).toBe(false);
      expect(alive(Number(sleepPid))).toBe(false);
      expect(alive(child.pid!)).toBe(false);
      await expect(fetch(`${url}/_admin/health`)).rejects.toThrow();
    });
  }
});
