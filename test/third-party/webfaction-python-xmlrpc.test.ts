import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';

const run = promisify(execFile);
const SCRIPT = 'test/third-party/webfaction/seed_examples.py';

describeWithClient(
  "WebFaction: Python xmlrpc.client runs the seed document's examples",
  { command: 'python3', args: ['-c', 'import xmlrpc.client'], install: 'apt-get install python3' },
  () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server?.close());

    it('answers exactly what the document shows, ids included, in a fresh world', async () => {
      const { stdout } = await run('python3', [SCRIPT, `${server.url}/_w/wf-seed-examples/webfaction/`]);
      const out = JSON.parse(stdout);
      expect(out.login_account).toEqual({ id: 12345, username: 'widgetsco', home: '/home', web_server: 'Web100', mail_server: 'Mailbox2' });
      // The answers printed in seed 000 § create_domain, § create_website, § update_website, § replace_in_file.
      expect(out.create_domain).toEqual({ domain: 'widgetcompany.example', id: 47255, subdomains: ['www', 'design'] });
      expect(out.create_website).toEqual({
        https: true,
        id: 67074,
        ip: '174.133.82.194',
        name: 'widgets_on_the_web',
        site_apps: [['django', '/']],
        subdomains: ['widgetcompany.example', 'www.widgetcompany.example'],
      });
      expect(out.update_website).toEqual({
        https: true,
        id: 67074,
        ip: '174.133.82.195',
        name: 'widgets_on_the_web',
        site_apps: [
          ['django', '/'],
          ['wordpress', '/blog'],
        ],
        subdomains: ['widgetcompany.example', 'dev.widgetcompany.example'],
      });
      expect(out.replace_in_file).toBe('');
      expect(out.cat_myfile).toBe('spam, spam, spam, and spam.\nspam, spam, spam, and spam.\n');
      expect(out.fault).toEqual({ faultCode: 1, faultString: 'cat: no-such-file.txt: No such file or directory' });
    });
  },
);
