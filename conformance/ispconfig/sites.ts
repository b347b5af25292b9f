import assert from 'node:assert/strict';
import type { IspconfigClient, IspRecord } from '../../clients/ispconfig/index.js';
import { defineScenario, type Scenario, type ScenarioContext } from '../scenario.js';
import { addClient, clientFor, fault, websiteParams } from './helpers.js';

// Websites, databases and their users, FTP and shell users, cron, protected folders, WebDAV (core-tables.md §3–5).

async function addWebsite(ctx: ScenarioContext, c: IspconfigClient, clientId: number): Promise<[number, string]> {
  const domain = `${ctx.unique('mpw')}.test`;
  const id = Number(await c.sitesWebDomainAdd(clientId, websiteParams(domain)));
  ctx.cleanup(() => c.sitesWebDomainDelete(id));
  return [id, domain];
}

export const sitesScenarios: Scenario[] = [
  defineScenario({
    id: 'ispconfig/website-life-cycle',
    panel: 'ispconfig',
    title: "websites: add (paths, system user and group from the server's config), get by filter, update twice (1 then 0), status, delete",
    access: 'mutating',
    basis: 'documented',
    methods: [
      'client_add',
      'sites_web_domain_add',
      'sites_web_domain_get',
      'sites_web_domain_update',
      'sites_web_domain_set_status',
      'sites_web_domain_delete',
      'client_get_sites_by_user',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const client = await addClient(ctx, c);
      const [id, domain] = await addWebsite(ctx, c, client);
      const row = (await c.sitesWebDomainGet(id))!;
      assert.equal(row.document_root, `/var/www/clients/client${client}/web${id}`);
      assert.equal(row.system_user, `web${id}`);
      assert.equal(row.system_group, `client${client}`);
      // The plugin hands the site to the client's group with group rights 'ru' (client_protection=y, core-tables.md §3).
      assert.equal(row.sys_perm_group, 'ru');
      assert.deepEqual(await c.sitesWebDomainGet({ domain }), [row]);
      assert.equal(
        await c.sitesWebDomainUpdate(0, id, {
          php: 'fast-cgi',
          log_retention: 30,
          pm_max_children: 1,
          pm_start_servers: 1,
          pm_min_spare_servers: 1,
          pm_max_spare_servers: 1,
        }),
        1,
      );
      assert.equal(await c.sitesWebDomainUpdate(0, id, { php: 'fast-cgi' }), 0);
      assert.equal(await c.sitesWebDomainSetStatus(id, 'inactive'), 1);
      assert.equal((await c.sitesWebDomainGet(id))!.active, 'n');
      await fault(c.sitesWebDomainSetStatus(id, 'gone'), 'status_undefined', 'The status is not available');
      const user = await c.clientGetByUsername((await c.clientGet(client))!.username!);
      const sites = (await c.clientGetSitesByUser(Number(user.userid), Number(user.default_group))) as IspRecord[];
      assert.deepEqual(sites, [{ domain, domain_id: String(id), document_root: row.document_root, active: 'n' }]);
      assert.equal(await c.sitesWebDomainDelete(id), 1);
    },
  }),
  defineScenario({
    id: 'ispconfig/website-children',
    panel: 'ispconfig',
    title: 'alias and sub domains of a website (web_childdomain and the vhost variants) live in web_domain too',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'sites_web_domain_add',
      'sites_web_aliasdomain_add',
      'sites_web_aliasdomain_get',
      'sites_web_aliasdomain_update',
      'sites_web_aliasdomain_delete',
      'sites_web_subdomain_add',
      'sites_web_subdomain_get',
      'sites_web_subdomain_update',
      'sites_web_subdomain_delete',
      'sites_web_vhost_subdomain_add',
      'sites_web_vhost_subdomain_get',
      'sites_web_vhost_subdomain_update',
      'sites_web_vhost_subdomain_delete',
      'sites_web_vhost_aliasdomain_add',
      'sites_web_vhost_aliasdomain_get',
      'sites_web_vhost_aliasdomain_update',
      'sites_web_vhost_aliasdomain_delete',
      'sites_web_domain_get',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const [parent, domain] = await addWebsite(ctx, c, 0);
      const alias = Number(
        await c.sitesWebAliasdomainAdd(0, {
          server_id: 1,
          domain: `${ctx.unique('alias')}.test`,
          type: 'alias',
          parent_domain_id: parent,
          subdomain: 'www',
          active: 'y',
        }),
      );
      const sub = Number(await c.sitesWebSubdomainAdd(0, { server_id: 1, domain: `shop.${domain}`, type: 'subdomain', parent_domain_id: parent, active: 'y' }));
      const vsub = Number(await c.sitesWebVhostSubdomainAdd(0, { ...websiteParams(`blog.${domain}`), type: 'vhostsubdomain', parent_domain_id: parent }));
      const valias = Number(
        await c.sitesWebVhostAliasdomainAdd(0, { ...websiteParams(`${ctx.unique('valias')}.test`), type: 'vhostalias', parent_domain_id: parent }),
      );
      assert.equal((await c.sitesWebAliasdomainGet(alias))!.type, 'alias');
      assert.equal((await c.sitesWebSubdomainGet(sub))!.type, 'subdomain');
      assert.equal((await c.sitesWebVhostSubdomainGet(vsub))!.type, 'vhostsubdomain');
      assert.equal((await c.sitesWebVhostAliasdomainGet(valias))!.type, 'vhostalias');
      assert.equal((await c.sitesWebDomainGet({ parent_domain_id: parent })).length, 4);
      assert.equal(await c.sitesWebAliasdomainUpdate(0, alias, { active: 'n' }), 1);
      assert.equal(await c.sitesWebSubdomainUpdate(0, sub, { active: 'n' }), 1);
      assert.equal(await c.sitesWebVhostSubdomainUpdate(0, vsub, { active: 'n' }), 1);
      assert.equal(await c.sitesWebVhostAliasdomainUpdate(0, valias, { active: 'n' }), 1);
      for (const del of [
        c.sitesWebAliasdomainDelete(alias),
        c.sitesWebSubdomainDelete(sub),
        c.sitesWebVhostSubdomainDelete(vsub),
        c.sitesWebVhostAliasdomainDelete(valias),
      ]) {
        assert.equal(await del, 1);
      }
    },
  }),
  defineScenario({
    id: 'ispconfig/databases-and-users',
    panel: 'ispconfig',
    title: 'database users (MySQL password hash) and databases: unique names per server, listing by client, unlinking on user delete',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'sites_database_user_add',
      'sites_database_user_get',
      'sites_database_user_update',
      'sites_database_user_delete',
      'sites_database_add',
      'sites_database_get',
      'sites_database_update',
      'sites_database_delete',
      'sites_database_get_all_by_user',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const client = await addClient(ctx, c);
      const [site] = await addWebsite(ctx, c, client);
      const dbUser = ctx.unique('u').replace(/[^a-z0-9]/g, '');
      const userId = Number(await c.sitesDatabaseUserAdd(client, { server_id: 1, database_user: dbUser, database_password: 'Db-pass-123' }));
      ctx.cleanup(() => c.sitesDatabaseUserDelete(userId));
      // MySQL's native hash of 'Db-pass-123' (evidence: sites_database_user_get).
      assert.equal((await c.sitesDatabaseUserGet(userId))!.database_password, '*582896B30E44E013D16C7F22553A3E1A670A9717');
      const name = ctx.unique('db').replace(/[^a-z0-9]/g, '');
      const params = {
        server_id: 1,
        type: 'mysql',
        parent_domain_id: site,
        database_name: name,
        database_user_id: userId,
        database_ro_user_id: 0,
        database_charset: 'utf8',
        remote_access: 'n',
        active: 'y',
      };
      const db = Number(await c.sitesDatabaseAdd(client, params));
      ctx.cleanup(() => c.sitesDatabaseDelete(db));
      await fault(c.sitesDatabaseAdd(client, params), 'database_name_error_unique', 'There is already a database with that name on the same server.');
      assert.equal((await c.sitesDatabaseGet(db))!.database_quota, '0', 'omitted quota is written as 0');
      assert.deepEqual(await c.sitesDatabaseGetAllByUser(client), [
        {
          database_id: String(db),
          database_name: name,
          database_user_id: String(userId),
          database_ro_user_id: '0',
          database_user: dbUser,
          database_password: '*582896B30E44E013D16C7F22553A3E1A670A9717',
        },
      ]);
      assert.equal(await c.sitesDatabaseUpdate(client, db, { database_charset: 'utf8mb4' }), 1);
      assert.equal(await c.sitesDatabaseUserUpdate(client, userId, { database_password: 'Other-pass-456' }), 1);
      assert.equal(await c.sitesDatabaseUserDelete(userId), 1);
      assert.equal((await c.sitesDatabaseGet(db))!.database_user_id, null, 'the database lost its user');
      assert.equal(await c.sitesDatabaseDelete(db), 1);
    },
  }),
  defineScenario({
    id: 'ispconfig/ftp-shell-webdav-users',
    panel: 'ispconfig',
    title: "FTP, shell and WebDAV users inside a website's directory; the FTP user's server section",
    access: 'mutating',
    basis: 'documented',
    methods: [
      'sites_ftp_user_add',
      'sites_ftp_user_get',
      'sites_ftp_user_update',
      'sites_ftp_user_delete',
      'sites_ftp_user_server_get',
      'sites_shell_user_add',
      'sites_shell_user_get',
      'sites_shell_user_update',
      'sites_shell_user_delete',
      'sites_webdav_user_add',
      'sites_webdav_user_get',
      'sites_webdav_user_update',
      'sites_webdav_user_delete',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const client = await addClient(ctx, c);
      const [site] = await addWebsite(ctx, c, client);
      const web = (await c.sitesWebDomainGet(site))!;
      const ftpName = ctx.unique('ftp');
      const ftp = Number(
        await c.sitesFtpUserAdd(client, {
          server_id: 1,
          parent_domain_id: site,
          username: ftpName,
          password: 'Ftp-pass-123',
          quota_size: -1,
          active: 'y',
          uid: web.system_user,
          gid: web.system_group,
          dir: web.document_root,
        }),
      );
      ctx.cleanup(() => c.sitesFtpUserDelete(ftp));
      assert.equal((await c.sitesFtpUserGet(ftp))!.username, ftpName);
      assert.equal(((await c.sitesFtpUserServerGet(ftpName)) as Record<string, string>).hostname, 'server1.domain.tld');
      assert.equal(await c.sitesFtpUserServerGet(ctx.unique('none')), false);
      await fault(
        c.sitesFtpUserAdd(client, {
          server_id: 1,
          parent_domain_id: site,
          username: ctx.unique('ftp'),
          password: 'Ftp-pass-123',
          quota_size: -1,
          uid: web.system_user,
          gid: web.system_group,
          dir: '/etc',
        }),
        'data_processing_error',
        'directory_error_regex<br />\r\ndirectory_error_notinweb<br>\r\n',
      );
      assert.equal(await c.sitesFtpUserUpdate(client, ftp, { quota_size: 100 }), 1);
      const shell = Number(
        await c.sitesShellUserAdd(client, {
          server_id: 1,
          parent_domain_id: site,
          username: ctx.unique('sh'),
          password: 'Shell-pass-123',
          quota_size: -1,
          active: 'y',
          puser: web.system_user,
          pgroup: web.system_group,
          shell: '/bin/bash',
          dir: web.document_root,
          chroot: 'no',
        }),
      );
      ctx.cleanup(() => c.sitesShellUserDelete(shell));
      assert.equal((await c.sitesShellUserGet(shell))!.shell, '/bin/bash');
      assert.equal(await c.sitesShellUserUpdate(client, shell, { shell: '/bin/sh' }), 1);
      const dav = Number(
        await c.sitesWebdavUserAdd(client, {
          server_id: 1,
          parent_domain_id: site,
          username: ctx.unique('dav'),
          password: 'Dav-pass-123',
          active: 'y',
          dir: 'dav',
        }),
      );
      ctx.cleanup(() => c.sitesWebdavUserDelete(dav));
      assert.ok(await c.sitesWebdavUserGet(dav));
      assert.equal(await c.sitesWebdavUserUpdate(client, dav, { active: 'n' }), 1);
      for (const del of [c.sitesFtpUserDelete(ftp), c.sitesShellUserDelete(shell), c.sitesWebdavUserDelete(dav)]) assert.equal(await del, 1);
    },
  }),
  defineScenario({
    id: 'ispconfig/cron-and-folders',
    panel: 'ispconfig',
    title: 'cron jobs (time fields validated); protected folders and their users (deleted with the folder)',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'sites_cron_add',
      'sites_cron_get',
      'sites_cron_update',
      'sites_cron_delete',
      'sites_web_folder_add',
      'sites_web_folder_get',
      'sites_web_folder_update',
      'sites_web_folder_delete',
      'sites_web_folder_user_add',
      'sites_web_folder_user_get',
      'sites_web_folder_user_update',
      'sites_web_folder_user_delete',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const client = await addClient(ctx, c);
      const [site, domain] = await addWebsite(ctx, c, client);
      const cron = Number(
        await c.sitesCronAdd(client, {
          server_id: 1,
          parent_domain_id: site,
          type: 'url',
          command: `https://${domain}/cron.php`,
          run_min: '*/5',
          run_hour: '*',
          run_mday: '*',
          run_month: '*',
          run_wday: '*',
          active: 'y',
        }),
      );
      ctx.cleanup(() => c.sitesCronDelete(cron));
      assert.equal((await c.sitesCronGet(cron))!.log, 'n', 'an omitted checkbox is stored unchecked');
      await fault(c.sitesCronUpdate(client, cron, { run_hour: '25' }), 'data_processing_error', 'run_hour_error_format<br>\r\n');
      assert.equal(await c.sitesCronUpdate(client, cron, { run_min: '0' }), 1);
      const folder = Number(await c.sitesWebFolderAdd(client, { server_id: 1, parent_domain_id: site, path: 'private', active: 'y' }));
      ctx.cleanup(() => c.sitesWebFolderDelete(folder));
      const user = Number(
        await c.sitesWebFolderUserAdd(client, { server_id: 1, web_folder_id: folder, username: 'reader', password: 'Folder-pass-1', active: 'y' }),
      );
      assert.ok(await c.sitesWebFolderUserGet(user));
      assert.equal(await c.sitesWebFolderUserUpdate(client, user, { active: 'n' }), 1);
      assert.equal(await c.sitesWebFolderUpdate(client, folder, { active: 'n' }), 1);
      assert.ok(await c.sitesWebFolderGet(folder));
      assert.equal(await c.sitesWebFolderDelete(folder), 1);
      assert.equal(await c.sitesWebFolderUserGet(user), null, 'folder users go with their folder');
      assert.equal(await c.sitesWebFolderUserDelete(user), 0);
      assert.equal(await c.sitesCronDelete(cron), 1);
    },
  }),
];
