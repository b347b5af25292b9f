import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT_TOKEN } from '../../emulators/whm/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';
import { runFlow } from './whm/run-flow.js';

// npm cpanel-lib 0.0.5, unmodified: sends no api.version (WHM answers in API 0), `WHM user:key`,
// and reaches cPanel API 2 through `cpanel` with cpanel_jsonapi_apiversion=2.
describeWithClient(
  'WHM: npm cpanel-lib creates, lists, suspends and removes an account in WHM API 0',
  { command: process.execPath, args: ['-e', "require('cpanel-lib')"], install: 'npm ci (cpanel-lib is a devDependency)' },
  () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server?.close());

    it('runs the account life-cycle on the shared port through its configurable path', async () => {
      const port = new URL(server.url).port;
      const s = await runFlow('test/third-party/whm/cpanel_lib_flow.cjs', [port, '/_w/cpanel-lib/whm/json-api/', ROOT_TOKEN, 'libuser']);
      expect(s.version.value).toEqual({ version: expect.stringMatching(/^11\./) });
      expect(s.createacct.value.result[0]).toMatchObject({ status: 1, statusmsg: 'Account Creation Ok', options: { package: 'default' } });
      expect(s['createacct again'].value.result[0]).toMatchObject({ status: 0, statusmsg: 'Sorry, a user with the name “libuser” already exists.' });
      expect(s.listaccts.value).toMatchObject({ status: 1, statusmsg: 'Ok', acct: [{ user: 'libuser', domain: 'libuser.example.com' }] });
      expect(s['listaccts api.version=1'].value).toMatchObject({ data: { acct: [{ user: 'libuser' }] }, metadata: { result: 1, version: 1 } });
      expect(s.suspendacct.value.result[0].status).toBe(1);
      expect(s.listsuspended.value).toMatchObject({ status: 1, accts: [{ user: 'libuser', reason: 'unpaid' }] });
      expect(s.unsuspendacct.value.result[0].status).toBe(1);
      expect(s['api2 addpop'].value.cpanelresult.event.result).toBe(1);
      expect(s['api2 listpopswithdisk'].value.cpanelresult.data).toEqual([expect.objectContaining({ email: 'info@libuser.example.com' })]);
      expect(s.removeacct.value.result[0]).toMatchObject({ status: 1, statusmsg: 'libuser account removed' });
      expect(s['removeacct again'].value.result[0].status).toBe(0);
    });
  },
);
