import { describe, expect, it } from 'vitest';
import { WebfactionClient } from '../../clients/webfaction/index.js';
import { computeCoverage } from '../../conformance/coverage.js';
import { scenarios } from '../../conformance/webfaction/index.js';
import { webfactionPanel } from '../../emulators/webfaction/index.js';

const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

describe('WebFaction coverage: the contract is the list', () => {
  const [coverage] = computeCoverage([webfactionPanel], scenarios);

  it('implements every contract method statefully, with no stray handlers', () => {
    expect(coverage.totals.methods).toBe(webfactionPanel.contract.methods.length);
    // Seed 000 documents 48 methods; the contract adds the 6 version-2 methods real clients call.
    expect(webfactionPanel.contract.methods.filter((m) => !m.tags?.includes('v2'))).toHaveLength(48);
    expect(coverage.methods.filter((m) => m.emulation !== 'stateful').map((m) => m.name)).toEqual([]);
    expect(coverage.strayHandlers).toEqual([]);
  });

  it('exercises every method in at least one scenario, naming only contract methods', () => {
    expect(coverage.methods.filter((m) => m.scenarios.length === 0).map((m) => m.name)).toEqual([]);
    expect(coverage.unknownInScenarios).toEqual({});
  });

  it('gives the reference client a camelCase method for every contract method', () => {
    const proto = WebfactionClient.prototype as unknown as Record<string, unknown>;
    expect(webfactionPanel.contract.methods.map((m) => camel(m.name)).filter((name) => typeof proto[name] !== 'function')).toEqual([]);
  });

  it('keeps scenario ids unique and in the panel namespace', () => {
    const ids = scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('webfaction/'))).toBe(true);
  });
});
