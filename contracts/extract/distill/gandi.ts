import { MENTIONS, type GErrorCodes, type GFacts, type GMethodFacts, type GParam, type GReturn } from '../gandi.js';
import { RESEARCH, SEEDS, type SourceFile } from '../source-files.js';
import { ORIGINS } from './origins.js';
import { SharedReader } from './shared-reader.js';

interface ResearchField {
  type: string;
  enum?: unknown[];
  fields?: Record<string, ResearchField> | string;
  items?: ResearchField;
}

interface ResearchMethod {
  name: string;
  section: string;
  status: GMethodFacts['status'];
  params: (ResearchField & { name: string; required: boolean; default?: unknown })[];
  returns: ResearchField;
  creates_operation?: string;
  present_in: string[];
}

interface Research {
  method_count: { documented: number };
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
  methods: ResearchMethod[];
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
      part
        .replace(/]/g, '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => {
          const [type, pname] = s.split(/\s+/);
          return { type, name: pname, required };
        });
    return { line: i + 1, text, returns: m[1], params: [...split(head, true), ...split(tail, false)] };
  }
  return undefined;
}

function checkSignature(sig: Signature, m: ResearchMethod): void {
  const research = m.params.map((p) => `${p.type} ${p.name}${p.required ? '' : '?'}`).join(', ');
  const seed = sig.params.map((p) => `${p.type} ${p.name}${p.required ? '' : '?'}`).join(', ');
  if (research !== seed || sig.returns !== m.returns.type) {
    throw new Error(`gandi ${m.name}: seed signature "${sig.text}" disagrees with research (${m.returns.type} ${research})`);
  }
}

/** Where seed 001 (and seed 003) state the method; checks both signatures against the research record. */
function seedLines(shared: SharedReader, m: ResearchMethod): Pick<GMethodFacts, 'seedLine' | 'shortLine'> {
  if (m.status === 'toc_only') return { seedLine: shared.lineOf(SEEDS.gandi, `[[hosting#${m.name}|`, m.name) };
  if (m.status === 'referenced_only') return { seedLine: shared.lineOf(SEEDS.gandi, '[[#su|su]]', m.name) };
  const sig = findSignature(shared.text(SEEDS.gandi), m.name);
  if (!sig) throw new Error(`gandi ${m.name}: no signature in ${SEEDS.gandi}`);
  checkSignature(sig, m);
  const sig3 = findSignature(shared.text(SEEDS.gandiShort), m.name);
  if (m.present_in.includes('003') !== Boolean(sig3)) throw new Error(`gandi ${m.name}: presence in ${SEEDS.gandiShort} disagrees with research`);
  if (sig3 && sig3.text !== sig.text) throw new Error(`gandi ${m.name}: signatures differ between seeds 001 and 003`);
  return { seedLine: sig.line, shortLine: sig3?.line ?? null };
}

function param(p: ResearchMethod['params'][number]): GParam {
  const out: GParam = { name: p.name, type: p.type, required: p.required };
  if (p.default !== undefined) out.default = p.default;
  if (p.enum) out.enum = p.enum;
  if (p.fields && typeof p.fields !== 'string') {
    out.fields = Object.fromEntries(Object.entries(p.fields).map(([k, f]) => [k, f.enum ? { type: f.type, enum: f.enum } : { type: f.type }]));
  }
  return out;
}

function returns(r: ResearchField): GReturn {
  const out: GReturn = { type: r.type };
  if (r.items) out.items = returns(r.items);
  if (r.fields && typeof r.fields !== 'string') out.fields = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.type]));
  return out;
}

/** Label before the research's explanation, e.g. 'Server - internal errors…' → 'Server'. */
function label(text: string): string {
  return text.split(' - ')[0].trim();
}

function errorCodes(r: Research['error_codes']['recovered_format']): GErrorCodes {
  return {
    qualifications: Object.fromEntries(Object.entries(r.qualifications).map(([q, text]) => [q, label(text)])),
    faultStrings: r.faultString_1_0,
    serverObjects: r.server_objects,
    serverCauses: r.server_causes_1_0,
    dataObjects: r.data_objects_subset,
    dataCauses: r.data_causes,
    examples: r.examples_from_1_0_doc,
  };
}

/** seeds 001 and 003 + research/webfaction-gandi → contracts/sources/gandi.json. */
export function distillGandi(sharedDir: string): SourceFile<GFacts> {
  const shared = new SharedReader(sharedDir, ORIGINS);
  const research = shared.json<Research>(RESEARCH.gandi);
  for (const m of MENTIONS) shared.mustMention(m.file, m.needle, m.what);

  const ops = research.operation_model;
  const creating = new Set([...ops.return_opid, ...ops.return_object_id_not_opid]);
  if (creating.size !== ops.creating_methods.length || !ops.creating_methods.every((n) => creating.has(n))) {
    throw new Error('gandi: operation model lists disagree');
  }

  const methods: GMethodFacts[] = research.methods.map((m) => {
    if (Boolean(m.creates_operation) !== creating.has(m.name)) throw new Error(`gandi ${m.name}: creates_operation disagrees with the operation model`);
    return {
      name: m.name,
      // Research appends why a method has no section of its own; the section is the part before that.
      section: m.status === 'documented' ? m.section : m.section.replace(/\s*\([^()]*\)$/, ''),
      status: m.status,
      params: m.params.map(param),
      returns: returns(m.returns),
      ...seedLines(shared, m),
    };
  });
  const documented = methods.filter((m) => m.status === 'documented').length;
  if (documented !== research.method_count.documented)
    throw new Error(`gandi: ${documented} documented methods, research says ${research.method_count.documented}`);

  return {
    provenance: shared.provenance(),
    facts: {
      methods,
      operations: { returnOperationId: ops.return_opid, returnObjectId: ops.return_object_id_not_opid },
      errorCodes: errorCodes(research.error_codes.recovered_format),
    },
  };
}
