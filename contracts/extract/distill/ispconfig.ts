import type { ValueType } from '../../contract.js';
import { MENTIONS, type IspFacts, type IspFaultFacts, type IspMethodFacts } from '../ispconfig.js';
import { RESEARCH, SEEDS, type SourceFile } from '../source-files.js';
import { ORIGINS } from './origins.js';
import { SharedReader } from './shared-reader.js';

interface ResearchFault {
  code: string;
  message: string;
  via?: string;
  note?: string;
  as_written_in_source?: string;
}

interface ResearchMethod {
  name: string;
  file: string;
  line: number;
  params: { name: string; default?: string }[];
  permission_group: string | string[] | null;
  returns: string;
  faults: ResearchFault[];
  table?: string;
}

interface Research {
  method_count: number;
  get_function_list_order: string[];
  common_faults: {
    dispatcher: ResearchFault[];
    session: ResearchFault[];
    permission: ResearchFault;
    php_error: ResearchFault;
    'added_in_3.2.12': ResearchFault[];
  };
  methods: ResearchMethod[];
}

// Research describes returns in words; these rules read the leading type. An unmatched text stops the distiller.
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

function returnOf(text: string, method: string): IspMethodFacts['returns'] {
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

/** Research's notes on a fault, as tags: it cannot happen, or the real panel answers a PHP error instead. */
function faultTags(f: ResearchFault): string[] | undefined {
  const tags: string[] = [];
  if (f.note?.includes('unreachable')) tags.push('unreachable');
  if (f.note?.includes('PHP Error') || f.as_written_in_source !== undefined) tags.push('php-error');
  return tags.length ? tags : undefined;
}

function fault(f: ResearchFault, where: string, via = f.via): IspFaultFacts {
  const out: IspFaultFacts = { code: f.code, string: faultString(f.message, where) };
  if (via) out.via = via;
  const tags = faultTags(f);
  if (tags) out.tags = tags;
  return out;
}

const STANDARD_PERMISSION = 'You do not have the permissions to access this function.';

/** Session and permission checks are the same for every method: the panel-wide list has them, once. */
function methodOwn(f: ResearchFault): boolean {
  if (f.via === 'checkPerm/getSession') return false;
  return !(f.code === 'permission_denied' && f.message === STANDARD_PERMISSION && !f.note);
}

/** seed 002 + research/ispconfig (read from the 3.2.11 PHP source) → contracts/sources/ispconfig.json. */
export function distillIspconfig(sharedDir: string): SourceFile<IspFacts> {
  const shared = new SharedReader(sharedDir, ORIGINS);
  const research = shared.json<Research>(RESEARCH.ispconfig);
  shared.mustMention(SEEDS.ispconfig, `${research.method_count} of them`, 'ispconfig seed count');
  if (research.methods.length !== research.method_count) throw new Error('ispconfig: method_count disagrees with methods');
  for (const m of MENTIONS) shared.mustMention(m.file, m.needle, m.what);
  const c = research.common_faults;
  for (const f of [...c.session, c.permission]) shared.mustMention(RESEARCH.ispconfigProtocol, f.message, `ispconfig ${f.code}`);

  const methods: IspMethodFacts[] = research.methods.map((m) => {
    const out: IspMethodFacts = {
      name: m.name,
      file: m.file,
      line: m.line,
      params: m.params.map((p) => (p.default === undefined ? { name: p.name } : { name: p.name, default: p.default })),
      permission: m.permission_group,
      returns: returnOf(m.returns, m.name),
      faults: m.faults.filter(methodOwn).map((f) => fault(f, m.name)),
    };
    if (m.table !== undefined) out.table = m.table;
    return out;
  });

  return {
    provenance: shared.provenance(),
    facts: {
      functionListOrder: research.get_function_list_order,
      commonFaults: {
        dispatcher: c.dispatcher.map((f) => fault(f, 'dispatcher')),
        session: c.session.map((f) => fault(f, f.code)),
        permission: fault(c.permission, 'permission'),
        phpError: fault(c.php_error, 'php_error'),
        // Research says when after the helper's name; the helper is the fact.
        added3212: c['added_in_3.2.12'].map((f) => fault(f, f.code, f.via?.split(' when ')[0])),
      },
      methods,
    },
  };
}
