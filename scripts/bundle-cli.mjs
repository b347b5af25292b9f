// Build step after tsc and copy-data: bundles the CLI (dist/cli/main.js, the package's `bin`) into a few files, so
// `mockpanel serve` loads about ten modules instead of ~280. Node 20 has no compile cache: resolving, reading and
// compiling each module file was over half of the CLI's cold start (issue 21). Only the CLI is bundled; the library
// entry points (dist/index.js, /msw, /vitest, /testing, /clients) stay tsc's one-file-per-module output.
//
// fast-xml-parser (pure ESM, on every XML call's path, ~40 small files with its own dependencies) is bundled in;
// every other dependency stays external and loads from node_modules as before: better-sqlite3 is native, express
// loads only on the first admin request, xmlrpc (CommonJS) only in the reference clients, re2js only for a
// pattern the linear-time check refuses. The commands' lazy imports become chunks.
//
// The chunks land in dist/cli/ itself, one folder below dist/, as kernel/data-file.js sits one folder below it
// in the tree and in tsc's output: kernel/data-file.ts finds the data root as `../` of whatever module it was
// compiled into, so this build refuses to write anything anywhere else.
import { build } from 'esbuild';
import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli');
const staging = join(root, 'dist', '.cli-bundle');
const INLINED = new Set(['fast-xml-parser']);
const { dependencies, devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(staging, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(cli, 'main.js')],
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(dependencies).filter((name) => !INLINED.has(name)),
  chunkNames: '[name]-[hash]',
  absWorkingDir: root,
  metafile: true,
  logLevel: 'warning',
});
// Only the inlined packages and what they depend on may be in the bundle: a dev dependency there would mean runtime
// code imports one (the package tests would then fail only in a user's install).
const inlinedDev = Object.keys(result.metafile.inputs)
  .map((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1])
  .filter((name) => name && name in devDependencies);
if (inlinedDev.length) throw new Error(`bundle-cli: runtime code imports dev dependencies: ${[...new Set(inlinedDev)]}`);
const outputs = Object.keys(result.metafile.outputs).map((p) => join(root, p));
const astray = outputs.filter((p) => dirname(p) !== staging);
if (astray.length) throw new Error(`bundle-cli: outputs outside one folder would break data-file.ts's data root: ${astray.map((p) => relative(root, p))}`);

// tsc's per-module CLI files are replaced by the bundle: nothing imports them (the bin is main.js).
rmSync(cli, { recursive: true, force: true });
renameSync(staging, cli);
const files = readdirSync(cli);
console.log(`bundle-cli: dist/cli/ holds ${files.length} files (main.js and its chunks)`);
