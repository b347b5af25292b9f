import type { Contract } from '../contract.js';

// One fixed key order per kind of contract object, so regenerating a contract
// after a research change moves only the lines that changed.
const ORDER = {
  contract: ['panel', 'title', 'calling', 'sources', 'faultScheme', 'faults', 'functionListOrder', 'methods'],
  source: ['id', 'description'],
  method: ['name', 'section', 'auth', 'permission', 'table', 'tags', 'requestBody', 'params', 'returns', 'faults', 'source'],
  param: [
    'name',
    'aliases',
    'type',
    'expects',
    'required',
    'default',
    'variadic',
    'enum',
    'format',
    'minimum',
    'maximum',
    'maxLength',
    'secret',
    'fields',
    'tags',
    'source',
  ],
  field: ['type', 'required', 'enum'],
  fault: ['code', 'string', 'when', 'via', 'tags', 'source'],
  returns: ['type', 'also', 'documented', 'keys', 'items', 'tuple', 'sample'],
  scheme: ['parts', 'tables', 'strings', 'source'],
  requestBody: ['contentType', 'required'],
} as const;

type Kind = keyof typeof ORDER;

function ordered(value: object, kind: Kind): Record<string, unknown> {
  const obj = value as Record<string, unknown>;
  const keys: readonly string[] = ORDER[kind];
  const unknown = Object.keys(obj).filter((k) => !keys.includes(k));
  // A key the order does not know would land last and silently drift; make the generator author decide.
  if (unknown.length) throw new Error(`canonical: ${kind} has keys without a place in the order: ${unknown.join(', ')}`);
  const out: Record<string, unknown> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

function returns(r: object): Record<string, unknown> {
  const out = ordered(r, 'returns');
  // `sample` is panel data: its key order is the document's and stays as it is.
  if (out.items) out.items = returns(out.items as object);
  if (out.tuple) out.tuple = (out.tuple as object[]).map(returns);
  return out;
}

/** The contract with every contract object's keys in the canonical order (panel data such as samples untouched). */
export function canonical(contract: Contract): Contract {
  const out = ordered(contract, 'contract');
  out.sources = contract.sources.map((s) => ordered(s, 'source'));
  if (contract.faults) out.faults = contract.faults.map((f) => ordered(f, 'fault'));
  if (contract.faultScheme) out.faultScheme = ordered(contract.faultScheme, 'scheme');
  out.methods = contract.methods.map((m) => {
    const mo = ordered(m, 'method');
    mo.params = m.params.map((p) => {
      const po = ordered(p, 'param');
      if (p.fields) po.fields = Object.fromEntries(Object.entries(p.fields).map(([k, f]) => [k, ordered(f, 'field')]));
      return po;
    });
    if (m.returns) mo.returns = returns(m.returns);
    if (m.faults) mo.faults = m.faults.map((f) => ordered(f, 'fault'));
    if (m.requestBody) mo.requestBody = ordered(m.requestBody, 'requestBody');
    return mo;
  });
  return out as unknown as Contract;
}

/** The committed file's text: canonical order, two-space indent, final newline. */
export function renderContract(contract: Contract): string {
  return `${JSON.stringify(canonical(contract), null, 2)}\n`;
}
