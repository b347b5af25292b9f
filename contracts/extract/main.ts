// Regenerates contracts/<panel>.json from the seeds and research in ../shared.
// Usage: npm run gen:contracts -- [sharedDir]
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PANEL_IDS } from '../../kernel/panel-id.js';
import { EXTRACTORS } from './all.js';
import { renderContract } from './canonical.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const contractsDir = join(repoRoot, 'contracts');
const sharedDir = resolve(process.argv[2] ?? join(repoRoot, '..', 'shared'));

if (!existsSync(sharedDir)) {
  console.error(`No shared folder at ${sharedDir}: the contracts are generated from its seeds and research; pass its path as the first argument.`);
  process.exit(1);
}

for (const panel of PANEL_IDS) {
  const contract = EXTRACTORS[panel](sharedDir);
  const file = join(contractsDir, `${panel}.json`);
  writeFileSync(file, renderContract(contract));
  console.log(`${panel}: ${contract.methods.length} methods → ${file}`);
}
