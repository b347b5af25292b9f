import assert from 'node:assert/strict';
import type { IspconfigClient, IspRecord } from '../../clients/ispconfig/index.js';
import { defineScenario, type Scenario } from '../scenario.js';
import { addClient, clientFor, fault, websiteParams } from './helpers.js';

// The APS installer (remote.d/aps.inc.php and aps_guicontroller.inc.php, ISPConfig 3.2.11) against the emulator's
// seeded catalogue: WordPress 6.3.1-1 and 6.4.2-1 (with a MySQL database) and DokuWiki 2023.04.04-2 (without).

const SKIP_REMOTE = "needs the emulator's seeded APS catalogue (a real panel crawls apscatalog.com)";

async function packageIds(c: IspconfigClient): Promise<Record<string, number>> {
  const rows = (await c.sitesApsAvailablePackagesList({ all_packages: true })) as IspRecord[];
  return Object.fromEntries(rows.map((r) => [`${r.name} ${r.version}`, Number(r.id)]));
}

/** A client owning a website; returns the client id, the site's domain and document root. */
async function siteForApps(ctx: Parameters<Scenario['run']>[0], c: IspconfigClient): Promise<{ client: number; domain: string; root: string }> {
  const client = await addClient(ctx, c, 'mpa');
  const domain = `${ctx.unique('mpa')}.test`;
  const site = Number(await c.sitesWebDomainAdd(client, { ...websiteParams(domain), php: 'no' }));
  ctx.cleanup(() => c.sitesWebDomainDelete(site));
  return { client, domain, root: (await c.sitesWebDomainGet(site))!.document_root! };
}

const wordpressParams = (domain: string) => ({
  main_domain: domain,
  main_location: 'blog',
  license: 'on',
  main_database_password: 'Db-secret-123',
  admin_name: 'admin',
  admin_password: 'Adm1n-Secret!',
  admin_email: 'admin@example.com',
  title: 'Blog',
  locale: 'en-US',
});

