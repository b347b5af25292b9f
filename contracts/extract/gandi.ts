import type { Contract, FaultContract, FaultScheme, FieldContract, MethodContract, ParamContract, ReturnContract, ValueType } from '../contract.js';
import { RESEARCH, SEEDS, lineOf, mustMention, readJson, readText } from './research-files.js';

interface GField {
  type: string;
  enum?: unknown[];
  fields?: Record<string, GField> | string;
}

interface GParam extends GField {
  name: string;
  required: boolean;
  default?: unknown;
}

interface GReturn extends GField {
  items?: GReturn;
}

interface GMethod {
  name: string;
  section: string;
  status: 'documented' | 'referenced_only' | 'toc_only';
  params: GParam[];
  returns: GReturn;
  creates_operation?: string;
  present_in: string[];
}

interface GResearch {
  method_count: { documented: number; referenced_or_toc_only: number };
  operation_model: { creating_methods: string[]; return_object_id_not_opid: string[]; return_opid: string[] };
  error_codes: {
    recovered_format: {
      qualifications: Record<string, string>;
      faultString_1_0: { server: string; data: string };
      server_objects: Record<string, string>;
      server_causes_1_0: Record<string, string>;
      data_objects_subset: Record<string, string>;
      data_causes: Record<string, string>;
      examples_from_1_0_doc: Record<string, string>;
    };
  };
  methods: GMethod[];
}

const TYPES: Record<string, ValueType> = {
  string: 'string',
  int: 'int',
  double: 'double',
  boolean: 'boolean',
  struct: 'struct',
  array: 'array',
  'dateTime.iso8601': 'datetime',
};

function valueType(t: string, where: string): ValueType {
  const v = TYPES[t];
  if (!v) throw new Error(`gandi: unknown type "${t}" in ${where}`);
  return v;
}

const SECRET = new Set(['session', 'password']);
const SEED = SEEDS.gandi;
const SHORT = SEEDS.gandiShort;
const REALWORLD = RESEARCH.webfactionRealworld;

function fieldsOf(fields: GField['fields'], where: string): Record<string, FieldContract> | undefined {
  if (!fields || typeof fields === 'string') return undefined;
  return Object.fromEntries(
    Object.entries(fields).map(([k, f]) => {
      const out: FieldContract = { type: valueType(f.type, `${where}.${k}`) };
      if (f.enum) out.enum = f.enum;
      return [k, out];
    }),
  );
}

function param(p: GParam, where: string): ParamContract {
  const out: ParamContract = { name: p.name, type: valueType(p.type, where), required: p.required };
  if (!p.required && p.default !== undefined) out.default = p.default;
  if (p.enum) out.enum = p.enum;
  if (SECRET.has(p.name)) out.secret = true;
  const fields = fieldsOf(p.fields, where);
  if (fields) out.fields = fields;
  return out;
}

function returnOf(r: GReturn, where: string): ReturnContract {
  // vm_disk_list / vm_disk_link: named in the table of contents only.
  if (r.type === 'unknown') return { type: 'any', documented: false };
  const out: ReturnContract = { type: valueType(r.type, where) };
  if (r.items) out.items = returnOf(r.items, `${where}[]`);
  if (r.fields && typeof r.fields !== 'string') {
    out.keys = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, valueType(f.type, `${where}.${k}`)]));
  }
  return out;
}

interface Signature {
  line: number;
  text: string;
  returns: string;
  params: { type: string; name: string; required: boolean }[];
}

/** The `type name(type arg, … [, type opt])` signature line of a method in a seed, bold markers removed. */
function findSignature(seed: string, name: string): Signature | undefined {
  const lines = seed.split('\n');
  const re = new RegExp(`^(\\w+) ${name}\\((.*)\\)\\s*$`);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].replaceAll('**', '');
    const m = re.exec(text);
    if (!m) continue;
    const [head, tail = ''] = m[2].split('[');
    const split = (part: string, required: boolean) =>
      part.replace(/]/g, '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
        const [type, pname] = s.split(/\s+/);
        return { type, name: pname, required };
      });
    return { line: i + 1, text, returns: m[1], params: [...split(head, true), ...split(tail, false)] };
  }
  return undefined;
}

