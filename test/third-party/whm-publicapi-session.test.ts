import { execFile } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';

/*
 * cPanel::PublicAPI logs in with a password by posting to cpsrvd's /login on
 * the WHM port and calling /cpsessNNNNNNNNNN/json-api/… with the session
 * cookie. The script makes the same requests over the same HTTP client
 * (HTTP::Tiny), against mockpanel's WHM listener (real paths at the root).
 */
const SCRIPT = 'test/third-party/perl/whm-publicapi-session.pl';

describeWithClient(
  'WHM: cPanel::PublicAPI’s password session (HTTP::Tiny)',
  { command: 'perl', args: ['-MHTTP::Tiny', '-MJSON::PP', '-e', '1'], install: 'apt-get install perl' },
  () => {
    let server: TestServer;
    let port: number;
    beforeAll(async () => {
      server = await startTestServer({ panelPorts: { whm: 0 } });
      port = server.listeners.find((l) => l.name === 'whm')!.port;
    });
    afterAll(() => server?.close());

    // Asynchronous: the server answers on this process's event loop.
    const run = (user: string, pass: string, ...calls: string[]) =>
      new Promise<{ status: number; lines: Record<string, any>[]; stderr: string }>((resolve) => {
        execFile('perl', [SCRIPT, '127.0.0.1', String(port), user, pass, ...calls], { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
          const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({
            status,
            lines: stdout
              .trim()
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l) as Record<string, any>),
            stderr,
          });
        });
      });

    it('logs in as root, gets a cpsess token and cookie, and calls functions under it', async () => {
      const r = await run(
        'root',
        'rootpw',
        'version',
        'createacct:username=papiunit,domain=papiunit.example.com,password=Xy7-very-long-pass',
        'accountsummary:user=papiunit',
      );
      expect(r.status, r.stderr).toBe(0);
      const [login, version, created, summary] = r.lines;
      expect(login).toMatchObject({ call: 'login', status: 301, cookie: 1 });
      expect(login.token).toMatch(/^cpsess\d{10}$/);
      expect(version).toMatchObject({ status: 200, body: { metadata: { result: 1 } } });
      expect(version.body.data.version).toMatch(/^11\./);
      expect(created).toMatchObject({ status: 200, body: { metadata: { result: 1, reason: 'Account Creation Ok' } } });
      expect(summary.body.data.acct[0]).toMatchObject({ user: 'papiunit', domain: 'papiunit.example.com' });
    });

    it('logs a reseller in to its own privileges', async () => {
      const r = await run('reseller1', 'resellerpw', 'listaccts', 'listresellers');
      expect(r.status, r.stderr).toBe(0);
      const [, accounts, resellers] = r.lines;
      expect(accounts.body.data.acct.map((a: { user: string }) => a.user).sort()).toEqual(['alice', 'bob']);
      expect(resellers.body.metadata.result).toBe(0);
    });

    it('fails to establish a session with a wrong password, as PublicAPI reports it', async () => {
      for (const [user, pass] of [
        ['root', 'wrong'],
        ['alice', 'alicepw'],
        ['nobody', 'x'],
      ]) {
        const r = await run(user, pass, 'version');
        expect(r.status, user).toBe(2);
        expect(r.lines).toEqual([{ call: 'login', status: 401, error: expect.stringMatching(/^Failed to establish session and parse security token: 401/) }]);
      }
    });
  },
);
