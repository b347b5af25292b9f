import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provenance, ProvenanceFile } from '../source-files.js';

/**
 * Reads the workspace's seeds and research for one panel's distiller and
 * keeps the provenance: every file read (checksum, size, public origin) and
 * every hand-modelled fact checked against it. A fact a document no longer
 * states stops the distiller, so stale facts never reach contracts/sources.
 */
export class SharedReader {
  private readonly files = new Map<string, ProvenanceFile>();
  private readonly texts = new Map<string, string>();
  private readonly checked: string[] = [];

  constructor(
    readonly sharedDir: string,
    /** Shared file → the public source it names as its origin. */
    private readonly origins: Record<string, string>,
  ) {}

  text(file: string): string {
    let text = this.texts.get(file);
    if (text === undefined) {
      const origin = this.origins[file];
      if (!origin) throw new Error(`distill: no public origin recorded for ${file}`);
      const bytes = readFileSync(join(this.sharedDir, file));
      text = bytes.toString('utf8');
      this.texts.set(file, text);
      this.files.set(file, { path: file, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, origin });
    }
    return text;
  }

  json<T>(file: string): T {
    return JSON.parse(this.text(file)) as T;
  }

  /** 1-based line of the first line containing `needle`, or throws: a seed that lost a fact must stop the distiller. */
  lineOf(file: string, needle: string, what: string): number {
    const text = this.text(file);
    const at = text.indexOf(needle);
    if (at === -1) throw new Error(`${what}: "${needle}" not found in ${file}`);
    return text.slice(0, at).split('\n').length;
  }

  /** Throws when a fact the extractor models by hand is no longer stated in `file`; records the check. */
  mustMention(file: string, needle: string, what: string): void {
    if (!this.text(file).includes(needle)) throw new Error(`${what}: ${file} no longer states "${needle}"`);
    const entry = `${file}: ${what}`;
    if (!this.checked.includes(entry)) this.checked.push(entry);
  }

  /** Like mustMention, for a value read out of a research record rather than a whole file. */
  mustContain(value: string | undefined, needle: string, what: string): void {
    if (!value?.includes(needle)) throw new Error(`${what}: research no longer says "${needle}"`);
    if (!this.checked.includes(what)) this.checked.push(what);
  }

  provenance(): Provenance {
    return {
      distiller: 'contracts/extract/distill.ts (npm run gen:sources -- <sharedDir>)',
      files: [...this.files.values()],
      checked: this.checked,
    };
  }
}
