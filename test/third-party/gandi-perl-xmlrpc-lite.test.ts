import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';
import { runUserCase } from './gandi/user-case-check.js';

const SCRIPT = 'test/third-party/gandi/user_case.pl';

describeWithClient(
  'Gandi: Perl XMLRPC::Lite runs the doc user case',
  { command: 'perl', args: ['-MXMLRPC::Lite', '-e', '1'], install: 'apt-get install libxmlrpc-lite-perl' },
  () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server?.close());

    it('creates shares, a VM on OS 111 and an attached disk, with immediate operations', async () => {
      const out = await runUserCase(server, 'pl-immediate', 'perl', SCRIPT);
      expect(out).toMatch(/'product_name' => 'shares'/);
    });

    it('waits for operations that finish on the second poll', async () => {
      const out = await runUserCase(server, 'pl-polls', 'perl', SCRIPT, { pace: { afterPolls: 2 } });
      expect(out).toMatch(/operation#\d+ DONE/);
    });
  },
);
