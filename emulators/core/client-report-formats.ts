import { escapeXmlAttribute, replaceXmlForbidden } from '../../kernel/escape.js';
import { reportToHtml, reportToMarkdown, type ClientReport } from './client-report.js';

/** The formats a client report is rendered in (admin API `?format=`, `mockpanel report`, `mockpanel run --report`). */
export const REPORT_FORMATS = ['md', 'json', 'html', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report in one of {@link REPORT_FORMATS}. */
export function renderClientReport(report: ClientReport, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return reportToMarkdown(report);
    case 'html':
      return reportToHtml(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'junit':
      return reportToJunit(report);
  }
}

const xml = (s: string) => replaceXmlForbidden(escapeXmlAttribute(s), '?');

/**
 * The report as JUnit XML for CI test views: one test suite per panel the
 * client called, one failing test case per finding kind (its messages, why
 * it matters, the journal ids), and one passing "contract" case per suite
 * so a clean run still shows as tests that passed.
 */
export function reportToJunit(report: ClientReport): string {
  let total = 0;
  let failures = 0;
  const suites = report.panels.map((p) => {
    const kinds = new Map<string, typeof p.findings>();
    for (const f of p.findings) kinds.set(f.kind, [...(kinds.get(f.kind) ?? []), f]);
    // A stable name (CI systems track cases by name); the figures go to its output.
    const cases = [
      `    <testcase classname="mockpanel.${xml(p.panel)}" name="calls match the documented contract">\n      <system-out>${p.calls} calls; ${p.exercised} of ${p.documented} documented methods exercised</system-out>\n    </testcase>`,
    ];
    for (const [kind, findings] of kinds) {
      const count = findings.reduce((n, f) => n + f.count, 0);
      const text = findings
        .map((f) => `${f.message} (${f.count}×)${f.hint ? ` hint: ${f.hint}` : ''}\nwhy it matters: ${f.why}\njournal entries: ${f.calls.join(', ')}`)
        .join('\n\n');
      cases.push(
        `    <testcase classname="mockpanel.${xml(p.panel)}" name="${xml(kind)}">\n      <failure type="${xml(kind)}" message="${xml(`${count}× ${findings[0].message}`)}">${xml(text)}</failure>\n    </testcase>`,
      );
    }
    total += cases.length;
    failures += kinds.size;
    return `  <testsuite name="${xml(p.title)}" tests="${cases.length}" failures="${kinds.size}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mockpanel client report: ${xml(report.world)}" tests="${total}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
