import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockpanelError } from '../../kernel/mockpanel-error.js';
import type { ConformanceReport, RunEvent } from '../runner.js';
import { consoleReporter, type ConsoleOptions } from './console.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';

/** The reporters that write a file at the end of a run, and the file each writes in the output folder. */
export const FILE_REPORTERS = {
  json: { file: 'conformance.json', render: renderJson },
  junit: { file: 'junit.xml', render: renderJunit },
  html: { file: 'conformance.html', render: renderHtml },
} as const satisfies Record<string, { file: string; render: (report: ConformanceReport) => string }>;

export type ReporterName = 'console' | keyof typeof FILE_REPORTERS;
export const REPORTER_NAMES: readonly ReporterName[] = ['console', ...(Object.keys(FILE_REPORTERS) as (keyof typeof FILE_REPORTERS)[])];

export interface ReportersOptions {
  /** Folder for the file reporters (created when missing). */
  out: string;
  console?: ConsoleOptions;
}

/** Parses `console,json,junit,html` into reporter names, refusing unknown ones. */
export function parseReporterNames(list: string): ReporterName[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(REPORTER_NAMES as readonly string[]).includes(n));
  if (unknown.length || names.length === 0) {
    throw new MockpanelError('bad_arguments', `--reporter takes a comma-separated list of ${REPORTER_NAMES.join(', ')}; got "${list}".`);
  }
  return [...new Set(names)] as ReporterName[];
}

/**
 * One event handler feeding the chosen reporters: the console one live, the
 * file ones when the run ends. `files` lists what was written.
 */
export function createReporters(names: readonly ReporterName[], options: ReportersOptions): { onEvent: (event: RunEvent) => void; files: string[] } {
  const files: string[] = [];
  const live = names.includes('console') ? consoleReporter(options.console) : undefined;
  const writers = names.filter((n): n is keyof typeof FILE_REPORTERS => n !== 'console').map((n) => FILE_REPORTERS[n]);
  return {
    files,
    onEvent: (event) => {
      if (event.type === 'run-end' && writers.length) {
        mkdirSync(options.out, { recursive: true });
        for (const w of writers) {
          const path = join(options.out, w.file);
          writeFileSync(path, w.render(event.report));
          files.push(path);
        }
      }
      live?.(event);
    },
  };
}
