import type { Contract, MethodContract, ParamContract, ValueType } from '../contract.js';
import { RESEARCH, SEEDS, readFacts, type Mention } from './source-files.js';

/** A documented parameter; `default` is present only when the document gives one. */
export interface WhmParamFacts {
  name: string;
  /** Where the name was recovered from when the parameter line lacked it (`example`, `request_sample`…). */
  nameSource?: string;
  /** The rendered OpenAPI type, e.g. `integer [ 1 .. 100 ]`. */
  type: string;
  required: boolean;
  deprecated?: true;
  default?: unknown;
  possibleValues?: unknown[];
  /** The one value the key takes (a constant). */
  value?: unknown;
}

export interface WhmFunctionFacts {
  name: string;
  category: string;
  subcategory: string;
  deprecated?: true;
  params: WhmParamFacts[];
  /** Functions that take a body instead of a query string. */
  requestBody?: { contentType: string; required: boolean };
  /** The documented response, when the document has one (present even when null). */
  sample?: unknown;
  /** The sample needed repairs to parse. */
  sampleRepaired?: true;
  /** metadata.command in the sample names another function. */
  nameConflict?: true;
  /** Line of the function's `Authorizations:` line in seed 004. */
  sourceLine: number;
  /** Emulation priority: tier-1, tier-2 or tier-3. */
  tier: string;
}

/** contracts/sources/whm.json `facts`: the functions in document order (a function listed twice appears twice). */
export interface WhmFacts {
  functions: WhmFunctionFacts[];
}

const SEED = SEEDS.whm;
const DATA = RESEARCH.whm;

const BASE: Record<string, ValueType> = {
  string: 'string',
  strings: 'string',
  integer: 'int',
  integers: 'int',
  number: 'double',
  boolean: 'boolean',
  object: 'struct',
  objects: 'struct',
  any: 'any',
  null: 'nil',
  array: 'array',
};

