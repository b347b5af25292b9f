import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Seed documents, as named in ../shared/seeds. */
export const SEEDS = {
  webfaction: 'seeds/000_baf43031cf69dc23.txt',
  gandi: 'seeds/001_884707f4c69a0302.txt',
  gandiShort: 'seeds/003_ea5aa006404c17e9.txt',
  ispconfig: 'seeds/002_7b3af921984e8b0a.txt',
  whm: 'seeds/004_3961e65386ab0594.txt',
} as const;

/** Research files the extractors read, relative to the shared folder. */
export const RESEARCH = {
  webfaction: 'research/webfaction-gandi/webfaction.json',
  webfactionRealworld: 'research/webfaction-gandi/realworld.md',
  gandi: 'research/webfaction-gandi/gandi.json',
  ispconfig: 'research/ispconfig/inventory.json',
  ispconfigProtocol: 'research/ispconfig/protocol.md',
  whm: 'research/whm/whm-api.json',
  whmTiers: 'research/whm/tiers.json',
  whmSummary: 'research/whm/summary.md',
} as const;

export function readText(sharedDir: string, file: string): string {
  return readFileSync(join(sharedDir, file), 'utf8');
}

export function readJson<T>(sharedDir: string, file: string): T {
  return JSON.parse(readText(sharedDir, file)) as T;
}

/** 1-based line of the first line containing `needle`, or throws: a seed that lost a fact must stop the generator. */
export function lineOf(text: string, needle: string, what: string): number {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`${what}: "${needle}" not found`);
  return text.slice(0, at).split('\n').length;
}

/** Throws when a fact the generator models by hand is no longer present in its research file. */
export function mustMention(text: string, needle: string, what: string): void {
  if (!text.includes(needle)) throw new Error(`${what}: research no longer mentions "${needle}"`);
}
