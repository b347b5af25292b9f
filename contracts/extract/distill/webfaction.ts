import type { ValueType } from '../../contract.js';
import { RESEARCH, SEEDS, type SourceFile } from '../source-files.js';
import { LATER_CHANGES, MENTIONS, type WfFacts, type WfMethodFacts, type WfParam, type WfReturn } from '../webfaction.js';
import { ORIGINS } from './origins.js';
import { SharedReader } from './shared-reader.js';

interface ResearchReturn {
  type: string;
  documented?: boolean;
  tuple?: boolean;
  items?: ResearchReturn | ResearchReturn[];
  fields?: Record<string, { type: string }>;
}

interface ResearchMethod {
  name: string;
  section: string;
  params: (WfParam & { description?: string })[];
  returns: ResearchReturn;
  doc_signature: string;
  example?: { response?: unknown };
}

interface Research {
  method_count: number;
  methods: ResearchMethod[];
  later_api_surface_not_in_seed: { methods: { name: string; params?: string[]; returns?: string; change?: string }[] };
}

/** Parameter names of a doc signature such as `write_file(session_id, filename, str, mode = 'wb')`. */
function signatureNames(signature: string): string[] {
  const inner = signature.slice(signature.indexOf('(') + 1, signature.lastIndexOf(')')).trim();
  if (!inner) return [];
  return inner.split(',').map((part) => part.split('=')[0].trim().replace(/^\*/, ''));
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

function param(p: ResearchMethod['params'][number]): WfParam {
  const out: WfParam = { name: p.name, type: p.type, required: p.required };
  if (p.default !== undefined) out.default = p.default;
  if (p.variadic) out.variadic = p.variadic;
  if (p.enum) out.enum = p.enum;
  return out;
}

function returns(r: ResearchReturn): WfReturn {
  const out: WfReturn = { type: r.type };
  if (r.documented !== undefined) out.documented = r.documented;
  if (r.tuple) out.tuple = r.tuple;
  if (r.items) out.items = Array.isArray(r.items) ? r.items.map(returns) : returns(r.items);
  if (r.fields) out.fields = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.type]));
  return out;
}

/** seed 000 + research/webfaction-gandi → contracts/sources/webfaction.json. */
export function distillWebfaction(sharedDir: string): SourceFile<WfFacts> {
  const shared = new SharedReader(sharedDir, ORIGINS);
  const research = shared.json<Research>(RESEARCH.webfaction);
  if (research.methods.length !== research.method_count) throw new Error('webfaction: method_count disagrees with methods');
  for (const m of MENTIONS) shared.mustMention(m.file, m.needle, m.what);

  const methods: WfMethodFacts[] = research.methods.map((m) => {
    const seedLine = shared.lineOf(SEEDS.webfaction, m.doc_signature, `webfaction ${m.name}`);
    const seedNames = signatureNames(m.doc_signature);
    // change_db_user_password() and friends print an empty signature; their order comes from the Parameters list.
    if (seedNames.length && seedNames.join() !== m.params.map((p) => p.name).join()) {
      throw new Error(`webfaction ${m.name}: seed signature (${seedNames.join()}) and research params disagree`);
    }
    const out: WfMethodFacts = { name: m.name, section: m.section, seedLine, params: m.params.map(param), returns: returns(m.returns) };
    const sample = m.example?.response;
    if (sample !== null && typeof sample === 'object') out.sample = sample;
    return out;
  });

  const entries = research.later_api_surface_not_in_seed.methods;
  const entry = (name: string) => {
    const e = entries.find((m) => m.name === name);
    if (!e) throw new Error(`webfaction: research no longer lists the later-API entry "${name}"`);
    return e;
  };
  for (const [name, needle] of LATER_CHANGES) shared.mustContain(entry(name).change, needle, `later API: ${name} (${needle})`);
  shared.mustContain(entry('create_certificate').returns, 'list_certificates', 'later API: create_certificate returns a list_certificates item');

  const later: WfFacts['later'] = {};
  for (const e of entries) {
    if (!e.params) continue;
    // A sketch with {keys} lists them; "struct like list_certificates item" names another entry's keys instead.
    later[e.name] = { params: e.params, ...(e.returns?.includes('{') ? { keys: sketchKeys(e.returns, e.name) } : {}) };
  }
  return { provenance: shared.provenance(), facts: { methods, later } };
}
