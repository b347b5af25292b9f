import type { Contract, FaultContract, FaultScheme, FieldContract, MethodContract, ParamContract, ReturnContract, ValueType } from '../contract.js';
import { RESEARCH, SEEDS, readFacts, type Mention } from './source-files.js';

/** A documented struct member: type word, accepted values. */
export interface GField {
  type: string;
  enum?: unknown[];
}

export interface GParam extends GField {
  name: string;
  required: boolean;
  default?: unknown;
  fields?: Record<string, GField>;
}

/** A documented return: `fields` maps a struct's keys to their type words. */
export interface GReturn {
  type: string;
  items?: GReturn;
  fields?: Record<string, string>;
}

export interface GMethodFacts {
  name: string;
  section: string;
  status: 'documented' | 'referenced_only' | 'toc_only';
  params: GParam[];
  returns: GReturn;
  /** Seed 001 line: the signature; for the others, the table-of-contents entry or the link from login. */
  seedLine: number;
  /** Documented methods: the line of the same signature in seed 003, or null when that copy ends before it. */
  shortLine?: number | null;
}

/** The Gandi 1.0 error-code scheme (qualification · object · cause) as recovered by research. */
export interface GErrorCodes {
  /** Qualification digit → its label. */
  qualifications: Record<string, string>;
  /** The 1.0 fault-string form per qualification, research's `<markers>` for inserted values. */
  faultStrings: { server: string; data: string };
  serverObjects: Record<string, string>;
  serverCauses: Record<string, string>;
  dataObjects: Record<string, string>;
  dataCauses: Record<string, string>;
  /** Codes and strings given as examples on the 1.0 error-codes page. */
  examples: Record<string, string>;
}

