import { readFileSync } from 'node:fs';

/*
 * The package's data root: the folder its data files hang from by their source paths (`contracts/whm.json`).
 * The build copies each file listed in scripts/data-files.json into dist/ at its source path, so the root is the
 * repository in a clone (vitest, vite-node) and dist/ in a build or an installed package. This module sits one
 * folder below that root in every layout: kernel/data-file.ts in the tree, dist/kernel/data-file.js in tsc's
 * output, and a chunk in dist/cli/ in the bundled CLI (scripts/bundle-cli.mjs refuses to write elsewhere). So
 * `../` of this module's own URL is the root wherever the code runs, bundled or not, with no guessing between
 * trees. (Paths relative to each reader's module would break once the CLI is bundled: every reader then lives
 * in one chunk.)
 */
const DATA_ROOT = new URL('../', import.meta.url);

/** The URL of a data file named by its path from the package root (`contracts/whm.json`, `emulators/server/ui/`). */
export function dataFileUrl(rootRelative: string): URL {
  return new URL(rootRelative, DATA_ROOT);
}

/**
 * Reads a JSON data file of the package, named by its path from the package
 * root (`contracts/whm.json`). (Not a JSON import: Node 20 before 20.10
 * cannot parse `with { type: 'json' }`, and later 20.x releases print an
 * ExperimentalWarning for it.)
 */
export function readDataJson<T>(rootRelative: string): T {
  return JSON.parse(readFileSync(dataFileUrl(rootRelative), 'utf8')) as T;
}
