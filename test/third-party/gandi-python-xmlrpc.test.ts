import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';
import { runUserCase } from './gandi/user-case-check.js';

const SCRIPT = 'test/third-party/gandi/user_case.py';

describeWithClient(
  'Gandi: Python xmlrpc.client runs the doc user case',
  { command: 'python3', args: ['-c', 'import xmlrpc.client'], install: 'apt-get install python3' },
  () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server?.close());

    it('creates shares, a VM on OS 111 and an attached disk, with immediate operations', async () => {
      const out = await runUserCase(server, 'py-immediate', 'python3', SCRIPT);
      expect(out).toMatch(/'os_arch': 'x86-64'/);
    });

    it('waits for operations that finish on the second poll', async () => {
      const out = await runUserCase(server, 'py-polls', 'python3', SCRIPT, { pace: { afterPolls: 2 } });
      expect(out).toMatch(/operation#\d+ DONE/);
    });
  },
);
