import { readFileSync } from 'node:fs';

/**
 * Reads a JSON data file of the package, named relative to the reading module
 * (`import.meta.url`). The one rule for every data file: it sits at the same
 * place relative to its reader in the source tree and in dist/, because the
 * build copies each file listed in scripts/data-files.json into dist/ at its
 * source path. So a clone (vitest, vite-node), dist/ and an installed package
 * all read it the same way, with no guessing between trees. (Not a JSON
 * import: Node 20 before 20.10 cannot parse `with { type: 'json' }`, and later
 * 20.x releases print an ExperimentalWarning for it.)
 */
export function readDataJson<T>(relative: string, moduleUrl: string): T {
  return JSON.parse(readFileSync(new URL(relative, moduleUrl), 'utf8')) as T;
}
