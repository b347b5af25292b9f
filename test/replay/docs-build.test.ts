import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PANEL_IDS } from '../../kernel/panel-id.js';
import { buildPanelDocs, WHM_REFERENCE } from '../../scripts/docs-cassettes/build-docs.js';
import { cassetteProblems } from '../../emulators/replay/cassette.js';
import { DOCS_DIR } from '../../scripts/docs-cassettes/verify-docs.js';

// The committed docs cassettes are exactly what the build makes from their sources.
describe('docs cassettes match their sources', () => {
  for (const panel of PANEL_IDS) {
    // The cPanel account APIs have no seed document, hence no docs cassettes (fixtures/README.md).
    if (panel === 'cpanel') continue;
    const absent = panel === 'whm' && !existsSync(WHM_REFERENCE);
    it.skipIf(absent)(`${panel}${absent ? ` (skipped: ${WHM_REFERENCE} is absent, only a checkout beside the research notes can rebuild WHM's)` : ''}`, () => {
      const built = buildPanelDocs(panel)!;
      const committed = readdirSync(join(DOCS_DIR, panel))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort();
      expect(committed).toEqual([...built.keys()].sort());
      for (const [name, cassette] of built) {
        expect(cassetteProblems(cassette), name).toEqual([]);
        expect(JSON.parse(readFileSync(join(DOCS_DIR, panel, `${name}.json`), 'utf8')), `${panel}/${name}.json is stale: npm run gen:docs`).toEqual(cassette);
      }
    });
  }
});
