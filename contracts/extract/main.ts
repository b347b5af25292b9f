// Regenerates contracts/<panel>.json from the fact files in contracts/sources/ (nothing outside the repository).
// Usage: npm run gen:contracts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PANEL_IDS } from '../../kernel/panel-id.js';
import { EXTRACTORS } from './all.js';
import { renderContract } from './canonical.js';
import { SOURCES_DIR } from './source-files.js';

for (const panel of PANEL_IDS) {
  const contract = EXTRACTORS[panel]();
  const file = join(SOURCES_DIR, '..', `${panel}.json`);
  writeFileSync(file, renderContract(contract));
  console.log(`${panel}: ${contract.methods.length} methods → ${file}`);
}
