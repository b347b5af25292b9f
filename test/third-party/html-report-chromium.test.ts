import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderHtml } from '../../conformance/reporters/html.js';
import { runConformance } from '../../conformance/runner.js';
import { defineScenario, type Scenario } from '../../conformance/scenario.js';
import { PANEL_IDS } from '../../kernel/panel-id.js';
import { CHROMIUM_PROBE, launchChromium, watchPage } from '../support/chromium.js';
import { describeWithClient } from '../support/third-party.js';

// One passing, one failing (with markup in its message) and one skipped scenario per panel.
const scenarios: Scenario[] = PANEL_IDS.flatMap((panel) => [
  defineScenario({ id: `${panel}/passes`, panel, title: 'passes', access: 'read-only', basis: 'documented', methods: [], run: async () => undefined }),
  defineScenario({
    id: `${panel}/fails`,
    panel,
    title: 'fails with <markup>',
    access: 'mutating',
    basis: 'emulator',
    methods: [],
    run: async (ctx) => ctx.step('compare', () => assert.equal('<img src=x onerror=alert(1)>', 'expected')),
  }),
  defineScenario({
    id: `${panel}/skips`,
    panel,
    title: 'skips',
    access: 'read-only',
    basis: 'documented',
    methods: [],
    skip: { emulator: 'real panel only' },
    run: async () => undefined,
  }),
]);

describeWithClient('HTML conformance report in headless Chromium', CHROMIUM_PROBE, () => {
  let browser: BrowserContext;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mockpanel-html-'));
    file = join(dir, 'conformance.html');
    writeFileSync(file, renderHtml(await runConformance({ target: { kind: 'in-process' }, scenarios })));
    browser = await launchChromium(join(dir, 'profile'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens without console errors, page errors or requests, with a section and a coverage chart per panel', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page, (url) => url === pathToFileURL(file).href);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    expect(await page.title()).toBe('mockpanel conform — failed');
    expect(await page.locator('#summary').innerText()).toBe(
      `${PANEL_IDS.length * 3} scenarios: ${PANEL_IDS.length} passed, ${PANEL_IDS.length} failed, ${PANEL_IDS.length} skipped.`,
    );
    const sections = page.locator('section.panel');
    expect(await sections.evaluateAll((els) => els.map((e) => e.getAttribute('data-panel')))).toEqual([...PANEL_IDS]);
    for (const panel of PANEL_IDS) {
      const section = page.locator(`section[data-panel="${panel}"]`);
      const chart = section.locator('svg.coverage-chart');
      expect(await chart.count()).toBe(1);
      const box = await chart.boundingBox();
      expect(box && box.width > 100 && box.height > 50).toBe(true);
      // The scenario bar: one third passed, so its first segment is a third of the bar.
      const bars = await chart.locator('rect[fill="#2e7d32"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('width'))));
      expect(bars.map((w) => Math.round(w))).toEqual([67]);
      expect(await section.locator('tr.failed').count()).toBe(1);
      expect(await section.locator('tr.failed details pre').innerText()).toContain('<img src=x onerror=alert(1)>');
      expect(await section.locator('tr.skipped').innerText()).toContain('skipped: real panel only');
    }
    expect(await page.evaluate(() => document.scripts.length + document.images.length)).toBe(0);
    expect(problems).toEqual([]);
  });
});
