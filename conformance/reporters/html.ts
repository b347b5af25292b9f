import type { ConformanceReport, PanelReport, RunResult } from '../runner.js';
import { coverageChart } from './coverage-chart.js';
import { escapeXml as esc } from './escape.js';

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #212121; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
.meta { color: #616161; margin-top: 0; }
.verdict { display: inline-block; padding: .1rem .6rem; border-radius: .3rem; color: #fff; font-weight: 600; }
.ok { background: #2e7d32; } .bad { background: #c62828; }
nav a { margin-right: 1rem; }
section.panel { border-top: 1px solid #e0e0e0; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eeeeee; vertical-align: top; }
th { background: #fafafa; }
td.num { text-align: right; white-space: nowrap; }
.status { font-weight: 600; white-space: nowrap; }
span.passed, td.passed { color: #2e7d32; } span.failed, td.failed { color: #c62828; } span.skipped, td.skipped, div.skipped { color: #b26a00; }
pre { white-space: pre-wrap; word-break: break-word; margin: .25rem 0; background: #fff8f8; padding: .4rem; }
code { font-size: 12px; }
`;

/**
 * A self-contained HTML page: the verdict, then per panel its counts, a
 * coverage chart (inline SVG) and a table of scenarios with failure details
 * and skip reasons. No script and no external resource: its Content Security
 * Policy forbids both, so it opens the same from a CI artefact as from disk.
 */
export function renderHtml(report: ConformanceReport): string {
  const c = report.counts;
  const ok = c.failed === 0 && c.total > 0;
  const title = `mockpanel conform — ${ok ? 'passed' : 'failed'}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>mockpanel conformance report <span class="verdict ${ok ? 'ok' : 'bad'}">${ok ? 'PASSED' : 'FAILED'}</span></h1>
<p class="meta">Target: ${esc(report.target.kind)} <code>${esc(report.target.url)}</code>${report.readOnly ? ' · read-only run' : ''} · started ${esc(report.startedAt)} · ${(report.durationMs / 1000).toFixed(1)} s</p>
<p id="summary">${c.total} scenarios: <span class="passed">${c.passed} passed</span>, <span class="failed">${c.failed} failed</span>, <span class="skipped">${c.skipped} skipped</span>.</p>
<nav>${report.panels.map((p) => `<a href="#panel-${esc(p.panel)}">${esc(p.title)} (${p.counts.failed ? `${p.counts.failed} failed` : `${p.counts.passed}/${p.counts.total}`})</a>`).join('\n')}</nav>
${report.panels.map(panelSection).join('\n')}
</body>
</html>
`;
}

function panelSection(p: PanelReport): string {
  const rows = p.results.map(row).join('\n');
  return `<section class="panel" id="panel-${esc(p.panel)}" data-panel="${esc(p.panel)}" data-failed="${p.counts.failed}">
<h2>${esc(p.title)} <small>(<code>${esc(p.panel)}</code>)</small></h2>
<p>${p.counts.total} scenarios: <span class="passed">${p.counts.passed} passed</span>, <span class="failed">${p.counts.failed} failed</span>, <span class="skipped">${p.counts.skipped} skipped</span> in ${(p.durationMs / 1000).toFixed(1)} s against <code>${esc(p.baseUrl)}</code>.</p>
${coverageChart(p.panel, p.counts, p.coverage)}
${
  p.results.length
    ? `<table>
<thead><tr><th>status</th><th>scenario</th><th>access</th><th>basis</th><th>ms</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : '<p>No scenarios for this panel yet.</p>'
}
</section>`;
}

function row(r: RunResult): string {
  let detail = '';
  if (r.status === 'failed') {
    const text = [
      `${r.step ? `in step "${r.step}": ` : ''}${r.message ?? ''}`,
      ...(r.step === 'cleanup' ? [] : (r.cleanupErrors ?? []).map((e) => `cleanup: ${e}`)),
    ].join('\n');
    detail = `<details open><summary>failure${r.world ? ` (world <code>${esc(r.world)}</code>)` : ''}</summary><pre>${esc(text)}</pre></details>`;
  } else if (r.status === 'skipped') {
    detail = `<div class="skipped">skipped: ${esc(r.message ?? '')}</div>`;
  }
  return `<tr class="${r.status}" data-id="${esc(r.id)}"><td class="status ${r.status}">${r.status}</td><td><code>${esc(r.id)}</code> ${esc(r.title)}${detail}</td><td>${esc(r.access)}</td><td>${esc(r.basis)}</td><td class="num">${Math.round(r.durationMs)}</td></tr>`;
}
