import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';

// Perl SOAP::Lite (Debian libsoap-lite-perl), unmodified, sending explicit ns2:Map parameters
// (fixtures/captures/ispconfig-soap/soap-lite-perl: a plain hashref is a SOAP struct, which PHP decodes as stdClass).

type Step = { step: string; ok?: unknown; fault?: [string, string]; transport?: string };

describeWithClient(
  'ISPConfig: Perl SOAP::Lite with explicit ns2:Map parameters',
  { command: 'perl', args: ['-MSOAP::Lite', '-MJSON::PP', '-e', '1'], install: 'apt-get install libsoap-lite-perl' },
  () => {
    let server: TestServer;
    let steps: Map<string, Step>;
    beforeAll(async () => {
      server = await startTestServer({ panels: ['ispconfig'] });
      const run = await promisify(execFile)('perl', ['test/third-party/ispconfig/soap_lite.pl', `${server.url}/_w/soap-lite/ispconfig`, 'admin', 'admin'], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      steps = new Map(
        run.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Step)
          .map((s) => [s.step, s]),
      );
    });
    afterAll(() => server?.close());

    it('logs in and decodes ns2:Map answers to hashes', () => {
      expect(steps.get('login')?.ok).toMatch(/^[a-z][0-9a-f]{40}$/);
      expect(steps.get('client_add')?.ok).toBe('1');
      expect(steps.get('client_get')?.ok).toMatchObject({ client_id: '1', username: 'perlclient', contact_name: 'Perl Client' });
      expect(steps.get('client_get filter')?.ok).toEqual([expect.objectContaining({ username: 'perlclient' })]);
    });

    it('writes with Map parameters', () => {
      expect(steps.get('dns_zone_add')?.ok).toBe('1');
      // Perl keeps xsd:int answers as scalars, which JSON::PP may print as strings.
      expect(Number(steps.get('dns_zone_get_id')?.ok)).toBe(1);
      expect(steps.get('dns_a_add')?.ok).toBe('1');
      expect(Number(steps.get('dns_zone_update map')?.ok)).toBe(1);
    });

    it('refuses a plain hashref (SOAP struct) as PHP does', () => {
      expect(steps.get('dns_zone_update hashref')?.fault).toEqual(['SOAP-ENV:Server', 'Cannot use object of type stdClass as array']);
    });

    it('logs out and reports a failed login as a fault', () => {
      expect(Number(steps.get('logout')?.ok)).toBe(1);
      expect(steps.get('login wrong')?.fault).toEqual(['login_failed', 'The login failed. Username or password wrong.']);
    });
  },
);
