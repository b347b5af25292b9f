import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { show } from '../../emulators/replay/masks.js';
import { KNOWN_DRIFT_FILE, verifyDocs, type DocsVerification, type DriftMap } from '../../scripts/docs-cassettes/verify-docs.js';

// Every cassette in fixtures/docs/ (the documents' own examples) re-issued to a fresh emulator world.
// Where the emulator and a document disagree the difference is listed in fixtures/docs/known-drift.json
// and reported; a new difference, or a listed one that went away, fails here.
let result: DocsVerification;

beforeAll(async () => {
  result = await verifyDocs();
}, 120_000);

describe('docs cassettes verified against the emulator', () => {
  it('covers every panel', () => {
    for (const [panel, c] of Object.entries(result.counts)) {
      // The cPanel account APIs have no seed document to build docs cassettes from (fixtures/README.md).
      if (panel === 'cpanel') continue;
      expect(c.cassettes, panel).toBeGreaterThan(0);
      expect(c.equal, panel).toBeGreaterThan(0);
    }
  });

  it('drifts exactly where fixtures/docs/known-drift.json says, field by field', () => {
    const known = JSON.parse(readFileSync(KNOWN_DRIFT_FILE, 'utf8')) as DriftMap;
    const fresh = Object.keys(result.drift).filter((k) => JSON.stringify(result.drift[k]) !== JSON.stringify(known[k]));
    const gone = Object.keys(known).filter((k) => !(k in result.drift));
    const message = [
      ...fresh.map(
        (k) =>
          `new drift ${k} ${result.details[k].method}: ${result.details[k].diffs.map((d) => `${d.path} recorded ${show(d.recorded)}, now ${show(d.actual)}${d.why ? ` (${d.why})` : ''}`).join('; ')}`,
      ),
      ...gone.map((k) => `${k} no longer drifts: remove it from known-drift.json (npm run gen:docs-drift)`),
    ].join('\n');
    expect(message).toBe('');
  });

  it('the counts in fixtures/README.md are the current ones', () => {
    const readme = readFileSync(new URL('../../fixtures/README.md', import.meta.url), 'utf8');
    for (const [panel, c] of Object.entries(result.counts)) {
      expect(readme).toContain(`| ${panel} | ${c.cassettes} | ${c.interactions} | ${c.equal} |`);
    }
  });
});
