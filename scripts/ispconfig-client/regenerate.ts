// Rewrites methods.generated.ts from contracts/ispconfig.json: npm run gen:ispconfig-client
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContract } from '../../contracts/contract.js';
import { generate } from './generate.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'clients', 'ispconfig', 'methods.generated.ts');
writeFileSync(out, generate(loadContract('ispconfig')));
console.log(`wrote ${out}`);
