import type { CoverageTotals } from '../coverage.js';
import type { Counts } from '../runner.js';
import { escapeXml as esc } from './escape.js';

interface Part {
  label: string;
  value: number;
  color: string;
}

const WIDTH = 420;
const BAR_X = 150;
const BAR_W = 200;

/**
 * An inline SVG for one panel: three stacked bars, the scenario results, the
 * emulation of the contract's methods, and how many methods a scenario
 * exercises. Plain shapes and text, so the report needs no script or font.
 */
export function coverageChart(panel: string, results: Counts, coverage: CoverageTotals): string {
  const rows: { title: string; of: number; shown: number; parts: Part[] }[] = [
    {
      title: 'scenarios',
      of: results.total,
      shown: results.passed,
      parts: [
        { label: 'passed', value: results.passed, color: '#2e7d32' },
        { label: 'failed', value: results.failed, color: '#c62828' },
        { label: 'skipped', value: results.skipped, color: '#f9a825' },
      ],
    },
    {
      title: 'methods emulated',
      of: coverage.methods,
      shown: coverage.stateful + coverage.sample,
      parts: [
        { label: 'stateful', value: coverage.stateful, color: '#1565c0' },
        { label: 'sample', value: coverage.sample, color: '#64b5f6' },
        { label: 'not implemented', value: coverage.notImplemented, color: '#cfd8dc' },
      ],
    },
    {
      title: 'methods exercised',
      of: coverage.methods,
      shown: coverage.exercised,
      parts: [
        { label: 'exercised', value: coverage.exercised, color: '#6a1b9a' },
        { label: 'not exercised', value: coverage.methods - coverage.exercised, color: '#e1bee7' },
      ],
    },
  ];
  const rowHeight = 34;
  const height = rows.length * rowHeight + 6;
  const summary = `${panel}: ${results.passed} of ${results.total} scenarios passed; ${coverage.stateful + coverage.sample} of ${coverage.methods} methods emulated, ${coverage.exercised} exercised`;
  const body: string[] = [];
  rows.forEach((row, i) => {
    const y = 6 + i * rowHeight;
    body.push(`<text x="0" y="${y + 13}" font-size="12">${esc(row.title)}</text>`);
    body.push(`<rect x="${BAR_X}" y="${y}" width="${BAR_W}" height="16" fill="#f5f5f5" stroke="#9e9e9e" stroke-width="0.5"/>`);
    let x = BAR_X;
    for (const part of row.parts) {
      if (row.of === 0 || part.value === 0) continue;
      const w = (part.value / row.of) * BAR_W;
      body.push(
        `<rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="16" fill="${part.color}"><title>${esc(`${part.label}: ${part.value}`)}</title></rect>`,
      );
      x += w;
    }
    body.push(`<text x="${BAR_X + BAR_W + 8}" y="${y + 13}" font-size="12">${row.of === 0 ? 'none' : `${row.shown}/${row.of}`}</text>`);
    const legend = row.parts.map((p) => `${p.label} ${p.value}`).join(' · ');
    body.push(`<text x="${BAR_X}" y="${y + 28}" font-size="10" fill="#555">${esc(legend)}</text>`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="coverage-chart" data-panel="${esc(panel)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(summary)}" font-family="sans-serif">`,
    `<title>${esc(summary)}</title>`,
    ...body,
    '</svg>',
  ].join('\n');
}
