import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PanelId } from '../../kernel/panel-id.js';

/**
 * Seed documents, as named in the workspace's shared/seeds. The contracts cite
 * them by these names; the distiller reads them; nothing at gen time does.
 */
export const SEEDS = {
  webfaction: 'seeds/000_baf43031cf69dc23.txt',
  gandi: 'seeds/001_884707f4c69a0302.txt',
  gandiShort: 'seeds/003_ea5aa006404c17e9.txt',
  ispconfig: 'seeds/002_7b3af921984e8b0a.txt',
  whm: 'seeds/004_3961e65386ab0594.txt',
} as const;

/** Research files beside the seeds, by the names the contracts cite. */
export const RESEARCH = {
  webfaction: 'research/webfaction-gandi/webfaction.json',
  webfactionRealworld: 'research/webfaction-gandi/realworld.md',
  gandi: 'research/webfaction-gandi/gandi.json',
  ispconfig: 'research/ispconfig/inventory.json',
  ispconfigProtocol: 'research/ispconfig/protocol.md',
  ispconfigSummary: 'research/ispconfig/summary.md',
  whm: 'research/whm/whm-api.json',
  whmTiers: 'research/whm/tiers.json',
  whmSummary: 'research/whm/summary.md',
} as const;

/** One shared file a fact file was distilled from: its name, checksum and the public source it stands for. */
export interface ProvenanceFile {
  path: string;
  sha256: string;
  bytes: number;
  /** The public document or code the file itself names as its origin. */
  origin: string;
}

/** Where a fact file comes from, so a reader can check it against the documents without trusting the distiller. */
export interface Provenance {
  distiller: string;
  files: ProvenanceFile[];
  /** Facts the contract models by hand, which the distiller found still stated in these files. */
  checked: string[];
}

/** A fact file under contracts/sources/: what the extractors read instead of the seeds and research. */
export interface SourceFile<F> {
  provenance: Provenance;
  facts: F;
}

/**
 * A fact an extractor models by hand (a fault string, a rule) and the shared
 * file that states it: the distiller fails when the file no longer does.
 */
export interface Mention {
  file: string;
  needle: string;
  what: string;
}

/** contracts/sources/ in this checkout. */
export const SOURCES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'sources');

/** The facts of a panel's committed source file. */
export function readFacts<F>(panel: PanelId, sourcesDir = SOURCES_DIR): F {
  return (JSON.parse(readFileSync(join(sourcesDir, `${panel}.json`), 'utf8')) as SourceFile<F>).facts;
}

/** The committed text of a fact file: two-space indent, final newline (the distiller writes it so). */
export function renderSources(file: SourceFile<unknown>): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