/** contracts/sources/gandi.json `facts`. */
export interface GFacts {
  methods: GMethodFacts[];
  /** The mutators that create an operation, by what they return. */
  operations: { returnOperationId: string[]; returnObjectId: string[] };
  errorCodes: GErrorCodes;
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

function fieldsOf(fields: GParam['fields'], where: string): Record<string, FieldContract> | undefined {
  if (!fields) return undefined;
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
  if (r.fields) out.keys = Object.fromEntries(Object.entries(r.fields).map(([k, t]) => [k, valueType(t, `${where}.${k}`)]));
  return out;
}

function methodSource(m: GMethodFacts): string {
  if (m.status === 'toc_only') return `${SEED}:${m.seedLine} table of contents only`;
  if (m.status === 'referenced_only') {
    // su: the hosting seed links to it from login without a section; the signature is the 1.0 domain API's.
    return `${SEED}:${m.seedLine} (linked from login, no section); ${RESEARCH.gandi} (signature from the Gandi 1.0 domain API)`;
  }
  const short = m.shortLine ? `${SHORT}:${m.shortLine} same signature` : `absent from ${SHORT} (it ends after disk_delete)`;
  return `${SEED}:${m.seedLine} § ${m.section}; ${short}`;
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

function scheme(r: GErrorCodes): FaultScheme {
  const q = Object.keys(r.qualifications);
  if (q.join() !== '1,5') throw new Error(`gandi: qualifications changed: ${q.join()}`);
  return {
    parts: [
      { name: 'qualification', digits: 1 },
      { name: 'object', digits: 3 },
      { name: 'cause', digits: 2 },
    ],
    tables: {
      '1': { label: r.qualifications['1'], objects: r.serverObjects, causes: r.serverCauses },
      // Cause 49 (expired) is in the later API's cause table (realworld.md §2.2) but not in gandi.json's subset; sessions need it.
      '5': { label: r.qualifications['5'], objects: r.dataObjects, causes: { ...r.dataCauses, '49': 'expired' } },
    },
    strings: { '1': template(r.faultStrings.server), '5': template(r.faultStrings.data) },
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
  {
    object: 'vm',
    cause: 'dontexist',
    string: 'DataError: vm does not exist [vm_id: {vm_id}]',
    when: 'no VM with this id on the account',
    methods: ['vm_info', 'vm_update', 'vm_delete', 'vm_start', 'vm_stop', 'vm_reboot', 'disk_attach', 'disk_detach', 'vm_disk_list'],
  },
  {
    object: 'vm',
    cause: 'running',
    string: 'DataError: vm is not halted [vm_id: {vm_id}]',
    when: 'vm_delete on a VM that is not halted',
    methods: ['vm_delete'],
  },
  { object: 'os', cause: 'dontexist', string: 'DataError: os does not exist [os_id: {os_id}]', when: 'unknown os_id', methods: ['vm_create'] },
  {
    object: 'vm_shares',
    cause: 'quota_reached',
    string: 'DataError: not enough shares available [shares: {shares}]',
    when: 'more shares than the account has free',
    methods: ['vm_create', 'vm_update'],
  },
  {
    object: 'disk',
    cause: 'dontexist',
    string: 'DataError: disk does not exist [disk_id: {disk_id}]',
    when: 'no disk with this id on the account',
    methods: ['disk_info', 'disk_delete', 'disk_attach', 'disk_detach'],
  },
  {
    object: 'disk',
    cause: 'value',
    string: 'DataError: invalid value for fstype [fstype: {fstype}]',
    when: 'fstype outside the documented set',
    methods: ['disk_create'],
  },
  {
    object: 'disk',
    cause: 'attached',
    string: 'DataError: disk is attached [disk_id: {disk_id}]',
    when: 'disk_delete on an attached disk, disk_attach on a disk attached elsewhere',
    methods: ['disk_delete', 'disk_attach'],
  },
  {
    object: 'disk',
    cause: 'not_attached',
    string: 'DataError: disk is not attached to this vm [disk_id: {disk_id}]',
    when: 'disk_detach of a disk not attached to that VM',
    methods: ['disk_detach'],
  },
  {
    object: 'hosting_product',
    cause: 'value',
    string: 'DataError: invalid value for product_name [product_name: {product_name}]',
    when: 'product_name outside the documented set',
    methods: ['hosting_account_product_add'],
  },
  {
    object: 'hosting_product',
    cause: 'dontexist',
    string: 'DataError: product does not exist [product_id: {product_id}]',
    when: 'no product with this id on the account',
    methods: ['hosting_account_product_renew', 'hosting_account_product_remove', 'hosting_account_product_update'],
  },
  {
    object: 'hosting_product',
    cause: 'state',
    string: 'DataError: fixed shares cannot be changed [product_id: {product_id}]',
    when: 'update or remove of a shares_fixed product',
    methods: ['hosting_account_product_remove', 'hosting_account_product_update'],
  },
  {
    object: 'operation',
    cause: 'dontexist',
    string: 'DataError: operation does not exist [opid: {opid}]',
    when: 'no operation with this id on the account',
    methods: ['operation_details', 'operation_cancel'],
  },
  {
    object: 'operation',
    cause: 'state',
    string: 'DataError: operation cannot be cancelled in its state [opid: {opid}]',
    when: 'operation_cancel of an operation that is not PENDING or ERROR',
    methods: ['operation_cancel'],
  },
  {
    object: 'operation_state',
    cause: 'value',
    string: 'DataError: invalid value for state [state: {state}]',
    when: 'filter state outside the documented set',
    methods: ['operation_list'],
  },
];

/** Facts modelled here by hand, which the distiller finds in realworld.md. */
export const MENTIONS: Mention[] = [
  { file: REALWORLD, needle: 'Method "unknownmethod" is not supported', what: 'gandi unknown method' },
  { file: REALWORLD, needle: '`49` expired', what: 'gandi session expired' },
];

/** The Gandi Hosting 1.0 contract: seed 001 (the complete copy), cross-checked line by line against seed 003. */
export function extractGandi(sourcesDir?: string): Contract {
  const facts = readFacts<GFacts>('gandi', sourcesDir);
  const fmt = facts.errorCodes;
  const faultScheme = scheme(fmt);
  const inferredSource = `${REALWORLD} §2.2 (code suggested there or composed from the scheme; string ours in the 1.0 form)`;

  const opKinds = new Map<string, string>([
    ...facts.operations.returnOperationId.map((n) => [n, 'returns-operation-id'] as const),
    ...facts.operations.returnObjectId.map((n) => [n, 'returns-object-id'] as const),
  ]);

  const methods: MethodContract[] = facts.methods.map((m) => {
    const tags: string[] = [];
    if (m.status !== 'documented') tags.push('undocumented');
    const op = opKinds.get(m.name);
    if (op) tags.push(op);
    const faults: FaultContract[] = INFERRED.filter((f) => f.methods.includes(m.name)).map((f) => ({
      code: dataCode(faultScheme, f.object, f.cause),
      string: f.string,
      when: f.when,
      tags: ['inferred'],
      source: inferredSource,
    }));
    if (m.name === 'login') {
      faults.unshift({
        code: 500130,
        string: fmt.examples['500130'].replace('123456', '{password}'),
        when: 'wrong password',
        source: `${RESEARCH.gandi} error_codes examples_from_1_0_doc`,
      });
    }
    return {
      name: m.name,
      section: m.section,
      auth: m.name === 'login' ? 'none' : 'session',
      tags: tags.length ? tags : undefined,
      params: m.params.map((p) => param(p, `${m.name}.${p.name}`)),
      returns: returnOf(m.returns, m.name),
      faults: faults.length ? faults : undefined,
      source: methodSource(m),
    };
  });

  const examples: FaultContract[] = Object.entries(fmt.examples)
    .filter(([code]) => code !== '500130')
    .map(([code, string]) => {
      const q = code[0];
      const t = faultScheme.tables[q];
      const object = t?.objects[code.slice(1, 4)];
      const cause = t?.causes[code.slice(4)];
      if (!object || cause === undefined) throw new Error(`gandi: example code ${code} does not decode`);
      return {
        code: Number(code),
        string,
        when: `${t.label.toLowerCase()} error: ${object}, ${cause}`,
        source: `${RESEARCH.gandi} error_codes examples_from_1_0_doc`,
      };
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
      {
        code: dataCode(faultScheme, 'session', 'dontexist'),
        string: 'DataError: session does not exist',
        when: 'unknown or logged-out session id',
        tags: ['inferred'],
        source: inferredSource,
      },
      {
        code: dataCode(faultScheme, 'session', 'expired'),
        string: 'DataError: session has expired',
        when: 'session older than 12 hours',
        tags: ['inferred'],
        source: inferredSource,
      },
      ...examples,
    ],
    methods,
  };
}
