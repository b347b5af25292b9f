/**
 * Cold start of the CLI, three ways in one run, as medians and ratios to `node dist/cli/main.js`:
 * the installed bin through `npx mockpanel`, the installed bin through `node_modules/.bin/mockpanel`,
 * and `node dist/cli/main.js` in this clone. Two measures each: `--version` (spawn to exit) and
 * `serve --port 0` (spawn to the first 200 from /_admin/health).
 *
 *   npm run build && npx vite-node bench/cold-start.ts [rounds] [installed-project-dir]
 *
 * Without a project folder it packs dist/ and installs the tarball into a temporary one first
 * (about two minutes: better-sqlite3 compiles), and reports the install time and sizes too.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[2] ?? 11);
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));

let project = process.argv[3];
let work: string | undefined;
if (!project) {
  work = mkdtempSync(join(tmpdir(), 'mockpanel-cold-start-'));
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, env, encoding: 'utf8' })) as {
    filename: string;
    size: number;
    unpackedSize: number;
  }[];
  project = join(work, 'project');
  execFileSync('mkdir', [project]);
  execFileSync('npm', ['init', '-y'], { cwd: project, env, stdio: 'ignore' });
  const began = process.hrtime.bigint();
  execFileSync('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', join(work, info.filename)], {
    cwd: project,
    env,
    stdio: 'ignore',
  });
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const du = (p: string) => execFileSync('du', ['-sk', p], { encoding: 'utf8' }).split('\t')[0];
  console.log(`tarball ${(info.size / 1024).toFixed(0)} KiB (${(info.unpackedSize / 1024).toFixed(0)} KiB unpacked)`);
  console.log(
    `install ${seconds.toFixed(1)} s; node_modules/mockpanel ${du(join(project, 'node_modules', 'mockpanel'))} KiB; whole node_modules ${du(join(project, 'node_modules'))} KiB`,
  );
}

const WAYS: Record<string, { command: string; args: string[]; cwd: string }> = {
  'npx mockpanel': { command: 'npx', args: ['mockpanel'], cwd: project },
  'node_modules/.bin/mockpanel': { command: join(project, 'node_modules', '.bin', 'mockpanel'), args: [], cwd: project },
  'node dist/cli/main.js': { command: 'node', args: [join(root, 'dist', 'cli', 'main.js')], cwd: root },
};

function timeVersion(way: (typeof WAYS)[string]): number {
  const began = process.hrtime.bigint();
  execFileSync(way.command, [...way.args, '--version'], { cwd: way.cwd, env, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - began) / 1e6;
}

async function timeServe(way: (typeof WAYS)[string]): Promise<number> {
  const began = process.hrtime.bigint();
  // Its own process group, so npx's child node goes down with it.
  const child = spawn(way.command, [...way.args, 'serve', '--port', '0'], { cwd: way.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /http:\/\/[^\s/]+:(\d+)\//.exec(output);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
  });
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/_admin/health`).catch(() => undefined);
    if (res?.status === 200) break;
  }
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples: Record<string, { version: number[]; serve: number[] }> = Object.fromEntries(Object.keys(WAYS).map((k) => [k, { version: [], serve: [] }]));
for (let round = 0; round < rounds; round++) {
  // Interleaved, so machine load drifts over all three alike.
  for (const [name, way] of Object.entries(WAYS)) {
    samples[name].version.push(timeVersion(way));
    samples[name].serve.push(await timeServe(way));
  }
}

const base = samples['node dist/cli/main.js'];
console.log(`\ncold start, median of ${rounds} (ms), ratio to node dist/cli/main.js`);
console.log(`${'way'.padEnd(30)} ${'--version'.padStart(10)} ${'ratio'.padStart(6)} ${'serve→healthy'.padStart(14)} ${'ratio'.padStart(6)}`);
for (const [name, s] of Object.entries(samples)) {
  const v = median(s.version);
  const sv = median(s.serve);
  console.log(
    `${name.padEnd(30)} ${v.toFixed(0).padStart(10)} ${(v / median(base.version)).toFixed(2).padStart(6)} ${sv.toFixed(0).padStart(14)} ${(sv / median(base.serve)).toFixed(2).padStart(6)}`,
  );
}
const npmExec = samples['npx mockpanel'].version.map((v, i) => v - samples['node_modules/.bin/mockpanel'].version[i]);
console.log(`\nnpx's own cost (npx minus the bin, --version, median): ${median(npmExec).toFixed(0)} ms`);
if (work) rmSync(work, { recursive: true, force: true });