export const apsScenarios: Scenario[] = [
  defineScenario({
    id: 'ispconfig/aps-catalogue',
    panel: 'ispconfig',
    title: 'APS packages: the crawl registers the catalogue, a second one tags old versions outdated, lock and enable, details, files and settings',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'sites_aps_update_package_list',
      'sites_aps_available_packages_list',
      'sites_aps_change_package_status',
      'sites_aps_get_package_details',
      'sites_aps_get_package_file',
      'sites_aps_get_package_settings',
    ],
    skip: { remote: SKIP_REMOTE },
    async run(ctx) {
      const c = clientFor(ctx);
      assert.equal(await c.sitesApsUpdatePackageList(), true);
      const first = (await c.sitesApsAvailablePackagesList()) as IspRecord[];
      assert.deepEqual(
        first.map((p) => [p.name, p.version, p.release, p.package_status]),
        [
          ['DokuWiki', '2023.04.04', '2', '2'],
          ['WordPress', '6.3.1', '1', '2'],
          ['WordPress', '6.4.2', '1', '2'],
        ],
      );
      assert.equal(first[2]!.path, 'WordPress-6.4.2-1.app.zip');
      // The crawler tags older versions of what was registered before it ran.
      await c.sitesApsUpdatePackageList();
      const ids = await packageIds(c);
      assert.deepEqual(
        ((await c.sitesApsAvailablePackagesList()) as IspRecord[]).map((p) => `${p.name} ${p.version}`),
        ['DokuWiki 2023.04.04', 'WordPress 6.4.2'],
      );
      assert.equal(Object.keys(ids).length, 2, 'outdated packages are in neither list');
      assert.equal(await c.sitesApsChangePackageStatus(ids['DokuWiki 2023.04.04']!, { package_status: 1 }), true);
      assert.deepEqual(
        ((await c.sitesApsAvailablePackagesList()) as IspRecord[]).map((p) => p.name),
        ['WordPress'],
      );
      assert.deepEqual(
        ((await c.sitesApsAvailablePackagesList({ all_packages: true })) as IspRecord[]).map((p) => p.name),
        ['DokuWiki', 'WordPress'],
      );
      await fault(c.sitesApsChangePackageStatus(ids['DokuWiki 2023.04.04']!, { package_status: 3 }), 'package_error', 'Wrong new status: 3');
      await fault(c.sitesApsChangePackageStatus(99999, { package_status: 2 }), 'package_error', 'The given Package ID is not valid.');
      await c.sitesApsChangePackageStatus(ids['DokuWiki 2023.04.04']!, { package_status: 2 });

      const wp = ids['WordPress 6.4.2']!;
      const details = await c.sitesApsGetPackageDetails(wp);
      assert.equal(details.name, 'WordPress');
      assert.equal(details.Icon, '/remote/aps_meta_packages/WordPress-6.4.2-1.app.zip/icon.png');
      assert.equal(details['License need agree'], 'true');
      assert.equal(details['License type'], 'url');
      assert.equal(Buffer.from(String(details['License content']), 'base64').toString(), 'https://www.gnu.org/licenses/gpl-2.0.html');
      assert.equal(details['Installed Size'], '65 MB');
      assert.equal(details['Requirements Database'], 'MySQL > 5.0');
      assert.equal(details['Requirements PHP extensions'], 'mysql');
      assert.equal(details.Description, 'A publishing platform for blogs and websites.<br />\nThemes and plugins extend it.');
      assert.deepEqual(details['Requirements PHP settings'], [
        { PHPSettingName: 'file_uploads', PHPSettingValue: 'on' },
        { PHPSettingName: 'memory_limit', PHPSettingValue: '64 MB' },
      ]);
      const doku = await c.sitesApsGetPackageDetails(ids['DokuWiki 2023.04.04']!);
      assert.equal(doku['License type'], 'file');
      assert.equal(doku.Screenshots, '');
      assert.equal(doku['Requirements Supported PHP versions'], '7.2 - 8.3');
      assert.equal(doku['Requirements Database'], '');
      assert.match(await c.sitesApsGetPackageFile(wp, 'screenshot-1.png'), /^iVBORw0KGgo/);
      await fault(c.sitesApsGetPackageFile(wp, 'APP-META.xml'), 'package_error', 'File not found in package.');
      await fault(c.sitesApsGetPackageDetails(99999), 'package_error', 'The given Package ID is not valid.');
      const settings = (await c.sitesApsGetPackageSettings(wp)) as unknown as IspRecord[];
      assert.deepEqual(
        settings.map((s) => [s.SettingID, s.SettingType, s.SettingInputType]),
        [
          ['admin_name', 'string', 'string'],
          ['admin_password', 'password', 'password'],
          ['admin_email', 'email', 'string'],
          ['title', 'string', 'string'],
          ['locale', 'enum', 'select'],
        ],
      );
      assert.equal(settings[0]!.SettingMaxLength, '32', 'every value is a string after utf8_encode');
      assert.equal(settings[2]!.SettingRegex, '');
    },
  }),
  defineScenario({
    id: 'ispconfig/aps-install-life-cycle',
    panel: 'ispconfig',
    title: "APS install: the installer's checks, an instance and its database, the server's cron completing it, removal",
    access: 'mutating',
    basis: 'documented',
    methods: [
      'client_add',
      'sites_web_domain_add',
      'sites_aps_update_package_list',
      'sites_aps_install_package',
      'sites_aps_instance_get',
      'sites_aps_instance_settings_get',
      'sites_aps_instance_delete',
      'sites_database_get',
      'sites_web_domain_get',
    ],
    skip: { remote: SKIP_REMOTE },
    async run(ctx) {
      const c = clientFor(ctx);
      await c.sitesApsUpdatePackageList();
      const ids = await packageIds(c);
      const { client, domain, root } = await siteForApps(ctx, c);
      await fault(c.sitesApsInstallPackage(ids['WordPress 6.4.2']!, { main_location: 'x' }), 'invalid parameters', 'No valid domain given.');
      await fault(c.sitesApsInstallPackage(ids['WordPress 6.4.2']!, { main_domain: 'nowhere.test' }), 'invalid parameters', 'No valid domain given.');
      await fault(
        c.sitesApsInstallPackage(ids['WordPress 6.4.2']!, {
          main_domain: domain,
          admin_password: 'short',
          main_database_password: 'short',
          admin_email: 'nope',
        }),
        'invalid parameters',
        [
          'The chosen password does not match the security guidelines. It has to be at least 8 chars in length and have a strength of "Good".',
          'error_no_main_location',
          'error_license_agreement',
          'error_short_database_pw',
          'error_no_value_for',
          'error_short_value_for',
          'error_inv_email_for',
        ].join('<br />'),
      );
      // The older version's id installs the newest enabled version of the same name.
      const instance = Number(await c.sitesApsInstallPackage(ids['WordPress 6.3.1'] ?? ids['WordPress 6.4.2']!, wordpressParams(domain)));
      assert.ok(instance > 0);
      const row = (await c.sitesApsInstanceGet(instance)) as IspRecord;
      assert.equal(row.package_id, String(ids['WordPress 6.4.2']));
      assert.equal(row.customer_id, String(client));
      assert.equal(row.instance_status, '1', 'queued for the server (INSTANCE_INSTALL)');
      const settings = Object.fromEntries(((await c.sitesApsInstanceSettingsGet(instance)) as IspRecord[]).map((s) => [s.name, s.value]));
      assert.deepEqual(settings, {
        main_domain: domain,
        main_location: 'blog',
        license: 'true',
        main_database_password: 'Db-secret-123',
        admin_name: 'admin',
        admin_password: 'Adm1n-Secret!',
        admin_email: 'admin@example.com',
        title: 'Blog',
        locale: 'en-US',
        main_database_host: 'localhost',
        main_database_name: `c${client}aps1`,
        main_database_login: `c${client}aps1`,
      });
      const [db] = (await c.sitesDatabaseGet({ database_name: `c${client}aps1` })) as IspRecord[];
      assert.equal(db!.database_name_prefix, `c${client}`);
      // The site was switched to PHP as fast-cgi with suexec for the application (Apache).
      assert.equal((await c.sitesWebDomainGet({ domain }))[0]!.php, 'fast-cgi');
      await fault(
        c.sitesApsInstallPackage(ids['WordPress 6.4.2']!, { ...wordpressParams(domain), main_location: 'blog/sub' }),
        'invalid parameters',
        'error_used_location',
      );
      assert.ok(root.length > 0);

      await ctx.emulator.advanceClock(60);
      assert.equal(((await c.sitesApsInstanceGet(instance)) as IspRecord).instance_status, '3', 'the server installed it (INSTANCE_SUCCESS)');
      assert.equal(await c.sitesApsInstanceDelete(instance), true);
      assert.equal(((await c.sitesApsInstanceGet(instance)) as IspRecord).instance_status, '4', 'queued for removal');
      assert.deepEqual(await c.sitesDatabaseGet({ database_name: `c${client}aps1` }), [], 'its database went with it');
      await ctx.emulator.advanceClock(60);
      assert.equal(await c.sitesApsInstanceGet(instance), null, 'the server removed the instance');
      assert.deepEqual(await c.sitesApsInstanceSettingsGet(instance), []);
      await fault(c.sitesApsInstanceDelete(instance), 'instance_error', 'No valid instance id given.');
    },
  }),
];
