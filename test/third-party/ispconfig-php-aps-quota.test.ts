import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';

// PHP's SoapClient (Debian php-cli + php-soap), unmodified, in non-WSDL mode: the APS installer flow and the quota
// reports, as PHP decodes them (its own types: SOAP carries int, float, string and nil apart).

type Step = { step: string; ok?: unknown; fault?: [string, string]; types?: unknown };

const WORLD = 'php-aps-quota';

async function php(server: TestServer, ...args: string[]): Promise<Map<string, Step>> {
  // Asynchronously: the server answering PHP runs in this very process.
  const run = await promisify(execFile)(
    'php',
    ['test/third-party/ispconfig/php_aps_quota.php', `${server.url}/_w/${WORLD}/ispconfig`, 'admin', 'admin', ...args],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(run.stderr).toBe('');
  return new Map(
    run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Step)
      .map((s) => [s.step, s]),
  );
}

describeWithClient(
  'ISPConfig: PHP SoapClient (non-WSDL) runs the APS flow and the quota reports',
  { command: 'php', args: ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);'], install: 'apt-get install php-cli php-soap' },
  () => {
    let server: TestServer;
    let setup: Map<string, Step>;
    let finish: Map<string, Step>;
    beforeAll(async () => {
      server = await startTestServer({ panels: ['ispconfig'] });
      setup = await php(server, 'setup');
      const [sid, clientId, instance] = setup.get('handover')!.ok as [string, number, number];
      // What the servers measure meanwhile, and a minute for their cron to install the application.
      const world = server.core.worlds.get(WORLD)!;
      world.clock.advance(60);
      const today = world.clock.now().toISOString().slice(0, 10);
      world.setSetting('ispconfig.usage', {
        disk: { web1: { used: 768, soft: 1024000, hard: 1024000, files: 31 } },
        mail: { 'info@php-apps.test': 536870912 },
        databases: { [`c${clientId}aps1`]: 52428800 },
        webTraffic: [{ hostname: 'php-apps.test', date: today, bytes: 4096 }],
        ftpTraffic: [{ hostname: 'php-apps.test', date: today, in: 1, out: 2 }],
      });
      finish = await php(server, 'finish', sid, String(clientId), String(instance));
    }, 120_000);
    afterAll(() => server?.close());

    it('gives the new client an OpenSSH RSA key pair named after it', () => {
      const row = setup.get('client_get')?.ok as Record<string, string>;
      expect(row.id_rsa).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END OPENSSH PRIVATE KEY-----\n$/);
      expect(row.ssh_rsa).toMatch(/^ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ[A-Za-z0-9+/]{513}= phpapps-rsa-key-\d+\n$/);
    });

    it('reports a fresh server: limits -1 (int), usage null, percentages 0 (int)', () => {
      const [site] = setup.get('quota_get_by_user fresh')?.ok as Record<string, unknown>[];
      expect(site).toMatchObject({ domain: 'php-apps.test', used: null, soft: -1, hard: -1, files: null, used_percentage: 0 });
      expect(setup.get('quota_get_by_user fresh')?.types).toMatchObject({ domain_id: 'string', soft: 'integer', used: 'NULL', used_percentage: 'integer' });
      expect(setup.get('trafficquota_get_by_user fresh')?.ok).toEqual({ 'php-apps.test': { domain_id: '1' } });
      expect(setup.get('mailquota_get_by_user fresh')?.types).toMatchObject({ used: 'integer', quota_raw: 'string', used_percentage: 'integer' });
      expect(setup.get('databasequota_get_by_user fresh')?.ok).toEqual([]);
    });

    it('reports measured usage with the types quota_lib gives them', () => {
      const [site] = finish.get('quota_get_by_user measured')?.ok as Record<string, unknown>[];
      expect(site).toMatchObject({ used: '768', soft: '1024000', files: '31', used_percentage: 0 });
      // round() is a float: 768 KiB of 1000 MiB rounds to 0.0.
      expect(finish.get('quota_get_by_user measured')?.types).toMatchObject({ used: 'string', soft: 'string', used_percentage: 'double' });
      expect(finish.get('trafficquota_get_by_user measured')?.ok).toEqual({
        'php-apps.test': { domain_id: '1', this_month: '4096', this_year: '4096', lastdays: '4096' },
      });
      expect(finish.get('ftptrafficquota_data measured')?.ok).toEqual({ 'php-apps.test': { domain_id: '1', this_month: null, this_year: null } });
      const [box] = finish.get('mailquota_get_by_user measured')?.ok as Record<string, unknown>[];
      expect(box).toMatchObject({ email: 'info@php-apps.test', used: 536870912, used_raw: 536870912, used_percentage: 50 });
      expect(finish.get('mailquota_get_by_user measured')?.types).toMatchObject({ used: 'integer', used_percentage: 'double' });
      const [db] = finish.get('databasequota_get_by_user measured')?.ok as Record<string, unknown>[];
      expect(db).toMatchObject({ database_name: 'c1aps1', used: '52428800', used_raw: 50, quota_raw: null, used_percentage: 0 });
      expect(finish.get('databasequota_get_by_user measured')?.types).toMatchObject({ used: 'string', used_raw: 'integer', used_percentage: 'integer' });
    });

    it('registers the catalogue and shows a package as the GUI controller describes it', () => {
      expect(setup.get('sites_aps_update_package_list')?.ok).toBe(true);
      const list = setup.get('sites_aps_available_packages_list')?.ok as Record<string, string>[];
      expect(list.map((p) => `${p.name} ${p.version}-${p.release}`)).toEqual(['DokuWiki 2023.04.04-2', 'WordPress 6.3.1-1', 'WordPress 6.4.2-1']);
      const details = setup.get('sites_aps_get_package_details')?.ok as Record<string, unknown>;
      expect(details).toMatchObject({ name: 'WordPress', version: '6.4.2', 'License type': 'url', 'Requirements Database': 'MySQL > 5.0' });
      expect((setup.get('sites_aps_get_package_settings')?.ok as Record<string, string>[])[4]).toEqual({
        SettingID: 'locale',
        SettingName: 'Language',
        SettingDescription: '',
        SettingType: 'enum',
        SettingInputType: 'select',
        SettingDefaultValue: 'en-US',
        SettingChoices: [
          { EnumID: 'en-US', EnumName: 'English' },
          { EnumID: 'de-DE', EnumName: 'Deutsch' },
        ],
      });
      expect(
        Buffer.from(setup.get('sites_aps_get_package_file')?.ok as string, 'base64')
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
      expect(setup.get('sites_aps_change_package_status wrong')?.fault).toEqual(['package_error', 'Wrong new status: 7']);
    });

    it('installs a package, lets the server finish it a minute later, and queues its removal', () => {
      expect(setup.get('sites_aps_install_package incomplete')?.fault).toEqual([
        'invalid parameters',
        'error_license_agreement<br />error_no_database_pw<br />error_no_value_for',
      ]);
      expect(setup.get('sites_aps_install_package')?.types).toBe('integer');
      expect(setup.get('sites_aps_instance_get queued')?.ok).toMatchObject({ package_id: '2', customer_id: '1', instance_status: '1' });
      expect(finish.get('sites_aps_instance_get installed')?.ok).toMatchObject({ instance_status: '3' });
      const settings = finish.get('sites_aps_instance_settings_get')?.ok as Record<string, string>[];
      expect(settings.map((s) => s.name)).toContain('main_database_login');
      expect(finish.get('sites_aps_instance_delete')?.ok).toBe(true);
      expect(finish.get('sites_aps_instance_get removing')?.ok).toMatchObject({ instance_status: '4' });
      expect(finish.get('sites_aps_instance_delete unknown')?.fault).toEqual(['instance_error', 'No valid instance id given.']);
    });
  },
);
