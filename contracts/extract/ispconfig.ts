import type { Contract, FaultContract, MethodContract, ParamContract, ReturnContract, ValueType } from '../contract.js';
import { RESEARCH, SEEDS, readFacts, type Mention } from './source-files.js';

/** A fault as the PHP source raises it: code, string with `{placeholders}`, the helper that raises it, tags. */
export interface IspFaultFacts {
  code: string;
  string: string;
  via?: string;
  tags?: string[];
}

export interface IspMethodFacts {
  name: string;
  /** Source file and line of the method in ISPConfig 3.2.11. */
  file: string;
  line: number;
  /** PHP parameter names in order; `default` is the PHP literal as written. */
  params: { name: string; default?: string }[];
  /** The name(s) passed to checkPerm(). */
  permission: string | string[] | null;
  table?: string;
  /** What the method returns, read from the source. */
  returns: { type: ValueType; also?: ValueType[] };
  /** Faults the method itself raises (the per-method copies of the panel-wide session and permission checks left out). */
  faults: IspFaultFacts[];
}

/** contracts/sources/ispconfig.json `facts`. */
export interface IspFacts {
  /** What get_function_list returns, in order. */
  functionListOrder: string[];
  commonFaults: {
    dispatcher: IspFaultFacts[];
    session: IspFaultFacts[];
    permission: IspFaultFacts;
    phpError: IspFaultFacts;
    added3212: IspFaultFacts[];
  };
  methods: IspMethodFacts[];
}

const PROTOCOL = RESEARCH.ispconfigProtocol;
const INVENTORY = RESEARCH.ispconfig;

/**
 * PHP declares no parameter types and the server checks none, so every
 * parameter is 'any' on the wire; `expects` records what clients should send,
 * judged from the name and its use in the source (our reading).
 */
const EXPECTS: Record<string, ValueType | ValueType[]> = {
  session_id: 'string',
  // get: an id, -1 for all rows, or a filter map; update/delete: an id.
  primary_id: ['int', 'struct'],
  params: 'struct',
  override_params: 'struct',
  permissions: 'struct',
  update_serial: 'boolean',
  newer: 'boolean',
  get_full_data: 'boolean',
  readonly: 'boolean',
  client_login: 'boolean',
  index_value: ['int', 'string'],
  ...Object.fromEntries(
    [
      'client_id',
      'server_id',
      'template_id',
      'vm_id',
      'ip_id',
      'ostemplate_id',
      'cron_id',
      'sys_userid',
      'reseller_id',
      'group_id',
      'lastdays',
      'tstamp',
      'datalog_id',
      'assigned_template_id',
      'zone_id',
      'sys_groupid',
      'site_id',
    ].map((n) => [n, 'int' as ValueType]),
  ),
  ...Object.fromEntries(
    [
      'value',
      'group',
      'name',
      'section',
      'key',
      'username',
      'status',
      'password',
      'domain',
      'action_type',
      'tablename',
      'index_field',
      'filename',
      'customer_no',
      'new_password',
      'remote_ip',
      'ip',
      'ns1',
      'ns2',
      'email',
      'ipv6',
      'origin',
      'algo',
      'ipaddress',
      'server_name',
      'php',
      'ftp_user',
    ].map((n) => [n, 'string' as ValueType]),
  ),
};

const SECRET = new Set(['session_id', 'password', 'new_password']);

/** PHP default literals as written in the source → JSON values. */
function phpDefault(literal: string, where: string): unknown {
  if (literal === 'false') return false;
  if (literal === 'true') return true;
  if (literal === 'null') return null;
  if (literal === "''") return '';
  if (literal === 'array()') return [];
  if (/^-?\d+$/.test(literal)) return Number(literal);
  throw new Error(`ispconfig ${where}: unknown PHP default ${literal}`);
}

function param(p: IspMethodFacts['params'][number], method: string): ParamContract {
  const expects = EXPECTS[p.name];
  if (!expects) throw new Error(`ispconfig ${method}: no expected type decided for parameter "${p.name}"`);
  const out: ParamContract = { name: p.name, type: 'any', expects, required: p.default === undefined };
  if (p.default !== undefined) out.default = phpDefault(p.default, `${method}.${p.name}`);
  if (SECRET.has(p.name)) out.secret = true;
  return out;
}

function returnOf(r: IspMethodFacts['returns']): ReturnContract {
  return r.also ? { type: r.type, also: r.also } : { type: r.type };
}

function methodFaults(m: IspMethodFacts): FaultContract[] | undefined {
  const seen = new Set<string>();
  const out: FaultContract[] = [];
  for (const f of m.faults) {
    const fault: FaultContract = { code: f.code, string: f.string };
    if (f.via) fault.via = f.via;
    if (f.tags) fault.tags = f.tags;
    const key = JSON.stringify(fault);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fault);
  }
  return out.length ? out : undefined;
}

function section(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.inc\.php$/, '');
}

