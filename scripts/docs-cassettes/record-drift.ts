/**
 * Verifies the docs cassettes and writes what differs into
 * fixtures/docs/known-drift.json, then prints the counts per panel:
 *
 *   npm run gen:docs-drift
 *
 * Run it after rebuilding the cassettes or changing an emulator on purpose,
 * and review the diff of known-drift.json: every entry is a place where the
 * emulator and the document disagree.
 */
import { writeFileSync } from 'node:fs';
import { KNOWN_DRIFT_FILE, verifyDocs } from './verify-docs.js';

const { counts, drift } = await verifyDocs();
writeFileSync(KNOWN_DRIFT_FILE, `${JSON.stringify(drift, null, 1)}\n`);
console.log('| panel | cassettes | interactions | verified equal |\n|---|---|---|---|');
for (const [panel, c] of Object.entries(counts)) console.log(`| ${panel} | ${c.cassettes} | ${c.interactions} | ${c.equal} |`);
console.log(`${Object.keys(drift).length} drifting interactions written to ${KNOWN_DRIFT_FILE}`);
