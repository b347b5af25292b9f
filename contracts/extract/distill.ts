// One-time distiller: reads the workspace's seeds and research and writes the
// fact files under contracts/sources/ that npm run gen:contracts reads.
// Usage: npm run gen:sources -- [sharedDir]   (default: <repo>/../shared)
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DISTILLED_PANELS, DISTILLERS } from './distill/all.js';
import { SOURCES_DIR, renderSources } from './source-files.js';

const sharedDir = resolve(process.argv[2] ?? join(SOURCES_DIR, '..', '..', '..', 'shared'));

if (!existsSync(join(sharedDir, 'seeds')) || !existsSync(join(sharedDir, 'research'))) {
  console.error(`No seeds and research at ${sharedDir}: pass the shared folder's path as the first argument.`);
  process.exit(1);
}

for (const panel of DISTILLED_PANELS) {
  const text = renderSources(DISTILLERS[panel](sharedDir));
  const file = join(SOURCES_DIR, `${panel}.json`);
  writeFileSync(file, text);
  console.log(`${panel}: ${text.length} bytes → ${file}`);
}
