import type { ConformanceReport } from '../runner.js';

/** The whole report as JSON (two-space indent): what a script reads to act on a run. */
export function renderJson(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
