import { escapeXmlAttribute } from '../../kernel/escape.js';
import { methodIndex } from '../../contracts/contract.js';
import type { JournalEntry } from '../../kernel/journal-entry.js';
import type { World } from '../../state/world.js';
import type { PanelModule } from './panel.js';

/** Why a generic contract finding matters to someone writing or choosing a client. */
const WHY: Record<string, string> = {
  'unknown-method': 'The real panel answers this with a fault: the call never does what the client expects.',
  'argument-count': 'The real panel refuses calls with the wrong number of arguments, or silently drops the extra ones.',
  'argument-type': 'A value of the wrong type is refused, or coerced differently by the real panel than by this emulator.',
  'missing-required': 'A required argument is missing: the real panel faults or acts on an empty value.',
  'value-not-allowed': 'The value is outside the documented set: the real panel may refuse it or store something unusable.',
  undecodable: "The request body could not be read in the panel's wire format: a real panel answers with a protocol fault.",
};

export interface ReportFinding {
  kind: string;
  message: string;
  why: string;
  hint?: string;
  count: number;
  /** Journal ids of the calls that triggered it (first 20). */
  calls: number[];
}

export interface PanelReport {
  panel: string;
  title: string;
  /** Documented methods in the contract. */
  documented: number;
  /** Documented methods the client called at least once. */
  exercised: number;
  calls: number;
  methods: { method: string; calls: number; faults: number }[];
  unknownMethods: { method: string; calls: number; hint?: string }[];
  findings: ReportFinding[];
}

/** What a client did in one world, measured against the documented contracts. */
export interface ClientReport {
  world: string;
  /** Journal entries read (the journal is a bounded ring: older calls may be gone). */
  entries: number;
  panels: PanelReport[];
}

/** Builds the client report of a world from its journal (the entries after `sinceId` only, when given). */
export function buildClientReport(world: World, panels: Iterable<PanelModule>, sinceId?: number): ClientReport {
  const entries = world.journal.query(sinceId === undefined ? {} : { sinceId });
  const reports: PanelReport[] = [];
  for (const panel of panels) {
    const mine = entries.filter((e) => e.panel === panel.id);
    if (mine.length === 0) continue;
    const documented = methodIndex(panel.contract);
    const methods = new Map<string, { calls: number; faults: number }>();
    const unknown = new Map<string, { calls: number; hint?: string }>();
    const findings = new Map<string, ReportFinding>();
    for (const e of mine) addEntry(e);
    reports.push({
      panel: panel.id,
      title: panel.title,
      documented: documented.size,
      exercised: [...methods.keys()].length,
      calls: mine.length,
      methods: [...methods].map(([method, v]) => ({ method, ...v })).sort((a, b) => b.calls - a.calls || a.method.localeCompare(b.method)),
      unknownMethods: [...unknown].map(([method, v]) => ({ method, ...v })),
      findings: [...findings.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    });

    function addEntry(e: JournalEntry): void {
      if (documented.has(e.method)) {
        const m = methods.get(e.method) ?? { calls: 0, faults: 0 };
        m.calls++;
        if (e.outcome === 'fault') m.faults++;
        methods.set(e.method, m);
      } else if (e.method) {
        const u = unknown.get(e.method) ?? { calls: 0 };
        u.calls++;
        unknown.set(e.method, u);
      }
      for (const f of e.findings) {
        if (f.kind === 'unknown-method' && e.method) unknown.get(e.method)!.hint ??= f.hint;
        const key = `${f.kind}\u0000${f.message}`;
        const r = findings.get(key) ?? {
          kind: f.kind,
          message: f.message,
          why: f.why ?? WHY[f.kind] ?? "See the panel's README for this behaviour.",
          hint: f.hint,
          count: 0,
          calls: [],
        };
        r.count++;
        if (r.calls.length < 20) r.calls.push(e.id);
        findings.set(key, r);
      }
    }
  }
  return { world: world.id, entries: entries.length, panels: reports };
}

const pct = (a: number, b: number) => (b === 0 ? '0%' : `${Math.round((a / b) * 1000) / 10}%`);

/** The report as Markdown. */
export function reportToMarkdown(report: ClientReport): string {
  const out = [`# Client report for world "${report.world}"`, '', `${report.entries} calls read from the journal.`];
  if (report.panels.length === 0) out.push('', 'No panel calls were made in this world.');
  for (const p of report.panels) {
    out.push('', `## ${p.title}`, '', `${p.calls} calls; ${p.exercised} of ${p.documented} documented methods exercised (${pct(p.exercised, p.documented)}).`);
    out.push('', '### Findings', '');
    if (p.findings.length === 0) out.push('None: every call matched the contract and no known footgun was hit.');
    for (const f of p.findings) {
      out.push(`- **${f.kind}** (${f.count}×): ${f.message}${f.hint ? ` — hint: \`${f.hint}\`` : ''}`);
      out.push(`  - why it matters: ${f.why}`);
      out.push(`  - journal entries: ${f.calls.join(', ')}`);
    }
    if (p.unknownMethods.length) {
      out.push('', '### Undocumented methods called', '');
      for (const u of p.unknownMethods) out.push(`- \`${u.method}\` (${u.calls}×)${u.hint ? `, did you mean \`${u.hint}\`?` : ''}`);
    }
    out.push('', '### Methods called', '', '| method | calls | faults |', '|---|---|---|');
    for (const m of p.methods) out.push(`| \`${m.method}\` | ${m.calls} | ${m.faults} |`);
  }
  return out.join('\n') + '\n';
}

const esc = escapeXmlAttribute;

/** The report as a self-contained HTML page. */
export function reportToHtml(report: ClientReport): string {
  const sections = report.panels.map((p) => {
    const findings = p.findings.length
      ? `<ul>${p.findings
          .map(
            (f) =>
              `<li><b>${esc(f.kind)}</b> (${f.count}×): ${esc(f.message)}${f.hint ? ` — hint: <code>${esc(f.hint)}</code>` : ''}<br><small>${esc(f.why)} Journal: ${f.calls.join(', ')}</small></li>`,
          )
          .join('')}</ul>`
      : '<p>None.</p>';
    const rows = p.methods.map((m) => `<tr><td><code>${esc(m.method)}</code></td><td>${m.calls}</td><td>${m.faults}</td></tr>`).join('');
    return `<section><h2>${esc(p.title)}</h2><p>${p.calls} calls; ${p.exercised} of ${p.documented} documented methods exercised (${pct(p.exercised, p.documented)}).</p><h3>Findings</h3>${findings}<h3>Methods called</h3><table><tr><th>method</th><th>calls</th><th>faults</th></tr>${rows}</table></section>`;
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>mockpanel client report: ${esc(report.world)}</title><style>body{font:14px system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}small{color:#555}</style></head><body><h1>Client report for world "${esc(report.world)}"</h1><p>${report.entries} calls read from the journal.</p>${sections.join('') || '<p>No panel calls were made in this world.</p>'}</body></html>\n`;
}
