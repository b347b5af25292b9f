import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleReporter } from '../../conformance/reporters/console.js';
import { renderHtml } from '../../conformance/reporters/html.js';
import { renderJunit } from '../../conformance/reporters/junit.js';
import { createReporters, parseReporterNames } from '../../conformance/reporters/registry.js';
import { runConformance, type ConformanceReport, type RunEvent } from '../../conformance/runner.js';
import { defineScenario } from '../../conformance/scenario.js';

// A panel's fault string can hold anything: markup, quotes, control characters, line breaks.
const HOSTILE = 'bad <script>alert(1)</script> & "quotes" \'single\' \u0001\u0008 ]]> line1\nline2';

const scenarios = [
  defineScenario({
    id: 'webfaction/ok',
    panel: 'webfaction',
    title: 'passes',
    access: 'read-only',
    basis: 'documented',
    methods: ['login'],
    run: async () => undefined,
  }),
  defineScenario({
    id: 'webfaction/hostile',
    panel: 'webfaction',
    title: 'fails <b>loudly</b>',
    access: 'mutating',
    basis: 'emulator',
    methods: [],
    run: async (ctx) => ctx.step('explode', () => assert.fail(HOSTILE)),
  }),
  defineScenario({
    id: 'whm/skip',
    panel: 'whm',
    title: 'skips',
    access: 'read-only',
    basis: 'documented',
    methods: [],
    skip: { emulator: 'needs <a real> server & more' },
    run: async () => undefined,
  }),
];

let report: ConformanceReport;
const events: RunEvent[] = [];
const dir = mkdtempSync(join(tmpdir(), 'mockpanel-reporters-'));
beforeAll(async () => {
  const reporters = createReporters(['json', 'junit', 'html'], { out: dir });
  report = await runConformance({
    target: { kind: 'in-process' },
    scenarios,
    onEvent: (e) => {
      events.push(e);
      reporters.onEvent(e);
    },
  });
  expect(reporters.files.map((f) => f.slice(dir.length + 1))).toEqual(['conformance.json', 'junit.xml', 'conformance.html']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JUnit reporter', () => {
  it('writes valid XML with one suite per panel and failure/skipped children carrying the messages', () => {
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toBe(renderJunit(report));
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    const root = doc.testsuites;
    expect(root).toMatchObject({ tests: '3', failures: '1', skipped: '1', errors: '0' });
    expect(root.testsuite.map((s: { name: string; tests: string }) => [s.name, s.tests])).toEqual([
      ['webfaction', '2'],
      ['gandi', '0'],
      ['ispconfig', '0'],
      ['whm', '1'],
      ['cpanel', '0'],
    ]);
    const cases = root.testsuite.flatMap((s: { testcase?: unknown[] }) => s.testcase ?? []) as Record<string, any>[];
    expect(cases.map((c) => c.name)).toEqual(['webfaction/ok: passes', 'webfaction/hostile: fails <b>loudly</b>', 'whm/skip: skips']);
    const failure = cases[1].failure;
    // The first line goes in the attribute; the full text (both lines, the step) in the body.
    expect(failure.message).toBe('in step "explode": bad <script>alert(1)</script> & "quotes" \'single\' \uFFFD\uFFFD ]]> line1');
    expect(failure['#text']).toContain('line1\nline2');
    expect(cases[2].skipped.message).toBe('needs <a real> server & more');
    expect(cases[0].classname).toBe('mockpanel.conformance.webfaction');
  });
});

describe('JSON reporter', () => {
  it('is the report itself', () => {
    const parsed = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
    expect(parsed.counts).toEqual({ total: 3, passed: 1, failed: 1, skipped: 1 });
    expect(parsed.panels[0].results[1]).toMatchObject({ id: 'webfaction/hostile', status: 'failed', step: 'explode', access: 'mutating', basis: 'emulator' });
    expect(parsed.panels[0].coverage.methods).toBe(54);
  });
});

describe('HTML reporter', () => {
  it('escapes every text it shows and loads nothing from outside', () => {
    const html = readFileSync(join(dir, 'conformance.html'), 'utf8');
    expect(html).toBe(renderHtml(report));
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>loudly');
    expect(html).toContain('fails &lt;b&gt;loudly&lt;/b&gt;');
    expect(html).toContain('needs &lt;a real&gt; server &amp; more');
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html.match(/<section class="panel"/g)).toHaveLength(5);
    expect(html).toContain('FAILED');
  });
});

describe('console reporter', () => {
  const capture = (tty: boolean) => {
    let text = '';
    const stream = Object.assign(
      new Writable({
        write(chunk, _enc, done) {
          text += chunk;
          done();
        },
      }),
      { isTTY: tty, columns: 60 },
    );
    const report = consoleReporter({ stream });
    for (const e of events) report(e);
    return text;
  };

  it('writes plain PASS/FAIL/SKIP lines, panel tallies and a verdict when not on a terminal', () => {
    const text = capture(false);
    expect(text).not.toContain('\r');
    expect(text).not.toContain('\u001b[');
    expect(text).toMatch(
      /^mockpanel conform: 3 scenarios \(webfaction 2, gandi 0, ispconfig 0, whm 1, cpanel 0\) against an in-process emulator at http:\/\/127\.0\.0\.1:\d+\n/,
    );
    expect(text).toMatch(/^PASS webfaction\/ok \(\d+ ms\)$/m);
    expect(text).toContain('FAIL webfaction/hostile — fails <b>loudly</b>\n     in step "explode": bad');
    expect(text).toContain('SKIP whm/skip — needs <a real> server & more');
    expect(text).toContain('webfaction: 1 passed, 1 failed, 0 skipped in ');
    expect(text).toContain('Gandi Hosting 1.0: no scenarios yet');
    expect(text).toMatch(/\nFAILED — 3 scenarios: 1 passed, 1 failed, 1 skipped in [\d.]+s\n$/);
  });

  it('keeps a status line rewritten in place on a terminal, clipped to its width', () => {
    const text = capture(true);
    // Status segments sit between two clears; printed lines end in a newline.
    const statusLines = text.split('\r\u001b[2K').filter((s) => s && !s.includes('\n'));
    expect(statusLines.some((l) => l.includes('webfaction') && l.includes('/3'))).toBe(true);
    for (const l of statusLines) expect(l.replace(/\u001b\[\d+m/g, '').length).toBeLessThan(60);
    // Passing scenarios stay in the counts; the failure is printed in full.
    expect(text).not.toContain('PASS webfaction/ok');
    expect(text).toContain('webfaction/hostile');
  });
});

describe('reporter names', () => {
  it('accepts the four reporters in any order and refuses others', () => {
    expect(parseReporterNames('html, console,junit,json,html')).toEqual(['html', 'console', 'junit', 'json']);
    expect(() => parseReporterNames('console,tap')).toThrow(/console, json, junit, html/);
    expect(() => parseReporterNames('')).toThrow(/--reporter/);
  });
});