/** Fault strings modelled here by hand, which the distiller finds in protocol.md. */
export const MENTIONS: Mention[] = [
  { file: PROTOCOL, needle: 'Unknown method → fault `invalid_method`', what: 'ispconfig unknown method' },
  { file: RESEARCH.ispconfigSummary, needle: '`dns_rr_update` is a private helper', what: 'ispconfig private helpers' },
  // protocol.md wraps this string across two lines.
  { file: PROTOCOL, needle: 'Too few arguments to function remoting_client::client_get(), 1 passed in', what: 'ispconfig too few arguments' },
  {
    file: PROTOCOL,
    needle: '<install path>/interface/lib/classes/soap_handler.inc.php on line 49 and exactly 2 expected',
    what: 'ispconfig too few arguments',
  },
  { file: PROTOCOL, needle: 'WSDL generation is not supported yet', what: 'ispconfig wsdl' },
  { file: PROTOCOL, needle: 'fault `SOAP-ENV:Client` / `Bad Request`', what: 'ispconfig bad request' },
];

/** The ISPConfig 3 remote API contract: all 312 methods of 3.2.11 in PHP parameter order and names. */
export function extractIspconfig(sourcesDir?: string): Contract {
  const facts = readFacts<IspFacts>('ispconfig', sourcesDir);
  const names = new Set(facts.methods.map((m) => m.name));
  const listed = new Set(facts.functionListOrder);
  const pseudo = facts.functionListOrder.filter((n) => !names.has(n));
  if (pseudo.join() !== '__construct' || [...names].some((n) => !listed.has(n))) {
    throw new Error(`ispconfig: get_function_list order and methods disagree (extra: ${pseudo.join()})`);
  }

  const methods: MethodContract[] = facts.methods.map((m) => ({
    name: m.name,
    section: section(m.file),
    auth: m.name === 'login' ? 'none' : 'session',
    permission: m.permission ?? undefined,
    table: m.table,
    params: m.params.map((p) => param(p, m.name)),
    returns: returnOf(m.returns),
    faults: methodFaults(m),
    source: `${INVENTORY} (ISPConfig 3.2.11 ${m.file}:${m.line})`,
  }));

  // Helpers named in fault provenance that the dispatcher does not know: calling them answers invalid_method.
  const [unknownMethod] = facts.commonFaults.dispatcher;
  const helpers = [...new Set(facts.methods.flatMap((m) => m.faults.map((f) => f.via ?? '')))]
    .filter((v) => /^[a-z]+(_[a-z]+)+$/.test(v) && !names.has(v) && !listed.has(v))
    .sort();
  for (const name of helpers) {
    methods.push({
      name,
      section: name.split('_')[0],
      tags: ['private'],
      params: [],
      faults: [{ code: unknownMethod.code, string: unknownMethod.string.replace('{name}', name) }],
      source: `${INVENTORY} (a helper other methods call) and research/ispconfig/summary.md: not in the dispatch table`,
    });
  }

  const c = facts.commonFaults;
  const protocolSource = `${PROTOCOL} §5`;
  const faults: FaultContract[] = [
    ...c.dispatcher.map((f) => ({
      code: f.code,
      string: f.string,
      when: 'the method or its class is not in the dispatch table',
      source: `${INVENTORY} common_faults; ${PROTOCOL} §1`,
    })),
    ...c.session.map((f) => ({
      code: f.code,
      string: f.string,
      via: f.via,
      when: 'session check before every method but login (logout checks only emptiness)',
      source: protocolSource,
    })),
    { code: c.permission.code, string: c.permission.string, when: "the method's permission is not among the remote user's functions", source: protocolSource },
    { code: c.phpError.code, string: c.phpError.string, when: 'an uncaught PHP Error inside a method', source: `${INVENTORY} common_faults; ${PROTOCOL} §1` },
    {
      code: 'SOAP-ENV:Server',
      string:
        'Too few arguments to function {class}::{method}(), {passed} passed in {install_path}/interface/lib/classes/soap_handler.inc.php on line 49 and exactly {expected} expected',
      when: 'fewer arguments than the PHP method requires (extra arguments are ignored)',
      tags: ['php-error'],
      source: `${PROTOCOL} §1`,
    },
    { code: 'SOAP-ENV:Server', string: 'WSDL generation is not supported yet', when: 'GET with ?wsdl', source: `${PROTOCOL} §1` },
    { code: 'SOAP-ENV:Client', string: 'Bad Request', when: 'malformed XML or an empty POST body', source: `${PROTOCOL} §2` },
    ...c.added3212.map((f) => ({
      code: f.code,
      string: f.string,
      when: 'a client_id > 0 that names no panel user (3.2.12 and later only)',
      via: f.via,
      tags: ['3.2.12'],
      source: `${INVENTORY} common_faults`,
    })),
  ];

  return {
    panel: 'ispconfig',
    title: 'ISPConfig 3 remote API (SOAP and JSON), version 3.2.11',
    calling: 'positional',
    sources: [
      { id: SEEDS.ispconfig, description: 'a Python SDK README for the ISPConfig remote API (method count, known pitfalls)' },
      {
        id: INVENTORY,
        description: 'every remote method of ISPConfig 3.2.11 read from the PHP source: parameters, defaults, permission names, literal faults',
      },
      { id: PROTOCOL, description: 'wire behaviour, sessions and the fault catalogue, checked against a running 3.2.11' },
    ],
    faults,
    functionListOrder: facts.functionListOrder,
    methods,
  };
}