interface TypeFacts {
  type: ValueType | ValueType[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

/**
 * Reads a rendered OpenAPI type such as `integer [ 1 .. 100 ]`, `string <username>`,
 * `string <= 255 characters`, `any or string or integer (Int0-999999NullOrUnlimited)`
 * or `Array of strings <domain> [ items <domain > ]`.
 */
export function whmType(text: string): TypeFacts {
  const facts: Partial<TypeFacts> = {};
  let rest = text;
  const isArray = /^Array\b/.test(rest);
  rest = rest.replace(/\[ items [^\]]*\]/, '');
  const range = /\[ (-?\d+) \.\. (-?\d+) \]/.exec(rest);
  if (range) {
    facts.minimum = Number(range[1]);
    facts.maximum = Number(range[2]);
    rest = rest.replace(range[0], '');
  }
  // `( 0 .. 1 )` is an exclusive range: no inclusive bounds to record.
  rest = rest.replace(/\( -?[\d.]+ \.\. -?[\d.]+ \)/, '');
  const ge = />= (\d+)/.exec(rest);
  if (ge) {
    facts.minimum = Number(ge[1]);
    rest = rest.replace(ge[0], '');
  }
  const le = /<= (\d+)( characters)?/.exec(rest);
  if (le) {
    if (/^(string|Array)/.test(text)) facts.maxLength = Number(le[1]);
    else facts.maximum = Number(le[1]);
    rest = rest.replace(le[0], '');
  }
  const angle = /<([^>]+)>/.exec(rest);
  if (angle) {
    if (!isArray) facts.format = angle[1].trim();
    rest = rest.replace(angle[0], '');
  }
  const named = /\(([A-Za-z][\w-]*)\)/.exec(rest);
  if (named) {
    if (!isArray) facts.format = named[1];
    rest = rest.replace(named[0], '');
  }
  const types = new Set<ValueType>();
  for (const alt of rest.split(' or ')) {
    const word = alt.trim().split(/\s+/)[0].toLowerCase();
    const t = BASE[word];
    if (!t) throw new Error(`whm: cannot read type "${text}" (at "${alt.trim()}")`);
    types.add(t);
  }
  const list = types.has('any') ? ['any' as const] : [...types];
  return { ...facts, type: list.length === 1 ? list[0] : list };
}

// Credentials and key material; flags that merely mention passwords (showpass, notify_password_change…) are not secrets.
const SECRET =
  /^(pass|password|passwd|passphrase|root_password|mysql_pass|token|api_token|access_token|tfa_token|login_token|cp_security_token|secret|client_secret|privatekey|sshkey_passphrase|key_data|PUSHBULLET_ACCESS_TOKEN)$/;
// `key` is a setting's name in most functions; in these it is key material.
const KEY_MATERIAL = new Set([
  'installssl',
  'install_service_ssl_certificate',
  'enqueue_deferred_ssl_installations',
  'install_dkim_private_keys',
  'add_configclusterserver',
  'update_configclusterserver',
  'importsshkey',
]);

function param(f: WhmFunctionFacts, p: WhmParamFacts): ParamContract {
  const notes: string[] = [];
  let name = p.name;
  let aliases: string[] | undefined;
  let variadic = false;
  if (/^\w+ or \w+$/.test(name)) {
    // `uid or gid`, `enabledigest or digestauth`: either key carries the value.
    [name, ...aliases] = name.split(' or ');
    notes.push(`the document names it "${p.name}"`);
  } else if (name.includes('*') || name.includes(' ')) {
    // A family of keys (`MXCHECK-*`, `x_*`) or any further keys (`Variable Names and Values`, `feature name`).
    if (name.includes(' ')) {
      notes.push(`the document labels it "${p.name}"`);
      name = '*';
    }
    variadic = true;
  }
  if (p.nameSource) notes.push(`name recovered from the ${p.nameSource.replace('_', ' ')}`);
  const hasDefault = 'default' in p;
  let required = p.required;
  if (required && hasDefault) {
    // Marked required yet given a default: an omitted value gets the default, so the key is optional in effect.
    required = false;
    notes.push('marked required with a default; treated as optional');
  }
  if (variadic && required) throw new Error(`whm ${f.name}: required key family ${p.name}`);

  const facts = whmType(p.type);
  const out: ParamContract = { name, type: facts.type, required };
  if (aliases) out.aliases = aliases;
  if (!required && hasDefault) out.default = p.default;
  if (variadic) out.variadic = true;
  if (p.possibleValues) out.enum = p.possibleValues;
  else if ('value' in p) out.enum = [p.value];
  if (facts.format) out.format = facts.format;
  if (facts.minimum !== undefined) out.minimum = facts.minimum;
  if (facts.maximum !== undefined) out.maximum = facts.maximum;
  if (facts.maxLength !== undefined) out.maxLength = facts.maxLength;
  if (SECRET.test(name) || (name === 'key' && KEY_MATERIAL.has(f.name))) out.secret = true;
  if (p.deprecated) out.tags = ['deprecated'];
  if (notes.length) out.source = `${DATA}: ${notes.join('; ')}`;
  return out;
}

function section(f: WhmFunctionFacts): string {
  return f.category === f.subcategory ? f.category : `${f.category} / ${f.subcategory}`;
}

/** Facts modelled here by hand, which the distiller finds in summary.md. */
export const MENTIONS: Mention[] = [{ file: RESEARCH.whmSummary, needle: 'Failure is `metadata.result = 0`', what: 'whm failure shape' }];

/** The cPanel WHM API 1 contract: every function of seed 004 with its parameters, a response sample and a research tier. */
export function extractWhm(sourcesDir?: string): Contract {
  const { functions } = readFacts<WhmFacts>('whm', sourcesDir);

  const methods: MethodContract[] = [];
  const byName = new Map<string, MethodContract>();
  for (const f of functions) {
    const where = `${SEED}:${f.sourceLine} § ${section(f)}`;
    const params = f.params.map((p) => param(f, p));
    const seen = byName.get(f.name);
    if (seen) {
      // The document lists is_alias_available under two tags; one method, two places.
      if (JSON.stringify(seen.params) !== JSON.stringify(params) || JSON.stringify(seen.returns?.sample) !== JSON.stringify(f.sample)) {
        throw new Error(`whm ${f.name}: listed twice with different content`);
      }
      seen.tags = [...(seen.tags ?? []), 'listed-twice'];
      seen.source = seen.source.replace(`; ${DATA}`, `; also ${where}; ${DATA}`);
      continue;
    }
    const tags = [f.tier];
    if (f.deprecated) tags.push('deprecated');
    if (f.sampleRepaired) tags.push('sample-repaired');
    // metadata.command in the sample names another function (a copy-paste slip in the document).
    if (f.nameConflict) tags.push('sample-command-mismatch');
    const method: MethodContract = {
      name: f.name,
      section: section(f),
      auth: 'header',
      tags,
      requestBody: f.requestBody,
      params,
      returns: 'sample' in f ? { type: 'struct', sample: f.sample } : { type: 'struct' },
      source: `${where}; ${DATA}`,
    };
    methods.push(method);
    byName.set(f.name, method);
  }

  return {
    panel: 'whm',
    title: 'cPanel WHM API 1',
    calling: 'named',
    sources: [
      { id: SEED, description: 'the WHM API 1 reference (a rendered OpenAPI page): 595 operations' },
      { id: DATA, description: 'the reference parsed: parameters, types, defaults and response samples as JSON' },
      { id: RESEARCH.whmTiers, description: 'proposed emulation priority per function' },
    ],
    faults: [
      {
        code: 0,
        string: '{reason}',
        when: 'any failure: metadata.result is 0 and metadata.reason says why (HTTP 200); the document gives no exact reasons',
        source: `${RESEARCH.whmSummary} §4`,
      },
    ],
    methods,
  };
}
