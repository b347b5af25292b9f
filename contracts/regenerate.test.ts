import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PANEL_IDS } from '../kernel/panel-id.js';
import { EXTRACTORS } from './extract/all.js';
import { renderContract } from './extract/canonical.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');
// The seeds and research live beside the repository in the workspace; a user's clone has only the generated contracts.
const sharedDir = resolve(repoRoot, '..', 'shared');
const haveShared = existsSync(join(sharedDir, 'seeds')) && existsSync(join(sharedDir, 'research'));

describe('committed contracts match their generators', () => {
  if (!haveShared) {
    it.skip(`skipped: ${sharedDir} is absent (a user's clone ships the generated contracts without the seeds and research)`, () => {});
    return;
  }
  it.each(PANEL_IDS)('%s.json is what contracts/extract/main.ts writes', (panel) => {
    const committed = readFileSync(join(here, `${panel}.json`), 'utf8');
    const fresh = renderContract(EXTRACTORS[panel](sharedDir));
    // Compare the text: key order and formatting are part of what keeps regeneration diffs small.
    expect(fresh === committed, `${panel}.json is stale: run npm run gen:contracts`).toBe(true);
  });
});
