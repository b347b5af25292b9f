import type { Contract, FaultContract, MethodContract, ParamContract, ReturnContract, ValueType } from '../contract.js';
import { RESEARCH, SEEDS, mustMention, readJson, readText } from './research-files.js';

interface IspFault {
  code: string;
  message: string;
  via?: string;
  note?: string;
  as_written_in_source?: string;
}

interface IspMethod {
  name: string;
  file: string;
  line: number;
  params: { name: string; default?: string }[];
  permission_group: string | string[] | null;
  returns: string;
  faults: IspFault[];
  table?: string;
}

interface IspResearch {
  method_count: number;
  get_function_list_order: string[];
  common_faults: {
    dispatcher: IspFault[];
    session: IspFault[];
    permission: IspFault;
    php_error: IspFault;
    'added_in_3.2.12': IspFault[];
  };
  methods: IspMethod[];
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
      'client_id', 'server_id', 'template_id', 'vm_id', 'ip_id', 'ostemplate_id', 'cron_id', 'sys_userid', 'reseller_id',
      'group_id', 'lastdays', 'tstamp', 'datalog_id', 'assigned_template_id', 'zone_id', 'sys_groupid', 'site_id',
    ].map((n) => [n, 'int' as ValueType]),
  ),
  ...Object.fromEntries(
    [
      'value', 'group', 'name', 'section', 'key', 'username', 'status', 'password', 'domain', 'action_type', 'tablename',
      'index_field', 'filename', 'customer_no', 'new_password', 'remote_ip', 'ip', 'ns1', 'ns2', 'email', 'ipv6', 'origin',
      'algo', 'ipaddress', 'server_name', 'php', 'ftp_user',
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

function param(p: IspMethod['params'][number], method: string): ParamContract {
  const expects = EXPECTS[p.name];
  if (!expects) throw new Error(`ispconfig ${method}: no expected type decided for parameter "${p.name}"`);
  const out: ParamContract = { name: p.name, type: 'any', expects, required: p.default === undefined };
  if (p.default !== undefined) out.default = phpDefault(p.default, `${method}.${p.name}`);
  if (SECRET.has(p.name)) out.secret = true;
  return out;
}

// Research describes returns in words; these rules read the leading type. An unmatched text stops the generator.
const RETURN_RULES: [RegExp, ValueType, ValueType[]?][] = [
  [/^xsd:int\b/, 'int'],
  [/^xsd:boolean\b/, 'boolean'],
  [/^New sys_remoteaction id \/ true/, 'string', ['boolean']],
  [/^(The new primary key as an xsd:string|New \w+ as xsd:string|New \w+ \(string\)|Count as xsd:string|xsd:string)/, 'string'],
  // Form-backed gets: int id → row map or nil, -1 or a filter → list of rows.
  [/^With an int id > 0/, 'struct', ['nil', 'array']],
  [/^Array\/map\b/, 'array', ['struct']],
  [/^Map\/array\b/, 'struct', ['array']],
  [/^(Array|SOAP-ENC:Array)\b/, 'array'],
  [/^Map\b/, 'struct'],
  [/^String value, or map/, 'string', ['struct']],
  [/^Result of ApsGUIController/, 'any'],
];

function returnOf(text: string, method: string): ReturnContract {
  const rule = RETURN_RULES.find(([re]) => re.test(text));
  if (!rule) throw new Error(`ispconfig ${method}: cannot read return "${text}"`);
  const [, type, extra = []] = rule;
  const also = new Set<ValueType>(extra);
  if (/\bnil\b/.test(text)) also.add('nil');
  if (/\bfalse\b/.test(text) && type !== 'boolean') also.add('boolean');
  also.delete(type);
  return also.size ? { type, also: [...also] } : { type };
}

// Research placeholders written as words → identifiers.
const PLACEHOLDERS: Record<string, string> = {
  'MySQL error text': 'mysql_error',
  'the SQL statement': 'sql',
  "errors joined with '<br />'": 'errors',
  'dns_wizard error text': 'error',
};

function faultString(message: string, where: string): string {
  // Research sometimes appends an explanation in parentheses; it is not part of the string.
  const bare = message.replace(/\s+\((includes|when)\b[^()]*\)$/, '');
  return bare.replace(/\{([^}]*)\}/g, (whole, inner: string) => {
    if (/^\w+$/.test(inner)) return whole;
    const name = PLACEHOLDERS[inner] ?? (inner.startsWith('PHP Error message') ? 'message' : undefined);
    if (!name) throw new Error(`ispconfig ${where}: no identifier for placeholder {${inner}}`);
    return `{${name}}`;
  });
}

function faultTags(f: IspFault): string[] | undefined {
  const tags: string[] = [];
  if (f.note?.includes('unreachable')) tags.push('unreachable');
  if (f.note?.includes('PHP Error') || f.as_written_in_source !== undefined) tags.push('php-error');
  return tags.length ? tags : undefined;
}

const STANDARD_PERMISSION = 'You do not have the permissions to access this function.';

function methodFaults(m: IspMethod): FaultContract[] | undefined {
  const seen = new Set<string>();
  const out: FaultContract[] = [];
  for (const f of m.faults) {
    // Session and permission checks are the same for every method: they live in the panel-wide list.
    if (f.via === 'checkPerm/getSession') continue;
    if (f.code === 'permission_denied' && f.message === STANDARD_PERMISSION && !f.note) continue;
    const fault: FaultContract = { code: f.code, string: faultString(f.message, m.name) };
    if (f.via) fault.via = f.via;
    const tags = faultTags(f);
    if (tags) fault.tags = tags;
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

/** The ISPConfig 3 remote API contract: all 312 methods of 3.2.11 in PHP parameter order and names. */
export function extractIspconfig(sharedDir: string): Contract {
  const research = readJson<IspResearch>(sharedDir, INVENTORY);
  const protocol = readText(sharedDir, PROTOCOL);
  const seed = readText(sharedDir, SEEDS.ispconfig);
  mustMention(seed, `${research.method_count} of them`, 'ispconfig seed count');
  if (research.methods.length !== research.method_count) throw new Error('ispconfig: method_count disagrees with methods');

  const names = new Set(research.methods.map((m) => m.name));
  const listed = new Set(research.get_function_list_order);
  const pseudo = research.get_function_list_order.filter((n) => !names.has(n));
  if (pseudo.join() !== '__construct' || [...names].some((n) => !listed.has(n))) {
    throw new Error(`ispconfig: get_function_list order and methods disagree (extra: ${pseudo.join()})`);
  }

  const methods: MethodContract[] = research.methods.map((m) => ({
    name: m.name,
    section: section(m.file),
    auth: m.name === 'login' ? 'none' : 'session',
    permission: m.permission_group ?? undefined,
    table: m.table,
    params: m.params.map((p) => param(p, m.name)),
    returns: returnOf(m.returns, m.name),
    faults: methodFaults(m),
    source: `${INVENTORY} (ISPConfig 3.2.11 ${m.file}:${m.line})`,
  }));

  // Helpers named in fault provenance that the dispatcher does not know: calling them answers invalid_method.
  const [unknownMethod] = research.common_faults.dispatcher;
  mustMention(protocol, 'Unknown method → fault `invalid_method`', 'ispconfig unknown method');
  mustMention(readText(sharedDir, 'research/ispconfig/summary.md'), '`dns_rr_update` is a private helper', 'ispconfig private helpers');
  const helpers = [...new Set(research.methods.flatMap((m) => m.faults.map((f) => f.via ?? '')))]
    .filter((v) => /^[a-z]+(_[a-z]+)+$/.test(v) && !names.has(v) && !listed.has(v))
    .sort();
  for (const name of helpers) {
    methods.push({
      name,
      section: name.split('_')[0],
      tags: ['private'],
      params: [],
      faults: [{ code: unknownMethod.code, string: faultString(unknownMethod.message, name).replace('{name}', name) }],
      source: `${INVENTORY} (a helper other methods call) and research/ispconfig/summary.md: not in the dispatch table`,
    });
  }

  const c = research.common_faults;
  const protocolSource = `${PROTOCOL} §5`;
  for (const f of [...c.session, c.permission]) mustMention(protocol, f.message, `ispconfig ${f.code}`);
  // protocol.md wraps this string across two lines.
  mustMention(protocol, 'Too few arguments to function remoting_client::client_get(), 1 passed in', 'ispconfig too few arguments');
  mustMention(protocol, '<install path>/interface/lib/classes/soap_handler.inc.php on line 49 and exactly 2 expected', 'ispconfig too few arguments');
  mustMention(protocol, 'WSDL generation is not supported yet', 'ispconfig wsdl');
  mustMention(protocol, 'fault `SOAP-ENV:Client` / `Bad Request`', 'ispconfig bad request');

  const faults: FaultContract[] = [
    ...c.dispatcher.map((f) => ({ code: f.code, string: faultString(f.message, 'dispatcher'), when: 'the method or its class is not in the dispatch table', source: `${INVENTORY} common_faults; ${PROTOCOL} §1` })),
    ...c.session.map((f) => ({ code: f.code, string: f.message, via: f.via, when: 'session check before every method but login (logout checks only emptiness)', source: protocolSource })),
    { code: c.permission.code, string: c.permission.message, when: "the method's permission is not among the remote user's functions", source: protocolSource },
    { code: c.php_error.code, string: faultString(c.php_error.message, 'php_error'), when: 'an uncaught PHP Error inside a method', source: `${INVENTORY} common_faults; ${PROTOCOL} §1` },
    {
      code: 'SOAP-ENV:Server',
      string: 'Too few arguments to function {class}::{method}(), {passed} passed in {install_path}/interface/lib/classes/soap_handler.inc.php on line 49 and exactly {expected} expected',
      when: 'fewer arguments than the PHP method requires (extra arguments are ignored)',
      tags: ['php-error'],
      source: `${PROTOCOL} §1`,
    },
    { code: 'SOAP-ENV:Server', string: 'WSDL generation is not supported yet', when: 'GET with ?wsdl', source: `${PROTOCOL} §1` },
    { code: 'SOAP-ENV:Client', string: 'Bad Request', when: 'malformed XML or an empty POST body', source: `${PROTOCOL} §2` },
    ...c['added_in_3.2.12'].map((f) => ({
      code: f.code,
      string: faultString(f.message, f.code),
      when: 'a client_id > 0 that names no panel user (3.2.12 and later only)',
      via: f.via?.split(' when ')[0],
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
      { id: INVENTORY, description: 'every remote method of ISPConfig 3.2.11 read from the PHP source: parameters, defaults, permission names, literal faults' },
      { id: PROTOCOL, description: 'wire behaviour, sessions and the fault catalogue, checked against a running 3.2.11' },
    ],
    faults,
    functionListOrder: research.get_function_list_order,
    methods,
  };
}
