import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GandiClient } from '../../clients/gandi/index.js';
import { WhmClient, WhmError } from '../../clients/whm/index.js';
import { ROOT_TOKEN } from '../../emulators/whm/seed.js';
import { startTestServer } from '../support/server.js';
import { CHROMIUM_PROBE, launchChromium, watchPage } from '../support/chromium.js';
import { describeWithClient } from '../support/third-party.js';

// Debian's Chromium through playwright-core, against `mockpanel serve` from dist/.
const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');
const SHOTS = join(root, 'docs/screenshots');
const OUTLINES = join(SHOTS, 'outlines.json');
/** `npm run screenshots` sets this: the run rewrites the PNGs and their outline hashes instead of checking them. */
const updating = process.env.MOCKPANEL_SCREENSHOTS === '1';

describeWithClient('Dashboard at /_admin/ui/ in headless Chromium', CHROMIUM_PROBE, () => {
  let child: ChildProcess;
  let url: string;
  let browser: BrowserContext;
  let dir: string;
  let page: Page;
  let problems: string[] = [];
  const outlines: Record<string, string> = existsSync(OUTLINES) ? JSON.parse(readFileSync(OUTLINES, 'utf8')) : {};

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run "npm run build" (npm test does it first)');
    child = spawn(process.execPath, [cli, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    url = await new Promise<string>((done, fail) => {
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /Dashboard\s+(https?:\/\/[^/\s]+)\/_admin\/ui\//.exec(out);
        if (m) done(m[1]);
      });
      child.on('exit', (code) => fail(new Error(`mockpanel serve exited with ${code}`)));
    });
    dir = mkdtempSync(join(tmpdir(), 'mockpanel-dashboard-'));
    browser = await launchChromium(join(dir, 'profile'), { viewport: { width: 1280, height: 860 } });
    page = await browser.newPage();
    problems = watchPage(page, (u) => u.startsWith(`${url}/`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    child?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (updating) writeFileSync(OUTLINES, JSON.stringify(outlines, null, 2) + '\n');
  });

  /**
   * The view's outline (element names and the text people read, with times and
   * other volatile values left out) is hashed and kept beside its screenshot:
   * when the view changes, the test fails until the screenshots are retaken.
   */
  async function keepScreenshot(name: string): Promise<void> {
    const outline = await page.evaluate(() => {
      const lines: string[] = [];
      const walk = (el: Element, depth: number) => {
        if (el.hasAttribute('data-volatile')) return void lines.push(`${'  '.repeat(depth)}${el.tagName.toLowerCase()} …`);
        // A select's options (hundreds of WHM methods) are not in the picture; the chosen one is its value.
        if (el.tagName === 'OPTION' || el.tagName === 'DATALIST') return;
        const own = Array.from(el.childNodes)
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent!.trim())
          .filter(Boolean)
          .join(' ');
        lines.push(
          `${'  '.repeat(depth)}${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(/\s+/).join('.') : ''} ${own}`.trimEnd(),
        );
        for (const c of Array.from(el.children)) walk(c, depth + 1);
      };
      walk(document.querySelector('header')!, 0);
      walk(document.getElementById('main')!, 0);
      // The server's port changes from run to run (the Host header in the wire text).
      return lines.join('\n').split(location.host).join('<host>');
    });
    const hash = createHash('sha256').update(outline).digest('hex');
    if (updating) {
      mkdirSync(SHOTS, { recursive: true });
      await page.evaluate(() => document.body.classList.add('mask-volatile'));
      await page.locator('#status').evaluate((el) => (el.textContent = ''));
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
      await page.evaluate(() => document.body.classList.remove('mask-volatile'));
      outlines[name] = hash;
      return;
    }
    if (outlines[name] !== hash) {
      throw new Error(
        `The "${name}" view changed since docs/screenshots/${name}.png was taken: run npm run screenshots (and commit the PNGs). Its outline now:\n${outline}`,
      );
    }
  }

  const whmIn = (world: string) => new WhmClient({ baseUrl: `${url}/_w/${world}/whm`, auth: { user: 'root', token: ROOT_TOKEN } });
  const admin = (path: string, init?: RequestInit) => fetch(`${url}/_admin${path}`, { headers: { 'content-type': 'application/json' }, ...init });

  it('shows both worlds, a journal entry with its wire text, a fault armed from the form, the clock moving a Gandi operation, and the report', async () => {
    // Two worlds, each driven by a real wire client.
    await admin('/worlds/alpha/settings', { method: 'PATCH', body: JSON.stringify({ 'gandi.operationPace': { afterSeconds: 600 } }) });
    const gandi = new GandiClient({ url: `${url}/_w/alpha/gandi/hosting/` });
    await gandi.login('AA1234-GANDI', 'mypassword');
    const vmId = await gandi.vmCreate({ hostname: 'web1', password: 'vm-secret-pw', osId: 111, shares: 1, cpu: 1 });
    await gandi.vmInfo(vmId);
    const whm = whmIn('beta');
    expect((await whm.listAccounts()).map((a) => a.user)).toContain('alice');
    await whm.createAccount('dana', { domain: 'dana.example.com', password: 'Dana-pass-123', plan: 'basic' });

    // Worlds list: both worlds with their call counts.
    await page.goto(`${url}/_admin/ui/`);
    await expect.poll(() => page.locator('tr[data-world="beta"] td.calls').innerText()).toBe('2');
    expect(await page.locator('tr[data-world="alpha"] td.calls').innerText()).toBe('3');
    await keepScreenshot('worlds');

    // Journal: open the createacct entry with the keyboard and find its method, request and response.
    await page.locator('tr[data-world="beta"] th a').click();
    await page.waitForURL(/#\/w\/beta\/journal$/);
    const open = page.getByRole('button', { name: /Open call \d+, createacct/ });
    await open.focus();
    await page.keyboard.press('Enter');
    const detail = page.locator('#entry-detail article');
    await expect.poll(() => detail.locator('h2').innerText()).toMatch(/createacct/);
    const request = await detail.locator('.request pre').innerText();
    const response = await detail.locator('.response pre').innerText();
    expect(request).toMatch(/^GET \/json-api\/createacct\?/);
    expect(request).toContain('authorization: whm [redacted]');
    expect(request).not.toContain(ROOT_TOKEN);
    expect(request).not.toContain('Dana-pass-123');
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(response).toContain('"command": "createacct"');
    expect(await detail.locator('.response pre').getAttribute('data-lang')).toBe('json');
    const curl = await detail.locator('pre.curl').textContent();
    expect(curl).toContain(`'${url}/_w/beta/whm/json-api/createacct?`);
    expect(curl).toContain(`-H 'authorization: whm [redacted]'`);
    await keepScreenshot('journal');

    // Live: a new call appears without a reload.
    await whm.accountSummary({ user: 'dana' });
    await expect.poll(() => page.locator('tr[data-method="accountsummary"]').count(), { timeout: 10_000 }).toBe(1);

    // Faults: arm a WHM listaccts fault from the form; the next call fails with it.
    await page.goto(`${url}/_admin/ui/#/w/beta/faults`);
    await page.selectOption('#fault-panel', 'whm');
    await page.selectOption('#fault-method', 'listaccts');
    await page.selectOption('#fault-effect', 'http');
    await page.fill('input[name="status"]', '503');
    await page.fill('input[name="times"]', '1');
    await page.getByRole('button', { name: 'Arm fault' }).click();
    const ruleRow = page.locator('table.faults tr[data-rule]');
    await expect.poll(() => ruleRow.count()).toBe(1);
    const failure = await whm.listAccounts().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(WhmError);
    expect(String((failure as Error).message)).toMatch(/503/);
    await expect.poll(() => ruleRow.locator('td.fired').innerText(), { timeout: 10_000 }).toBe('1');
    await keepScreenshot('faults');
    await ruleRow.getByRole('link', { name: 'calls it fired on' }).click();
    await expect.poll(() => page.locator('table.journal tbody tr').count()).toBe(1);
    expect(await page.locator('table.journal tbody tr td.injected').innerText()).toMatch(/^rule \d+: http$/);
    expect(await page.locator('table.journal tbody tr').innerText()).toContain('listaccts');

    // Clock: the VM's creation is due in 600 s; advancing an hour from the page moves it to DONE.
    const operations = () => page.locator('section[data-section="Operations"] tbody tr');
    await page.goto(`${url}/_admin/ui/#/w/alpha/state/gandi`);
    await expect.poll(() => operations().count()).toBe(1);
    expect(await operations().innerText()).toMatch(/vm_create\s+PENDING/);
    expect(await page.locator('section[data-section="VMs"] tbody tr').innerText()).toContain(`${vmId}\tweb1`);
    await keepScreenshot('state');
    await page.getByRole('link', { name: 'Clock' }).click();
    await page.fill('#advance-seconds', '3600');
    await page.locator('#advance').click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('Clock advanced 3600 s.');
    // Set and freeze from the page: the admin API then shows the world standing at that instant.
    await page.fill('#set-at', '2028-02-29T12:00:00Z');
    await page.locator('#set-form button[type=submit]').click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('Clock set to 2028-02-29T12:00:00Z.');
    await page.locator('#freeze').click();
    await expect.poll(() => page.locator('#status').innerText()).toBe('Clock frozen.');
    await expect.poll(() => page.locator('#world-clock').innerText()).toMatch(/frozen/);
    // Frozen a moment after it was set running: within seconds of the instant, and no longer moving.
    const frozenAt = await (await fetch(`${url}/_admin/worlds/alpha/clock`)).json();
    expect(frozenAt.frozen).toBe(true);
    expect(Date.parse(frozenAt.now) - Date.parse('2028-02-29T12:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(Date.parse(frozenAt.now) - Date.parse('2028-02-29T12:00:00Z')).toBeLessThan(30_000);
    await new Promise((r) => setTimeout(r, 50));
    expect((await (await fetch(`${url}/_admin/worlds/alpha/clock`)).json()).now).toBe(frozenAt.now);
    await page.getByRole('link', { name: 'State' }).click();
    await expect.poll(() => operations().innerText(), { timeout: 10_000 }).toMatch(/vm_create\s+DONE/);
    expect(await page.locator('section[data-section="VMs"] tbody tr').innerText()).toMatch(/web1\s+running/);
    // The VM links to the calls that named it: the vm_create call returned its id.
    await page.locator('section[data-section="VMs"] tbody tr a', { hasText: 'calls' }).click();
    await page.waitForURL(/journal\?member=vm_id/);
    await expect.poll(() => page.locator('table.journal tbody tr').count()).toBe(1);
    expect(await page.locator('table.journal tbody tr').getAttribute('data-method')).toBe('vm_info');

    // Client report with coverage bars.
    await page.goto(`${url}/_admin/ui/#/w/beta/report`);
    const whmReport = page.locator('section.report-panel[data-panel="whm"]');
    await expect.poll(() => whmReport.count()).toBe(1);
    expect(await whmReport.locator('svg.coverage-chart rect[fill="#6a1b9a"]').count()).toBe(1);
    expect(await whmReport.innerText()).toMatch(/createacct/);
    await keepScreenshot('report');

    // Everything came from mockpanel itself, and nothing went wrong in the page.
    expect(await page.evaluate(() => performance.getEntriesByType('resource').every((r) => r.name.startsWith(location.origin)))).toBe(true);
    expect(problems).toEqual([]);
  }, 90_000);

  it('asks once for the admin token when the server has one, and keeps it for the tab', async () => {
    const guarded = await startTestServer({ adminToken: 'tab-token-123' });
    const tab = await browser.newPage();
    const seen = watchPage(tab, (u) => u.startsWith(`${guarded.url}/`));
    try {
      await tab.goto(`${guarded.url}/_admin/ui/`);
      await tab.locator('#token-input').waitFor({ state: 'visible' });
      await tab.keyboard.type('tab-token-123');
      await tab.keyboard.press('Enter');
      await expect.poll(() => tab.locator('tr[data-world="default"]').count()).toBe(1);
      expect(await tab.evaluate(() => sessionStorage.getItem('mockpanel-admin-token'))).toBe('tab-token-123');
      await tab.reload();
      await expect.poll(() => tab.locator('tr[data-world="default"]').count()).toBe(1);
      expect(await tab.locator('#token-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
      // The only complaint is the browser's note of the first, token-less 401.
      expect(seen).toEqual(['console error: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    } finally {
      await tab.close();
      await guarded.close();
    }
  });
});
