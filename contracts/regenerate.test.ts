import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PANEL_IDS } from '../kernel/panel-id.js';
import { EXTRACTORS } from './extract/all.js';
import { renderContract } from './extract/canonical.js';

const here = dirname(fileURLToPath(import.meta.url));

// The extractors read only contracts/sources/, so this runs in every clone.
describe('committed contracts match their generators', () => {
  it.each(PANEL_IDS)('%s.json is what npm run gen:contracts writes from its fact file in contracts/sources/', (panel) => {
    const committed = readFileSync(join(here, `${panel}.json`), 'utf8');
    const fresh = renderContract(EXTRACTORS[panel]());
    // Compare the text: key order and formatting are part of what keeps regeneration diffs small.
    expect(fresh === committed, `${panel}.json is stale: run npm run gen:contracts`).toBe(true);
  });
});