function checkSignature(sig: Signature, m: GMethod): void {
  const research = m.params.map((p) => `${p.type} ${p.name}${p.required ? '' : '?'}`).join(', ');
  const seed = sig.params.map((p) => `${p.type} ${p.name}${p.required ? '' : '?'}`).join(', ');
  if (research !== seed || sig.returns !== m.returns.type) {
    throw new Error(`gandi ${m.name}: seed signature "${sig.text}" disagrees with research (${m.returns.type} ${research})`);
  }
}

function methodSource(seed001: string, seed003: string, m: GMethod): string {
  if (m.status === 'toc_only') return `${SEED}:${lineOf(seed001, `[[hosting#${m.name}|`, m.name)} table of contents only`;
  if (m.status === 'referenced_only') {
    // su: the hosting seed links to it from login without a section; the signature is the 1.0 domain API's.
    return `${SEED}:${lineOf(seed001, '[[#su|su]]', m.name)} (linked from login, no section); ${RESEARCH.gandi} (signature from the Gandi 1.0 domain API)`;
  }
  const sig = findSignature(seed001, m.name);
  if (!sig) throw new Error(`gandi ${m.name}: no signature in ${SEED}`);
  checkSignature(sig, m);
  const sig3 = findSignature(seed003, m.name);
  if (m.present_in.includes('003') !== Boolean(sig3)) throw new Error(`gandi ${m.name}: presence in ${SHORT} disagrees with research`);
  let short = `absent from ${SHORT} (it ends after disk_delete)`;
  if (sig3) {
    if (sig3.text !== sig.text) throw new Error(`gandi ${m.name}: signatures differ between seeds 001 and 003`);
    short = `${SHORT}:${sig3.line} same signature`;
  }
  return `${SEED}:${sig.line} § ${m.section}; ${short}`;
}

/** Label before the research's explanation, e.g. 'Server - internal errors…' → 'Server'. */
function label(text: string): string {
  return text.split(' - ')[0].trim();
}

/** Research's `<plain text description>` style markers → our `{placeholder}` form. */
function template(text: string): string {
  const names: Record<string, string> = { 'plain text description': 'message', element: 'element', value: 'value' };
  return text.replace(/<([^>]+)>/g, (_, inner: string) => {
    const name = names[inner];
    if (!name) throw new Error(`gandi: unknown marker <${inner}> in fault string format`);
    return `{${name}}`;
  });
}

function scheme(r: GResearch['error_codes']['recovered_format']): FaultScheme {
  const q = Object.keys(r.qualifications);
  if (q.join() !== '1,5') throw new Error(`gandi: qualifications changed: ${q.join()}`);
  return {
    parts: [
      { name: 'qualification', digits: 1 },
      { name: 'object', digits: 3 },
      { name: 'cause', digits: 2 },
    ],
    tables: {
      '1': { label: label(r.qualifications['1']), objects: r.server_objects, causes: r.server_causes_1_0 },
      // Cause 49 (expired) is in the later API's cause table (realworld.md §2.2) but not in gandi.json's subset; sessions need it.
      '5': { label: label(r.qualifications['5']), objects: r.data_objects_subset, causes: { ...r.data_causes, '49': 'expired' } },
    },
    strings: { '1': template(r.faultString_1_0.server), '5': template(r.faultString_1_0.data) },
    source: `${RESEARCH.gandi} error_codes (recovered from the Gandi 1.0 error-codes page and later client code; the seeds link to the section but lack it)`,
  };
}

/** A data-qualification code from object and cause names, looked up in the scheme so a typo cannot invent a code. */
function dataCode(s: FaultScheme, object: string, cause: string): number {
  const t = s.tables['5'];
  const find = (table: Record<string, string>, name: string) => {
    const hit = Object.entries(table).find(([, v]) => v === name);
    if (!hit) throw new Error(`gandi: "${name}" not in the fault scheme`);
    return hit[0];
  };
  return Number(`5${find(t.objects, object)}${find(t.causes, cause)}`);
}

/**
 * Faults nobody captured for the hosting methods, coded with the recovered
 * scheme (realworld.md §2.2 suggests most of them) and worded in the 1.0
 * `DataError: text [element: value]` form. All tagged 'inferred'.
 */
const INFERRED: { object: string; cause: string; string: string; when: string; methods: string[] }[] = [
  { object: 'login', cause: 'dontexist', string: 'DataError: account does not exist [login: {login}]', when: 'unknown login', methods: ['login'] },
  { object: 'vm', cause: 'dontexist', string: 'DataError: vm does not exist [vm_id: {vm_id}]', when: 'no VM with this id on the account', methods: ['vm_info', 'vm_update', 'vm_delete', 'vm_start', 'vm_stop', 'vm_reboot', 'disk_attach', 'disk_detach', 'vm_disk_list'] },
  { object: 'vm', cause: 'running', string: 'DataError: vm is not halted [vm_id: {vm_id}]', when: 'vm_delete on a VM that is not halted', methods: ['vm_delete'] },
  { object: 'os', cause: 'dontexist', string: 'DataError: os does not exist [os_id: {os_id}]', when: 'unknown os_id', methods: ['vm_create'] },
  { object: 'vm_shares', cause: 'quota_reached', string: 'DataError: not enough shares available [shares: {shares}]', when: 'more shares than the account has free', methods: ['vm_create', 'vm_update'] },
  { object: 'disk', cause: 'dontexist', string: 'DataError: disk does not exist [disk_id: {disk_id}]', when: 'no disk with this id on the account', methods: ['disk_info', 'disk_delete', 'disk_attach', 'disk_detach'] },
  { object: 'disk', cause: 'value', string: 'DataError: invalid value for fstype [fstype: {fstype}]', when: 'fstype outside the documented set', methods: ['disk_create'] },
  { object: 'disk', cause: 'attached', string: 'DataError: disk is attached [disk_id: {disk_id}]', when: 'disk_delete on an attached disk, disk_attach on a disk attached elsewhere', methods: ['disk_delete', 'disk_attach'] },
  { object: 'disk', cause: 'not_attached', string: 'DataError: disk is not attached to this vm [disk_id: {disk_id}]', when: 'disk_detach of a disk not attached to that VM', methods: ['disk_detach'] },
  { object: 'hosting_product', cause: 'value', string: 'DataError: invalid value for product_name [product_name: {product_name}]', when: 'product_name outside the documented set', methods: ['hosting_account_product_add'] },
  { object: 'hosting_product', cause: 'dontexist', string: 'DataError: product does not exist [product_id: {product_id}]', when: 'no product with this id on the account', methods: ['hosting_account_product_renew', 'hosting_account_product_remove', 'hosting_account_product_update'] },
  { object: 'hosting_product', cause: 'state', string: 'DataError: fixed shares cannot be changed [product_id: {product_id}]', when: 'update or remove of a shares_fixed product', methods: ['hosting_account_product_remove', 'hosting_account_product_update'] },
  { object: 'operation', cause: 'dontexist', string: 'DataError: operation does not exist [opid: {opid}]', when: 'no operation with this id on the account', methods: ['operation_details', 'operation_cancel'] },
  { object: 'operation', cause: 'state', string: 'DataError: operation cannot be cancelled in its state [opid: {opid}]', when: 'operation_cancel of an operation that is not PENDING or ERROR', methods: ['operation_cancel'] },
  { object: 'operation_state', cause: 'value', string: 'DataError: invalid value for state [state: {state}]', when: 'filter state outside the documented set', methods: ['operation_list'] },
];

/** The Gandi Hosting 1.0 contract: seed 001 (the complete copy), cross-checked line by line against seed 003. */
export function extractGandi(sharedDir: string): Contract {
  const research = readJson<GResearch>(sharedDir, RESEARCH.gandi);
  const seed001 = readText(sharedDir, SEED);
  const seed003 = readText(sharedDir, SHORT);
  const realworld = readText(sharedDir, REALWORLD);
  const fmt = research.error_codes.recovered_format;
  const faultScheme = scheme(fmt);
  const inferredSource = `${REALWORLD} §2.2 (code suggested there or composed from the scheme; string ours in the 1.0 form)`;

  const ops = research.operation_model;
  const opKinds = new Map<string, string>([
    ...ops.return_opid.map((n) => [n, 'returns-operation-id'] as const),
    ...ops.return_object_id_not_opid.map((n) => [n, 'returns-object-id'] as const),
  ]);
  if (opKinds.size !== ops.creating_methods.length || !ops.creating_methods.every((n) => opKinds.has(n))) {
    throw new Error('gandi: operation model lists disagree');
  }

  const methods: MethodContract[] = research.methods.map((m) => {
    if (Boolean(m.creates_operation) !== opKinds.has(m.name)) throw new Error(`gandi ${m.name}: creates_operation disagrees with the operation model`);
    const tags: string[] = [];
    if (m.status !== 'documented') tags.push('undocumented');
    const op = opKinds.get(m.name);
    if (op) tags.push(op);
    const faults: FaultContract[] = INFERRED.filter((f) => f.methods.includes(m.name)).map((f) => ({
      code: dataCode(faultScheme, f.object, f.cause), string: f.string, when: f.when, tags: ['inferred'], source: inferredSource,
    }));
    if (m.name === 'login') {
      faults.unshift({ code: 500130, string: fmt.examples_from_1_0_doc['500130'].replace('123456', '{password}'), when: 'wrong password', source: `${RESEARCH.gandi} error_codes examples_from_1_0_doc` });
    }
    return {
      name: m.name,
      // Research appends why a method has no section of its own; the section is the part before that.
      section: m.status === 'documented' ? m.section : m.section.replace(/\s*\([^()]*\)$/, ''),
      auth: m.name === 'login' ? 'none' : 'session',
      tags: tags.length ? tags : undefined,
      params: m.params.map((p) => param(p, `${m.name}.${p.name}`)),
      returns: returnOf(m.returns, m.name),
      faults: faults.length ? faults : undefined,
      source: methodSource(seed001, seed003, m),
    };
  });

  const documented = methods.filter((m) => !m.tags?.includes('undocumented')).length;
  if (documented !== research.method_count.documented) throw new Error(`gandi: ${documented} documented methods, research says ${research.method_count.documented}`);

  mustMention(realworld, 'Method "unknownmethod" is not supported', 'gandi unknown method');
  mustMention(realworld, '`49` expired', 'gandi session expired');
  const examples: FaultContract[] = Object.entries(fmt.examples_from_1_0_doc)
    .filter(([code]) => code !== '500130')
    .map(([code, string]) => {
      const q = code[0];
      const t = faultScheme.tables[q];
      const object = t?.objects[code.slice(1, 4)];
      const cause = t?.causes[code.slice(4)];
      if (!object || cause === undefined) throw new Error(`gandi: example code ${code} does not decode`);
      return { code: Number(code), string, when: `${t.label.toLowerCase()} error: ${object}, ${cause}`, source: `${RESEARCH.gandi} error_codes examples_from_1_0_doc` };
    });

  return {
    panel: 'gandi',
    title: 'Gandi Hosting XML-RPC API 1.0',
    calling: 'positional',
    sources: [
      { id: SEED, description: 'Gandi Hosting API 1.0 specification, complete copy (26 methods, table of contents, parameter lists)' },
      { id: SHORT, description: 'a shorter copy of the same specification: identical signatures, ends after disk_delete, /xmlrpc/ endpoint in samples' },
      { id: RESEARCH.gandi, description: 'the seeds as data, the operation model and the recovered error-code scheme' },
      { id: REALWORLD, description: 'fault codes and strings observed in public Gandi clients' },
    ],
    faultScheme,
    faults: [
      { code: 1, string: 'Method "{method}" is not supported', when: 'unknown method', source: `${REALWORLD} §2.2 (seen in a later Gandi client's fixtures)` },
      { code: dataCode(faultScheme, 'session', 'dontexist'), string: 'DataError: session does not exist', when: 'unknown or logged-out session id', tags: ['inferred'], source: inferredSource },
      { code: dataCode(faultScheme, 'session', 'expired'), string: 'DataError: session has expired', when: 'session older than 12 hours', tags: ['inferred'], source: inferredSource },
      ...examples,
    ],
    methods,
  };
}
