import type { ConformanceReport, RunResult } from '../runner.js';
import { escapeAttribute as attr, escapeXml as text } from './escape.js';

const secs = (ms: number) => (ms / 1000).toFixed(3);

/**
 * JUnit XML as CI systems read it (Jenkins, GitLab, GitHub Actions test
 * reporters): one <testsuite> per panel, one <testcase> per scenario, with
 * <failure> (step and message) or <skipped> (the written reason).
 */
export function renderJunit(report: ConformanceReport): string {
  const c = report.counts;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mockpanel conform" tests="${c.total}" failures="${c.failed}" errors="0" skipped="${c.skipped}" time="${secs(report.durationMs)}" timestamp="${attr(report.startedAt)}">`,
  ];
  for (const p of report.panels) {
    lines.push(
      `  <testsuite name="${attr(p.panel)}" tests="${p.counts.total}" failures="${p.counts.failed}" errors="0" skipped="${p.counts.skipped}" time="${secs(p.durationMs)}" timestamp="${attr(report.startedAt)}">`,
      '    <properties>',
      `      <property name="target" value="${attr(`${report.target.kind} ${report.target.url}`)}"/>`,
      `      <property name="baseUrl" value="${attr(p.baseUrl)}"/>`,
      '    </properties>',
    );
    for (const r of p.results) lines.push(...testcase(r));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function testcase(r: RunResult): string[] {
  const open = `    <testcase classname="mockpanel.conformance.${attr(r.panel)}" name="${attr(`${r.id}: ${r.title}`)}" time="${secs(r.durationMs)}"`;
  const labels = `access: ${r.access}, basis: ${r.basis}, methods: ${r.methods.join(' ') || '(none)'}${r.world ? `, world: ${r.world}` : ''}`;
  if (r.status === 'passed') return [`${open}>`, `      <system-out>${text(labels)}</system-out>`, '    </testcase>'];
  if (r.status === 'skipped') return [`${open}>`, `      <skipped message="${attr(r.message ?? 'skipped')}"/>`, '    </testcase>'];
  const message = `${r.step ? `in step "${r.step}": ` : ''}${r.message ?? 'failed'}`;
  const detail = [message, ...(r.cleanupErrors ?? []).map((e) => `cleanup: ${e}`), labels].join('\n');
  return [
    `${open}>`,
    `      <failure message="${attr(firstLine(message))}" type="${r.step === 'cleanup' ? 'CleanupError' : 'AssertionError'}">${text(detail)}</failure>`,
    '    </testcase>',
  ];
}

const firstLine = (s: string) => (s.split('\n')[0] ?? '').slice(0, 500);
