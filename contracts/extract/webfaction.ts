import type { Contract, FaultContract, MethodContract, ParamContract, ReturnContract, ValueType } from '../contract.js';
import { RESEARCH, SEEDS, lineOf, mustMention, readJson, readText } from './research-files.js';

interface WfParam {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
  variadic?: boolean;
  enum?: unknown[];
}

interface WfReturn {
  type: string;
  documented?: boolean;
  tuple?: boolean;
  items?: WfReturn | WfReturn[];
  fields?: Record<string, WfReturn>;
}

interface WfMethod {
  name: string;
  section: string;
  params: WfParam[];
  returns: WfReturn;
  doc_signature: string;
  example?: { response?: unknown };
}

interface WfLater {
  name: string;
  params?: string[];
  returns?: string;
  change?: string;
}

interface WfResearch {
  method_count: number;
  methods: WfMethod[];
  later_api_surface_not_in_seed: { methods: WfLater[] };
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
  if (r.fields) out.keys = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, valueType(f.type, `${where}.${k}`)]));
  return out;
}

/** Parameter names of a doc signature such as `write_file(session_id, filename, str, mode = 'wb')`. */
function signatureNames(signature: string): string[] {
  const inner = signature.slice(signature.indexOf('(') + 1, signature.lastIndexOf(')')).trim();
  if (!inner) return [];
  return inner.split(',').map((part) => part.split('=')[0].trim().replace(/^\*/, ''));
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

// Fault strings are facts observed in public clients (realworld.md §1.2–1.3); each is checked to still be there.
const LOGIN_LEGACY = "<class 'webfaction_api.exceptions.LoginError'>:";
const LOGIN_MODERN = 'LoginError';
const MACHINE_MODERN = 'Not allowed to login to machine "';
const MAILBOX_DUP = "<class 'webfaction_api.exceptions.DataError'>:[u'Mailbox with this Name already exists.']";
const EMAIL_DUP = "<class 'webfaction_api.exceptions.DataError'>:[u'Email with this Username and Subdomain already exists.']";

function methodFaults(name: string): FaultContract[] | undefined {
  const rw = `${REALWORLD} §1.2`;
  switch (name) {
    case 'login':
      return [
        { code: 1, string: LOGIN_LEGACY, when: 'unknown user or wrong password', tags: ['legacy'], source: rw },
        { code: 1, string: LOGIN_MODERN, when: 'unknown user or wrong password', tags: ['modern'], source: rw },
        { code: 1, string: `${MACHINE_MODERN}{machine}"`, when: 'machine is not one of the account\'s (the name is case-sensitive)', tags: ['modern'], source: rw },
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

function laterEntry(research: WfResearch, name: string): WfLater {
  const entry = research.later_api_surface_not_in_seed.methods.find((m) => m.name === name);
  if (!entry) throw new Error(`webfaction: research no longer lists the later-API entry "${name}"`);
  return entry;
}

/** Keys of a research return sketch such as `struct {home_directories[], total, ...}`. */
function sketchKeys(sketch: string, where: string): Record<string, ValueType> {
  const body = /\{([^}]*)\}/.exec(sketch);
  if (!body) throw new Error(`webfaction: ${where}: no {keys} in return sketch`);
  const keys: Record<string, ValueType> = {};
  // Split on commas outside parentheses: annotations like ('YYYY-MM-DD' string) stay with their key.
  for (const raw of body[1].split(/,(?![^(]*\))/)) {
    const m = /^\s*([a-z_]+)(\[\])?\s*(\(([^)]*)\))?\s*$/.exec(raw);
    if (!m) throw new Error(`webfaction: ${where}: cannot read key "${raw}"`);
    // Types are not given for these later-API keys; keep 'any' except where the sketch or the id convention says.
    keys[m[1]] = m[2] ? 'array' : m[4]?.includes('string') ? 'string' : m[1] === 'id' ? 'int' : 'any';
  }
  return keys;
}

function v2Methods(research: WfResearch): MethodContract[] {
  const source = `${RESEARCH.webfaction} later_api_surface_not_in_seed; ${REALWORLD} §1.4`;
  const certs = laterEntry(research, 'list_certificates');
  const certKeys = sketchKeys(certs.returns ?? '', 'list_certificates');
  const stringParams = (names: string[] | undefined): ParamContract[] =>
    (names ?? []).map((n) => ({ name: n, type: 'string', required: true, ...(SECRET.has(n) ? { secret: true } : {}) }));
  const make = (name: string, section: string, returns: ReturnContract): MethodContract => ({
    name,
    section,
    auth: 'session',
    tags: ['v2'],
    params: stringParams(laterEntry(research, name).params),
    returns,
    source,
  });
  mustMention(laterEntry(research, 'create_certificate').returns ?? '', 'list_certificates', 'create_certificate');
  return [
    make('list_disk_usage', 'Usage', { type: 'struct', keys: sketchKeys(laterEntry(research, 'list_disk_usage').returns ?? '', 'list_disk_usage') }),
    make('list_bandwidth_usage', 'Usage', { type: 'struct', keys: sketchKeys(laterEntry(research, 'list_bandwidth_usage').returns ?? '', 'list_bandwidth_usage') }),
    make('list_certificates', 'Certificates', { type: 'array', items: { type: 'struct', keys: certKeys } }),
    make('create_certificate', 'Certificates', { type: 'struct', keys: certKeys }),
    make('update_certificate', 'Certificates', { type: 'struct', documented: false }),
    make('delete_certificate', 'Certificates', { type: 'struct', documented: false }),
  ];
}

/** Post-seed changes to documented methods, as seen in later clients (webfaction.json later_api_surface_not_in_seed). */
function applyLaterChanges(research: WfResearch, methods: MethodContract[]): void {
  const byName = new Map(methods.map((m) => [m.name, m]));
  const get = (n: string) => byName.get(n) ?? (() => { throw new Error(`webfaction: no method ${n}`); })();
  const src = `${RESEARCH.webfaction} later_api_surface_not_in_seed`;

  mustMention(laterEntry(research, 'login').change ?? '', 'version', 'login');
  get('login').params.push({
    name: 'version', type: 'int', required: false, default: 1, enum: [1, 2], tags: ['later'],
    source: `${src}; ${REALWORLD} §1.2 (clients send 2; omitted means the seed's version 1)`,
  });

  mustMention(laterEntry(research, 'create_website/update_website').change ?? '', 'certificate', 'create_website');
  for (const name of ['create_website', 'update_website']) {
    const params = get(name).params;
    const at = params.findIndex((p) => p.variadic);
    params.splice(at, 0, {
      name: 'certificate', type: 'string', required: false, default: '', tags: ['v2'],
      source: `${src} (inserted before *site_apps in version 2 sessions only)`,
    });
  }

  mustMention(laterEntry(research, 'create_app').change ?? '', 'open_port', 'create_app');
  const sixth = get('create_app').params[5];
  if (sixth?.name !== 'script_code') throw new Error('webfaction: create_app 6th parameter is no longer script_code');
  // Seed: script_code (string). Every real client sends open_port (boolean) there: the XML-RPC type tells which.
  sixth.type = ['boolean', 'string'];
  sixth.source = `${SEED} § Applications (script_code); ${REALWORLD} §1.4 (open_port boolean): boolean means open_port`;

  mustMention(laterEntry(research, 'create_db').change ?? '', 'db_user', 'create_db');
  get('create_db').params.push({ name: 'db_user', type: 'string', required: false, tags: ['later'], source: src });

  mustMention(laterEntry(research, 'create_dns_override/delete_dns_override').change ?? '', 'srv_record', 'dns overrides');
  for (const name of ['create_dns_override', 'delete_dns_override']) {
    for (const extra of ['aaaa_ip', 'srv_record']) {
      get(name).params.push({ name: extra, type: 'string', required: false, default: '', tags: ['later'], source: src });
    }
  }
}

/** The WebFaction contract: seed 000 through research/webfaction-gandi, plus the version-2 surface tagged 'v2'. */
export function extractWebfaction(sharedDir: string): Contract {
  const research = readJson<WfResearch>(sharedDir, RESEARCH.webfaction);
  const seed = readText(sharedDir, SEED);
  const realworld = readText(sharedDir, REALWORLD);
  for (const s of [LOGIN_LEGACY, LOGIN_MODERN, MACHINE_MODERN, MAILBOX_DUP, EMAIL_DUP, 'is not supported']) mustMention(realworld, s, 'webfaction faults');
  if (research.methods.length !== research.method_count) throw new Error('webfaction: method_count disagrees with methods');

  const methods: MethodContract[] = research.methods.map((m) => {
    const line = lineOf(seed, m.doc_signature, `webfaction ${m.name}`);
    const seedNames = signatureNames(m.doc_signature);
    // change_db_user_password() and friends print an empty signature; their order comes from the Parameters list.
    if (seedNames.length && seedNames.join() !== m.params.map((p) => p.name).join()) {
      throw new Error(`webfaction ${m.name}: seed signature (${seedNames.join()}) and research params disagree`);
    }
    const source = `${SEED}:${line} § ${m.section}`;
    const method: MethodContract = {
      name: m.name,
      section: m.section,
      auth: m.name === 'login' ? 'none' : 'session',
      params: m.params.map(param),
      returns: returnOf(m.returns, m.name),
      faults: methodFaults(m.name),
      source: `${source}; ${RESEARCH.webfaction}`,
    };
    const sample = m.example?.response;
    if (sample !== null && typeof sample === 'object' && method.returns) method.returns.sample = sample;
    return method;
  });
  applyLaterChanges(research, methods);
  methods.push(...v2Methods(research));

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
        code: 1, string: "<class 'webfaction_api.exceptions.{exception}'>:{message}",
        when: 'any API error, before about 2016: Python exception class, colon, message (a repr of a list of messages for DataError, empty for LoginError)',
        tags: ['legacy'], source: `${REALWORLD} §1.1, §1.3`,
      },
      { code: 1, string: '{message}', when: 'any API error with a message, later servers', tags: ['modern'], source: `${REALWORLD} §1.2` },
      { code: 1, string: '{exception}', when: 'any API error without a message, later servers (e.g. LoginError)', tags: ['modern'], source: `${REALWORLD} §1.2` },
      {
        code: 1, string: "<type 'exceptions.Exception'>:method \"{method}\" is not supported",
        when: 'unknown method (the stock Python dispatcher answer; never captured)', tags: ['legacy', 'inferred'], source: `${REALWORLD} §1.1`,
      },
    ],
    methods,
  };
}
