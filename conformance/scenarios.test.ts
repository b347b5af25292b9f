import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANEL_IDS } from '../kernel/panel-id.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { loadScenarios, runConformance } from './runner.js';

// Every panel's scenarios, run by the conformance runner against a real server over HTTP, each in a world of its own.
const scenarios = await loadScenarios();

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

for (const panel of PANEL_IDS) {
  const own = scenarios.filter((s) => s.panel === panel);
  if (own.length === 0) continue;
  describe(`conformance: ${panel}`, () => {
    for (const scenario of own) {
      it(`${scenario.id}: ${scenario.title}`, async () => {
        const report = await runConformance({ target: { kind: 'server', url: server.url }, panels: [panel], scenarios: [scenario] });
        const [result] = report.panels[0]!.results;
        expect(result!.cleanupErrors ?? []).toEqual([]);
        expect(result, result!.step ? `failed in step "${result!.step}"` : undefined).toMatchObject({ status: 'passed' });
      });
    }
  });
}
