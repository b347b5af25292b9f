import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT_TOKEN } from '../../emulators/whm/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';
import { runFlow } from './whm/run-flow.js';

// The client report (issue: contract findings): real third-party clients make mistakes, and the report must name each one.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface Report {
  panels: {
    panel: string;
    exercised: number;
    documented: number;
    findings: { kind: string; count: number; why: string; calls: number[] }[];
    unknownMethods: { method: string }[];
  }[];
}
const report = async (world: string) => (await (await fetch(`${server.admin}/worlds/${world}/report`)).json()) as Report;

describeWithClient(
  'client report: PHP SoapClient walks into the ISPConfig footguns',
  { command: 'php', args: ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);'], install: 'apt-get install php-cli php-soap' },
  () => {
    it('names every footgun, the undocumented method, and the share of the contract exercised', async () => {
      const run = await promisify(execFile)(
        'php',
        ['test/third-party/report/ispconfig_footguns.php', `${server.url}/_w/report-isp/ispconfig/remote/index.php`],
        { encoding: 'utf8' },
      );
      expect(run.stdout).toContain('"call":"client_get_by_name","fault"');
      const isp = (await report('report-isp')).panels.find((p) => p.panel === 'ispconfig')!;
      const kinds = isp.findings.map((f) => f.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'ispconfig.client-update-without-password',
          'ispconfig.add-without-type',
          'ispconfig.zone-origin-trailing-dot',
          'ispconfig.update-reowns-record',
          'unknown-method',
        ]),
      );
      for (const f of isp.findings) {
        expect(f.why.length).toBeGreaterThan(20);
        expect(f.calls.length).toBe(f.count);
      }
      expect(isp.unknownMethods.map((u) => u.method)).toEqual(['client_get_by_name']);
      // login, client_update, dns_a_add, dns_zone_get_id, sites_web_domain_update, logout
      expect(isp.exercised).toBe(6);
      expect(isp.documented).toBeGreaterThan(300);

      const md = await (await fetch(`${server.admin}/worlds/report-isp/report?format=md`)).text();
      expect(md).toContain('ispconfig.client-update-without-password');
      expect(md).toMatch(/6 of \d+ documented methods exercised/);

      // JUnit for CI test views: one failing case per finding kind, one passing case for the panel.
      const junit = await fetch(`${server.admin}/worlds/report-isp/report?format=junit`);
      expect(junit.headers.get('content-type')).toMatch(/^application\/xml/);
      const xml = await junit.text();
      const kindsSeen = new Set(kinds);
      expect(xml).toMatch(new RegExp(`<testsuite name="ISPConfig 3" tests="${kindsSeen.size + 1}" failures="${kindsSeen.size}"`));
      for (const kind of kindsSeen) expect(xml).toContain(`<testcase classname="mockpanel.ispconfig" name="${kind}">`);
      expect(xml.match(/<failure /g)).toHaveLength(kindsSeen.size);
    });
  },
);

describeWithClient(
  'client report: npm cpanel-lib calls WHM without api.version',
  { command: process.execPath, args: ['-e', "require('cpanel-lib')"], install: 'npm ci' },
  () => {
    it('reports the legacy API 0 calls', async () => {
      await runFlow('test/third-party/whm/cpanel_lib_flow.cjs', [new URL(server.url).port, '/_w/report-whm/whm/json-api/', ROOT_TOKEN, 'reportusr']);
      const whm = (await report('report-whm')).panels.find((p) => p.panel === 'whm')!;
      const noVersion = whm.findings.find((f) => f.kind === 'whm.no-api-version' && f.calls.length > 0);
      expect(noVersion, JSON.stringify(whm.findings.map((f) => f.kind))).toBeDefined();
      const total = whm.findings.filter((f) => f.kind === 'whm.no-api-version').reduce((n, f) => n + f.count, 0);
      // The flow calls with api.version=1 exactly once (listaccts); every other json-api call is API 0.
      const journal = (await (await fetch(`${server.admin}/worlds/report-whm/journal?panel=whm`)).json()) as { entries: { method: string }[] };
      expect(total).toBe(journal.entries.length - 1);
    });
  },
);
