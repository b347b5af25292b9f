// Rewrites methods.generated.ts from conformance/contracts/ispconfig.json: npx vite-node clients/ispconfig/regenerate.ts
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContract } from '../../conformance/contracts/contract.js';
import { generate } from './generate.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'methods.generated.ts');
writeFileSync(out, generate(loadContract('ispconfig')));
console.log(`wrote ${out}`);
