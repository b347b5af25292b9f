import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANEL_IDS, type PanelId } from '../emulators/core/types.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { runScenario } from './run-scenario.js';
import type { Scenario } from './scenario.js';
import { seededCredentials } from './targets.js';

// Every panel's scenarios, run against the emulator over real HTTP, each in a world of its own.
const modules = (import.meta as unknown as { glob: (p: string, o: { eager: true }) => Record<string, { scenarios: Scenario[] }> }).glob(
  './*/index.ts',
  { eager: true },
);
const byPanel = new Map<PanelId, Scenario[]>();
for (const [path, mod] of Object.entries(modules)) {
  const panel = path.split('/')[1] as PanelId;
  if (PANEL_IDS.includes(panel)) byPanel.set(panel, mod.scenarios);
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

for (const [panel, scenarios] of byPanel) {
  describe(`conformance: ${panel}`, () => {
    for (const scenario of scenarios) {
      it(`${scenario.id}: ${scenario.title}`, async () => {
        const world = scenario.id.replace(/[^A-Za-z0-9._-]/g, '-');
        const result = await runScenario(scenario, {
          panel,
          baseUrl: `${server.url}/_w/${world}/${panel}`,
          credentials: seededCredentials(panel),
          kind: 'emulator',
          admin: { url: server.admin, world },
        });
        expect(result.cleanupErrors ?? []).toEqual([]);
        expect(result, result.step ? `failed in step "${result.step}"` : undefined).toMatchObject({ status: 'passed' });
      });
    }
  });
}
