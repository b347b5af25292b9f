// The package as a user gets it: `npm pack`, then install the tarball into a fresh project made by the
// Dockerfile's own install command, and use every door from there (CLI, library exports, types, vitest,
// node:test, the container's start and health check). Nothing here reads the source tree at run time except to
// find the tarball's expectations (exports, data files, Dockerfile, examples).
//
// Slow by nature (~2 min): the install compiles better-sqlite3 from source. `npm test` builds dist/ first;
// the tarball is packed from that build with --ignore-scripts so packing never rewrites dist/ under other tests.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; exports: Record<string, unknown> };
const dataFiles = (JSON.parse(readFileSync(join(root, 'scripts', 'data-files.json'), 'utf8')) as { files: string[] }).files;
const SUBPATHS = Object.keys(pkg.exports).filter((k) => k !== './package.json');
const specifier = (subpath: string) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);
/** mockpanel/vitest reads vitest's runtime state when imported: it is checked under vitest below, not in plain node. */
const VITEST_ONLY = new Set(['./vitest']);

/** The environment of a user's shell: none of this npm run's own npm_* settings leak into the child npm. */
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD' && !k.startsWith('VITEST')));

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string>; timeout?: number }): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: { ...userEnv, ...options.env }, timeout: options.timeout ?? 60_000, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function must(ran: Ran, what: string): Ran {
  if (ran.code !== 0) throw new Error(`${what} failed (exit ${ran.code}):\n${ran.stdout.slice(-4000)}\n${ran.stderr.slice(-4000)}`);
  return ran;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The version of a dev tool this repository uses, so the fresh project installs it from the local npm cache. */
const versionOf = (name: string) => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** The Dockerfile's instructions, as the smoke test runs them. */
function dockerfile() {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const lines = text.split('\n').filter((l) => !l.startsWith('#'));
  const json = (keyword: string) => {
    const line = lines.find((l) => l.startsWith(`${keyword} `));
    if (!line) throw new Error(`Dockerfile has no ${keyword}`);
    return JSON.parse(line.slice(line.indexOf('['))) as string[];
  };
  const install = lines.find((l) => l.startsWith('RUN ') && l.includes('$MOCKPANEL_PACKAGE'));
  if (!install) throw new Error('Dockerfile has no RUN installing "$MOCKPANEL_PACKAGE"');
  const port = /^EXPOSE (\d+)/m.exec(text)?.[1];
  if (!port) throw new Error('Dockerfile has no EXPOSE');
  return { install: install.slice(4), entrypoint: json('ENTRYPOINT'), cmd: json('CMD'), healthcheck: json('HEALTHCHECK'), port };
}

let work: string;
let project: string;
let tarball: string;
let packed: { path: string; size: number }[];
let tarballSize: number;
let unpackedSize: number;
const started: ChildProcess[] = [];
const bin = () => join(project, 'node_modules', '.bin', 'mockpanel');

/** Starts a long-running command and resolves with its first listener port once it printed one. */
function startListening(command: string, args: string[], cwd: string): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const child = spawn(command, args, { cwd, env: userEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')} printed no URL in 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /http:\/\/[^\s/]+:(\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), output: () => output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`${command} exited ${code} before listening:\n${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function healthy(port: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/_admin/health`).catch(() => undefined);
  return res?.status === 200;
}

describe('the packed package, installed into a fresh project', () => {
  beforeAll(async () => {
    if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run "npm run build" (npm test does) first');
    work = mkdtempSync(join(tmpdir(), 'mockpanel-packed-'));
    const pack = must(await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root }), 'npm pack');
    const [info] = JSON.parse(pack.stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string; size: number }[] }[];
    tarball = join(work, info.filename);
    packed = info.files;
    tarballSize = info.size;
    unpackedSize = info.unpackedSize;

    // The fresh project is the Dockerfile's own install, run in a temporary folder with the tarball as the package.
    project = join(work, 'project');
    mkdirSync(project);
    const began = Date.now();
    must(await run('sh', ['-c', dockerfile().install], { cwd: project, env: { MOCKPANEL_PACKAGE: tarball }, timeout: 600_000 }), 'the Dockerfile install');
    const installSeconds = (Date.now() - began) / 1000;
    // What a TypeScript/vitest/msw user adds beside it.
    must(await run('npm', ['pkg', 'set', 'type=module'], { cwd: project }), 'npm pkg set');
    const tools = ['vitest', 'msw', 'typescript', '@types/node'].map((t) => `${t}@${versionOf(t)}`);
    must(
      await run('npm', ['install', '-D', '--prefer-offline', '--no-audit', '--no-fund', ...tools], { cwd: project, timeout: 600_000 }),
      'npm install of the dev tools',
    );
    const installed = must(await run('du', ['-sk', join(project, 'node_modules', pkg.name)], { cwd: project }), 'du').stdout.split('\t')[0];
    const all = must(await run('du', ['-sk', join(project, 'node_modules')], { cwd: project }), 'du').stdout.split('\t')[0];
    console.log(
      `packed install: tarball ${(tarballSize / 1024).toFixed(0)} KiB (${packed.length} files, ${(unpackedSize / 1024).toFixed(0)} KiB unpacked); ` +
        `node_modules/${pkg.name} ${installed} KiB; production install ${installSeconds.toFixed(1)} s; node_modules with dev tools ${all} KiB`,
    );
  }, 900_000);

  afterAll(async () => {
    await Promise.all(started.map(stop));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships every data file, the documents the README links to, and no dev scripts or tests', () => {
    const paths = new Set(packed.map((f) => f.path));
    for (const file of dataFiles) expect(paths, `dist/${file} missing from the tarball`).toContain(`dist/${file}`);
    for (const doc of [
      'LICENSE',
      'README.md',
      'ARCHITECTURE.md',
      'CONTRIBUTING.md',
      'COVERAGE.md',
      'Dockerfile',
      'docs/ci.md',
      'emulators/server/admin-api.openapi.json',
      'examples/README.md',
      'examples/node-test/onboarding.test.mjs',
    ]) {
      expect(paths, `${doc} missing from the tarball`).toContain(doc);
    }
    for (const panel of ['webfaction', 'gandi', 'ispconfig', 'whm']) expect(paths).toContain(`emulators/${panel}/README.md`);
    const unwanted = [...paths].filter(
      (p) =>
        p.startsWith('scripts/') ||
        p.startsWith('dist/scripts/') ||
        p.startsWith('test/') ||
        /\.(test|cases)\.(js|d\.ts)$/.test(p) ||
        (/^dist\/.*\.ts$/.test(p) && !p.endsWith('.d.ts')),
    );
    expect(unwanted).toEqual([]);
    expect(JSON.parse(readFileSync(join(project, 'node_modules', pkg.name, 'package.json'), 'utf8')).repository).toBeTruthy();
  });

  it('answers --help and --version for the CLI and every command', async () => {
    const top = must(await run(bin(), ['--help'], { cwd: project }), 'mockpanel --help');
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['serve', 'conform', 'coverage', 'record', 'replay', 'verify', 'report']));
    expect(must(await run(bin(), ['--version'], { cwd: project }), '--version').stdout.trim()).toBe(pkg.version);
    expect(must(await run('npx', ['mockpanel', '--version'], { cwd: project }), 'npx mockpanel --version').stdout.trim()).toBe(pkg.version);
    for (const command of commands) {
      const help = must(await run(bin(), [command, '--help'], { cwd: project }), `mockpanel ${command} --help`);
      expect(help.stdout).toContain(`Usage: mockpanel ${command}`);
      expect(help.stderr).toBe('');
      expect(must(await run(bin(), [command, '--version'], { cwd: project }), `mockpanel ${command} --version`).stdout.trim()).toBe(pkg.version);
    }
  }, 120_000);

  it('serves, turns healthy, and passes conform --url on every panel', async () => {
    const server = await startListening('npx', ['mockpanel', 'serve', '--port', '0'], project);
    expect(await healthy(server.port)).toBe(true);
    const conform = await run(bin(), ['conform', '--url', `http://127.0.0.1:${server.port}`], { cwd: project, timeout: 300_000 });
    expect(conform.code, conform.stdout.slice(-3000) + conform.stderr).toBe(0);
    for (const panel of ['webfaction', 'gandi', 'ispconfig', 'whm']) expect(conform.stdout).toMatch(new RegExp(`^${panel}: [1-9]\\d* passed, 0 failed`, 'm'));
    expect(server.output()).not.toMatch(/ExperimentalWarning/);
    await stop(server.child);
  }, 300_000);

  it('writes the coverage report', async () => {
    const dir = join(work, 'coverage');
    mkdirSync(dir);
    const ran = must(await run(bin(), ['coverage'], { cwd: dir, timeout: 120_000 }), 'mockpanel coverage');
    const report = ran.stdout + (existsSync(join(dir, 'COVERAGE.md')) ? readFileSync(join(dir, 'COVERAGE.md'), 'utf8') : '');
    expect(report).toMatch(/list_domains/);
    expect(report).toMatch(/createacct/);
  }, 120_000);

  it('imports every subpath export in plain node, with nothing on stderr', async () => {
    const plain = SUBPATHS.filter((s) => !VITEST_ONLY.has(s)).map(specifier);
    const script = `
      import { createRequire } from 'node:module';
      const out = {};
      for (const s of ${JSON.stringify(plain)}) out[s] = Object.keys(await import(s)).length;
      out.version = createRequire(import.meta.url)('${pkg.name}/package.json').version;
      console.log(JSON.stringify(out));`;
    const ran = must(await run('node', ['--input-type=module', '-e', script], { cwd: project }), 'plain node imports');
    const counts = JSON.parse(ran.stdout) as Record<string, number | string>;
    for (const s of plain) expect(counts[s], `${s} exports nothing`).toBeGreaterThan(0);
    expect(counts.version).toBe(pkg.version);
    expect(ran.stderr).toBe('');
    // The library works from there, not only loads: a core answers a WHM call.
    const call = `
      import { createMockpanel, panelFetch } from '${pkg.name}';
      const core = createMockpanel();
      const fetch = panelFetch({ core, hosts: { 'whm.test:2087': 'whm' } });
      const res = await fetch('https://whm.test:2087/json-api/version?api.version=1', { headers: { authorization: 'whm root:x' } });
      console.log(res.status);`;
    const answered = await run('node', ['--input-type=module', '-e', call], { cwd: project });
    expect(answered.stderr).toBe('');
    expect(answered.stdout.trim()).toMatch(/^\d{3}$/);
  }, 60_000);

  it('type-checks a file using every export under strict with skipLibCheck: false', async () => {
    const dir = join(project, 'types');
    mkdirSync(dir, { recursive: true });
    const imports = SUBPATHS.map((s, i) => `import * as e${i} from '${specifier(s)}';`).join('\n');
    writeFileSync(
      join(dir, 'every-export.ts'),
      `${imports}
import { createMockpanel, startServer, type Core, type World, type WorldRegistry, type PanelId } from '${pkg.name}';
import { startMockpanel, createTestWorld, type MockpanelWorld } from '${pkg.name}/testing';
import { test } from '${pkg.name}/vitest';
import { createGlobalSetup } from '${pkg.name}/vitest/global-setup';
import { panelHandlers } from '${pkg.name}/msw';
import { WhmClient } from '${pkg.name}/clients/whm';

export const modules = [${SUBPATHS.map((_, i) => `e${i}`).join(', ')}];
const core: Core = createMockpanel();
const registry: WorldRegistry = core.worlds;
export const world: World | undefined = registry.get('default');
export const panel: PanelId = 'whm';
export async function use(): Promise<void> {
  const server = await startMockpanel();
  const w: MockpanelWorld = await createTestWorld({ url: server.url });
  const accounts = await w.clients.whm.listAccounts();
  accounts.map((a) => a.user.toUpperCase());
  await w.dispose();
  await server.close();
  await (await startServer(core, { port: 0 })).close();
}
export const handlers = panelHandlers();
export const setup = createGlobalSetup({ adminToken: 't' });
export const fixture = test;
export const whm = WhmClient;
`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
        },
        files: ['every-export.ts'],
      }),
    );
    const tsc = await run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', dir], { cwd: project, timeout: 180_000 });
    expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
  }, 180_000);

  it('runs the vitest example with the global setup and the world fixture', async () => {
    cpSync(join(root, 'examples', 'vitest-server'), join(project, 'examples', 'vitest-server'), { recursive: true });
    cpSync(join(root, 'examples', 'app'), join(project, 'examples', 'app'), { recursive: true });
    const ran = await run(
      join(project, 'node_modules', '.bin', 'vitest'),
      ['run', '--config', 'examples/vitest-server/vitest.config.ts', '--reporter', 'json'],
      {
        cwd: project,
        timeout: 180_000,
      },
    );
    const report = JSON.parse(ran.stdout.slice(ran.stdout.indexOf('{'))) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
    expect(report, ran.stderr.slice(-3000)).toMatchObject({ numFailedTests: 0, numPendingTests: 0 });
    // No test skipped: the one that runs only when the global setup provided the server ran too.
    expect(report.numPassedTests).toBeGreaterThan(0);
    expect(ran.code).toBe(0);
  }, 180_000);

  it('runs the node:test example with the runner-neutral helpers', async () => {
    cpSync(join(root, 'examples', 'node-test'), join(project, 'examples', 'node-test'), { recursive: true });
    const ran = await run('node', ['--test', 'examples/node-test/'], { cwd: project, timeout: 120_000 });
    expect(ran.code, ran.stdout.slice(-3000) + ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^# pass [1-9]/m);
    expect(ran.stdout).toMatch(/^# fail 0$/m);
  }, 120_000);

  it("starts with the Dockerfile's ENTRYPOINT and CMD and passes its HEALTHCHECK", async () => {
    const { entrypoint, cmd, healthcheck, port } = dockerfile();
    const free = String(await freePort());
    const swap = (args: string[]) => args.map((a) => a.replaceAll(port, free));
    const [command, ...args] = [...entrypoint, ...swap(cmd)];
    const server = await startListening(join(project, command), args, project);
    expect(server.port).toBe(Number(free));
    const [probe, ...probeArgs] = swap(healthcheck);
    const check = await run(probe, probeArgs, { cwd: project, timeout: 10_000 });
    expect(check.code, check.stderr).toBe(0);
    await stop(server.child);
    expect((await run(probe, probeArgs, { cwd: project, timeout: 10_000 })).code).not.toBe(0);
  }, 60_000);
});
