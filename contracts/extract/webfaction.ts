import type { Contract, FaultContract, MethodContract, ParamContract, ReturnContract, ValueType } from '../contract.js';
import { RESEARCH, SEEDS, readFacts, type Mention } from './source-files.js';

/** A parameter as seed 000 documents it (research's Python-to-XML-RPC type words). */
export interface WfParam {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
  variadic?: boolean;
  enum?: unknown[];
}

/** A documented return: `fields` maps a struct's keys to their type words. */
export interface WfReturn {
  type: string;
  documented?: boolean;
  tuple?: boolean;
  items?: WfReturn | WfReturn[];
  fields?: Record<string, string>;
}

export interface WfMethodFacts {
  name: string;
  section: string;
  /** Line of the method's signature in seed 000. */
  seedLine: number;
  params: WfParam[];
  returns: WfReturn;
  /** The documented example response, when it is a struct or list. */
  sample?: unknown;
}

/** contracts/sources/webfaction.json `facts`. */
export interface WfFacts {
  methods: WfMethodFacts[];
  /** The later (version 2) methods seen in public clients: positional parameter names, and return keys where sketched. */
  later: Record<string, { params: string[]; keys?: Record<string, ValueType> }>;
}

const TYPES: Record<string, ValueType | ValueType[]> = {
  string: 'string',
  int: 'int',
  boolean: 'boolean',
  array: 'array',
  struct: 'struct',
  // set_apache_acl `paths`: one path or a list of them.
  'string|array': ['string', 'array'],
};

function valueType(t: string, where: string): ValueType | ValueType[] {
  const v = TYPES[t];
  if (!v) throw new Error(`webfaction: unknown type "${t}" in ${where}`);
  return v;
}

function single(t: string, where: string): ValueType {
  const v = valueType(t, where);
  if (Array.isArray(v)) throw new Error(`webfaction: ${where} needs a single type, got ${t}`);
  return v;
}

const SECRET = new Set(['session_id', 'password', 'private_key']);

function returnOf(r: WfReturn, where: string): ReturnContract {
  // The seed is silent on what most mutators return; real clients (Ansible) call dict.update() on the
  // result, so we choose a struct (realworld.md §1.4) and say the choice is ours.
  if (r.type === 'undocumented') return { type: 'struct', documented: false };
  const out: ReturnContract = { type: single(r.type, where) };
  if (r.documented === false) out.documented = false;
  if (r.tuple && Array.isArray(r.items)) out.tuple = r.items.map((i, n) => returnOf(i, `${where}[${n}]`));
  else if (r.items && !Array.isArray(r.items)) out.items = returnOf(r.items, `${where}[]`);
  if (r.fields) out.keys = Object.fromEntries(Object.entries(r.fields).map(([k, t]) => [k, valueType(t, `${where}.${k}`)]));
  return out;
}

function param(p: WfParam): ParamContract {
  const out: ParamContract = { name: p.name, type: valueType(p.type, p.name), required: p.required };
  if (!p.required && !p.variadic && p.default !== undefined) out.default = p.default;
  if (p.variadic) out.variadic = true;
  if (p.enum) out.enum = p.enum;
  if (SECRET.has(p.name)) out.secret = true;
  return out;
}

const SEED = SEEDS.webfaction;
const REALWORLD = RESEARCH.webfactionRealworld;

// Fault strings are facts observed in public clients (realworld.md §1.2–1.3); the distiller checks each is still there.
const LOGIN_LEGACY = "<class 'webfaction_api.exceptions.LoginError'>:";
const LOGIN_MODERN = 'LoginError';
const MACHINE_MODERN = 'Not allowed to login to machine "';
const MAILBOX_DUP = "<class 'webfaction_api.exceptions.DataError'>:[u'Mailbox with this Name already exists.']";
const EMAIL_DUP = "<class 'webfaction_api.exceptions.DataError'>:[u'Email with this Username and Subdomain already exists.']";
/** Fault strings modelled here by hand, which the distiller finds in realworld.md ('is not supported': the unknown-method fault). */
export const MENTIONS: Mention[] = [LOGIN_LEGACY, LOGIN_MODERN, MACHINE_MODERN, MAILBOX_DUP, EMAIL_DUP, 'is not supported'].map((needle) => ({
  file: REALWORLD,
  needle,
  what: `fault string "${needle}"`,
}));

