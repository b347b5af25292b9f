import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PANEL_IDS, type PanelId } from '../../kernel/panel-id.js';
import { createMockpanel } from '../../emulators/mockpanel.js';
import { readCassette } from '../../emulators/replay/cassette.js';
import { inProcessIssuer, verifyCassette, type InteractionReport } from '../../emulators/replay/verifier.js';

export const DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'docs');
/** Differences between the documents and the emulator that are known and reported (see fixtures/README.md). */
export const KNOWN_DRIFT_FILE = join(DOCS_DIR, 'known-drift.json');

/** `<panel>/<file>#<interaction>` → the JSON pointers that differ. */
export type DriftMap = Record<string, string[]>;

export interface DocsVerification {
  counts: Record<PanelId, { cassettes: number; interactions: number; equal: number }>;
  drift: DriftMap;
  /** Per drifting interaction, the report lines (for a failing test's message). */
  details: Record<string, InteractionReport>;
}

/** Verifies every docs cassette against a fresh emulator world each (of `core`, by default a new one). */
export async function verifyDocs(core = createMockpanel()): Promise<DocsVerification> {
  const emulator = inProcessIssuer(core);
  const counts = Object.fromEntries(PANEL_IDS.map((p) => [p, { cassettes: 0, interactions: 0, equal: 0 }])) as DocsVerification['counts'];
  const drift: DriftMap = {};
  const details: Record<string, InteractionReport> = {};
  for (const panel of PANEL_IDS) {
    let files: string[];
    try {
      files = readdirSync(join(DOCS_DIR, panel))
        .filter((f) => f.endsWith('.json'))
        .sort();
    } catch {
      continue;
    }
    for (const file of files) {
      const cassette = readCassette(join(DOCS_DIR, panel, file));
      const world = emulator.fresh(cassette.settings);
      const report = await verifyCassette(cassette, { issue: world });
      world.close();
      counts[panel].cassettes++;
      counts[panel].interactions += report.interactions.length;
      counts[panel].equal += report.equal;
      for (const r of report.interactions.filter((i) => !i.equal)) {
        const key = `${panel}/${file}#${r.index}`;
        drift[key] = [...new Set(r.diffs.map((d) => d.path))];
        details[key] = r;
      }
    }
  }
  return { counts, drift, details };
}
