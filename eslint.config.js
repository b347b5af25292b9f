// ESLint: the layer rules of ARCHITECTURE.md, plus a few correctness rules the tree already passes.
// Formatting is Prettier's job (npm run format:check), so no stylistic rule lives here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/** emulators/ folders that are not a panel; every other folder there is one (so a new panel is covered unasked). */
const NOT_PANELS = new Set(['core', 'protocol', 'server', 'testing', 'vitest', 'replay']);
const panels = readdirSync(join(root, 'emulators'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !NOT_PANELS.has(e.name))
  .map((e) => e.name);

/** Dev-only folders: no shipped file may import them. */
const DEV = ['test', 'bench', 'scripts', 'examples'];

/**
 * The layers, lowest first. `may` names the layers a file of this layer may import (its own is implied);
 * every other layer's paths are forbidden to it. Tests, benches and scripts are not layered: they may reach anywhere.
 */
const layers = {
  kernel: { paths: ['kernel'], may: [] },
  contracts: { paths: ['contracts'], may: ['kernel'] },
  state: { paths: ['state'], may: ['kernel', 'contracts'] },
  core: { paths: ['emulators/core'], may: ['kernel', 'contracts', 'state'] },
  codecs: { paths: ['emulators/protocol'], may: ['kernel', 'contracts', 'state', 'core'] },
  ...Object.fromEntries(panels.map((p) => [`panel ${p}`, { paths: [`emulators/${p}`], may: ['kernel', 'contracts', 'state', 'core', 'codecs'] }])),
  // The CLI is the door conformance runs through (mockpanel conform, coverage, run): the one runtime folder that may
  // import conformance/ besides conformance itself.
  cli: { paths: ['cli'], may: ['kernel', 'contracts', 'state', 'core', 'codecs', 'panels', 'doors', 'conformance', 'clients'] },
  conformance: { paths: ['conformance'], may: ['kernel', 'contracts', 'state', 'core', 'codecs', 'panels', 'doors', 'clients'] },
  doors: {
    paths: [
      'emulators/server',
      'emulators/testing',
      'emulators/vitest',
      'emulators/replay',
      'emulators/msw.ts',
      'emulators/in-process.ts',
      'emulators/mockpanel.ts',
      'emulators/seeded-credentials.ts',
      'index.ts',
    ],
    may: ['kernel', 'contracts', 'state', 'core', 'codecs', 'panels', 'clients'],
  },
  // Reference clients speak only the wire: they import nothing of ours outside clients/.
  clients: { paths: ['clients'], may: [] },
  dev: { paths: DEV, may: [] },
};

/**
 * Declared seams: one layer may import one named path of a layer it may not otherwise reach.
 * Paths are relative to the forbidden layer's folder.
 */
const seams = [
  // The codec interface (Codec, DecodedCall, WireInt) is the port the core dispatches through; it imports only the core.
  { from: 'core', to: 'codecs', except: ['./codec.ts'] },
  // cPanel and WHM share one account state (cPanel's UAPI answers for accounts WHM creates); what both doors apply to it
  // (zone-record and domain-name rules, the account Email/Mysql functions) lives in whm/store too. WHM reaches cPanel
  // the other way only through the port emulators/whm/account-apis.ts, filled in emulators/mockpanel.ts.
  { from: 'panel cpanel', to: 'panel whm', except: ['./store'] },
];

/** `may` may name the group `panels` for every panel layer. */
const expand = (names) => names.flatMap((n) => (n === 'panels' ? panels.map((p) => `panel ${p}`) : [n]));

const zones = Object.entries(layers).flatMap(([name, layer]) => {
  if (name === 'dev') return [];
  const allowed = new Set([name, ...expand(layer.may)]);
  return Object.entries(layers)
    .filter(([other]) => !allowed.has(other))
    .map(([other, forbidden]) => ({
      target: layer.paths,
      from: forbidden.paths,
      except: seams.find((s) => s.from === name && s.to === other)?.except ?? [],
      message: `${name} (${layer.paths.join(', ')}) may not import ${other}: see the layer picture in ARCHITECTURE.md.`,
    }));
});

const TESTS = ['**/*.test.ts', '**/*.test.mjs', '**/*.cases.ts', 'test/**'];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'reports/**', 'fixtures/**', 'coverage/**', '**/*.d.ts'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: {
      // TypeScript's NodeNext style: `./x.js` in source names `./x.ts`.
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] }, extensions: ['.ts', '.mjs', '.js', '.json', '.node'] })],
    },
    rules: {
      // A boundary rule skips what it cannot resolve, so every relative import must resolve.
      'import-x/no-unresolved': ['error', { ignore: ['^mockpanel(/|$)'] }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      'no-empty-pattern': 'error',
      'no-dupe-keys': 'error',
      'no-duplicate-case': 'error',
      'no-fallthrough': 'error',
      'no-self-compare': 'error',
      'no-unreachable': 'error',
      'no-unsafe-finally': 'error',
      'no-cond-assign': ['error', 'except-parens'],
      'no-debugger': 'error',
      'use-isnan': 'error',
      'valid-typeof': 'error',
    },
  },
  {
    // Tests may import across layers (they drive the real thing through whichever door fits).
    files: TESTS,
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
);
