import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT_TOKEN } from '../../emulators/whm/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';
import { runFlow } from './whm/run-flow.js';

// npm cpanel-rest-api 0.1.1, unmodified: always sends api.version=1, booleans as true/false, `WHM user:key`,
// throws Error(metadata.reason) on result 0, and reaches UAPI through `cpanel` with cpanel_jsonapi_apiversion=3.
describeWithClient(
  'WHM: npm cpanel-rest-api creates, lists, suspends and removes an account',
  { command: process.execPath, args: ['-e', "require('cpanel-rest-api')"], install: 'npm ci (cpanel-rest-api is a devDependency)' },
  () => {
    let server: TestServer;
    let port: number;
    beforeAll(async () => {
      server = await startTestServer({ panelPorts: { whm: 0 } });
      port = server.listeners.find((l) => l.name === 'whm')!.port;
    });
    afterAll(() => server?.close());

    it('runs the account life-cycle and the UAPI passthrough', async () => {
      // The API token goes where the library puts an access hash: WHM tells them apart by lookup.
      const s = await runFlow('test/third-party/whm/cpanel_rest_api_flow.cjs', [String(port), ROOT_TOKEN, 'restuser']);
      expect(s.version.value).toEqual({ version: expect.stringMatching(/^11\./) });
      expect(s.createacct.value).toMatchObject({ package: 'basic', ip: '192.0.2.10' });
      expect(s['createacct again'].error).toBe('Sorry, a user with the name “restuser” already exists.');
      expect(s.listaccts.value.acct).toHaveLength(1);
      expect(s.listaccts.value.acct[0]).toMatchObject({ user: 'restuser', plan: 'basic', shell: '/bin/bash', suspended: 0 });
      // Metadata-only answers come back whole (the library returns `data || res`).
      expect(s.suspendacct.value.metadata).toMatchObject({ command: 'suspendacct', result: 1 });
      expect(s.listsuspended.value.account).toEqual([expect.objectContaining({ user: 'restuser', reason: 'unpaid' })]);
      expect(s.unsuspendacct.value.metadata.result).toBe(1);
      expect(s['uapi add_pop'].value).toBe('info@restuser.example.com');
      expect(s['uapi list_pops'].value).toEqual([expect.objectContaining({ email: 'info@restuser.example.com' })]);
      expect(s.removeacct.value.metadata.reason).toBe('restuser account removed');
      expect(s['accountsummary after removal'].error).toBe('Account does not exist.');

      const journal = (await (await fetch(`${server.admin}/worlds/default/journal?panel=whm`)).json()) as
        { entries?: { method: string }[] } | { method: string }[];
      const entries = Array.isArray(journal) ? journal : (journal.entries ?? []);
      expect(entries.map((e) => e.method)).toEqual(expect.arrayContaining(['createacct', 'suspendacct', 'removeacct', 'cpanel']));
    });
  },
);
