import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contracts/contract.js';
import { faults, gandiFaultCatalogue } from '../../emulators/gandi/faults.js';

const contract = loadContract('gandi');
const catalogue = gandiFaultCatalogue();

describe('Gandi fault catalogue', () => {
  it('raises every fault the contract lists, with its code and string', () => {
    const listed = [...(contract.faults ?? []), ...contract.methods.flatMap((m) => m.faults ?? [])];
    const raised = new Set(Object.values(catalogue).map((f) => `${f.code} ${f.template}`));
    // The database examples from the 1.0 error page describe a real server's storage; mockpanel has none to fail.
    const storage = new Set([110020, 110040]);
    for (const f of listed.filter((f) => !storage.has(Number(f.code)))) expect(raised, `${f.code} ${f.string}`).toContain(`${f.code} ${f.string}`);
  });

  it('composes the codes it adds from the scheme: 6 digits that decode to the intended object and cause', () => {
    const data = contract.faultScheme!.tables['5'];
    for (const [name, f] of Object.entries(catalogue).filter(([, f]) => f.inferredHere)) {
      const code = String(f.code);
      expect(code, name).toMatch(/^5\d{5}$/);
      expect(data.objects[code.slice(1, 4)], name).toBeDefined();
      expect(data.causes[code.slice(4)], name).toBeDefined();
      expect(f.template, name).toMatch(/^DataError: .+ \[[^\]]*: [^\]]*\]$/);
    }
    expect(catalogue.vmBusy.code).toBe(530267);
    expect(catalogue.notEnoughMoney.code).toBe(510163);
  });

  it('fills every placeholder, and refuses to send a string with one missing', () => {
    expect(faults.vmState({ state: 'halted', vm_id: 7 }).faultString).toBe('DataError: vm is halted [vm_id: 7]');
    expect(() => faults.vmState({ state: 'halted' } as never)).toThrow(/needs "vm_id"/);
  });
});