function methodFaults(name: string): FaultContract[] | undefined {
  const rw = `${REALWORLD} §1.2`;
  switch (name) {
    case 'login':
      return [
        { code: 1, string: LOGIN_LEGACY, when: 'unknown user or wrong password', tags: ['legacy'], source: rw },
        { code: 1, string: LOGIN_MODERN, when: 'unknown user or wrong password', tags: ['modern'], source: rw },
        {
          code: 1,
          string: `${MACHINE_MODERN}{machine}"`,
          when: "machine is not one of the account's (the name is case-sensitive)",
          tags: ['modern'],
          source: rw,
        },
      ];
    case 'create_mailbox':
      return [{ code: 1, string: MAILBOX_DUP, when: 'a mailbox of that name exists', tags: ['legacy'], source: `${REALWORLD} §1.3` }];
    case 'create_email':
      return [{ code: 1, string: EMAIL_DUP, when: 'the address exists', tags: ['legacy'], source: `${REALWORLD} §1.3` }];
    case 'system':
      // The seed says stderr output turns into a fault but gives no string; the stderr text is our choice.
      return [{ code: 1, string: '{stderr}', when: 'the command wrote to standard error', tags: ['inferred'], source: `${SEED} § Miscellaneous, system()` }];
    default:
      return undefined;
  }
}

function laterEntry(facts: WfFacts, name: string): WfFacts['later'][string] {
  const entry = facts.later[name];
  if (!entry) throw new Error(`webfaction: sources no longer list the later-API entry "${name}"`);
  return entry;
}

function laterKeys(facts: WfFacts, name: string): Record<string, ValueType> {
  const keys = laterEntry(facts, name).keys;
  if (!keys) throw new Error(`webfaction: no return keys for the later-API entry "${name}"`);
  return keys;
}

function v2Methods(facts: WfFacts): MethodContract[] {
  const source = `${RESEARCH.webfaction} later_api_surface_not_in_seed; ${REALWORLD} §1.4`;
  // create_certificate answers one list_certificates item (the research's sketch says so; the distiller checks it).
  const certKeys = laterKeys(facts, 'list_certificates');
  const stringParams = (names: string[]): ParamContract[] =>
    names.map((n) => ({ name: n, type: 'string', required: true, ...(SECRET.has(n) ? { secret: true } : {}) }));
  const make = (name: string, section: string, returns: ReturnContract): MethodContract => ({
    name,
    section,
    auth: 'session',
    tags: ['v2'],
    params: stringParams(laterEntry(facts, name).params),
    returns,
    source,
  });
  return [
    make('list_disk_usage', 'Usage', { type: 'struct', keys: laterKeys(facts, 'list_disk_usage') }),
    make('list_bandwidth_usage', 'Usage', { type: 'struct', keys: laterKeys(facts, 'list_bandwidth_usage') }),
    make('list_certificates', 'Certificates', { type: 'array', items: { type: 'struct', keys: certKeys } }),
    make('create_certificate', 'Certificates', { type: 'struct', keys: certKeys }),
    make('update_certificate', 'Certificates', { type: 'struct', documented: false }),
    make('delete_certificate', 'Certificates', { type: 'struct', documented: false }),
  ];
}

/** The later-API changes applyLaterChanges models, each with the word the research entry must still contain. */
export const LATER_CHANGES: [entry: string, needle: string][] = [
  ['login', 'version'],
  ['create_website/update_website', 'certificate'],
  ['create_app', 'open_port'],
  ['create_db', 'db_user'],
  ['create_dns_override/delete_dns_override', 'srv_record'],
];

/**
 * Post-seed changes to documented methods, as seen in later clients (webfaction.json
 * later_api_surface_not_in_seed); the distiller checks research still names each change.
 */
