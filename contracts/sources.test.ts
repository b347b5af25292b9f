import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISTILLED_PANELS, DISTILLERS } from './extract/distill/all.js';
import { distillWebfaction } from './extract/distill/webfaction.js';
import { RESEARCH, SEEDS, SOURCES_DIR, renderSources, type SourceFile } from './extract/source-files.js';

// The seeds and research live beside the repository in the maintainers' workspace only; a clone has contracts/sources.
const sharedDir = resolve(SOURCES_DIR, '..', '..', '..', 'shared');
const haveShared = existsSync(join(sharedDir, 'seeds')) && existsSync(join(sharedDir, 'research'));

describe('contracts/sources are what the distiller makes of the seeds and research', () => {
  it.skipIf(!haveShared).each(DISTILLED_PANELS)(
    `%s.json is what npm run gen:sources writes from ${sharedDir} (skipped where that folder is absent, as in a user's clone)`,
    (panel) => {
      const committed = readFileSync(join(SOURCES_DIR, `${panel}.json`), 'utf8');
      const fresh = renderSources(DISTILLERS[panel](sharedDir));
      expect(fresh === committed, `contracts/sources/${panel}.json is stale: run npm run gen:sources, then npm run gen:contracts`).toBe(true);
    },
  );

  it.skipIf(!haveShared)('the distiller stops when a document no longer states a fact the contract models by hand, or a signature moved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockpanel-distill-'));
    try {
      for (const f of [SEEDS.webfaction, RESEARCH.webfaction, RESEARCH.webfactionRealworld]) cpSync(join(sharedDir, f), join(dir, f), { recursive: true });
      expect(() => distillWebfaction(dir)).not.toThrow();
      const realworld = join(dir, RESEARCH.webfactionRealworld);
      const original = readFileSync(realworld, 'utf8');
      writeFileSync(realworld, original.replaceAll('LoginError', 'LogonError'));
      expect(() => distillWebfaction(dir)).toThrow(/no longer states/);
      writeFileSync(realworld, original);
      const seed = join(dir, SEEDS.webfaction);
      writeFileSync(seed, readFileSync(seed, 'utf8').replace('delete_mailbox(session_id, mailbox)', 'delete_mailbox(session_id, name)'));
      expect(() => distillWebfaction(dir)).toThrow(/delete_mailbox/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(DISTILLED_PANELS)('%s.json says where every fact comes from (file, checksum, public origin)', (panel) => {
    const file = JSON.parse(readFileSync(join(SOURCES_DIR, `${panel}.json`), 'utf8')) as SourceFile<unknown>;
    expect(file.provenance.files.length).toBeGreaterThan(0);
    for (const f of file.provenance.files) {
      expect(f.path).toMatch(/^(seeds|research)\//);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.origin.length).toBeGreaterThan(10);
    }
  });
});
