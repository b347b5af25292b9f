// Rewrites the generated client files (clients/*/*.generated.ts) from the committed contracts: npm run gen:clients
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_CLIENT_FILES } from './all.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
for (const file of GENERATED_CLIENT_FILES) {
  writeFileSync(join(root, file.path), file.generate());
  console.log(`wrote ${file.path}`);
}
