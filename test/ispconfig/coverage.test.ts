import { describe, expect, it } from 'vitest';
import { IspconfigClient } from '../../clients/ispconfig/index.js';
import { camel } from '../../scripts/client-types/ts-type.js';
import { methodIndex } from '../../contracts/contract.js';
import { computeCoverage } from '../../conformance/coverage.js';
import { scenarios } from '../../conformance/ispconfig/index.js';
import { ispconfigPanel } from '../../emulators/ispconfig/index.js';

describe('ISPConfig coverage: the contract is the list', () => {
  const [coverage] = computeCoverage([ispconfigPanel], scenarios);

  it('emulates all 312 methods statefully', () => {
    expect(coverage.totals.methods).toBe(312);
    expect(coverage.methods.filter((m) => m.emulation !== 'stateful').map((m) => m.name)).toEqual([]);
    expect(coverage.totals.stateful).toBe(312);
    expect(coverage.strayHandlers).toEqual([]);
  });

  it('names only contract methods in scenarios, and exercises every emulated one', () => {
    expect(coverage.unknownInScenarios).toEqual({});
    expect(coverage.methods.filter((m) => m.emulation === 'stateful' && m.scenarios.length === 0).map((m) => m.name)).toEqual([]);
  });

  it('gives the reference client a camelCase method for every method', () => {
    const proto = IspconfigClient.prototype as unknown as Record<string, unknown>;
    expect([...methodIndex(ispconfigPanel.contract).keys()].map(camel).filter((name) => typeof proto[name] !== 'function')).toEqual([]);
  });

  it('keeps scenario ids unique and in the panel namespace', () => {
    const ids = scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('ispconfig/'))).toBe(true);
  });
});
