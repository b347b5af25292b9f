// Build step after tsc: copies the runtime's JSON data (scripts/data-files.json) into dist/ at its source path,
// where kernel/data-file.ts reads it from the data root (dist/ after a build). Plain .mjs: it runs before dist/ exists.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { files } = JSON.parse(readFileSync(join(root, 'scripts', 'data-files.json'), 'utf8'));
for (const file of files) {
  mkdirSync(dirname(join(root, 'dist', file)), { recursive: true });
  copyFileSync(join(root, file), join(root, 'dist', file));
}
