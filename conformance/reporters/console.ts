import { performance } from 'node:perf_hooks';
import type { Counts, RunEvent, RunResult } from '../runner.js';

export interface ConsoleOptions {
  /** Where to write (default process.stdout). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Live status line (rewritten in place) instead of a line per scenario; default: the stream is a TTY. */
  live?: boolean;
  /** ANSI colours; default: live and NO_COLOR unset. */
  color?: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const tally = (c: Counts) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;

/**
 * Progress on a terminal: a status line with the counts, the elapsed time,
 * the current panel and scenario, rewritten in place, with failures printed
 * above it as they happen. Not on a terminal (CI logs): one plain line per
 * scenario, PASS / FAIL / SKIP first so the log greps well.
 */
export function consoleReporter(options: ConsoleOptions = {}): (event: RunEvent) => void {
  const stream = options.stream ?? process.stdout;
  const live = options.live ?? Boolean(stream.isTTY);
  const color = options.color ?? (live && !process.env.NO_COLOR);
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const started = performance.now();
  let total = 0;
  let counts: Counts = { total: 0, passed: 0, failed: 0, skipped: 0 };
  let current = '';
  let panel = '';
  let statusShown = false;
  let timer: NodeJS.Timeout | undefined;

  const clearStatus = () => {
    if (statusShown) stream.write('\r\u001b[2K');
    statusShown = false;
  };
  const drawStatus = () => {
    if (!live) return;
    const line =
      `${panel} ${counts.total}/${total}  ${paint(32, `${counts.passed} passed`)}  ` +
      `${counts.failed ? paint(31, `${counts.failed} failed`) : '0 failed'}  ${counts.skipped} skipped  ${seconds(performance.now() - started)}  ${current}`;
    const width = stream.columns || 120;
    // Clip on the plain text length so a long scenario id never wraps and breaks the in-place rewrite.
    const plainLength = line.replace(/\u001b\[\d+m/g, '').length;
    const clipped = plainLength > width - 1 ? `${line.slice(0, Math.max(0, line.length - (plainLength - width + 2)))}${color ? '\u001b[0m' : ''}` : line;
    stream.write(`\r\u001b[2K${clipped}`);
    statusShown = true;
  };
  const print = (text: string) => {
    clearStatus();
    stream.write(`${text}\n`);
    drawStatus();
  };
  const describeResult = (r: RunResult): string[] => {
    const lines: string[] = [];
    if (r.status === 'failed') {
      lines.push(`${paint(31, 'FAIL')} ${r.id} — ${r.title}`);
      lines.push(...indent(`${r.step ? `in step "${r.step}": ` : ''}${r.message ?? ''}`));
      if (r.world) lines.push(`     world: ${r.world}`);
    } else if (r.status === 'skipped') {
      lines.push(`${paint(33, 'SKIP')} ${r.id} — ${r.message ?? ''}`);
    } else {
      lines.push(`${paint(32, 'PASS')} ${r.id} (${Math.round(r.durationMs)} ms)`);
    }
    for (const e of r.status === 'failed' && r.step === 'cleanup' ? [] : (r.cleanupErrors ?? [])) lines.push(...indent(`cleanup: ${e}`));
    return lines;
  };

  return (event) => {
    switch (event.type) {
      case 'run-start': {
        total = event.total;
        const where = event.target.kind === 'in-process' ? `an in-process emulator at ${event.target.url}` : `${event.target.kind} ${event.target.url}`;
        print(`mockpanel conform: ${event.total} scenarios (${event.panels.map((p) => `${p.panel} ${p.scenarios}`).join(', ')}) against ${where}`);
        if (live) timer = setInterval(drawStatus, 1000).unref();
        break;
      }
      case 'panel-start':
        panel = event.panel;
        if (!live || event.scenarios === 0) print(`${event.title}: ${event.scenarios ? `${event.scenarios} scenarios` : 'no scenarios yet'}`);
        break;
      case 'scenario-start':
        current = event.id;
        drawStatus();
        break;
      case 'scenario-end':
        counts = event.counts;
        // Live mode keeps passes to the counts; everything else is worth a line.
        if (!live || event.result.status !== 'passed') describeResult(event.result).forEach(print);
        break;
      case 'panel-end':
        current = '';
        print(`${event.report.panel}: ${tally(event.report.counts)} in ${seconds(event.report.durationMs)}`);
        break;
      case 'run-end': {
        if (timer) clearInterval(timer);
        current = '';
        clearStatus();
        const r = event.report;
        const failed = r.panels.flatMap((p) => p.results.filter((x) => x.status === 'failed'));
        if (failed.length) stream.write(`\nFailed:\n${failed.map((f) => `  ${f.id}`).join('\n')}\n`);
        const verdict = r.counts.total === 0 ? paint(31, 'no scenarios ran') : r.counts.failed ? paint(31, 'FAILED') : paint(32, 'OK');
        stream.write(`\n${verdict} — ${r.counts.total} scenarios: ${tally(r.counts)} in ${seconds(r.durationMs)}\n`);
        break;
      }
    }
  };
}

const indent = (text: string) => text.split('\n').map((line) => `     ${line}`);
