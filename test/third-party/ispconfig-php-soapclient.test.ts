import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';

// PHP's SoapClient (Debian php-cli + php-soap), unmodified, in non-WSDL mode: a whole session against the emulator.

type Step = { step: string; ok?: unknown; fault?: [string, string] };

describeWithClient(
  'ISPConfig: PHP SoapClient (non-WSDL) runs a full session',
  { command: 'php', args: ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);'], install: 'apt-get install php-cli php-soap' },
  () => {
    let server: TestServer;
    let steps: Map<string, Step>;
    beforeAll(async () => {
      server = await startTestServer({ panels: ['ispconfig'] });
      // Asynchronously: the server answering PHP runs in this very process.
      const run = await promisify(execFile)('php', ['test/third-party/ispconfig/php_session.php', `${server.url}/_w/php-session/ispconfig`, 'admin', 'admin'], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.stderr).toBe('');
      steps = new Map(
        run.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Step)
          .map((s) => [s.step, s]),
      );
    });
    afterAll(() => server?.close());

    it('logs in with a 41-character session id', () => {
      expect(steps.get('login')?.ok).toMatch(/^[a-z][0-9a-f]{40}$/);
    });

    it('adds, reads and updates a client (ids come back as strings, rows as maps)', () => {
      expect(steps.get('client_add')?.ok).toBe('1');
      expect(steps.get('client_get')?.ok).toMatchObject({ client_id: '1', username: 'phpclient', limit_web_domain: '0' });
      expect(steps.get('client_update')?.ok).toBe(1);
    });

    it('adds a website, finds it with a filter (a list), updates it twice: 1 then 0', () => {
      expect(steps.get('sites_web_domain_add')?.ok).toBe('1');
      const found = steps.get('sites_web_domain_get filter')?.ok as Record<string, string>[];
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ domain: 'php-example.test', document_root: '/var/www/clients/client1/web1', system_user: 'web1' });
      expect(steps.get('sites_web_domain_update 1')?.ok).toBe(1);
      expect(steps.get('sites_web_domain_update 2')?.ok).toBe(0);
    });

    it('adds a zone and records; get_id without the dot works, with it faults', () => {
      expect(steps.get('dns_zone_add')?.ok).toBe('1');
      expect(steps.get('dns_zone_get_id')?.ok).toBe(1);
      expect(steps.get('dns_zone_get_id trailing dot')?.fault).toEqual(['no_domain_found', 'Invalid domain name.']);
      expect(steps.get('dns_a_add')?.ok).toBe('1');
      expect(steps.get('dns_mx_add')?.ok).toBe('2');
      const records = steps.get('dns_rr_get_all_by_zone')?.ok as Record<string, string>[];
      expect(records.map((r) => [r.type, r.aux])).toEqual([
        ['A', '0'],
        ['MX', '10'],
      ]);
      // update_serial=true on the A record bumped the serial to today's YYYYMMDD01.
      expect((steps.get('dns_zone_get')?.ok as Record<string, string>).serial).toMatch(/^\d{8}01$/);
    });

    it('answers a bad session, logs out, and refuses the dead session', () => {
      expect(steps.get('bad session')?.fault).toEqual(['session_does_not_exist', 'The Session is expired or does not exist.']);
      expect(steps.get('logout')?.ok).toBe(true);
      expect(steps.get('after logout')?.fault).toEqual(['session_does_not_exist', 'The Session is expired or does not exist.']);
    });

    it('is in the journal as the calls PHP made, session ids redacted', () => {
      const entries = server.core.worlds.get('php-session')!.journal.query({ panel: 'ispconfig' });
      expect(entries.map((e) => e.method)).toContain('sites_web_domain_update');
      expect(JSON.stringify(entries)).not.toMatch(/"session_id":"[a-z][0-9a-f]{40}"/);
    });
  },
);
