import { readFileSync, writeFileSync } from 'node:fs';
import { MockpanelError } from '../kernel/mockpanel-error.js';
import { PANELS } from '../emulators/mockpanel.js';
import { computeCoverage, renderCoverageMarkdown } from '../conformance/coverage.js';
import { loadScenarios } from '../conformance/runner.js';
import { parse } from './args.js';

export const COVERAGE_USAGE = `Usage: mockpanel coverage [options]

Prints the implementation coverage report: per panel, each documented method
as stateful, sample or not implemented, with totals, and the methods no
conformance scenario exercises.

  --out FILE     write it to FILE instead of standard output
  --check        write nothing; exit 1 when --out FILE differs from what would be written`;

/** `mockpanel coverage`: renders COVERAGE.md from the contracts, the handlers and the scenarios. */
export async function coverage(argv: string[]): Promise<void> {
  const { values } = parse(argv, { out: { type: 'string' }, check: { type: 'boolean' } }, COVERAGE_USAGE);
  const out = values.out ?? '-';
  const markdown = renderCoverageMarkdown(computeCoverage(PANELS, await loadScenarios()));
  if (values.check) {
    if (out === '-') throw new MockpanelError('bad_arguments', '--check compares with a file: give --out FILE (e.g. --out COVERAGE.md).');
    let current: string | undefined;
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== markdown) {
      console.error(`${out} is stale: run "npx mockpanel coverage --out ${out}" and commit it.`);
      process.exitCode = 1;
    } else console.log(`${out} is current.`);
    return;
  }
  if (out === '-') process.stdout.write(markdown);
  else {
    writeFileSync(out, markdown);
    console.log(`wrote ${out}`);
  }
}
