import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PANEL_IDS } from '../kernel/panel-id.js';
import { loadContract, methodIndex, type Contract, type MethodContract } from './contract.js';
import { validate, type Schema } from './schema-validator.js';

const here = dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(readFileSync(join(here, 'contract.schema.json'), 'utf8')) as Schema;

const tagged = (c: Contract, tag: string) => c.methods.filter((m) => m.tags?.includes(tag));
const untagged = (c: Contract, tag: string) => c.methods.filter((m) => !m.tags?.includes(tag));

/** Positional calls bind by place: a required parameter after an optional one could never be reached by omission. */
function orderProblems(m: MethodContract): string[] {
  const problems: string[] = [];
  let optionalSeen = false;
  m.params.forEach((p, i) => {
    if (p.variadic) {
      if (i !== m.params.length - 1) problems.push(`${m.name}: variadic ${p.name} is not last`);
      return;
    }
    if (!p.required) optionalSeen = true;
    else if (optionalSeen) problems.push(`${m.name}: required ${p.name} after an optional parameter`);
  });
  return problems;
}

describe.each(PANEL_IDS)('%s contract', (panel) => {
  const contract = loadContract(panel);

  it('conforms to contract.schema.json', () => {
    expect(validate(schema, contract)).toEqual([]);
  });

  it('names the panel it is for', () => {
    expect(contract.panel).toBe(panel);
  });

  it('has unique method names and unique parameter names per method', () => {
    const names = contract.methods.map((m) => m.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    for (const m of contract.methods) {
      const params = m.params.map((p) => p.name);
      expect(
        params.filter((n, i) => params.indexOf(n) !== i),
        m.name,
      ).toEqual([]);
    }
  });

  it('gives defaults only to optional parameters', () => {
    const wrong = contract.methods.flatMap((m) => m.params.filter((p) => p.required && 'default' in p).map((p) => `${m.name}.${p.name}`));
    expect(wrong).toEqual([]);
  });

  it('never requires a variadic parameter', () => {
    const wrong = contract.methods.flatMap((m) => m.params.filter((p) => p.variadic && p.required).map((p) => `${m.name}.${p.name}`));
    expect(wrong).toEqual([]);
  });

  // Order and session rules hold for positional panels only: WHM takes named parameters and header auth.
  if (contract.calling !== 'positional') return;

  it('puts required parameters before optional ones, and a variadic last', () => {
    expect(contract.methods.flatMap(orderProblems)).toEqual([]);
  });

  it('marks session ids and passwords secret, and needs a session everywhere but login', () => {
    const callable = [...methodIndex(contract).values()];
    for (const m of callable) {
      for (const p of m.params) {
        if (['session_id', 'session', 'password'].includes(p.name)) expect(p.secret, `${m.name}.${p.name}`).toBe(true);
      }
      expect(m.auth, m.name).toBe(m.name === 'login' ? 'none' : 'session');
    }
  });

  it('cites a source for every method', () => {
    expect(contract.methods.filter((m) => !m.source.trim()).map((m) => m.name)).toEqual([]);
  });
});

describe('counts and panel facts', () => {
  it('WebFaction: the seed 48 plus the version-2 surface', () => {
    const c = loadContract('webfaction');
    expect(untagged(c, 'v2')).toHaveLength(48);
    expect(
      tagged(c, 'v2')
        .map((m) => m.name)
        .sort(),
    ).toEqual(['create_certificate', 'delete_certificate', 'list_bandwidth_usage', 'list_certificates', 'list_disk_usage', 'update_certificate']);
    const index = methodIndex(c);
    const website = index.get('create_website')!.params.map((p) => p.name);
    // v2 inserts certificate before the variadic site apps (realworld.md §1.2).
    expect(website.slice(-2)).toEqual(['certificate', 'site_apps']);
    expect(index.get('create_website')!.params.find((p) => p.name === 'certificate')!.tags).toEqual(['v2']);
    expect(index.get('login')!.params.map((p) => p.name)).toEqual(['username', 'password', 'machine', 'version']);
    expect(index.get('create_app')!.params[5].type).toEqual(['boolean', 'string']);
    expect(index.get('create_domain')!.params.at(-1)).toMatchObject({ name: 'subdomains', variadic: true });
    for (const f of c.faults ?? []) expect(f.code).toBe(1);
  });

  it('Gandi: 26 documented, su and vm_disk_* undocumented, operation ids versus object ids', () => {
    const c = loadContract('gandi');
    expect(untagged(c, 'undocumented')).toHaveLength(26);
    expect(
      tagged(c, 'undocumented')
        .map((m) => m.name)
        .sort(),
    ).toEqual(['su', 'vm_disk_link', 'vm_disk_list']);
    expect(
      tagged(c, 'returns-object-id')
        .map((m) => m.name)
        .sort(),
    ).toEqual(['disk_create', 'vm_create']);
    expect(tagged(c, 'returns-operation-id')).toHaveLength(12);
  });

  it('Gandi: every numeric fault code decodes with the fault scheme', () => {
    const c = loadContract('gandi');
    const scheme = c.faultScheme!;
    const codes = [...(c.faults ?? []), ...c.methods.flatMap((m) => m.faults ?? [])].map((f) => f.code).filter((code) => code !== 1);
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) {
      const digits = String(code);
      expect(digits, `code ${code}`).toHaveLength(6);
      const table = scheme.tables[digits[0]];
      expect(table?.objects[digits.slice(1, 4)], `object of ${code}`).toBeDefined();
      expect(table?.causes[digits.slice(4)], `cause of ${code}`).toBeDefined();
    }
  });

  it('ISPConfig: 312 methods, the get_function_list order, private helpers left out of the index', () => {
    const c = loadContract('ispconfig');
    const dispatched = untagged(c, 'private');
    expect(dispatched).toHaveLength(312);
    expect(c.functionListOrder).toHaveLength(313);
    expect(new Set(c.functionListOrder)).toEqual(new Set([...dispatched.map((m) => m.name), '__construct']));
    expect(tagged(c, 'private').map((m) => m.name)).toContain('dns_rr_update');
    expect(methodIndex(c).has('dns_rr_update')).toBe(false);
    expect(methodIndex(c, { includePrivate: true }).has('dns_rr_update')).toBe(true);
    // PHP checks no types: the wire type stays open, `expects` says what clients send.
    expect(dispatched.flatMap((m) => m.params).every((p) => p.type === 'any' && p.expects !== undefined)).toBe(true);
    expect(c.faults?.map((f) => f.code)).toEqual(expect.arrayContaining(['session_id_empty', 'session_does_not_exist', 'permission_denied', 'invalid_method']));
  });

  it('WHM: 595 documented operations (is_alias_available listed twice), all tiered, samples kept', () => {
    const c = loadContract('whm');
    expect(c.methods).toHaveLength(594);
    expect(tagged(c, 'listed-twice').map((m) => m.name)).toEqual(['is_alias_available']);
    expect(c.methods.length + tagged(c, 'listed-twice').length).toBe(595);
    const tiers = ['tier-1', 'tier-2', 'tier-3'];
    expect(c.methods.filter((m) => m.tags?.filter((t) => tiers.includes(t)).length !== 1).map((m) => m.name)).toEqual([]);
    expect(tagged(c, 'tier-1')).toHaveLength(62);
    expect(c.methods.filter((m) => m.returns?.sample !== undefined)).toHaveLength(592);
    const createacct = methodIndex(c).get('createacct')!;
    expect(createacct.params.find((p) => p.name === 'password')?.secret).toBe(true);
  });
});