function applyLaterChanges(methods: MethodContract[]): void {
  const byName = new Map(methods.map((m) => [m.name, m]));
  const get = (n: string) =>
    byName.get(n) ??
    (() => {
      throw new Error(`webfaction: no method ${n}`);
    })();
  const src = `${RESEARCH.webfaction} later_api_surface_not_in_seed`;

  get('login').params.push({
    name: 'version',
    type: 'int',
    required: false,
    default: 1,
    enum: [1, 2],
    tags: ['later'],
    source: `${src}; ${REALWORLD} §1.2 (clients send 2; omitted means the seed's version 1)`,
  });

  for (const name of ['create_website', 'update_website']) {
    const params = get(name).params;
    const at = params.findIndex((p) => p.variadic);
    params.splice(at, 0, {
      name: 'certificate',
      type: 'string',
      required: false,
      default: '',
      tags: ['v2'],
      source: `${src} (inserted before *site_apps in version 2 sessions only)`,
    });
  }

  const sixth = get('create_app').params[5];
  if (sixth?.name !== 'script_code') throw new Error('webfaction: create_app 6th parameter is no longer script_code');
  // Seed: script_code (string). Every real client sends open_port (boolean) there: the XML-RPC type tells which.
  sixth.type = ['boolean', 'string'];
  sixth.source = `${SEED} § Applications (script_code); ${REALWORLD} §1.4 (open_port boolean): boolean means open_port`;

  get('create_db').params.push({ name: 'db_user', type: 'string', required: false, tags: ['later'], source: src });

  for (const name of ['create_dns_override', 'delete_dns_override']) {
    for (const extra of ['aaaa_ip', 'srv_record']) {
      get(name).params.push({ name: extra, type: 'string', required: false, default: '', tags: ['later'], source: src });
    }
  }
}

/** The WebFaction contract: seed 000 through research/webfaction-gandi, plus the version-2 surface tagged 'v2'. */
export function extractWebfaction(sourcesDir?: string): Contract {
  const facts = readFacts<WfFacts>('webfaction', sourcesDir);
  const methods: MethodContract[] = facts.methods.map((m) => {
    const method: MethodContract = {
      name: m.name,
      section: m.section,
      auth: m.name === 'login' ? 'none' : 'session',
      params: m.params.map(param),
      returns: returnOf(m.returns, m.name),
      faults: methodFaults(m.name),
      source: `${SEED}:${m.seedLine} § ${m.section}; ${RESEARCH.webfaction}`,
    };
    if (m.sample !== undefined && method.returns) method.returns.sample = m.sample;
    return method;
  });
  applyLaterChanges(methods);
  methods.push(...v2Methods(facts));

  return {
    panel: 'webfaction',
    title: 'WebFaction XML-RPC API',
    calling: 'positional',
    sources: [
      { id: SEED, description: 'WebFaction API reference, version-1 era (48 methods)' },
      { id: RESEARCH.webfaction, description: 'the seed as data, plus the later (version 2) surface seen in public clients' },
      { id: REALWORLD, description: 'fault strings and return shapes observed in public clients' },
    ],
    faults: [
      {
        code: 1,
        string: "<class 'webfaction_api.exceptions.{exception}'>:{message}",
        when: 'any API error, before about 2016: Python exception class, colon, message (a repr of a list of messages for DataError, empty for LoginError)',
        tags: ['legacy'],
        source: `${REALWORLD} §1.1, §1.3`,
      },
      { code: 1, string: '{message}', when: 'any API error with a message, later servers', tags: ['modern'], source: `${REALWORLD} §1.2` },
      {
        code: 1,
        string: '{exception}',
        when: 'any API error without a message, later servers (e.g. LoginError)',
        tags: ['modern'],
        source: `${REALWORLD} §1.2`,
      },
      {
        code: 1,
        string: '<type \'exceptions.Exception\'>:method "{method}" is not supported',
        when: 'unknown method (the stock Python dispatcher answer; never captured)',
        tags: ['legacy', 'inferred'],
        source: `${REALWORLD} §1.1`,
      },
    ],
    methods,
  };
}
