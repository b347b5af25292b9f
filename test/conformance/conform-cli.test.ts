import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCoverage, renderCoverageMarkdown } from '../../conformance/coverage.js';
import { loadScenarios, type ConformanceReport } from '../../conformance/runner.js';
import { PANELS } from '../../emulators/mockpanel.js';

// The built CLI, as a user runs it (npm test builds first).
const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'mockpanel-conform-'));
const children: ChildProcess[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function mockpanel(args: string[]): Promise<Run> {
  if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run "npm run build" (npm test does it first)');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** `mockpanel serve --port 0` in its own process; resolves with its shared URL once the banner is out. */
async function serve(): Promise<string> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((done, fail) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Admin API\s+(https?:\/\/[^/\s]+)\/_admin/.exec(out);
      if (m) done(m[1]);
    });
    child.on('exit', (code) => fail(new Error(`mockpanel serve exited with ${code}`)));
  });
}

/** The JSON report a run wrote; when it wrote none, the failure shows what the run printed. */
function readReport(folder: string, run: Run): ConformanceReport {
  const file = join(dir, folder, 'conformance.json');
  if (!existsSync(file)) throw new Error(`mockpanel conform wrote no report (exit ${run.code}):\n${run.stderr}${run.stdout}`);
  return JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
}
// Ids and statuses (a failure's message may hold a random unique name); skip reasons are fixed text.
const outcomes = (r: ConformanceReport) => r.panels.flatMap((p) => p.results.map((x) => `${x.id} ${x.status}${x.status === 'skipped' ? ` ${x.message}` : ''}`));
const failures = (r: ConformanceReport) =>
  r.panels.flatMap((p) => p.results.filter((x) => x.status === 'failed').map((x) => `${x.id} [${x.step}]: ${x.message}`));

let inProcess: Run;
beforeAll(async () => {
  inProcess = await mockpanel(['conform', '--reporter', 'console,junit,html,json', '--out', 'in-process']);
}, 180_000);
afterAll(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('mockpanel conform (built CLI)', () => {
  it('runs every scenario in-process, exits 0 when all pass, and writes JSON, JUnit and HTML', async () => {
    const report = readReport('in-process', inProcess);
    const expected = await loadScenarios();
    expect(expected.length).toBeGreaterThan(0);
    expect(report.counts.total).toBe(expected.length);
    expect(failures(report)).toEqual([]);
    expect(inProcess.code, inProcess.stderr).toBe(0);
    expect(inProcess.stdout).toMatch(new RegExp(`OK — ${expected.length} scenarios: `));
    expect(inProcess.stdout).toContain(`wrote ${join('in-process', 'junit.xml')}`);

    const xml = readFileSync(join(dir, 'in-process', 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml);
    const cases = doc.testsuites.testsuite.flatMap((s: { testcase?: { name: string }[] }) => s.testcase ?? []);
    expect(cases).toHaveLength(expected.length);
    expect(cases.map((c: { name: string }) => c.name.split(':')[0]).sort()).toEqual(expected.map((s) => s.id).sort());
    expect(Number(doc.testsuites.tests)).toBe(expected.length);
    expect(Number(doc.testsuites.failures)).toBe(0);

    const html = readFileSync(join(dir, 'in-process', 'conformance.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const p of ['webfaction', 'gandi', 'ispconfig', 'whm', 'cpanel']) expect(html).toContain(`id="panel-${p}"`);
  });

  it('gives the same results with --url at a separately started mockpanel serve', async () => {
    const url = await serve();
    const run = await mockpanel(['conform', '--url', url, '--reporter', 'json', '--out', 'server']);
    expect(run.code, run.stderr).toBe(inProcess.code);
    const server = readReport('server', run);
    expect(server.target).toEqual({ kind: 'server', url });
    expect(outcomes(server)).toEqual(outcomes(readReport('in-process', inProcess)));
  }, 180_000);

  it('--read-only skips the mutating scenarios with a reason, and --panel narrows the run', async () => {
    const run = await mockpanel(['conform', '--panel', 'gandi', '--read-only', '--reporter', 'json', '--out', 'read-only']);
    const report = readReport('read-only', run);
    expect(report.panels.map((p) => p.panel)).toEqual(['gandi']);
    const results = report.panels[0].results;
    for (const r of results) {
      if (r.access === 'mutating') expect(r).toMatchObject({ status: 'skipped', message: 'mutating scenario, and the run is --read-only' });
      else expect(r.status).not.toBe('skipped');
    }
    expect(run.code).toBe(report.counts.failed || !report.counts.total ? 1 : 0);
  }, 120_000);

  it('answers usage errors with exit code 2 and a message saying what to do', async () => {
    const cases: [string[], RegExp][] = [
      [['conform', '--panel', 'plesk'], /--panel takes webfaction, gandi, ispconfig, whm/],
      [['conform', '--remote'], /--remote needs --url/],
      [['conform', '--reporter', 'tap'], /--reporter takes/],
      [['conform', '--url', 'ftp://x'], /--url must be http or https/],
      [['conform', '--url', 'https://panel.example:2087', '--remote'], /one panel: pass --panel/],
      [['conform', '--url', 'https://panel.example:2087', '--remote', '--panel', 'whm'], /needs its login/],
      [['conform', '--url', 'http://127.0.0.1:9'], /Cannot reach http:\/\/127\.0\.0\.1:9/],
      [['conform', '--bogus'], /Unknown flag --bogus\./],
      [['conform', '--reportr', 'tap'], /Unknown flag --reportr\. Did you mean --reporter\?/],
    ];
    for (const [args, message] of cases) {
      const run = await mockpanel(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
  }, 60_000);
});

describe('mockpanel coverage (built CLI)', () => {
  it('writes the report and --check tells a current file from a stale one', async () => {
    expect((await mockpanel(['coverage', '--out', 'COVERAGE.md'])).code).toBe(0);
    // What the source tree renders (conformance/coverage.test.ts compares that with the committed file).
    expect(readFileSync(join(dir, 'COVERAGE.md'), 'utf8')).toBe(renderCoverageMarkdown(computeCoverage(PANELS, await loadScenarios())));
    expect(await mockpanel(['coverage', '--check', '--out', 'COVERAGE.md'])).toMatchObject({ code: 0 });
    writeFileSync(join(dir, 'COVERAGE.md'), 'old\n');
    const stale = await mockpanel(['coverage', '--check', '--out', 'COVERAGE.md']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('COVERAGE.md is stale: run "npx mockpanel coverage --out COVERAGE.md"');
  }, 60_000);
});
