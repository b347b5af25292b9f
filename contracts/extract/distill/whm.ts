import { RESEARCH, SEEDS, type SourceFile } from '../source-files.js';
import { MENTIONS, type WhmFacts, type WhmFunctionFacts, type WhmParamFacts } from '../whm.js';
import { ORIGINS } from './origins.js';
import { SharedReader } from './shared-reader.js';

interface ResearchParam {
  name: string;
  name_source: string;
  type: string;
  required: boolean;
  deprecated: boolean;
  default: unknown;
  has_default: boolean;
  possible_values: unknown[] | null;
  value: unknown;
}

interface ResearchFunction {
  name: string;
  category: string;
  subcategory: string;
  deprecated: boolean;
  params_location: 'query' | 'body' | null;
  params: ResearchParam[];
  request_body: { content_type: string; required: boolean } | null;
  response_sample: unknown;
  response_sample_parse: 'ok' | 'partial' | 'absent';
  response_sample_repairs: string[];
  source_line: number;
  name_conflict?: boolean;
}

type Tiers = Record<'tier1' | 'tier2' | 'tier3_read' | 'tier3_write', Record<string, string[]> | string[]>;

function tierTags(tiers: Tiers): Map<string, string> {
  const out = new Map<string, string>();
  const tag = { tier1: 'tier-1', tier2: 'tier-2', tier3_read: 'tier-3', tier3_write: 'tier-3' } as const;
  for (const [tier, groups] of Object.entries(tiers) as [keyof Tiers, Tiers[keyof Tiers]][]) {
    for (const name of Object.values(groups).flat()) {
      if (out.has(name)) throw new Error(`whm: ${name} is in two tiers`);
      out.set(name, tag[tier]);
    }
  }
  return out;
}

/** Checks that the seed names the function between its `Authorizations:` line and the next one. */
function seedCheck(lines: string[], f: ResearchFunction): void {
  if (!lines[f.source_line - 1]?.startsWith('Authorizations:')) throw new Error(`whm ${f.name}: seed line ${f.source_line} moved`);
  let end = f.source_line;
  while (end < lines.length && !lines[end].startsWith('Authorizations:')) end++;
  if (!lines.slice(f.source_line, end).some((l) => l.includes(f.name))) throw new Error(`whm ${f.name}: not named in its seed section`);
}

function param(p: ResearchParam): WhmParamFacts {
  const out = { name: p.name } as WhmParamFacts;
  if (p.name_source !== 'line') out.nameSource = p.name_source;
  out.type = p.type;
  out.required = p.required;
  if (p.deprecated) out.deprecated = true;
  if (p.has_default) out.default = p.default;
  if (p.possible_values !== null) out.possibleValues = p.possible_values;
  if (p.value !== null) out.value = p.value;
  return out;
}

/** seed 004 + research/whm (the reference parsed, the tiers) → contracts/sources/whm.json. */
export function distillWhm(sharedDir: string): SourceFile<WhmFacts> {
  const shared = new SharedReader(sharedDir, ORIGINS);
  const research = shared.json<ResearchFunction[]>(RESEARCH.whm);
  const tiers = tierTags(shared.json<Tiers>(RESEARCH.whmTiers));
  const lines = shared.text(SEEDS.whm).split('\n');
  for (const m of MENTIONS) shared.mustMention(m.file, m.needle, m.what);

  const functions: WhmFunctionFacts[] = research.map((f) => {
    seedCheck(lines, f);
    const tier = tiers.get(f.name);
    if (!tier) throw new Error(`whm ${f.name}: no tier`);
    const out: WhmFunctionFacts = { name: f.name, category: f.category, subcategory: f.subcategory } as WhmFunctionFacts;
    if (f.deprecated) out.deprecated = true;
    out.params = f.params.map(param);
    if (f.params_location === 'body' && f.request_body) out.requestBody = { contentType: f.request_body.content_type, required: f.request_body.required };
    if (f.response_sample_parse !== 'absent') out.sample = f.response_sample;
    if (f.response_sample_repairs.length) out.sampleRepaired = true;
    if (f.name_conflict) out.nameConflict = true;
    out.sourceLine = f.source_line;
    out.tier = tier;
    return out;
  });
  const names = new Set(functions.map((f) => f.name));
  for (const name of tiers.keys()) if (!names.has(name)) throw new Error(`whm: tier lists unknown function ${name}`);
  return { provenance: shared.provenance(), facts: { functions } };
}
