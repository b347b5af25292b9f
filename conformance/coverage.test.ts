import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PANELS } from '../emulators/mockpanel.js';
import { methodIndex } from '../contracts/contract.js';
import { implementationOf } from '../emulators/core/method-lookup.js';
import { computeCoverage, renderCoverageMarkdown } from './coverage.js';
import { loadScenarios } from './runner.js';

const root = join(import.meta.dirname, '..');
const scenarios = await loadScenarios();
const coverage = computeCoverage(PANELS, scenarios);

describe('coverage report', () => {
  it('COVERAGE.md is current', () => {
    const committed = readFileSync(join(root, 'COVERAGE.md'), 'utf8');
    const fresh = renderCoverageMarkdown(coverage);
    // A plain boolean first, so the failure says what to do before the (long) diff.
    const current = committed === fresh;
    expect(
      current,
      'COVERAGE.md is stale: run "npx mockpanel coverage --out COVERAGE.md" (or "npx vite-node cli/main.ts coverage --out COVERAGE.md") and commit it',
    ).toBe(true);
  });

  it('counts every callable contract method once, private ISPConfig helpers left out', () => {
    for (const panel of PANELS) {
      const c = coverage.find((x) => x.panel === panel.id)!;
      const callable = methodIndex(panel.contract);
      expect(c.methods.map((m) => m.name)).toEqual([...callable.keys()]);
      expect(c.totals.stateful + c.totals.sample + c.totals.notImplemented).toBe(c.totals.methods);
      expect(c.totals.methods).toBe(callable.size);
    }
    const ispconfig = PANELS.find((p) => p.id === 'ispconfig')!;
    const privates = ispconfig.contract.methods.filter((m) => m.tags?.includes('private')).map((m) => m.name);
    expect(privates.length).toBeGreaterThan(0);
    const listed = new Set(coverage.find((c) => c.panel === 'ispconfig')!.methods.map((m) => m.name));
    for (const name of privates) expect(listed.has(name)).toBe(false);
  });

  it('classifies by handler and implementationOf, and counts the scenarios that list a method', () => {
    for (const panel of PANELS) {
      const c = coverage.find((x) => x.panel === panel.id)!;
      for (const m of c.methods) {
        const expected = implementationOf(panel, m.name);
        expect(m.emulation, `${panel.id} ${m.name}`).toBe(expected);
        const listing = scenarios
          .filter((s) => s.panel === panel.id && s.methods.includes(m.name))
          .map((s) => s.id)
          .sort();
        expect(m.scenarios).toEqual(listing);
      }
      expect(c.totals.exercised).toBe(c.methods.filter((m) => m.scenarios.length).length);
    }
  });

  it('every method a scenario lists is in its contract', () => {
    // A misspelt name would make the report claim a method is exercised when it is not.
    expect(Object.fromEntries(coverage.map((c) => [c.panel, c.unknownInScenarios]))).toEqual({ webfaction: {}, gandi: {}, ispconfig: {}, whm: {}, cpanel: {} });
  });

  it('renders deterministically, with no dates or timings', () => {
    const text = renderCoverageMarkdown(coverage);
    expect(renderCoverageMarkdown(computeCoverage(PANELS, [...scenarios].reverse()))).toBe(text);
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}|\b\d+(\.\d+)?\s?m?s\b/);
    for (const c of coverage) expect(text).toContain(`## ${c.title} (\`${c.panel}\`)`);
  });
});
