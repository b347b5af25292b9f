import assert from 'node:assert/strict';
import type { IspRecord } from '../../clients/ispconfig/index.js';
import { defineScenario, type Scenario } from '../scenario.js';
import { clientFor, fault } from './helpers.js';

// Servers, their IPs and configs, the system config and sys_config values, the change queue, domains and OpenVZ records.

export const serverScenarios: Scenario[] = [
  defineScenario({
    id: 'ispconfig/servers',
    panel: 'ispconfig',
    title: 'server_get (a section, all sections, every server keyed by id), lookups by IP and name, functions, version',
    access: 'read-only',
    basis: 'documented',
    methods: [
      'server_get',
      'server_get_all',
      'server_get_serverid_by_ip',
      'server_get_serverid_by_name',
      'server_get_functions',
      'server_get_app_version',
      'server_get_php_versions',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const servers = (await c.serverGetAll()) as IspRecord[];
      assert.ok(servers.length >= 1);
      const { server_id: id, server_name: name } = servers[0];
      const section = (await c.serverGet(Number(id), 'server'))!;
      assert.equal(typeof section.hostname, 'string');
      const all = (await c.serverGet(Number(id)))!;
      assert.deepEqual(all.server, section);
      const everyServer = (await c.serverGet())!;
      assert.deepEqual(everyServer[id!], all, 'without an id: every server, keyed by server_id');
      assert.equal(await c.serverGet(Number(id), 'no_such_section'), null);
      assert.deepEqual(await c.serverGetServeridByName(name!), { server_id: id });
      assert.equal(await c.serverGetServeridByName(ctx.unique('none')), null);
      assert.equal(await c.serverGetServeridByIp('203.0.113.254'), null);
      const functions = (await c.serverGetFunctions(Number(id))) as Record<string, string>;
      assert.deepEqual(Object.keys(functions), [
        'mail_server',
        'web_server',
        'dns_server',
        'file_server',
        'db_server',
        'vserver_server',
        'proxy_server',
        'firewall_server',
        'mirror_server_id',
      ]);
      assert.match(String(((await c.serverGetAppVersion()) as Record<string, unknown>).ispc_app_version), /^3\.\d/);
      assert.ok(Array.isArray(await c.serverGetPhpVersions(Number(id), 'php-fpm')));
    },
  }),
  defineScenario({
    id: 'ispconfig/server-ips-and-config',
    panel: 'ispconfig',
    title: 'server IP records; server_config_set and system_config_set/get round trips; invalid parameters',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'server_ip_add',
      'server_ip_get',
      'server_ip_update',
      'server_ip_delete',
      'server_get_serverid_by_ip',
      'server_config_set',
      'server_get',
      'system_config_set',
      'system_config_get',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const ip = `198.51.100.${10 + Math.floor(Math.random() * 200)}`;
      const id = Number(await c.serverIpAdd(0, { server_id: 1, client_id: 0, ip_type: 'IPv4', ip_address: ip, virtualhost: 'y', virtualhost_port: '80,443' }));
      ctx.cleanup(() => c.serverIpDelete(id));
      assert.equal((await c.serverIpGet(id))!.ip_address, ip);
      assert.deepEqual(await c.serverGetServeridByIp(ip), { server_id: '1' });
      await fault(
        c.serverIpAdd(0, { server_id: 1, ip_type: 'IPv4', ip_address: ip, virtualhost_port: '80' }),
        'data_processing_error',
        'ip_error_unique<br />\r\n',
      );
      assert.equal(await c.serverIpUpdate(0, id, { virtualhost_port: '80' }), 1);
      const key = ctx.unique('mp_key');
      assert.equal(await c.serverConfigSet(1, 'server', key, 'on'), true);
      ctx.cleanup(() => c.serverConfigSet(1, 'server', key, ''));
      assert.equal(((await c.serverGet(1, 'server')) as Record<string, string>)[key], 'on');
      await fault(c.serverConfigSet(0, 'server', key, 'x'), 'invalid_function_parameter', 'Invalid function parameter.');
      assert.equal(await c.systemConfigSet('misc', key, '42'), true);
      ctx.cleanup(() => c.systemConfigSet('misc', key, ''));
      assert.equal(await c.systemConfigGet('misc', key), '42');
      assert.equal(await c.systemConfigGet('misc', ctx.unique('none')), false);
      assert.equal(((await c.systemConfigGet('sites')) as Record<string, string>).client_protection, 'y');
      await fault(c.systemConfigGet(''), 'invalid_function_parameter');
      assert.equal(await c.serverIpDelete(id), 1);
    },
  }),
  defineScenario({
    id: 'ispconfig/config-values',
    panel: 'ispconfig',
    title: 'sys_config values: add, get, update, replace, delete, and their faults',
    access: 'mutating',
    basis: 'documented',
    methods: ['config_value_add', 'config_value_get', 'config_value_update', 'config_value_replace', 'config_value_delete'],
    async run(ctx) {
      const c = clientFor(ctx);
      const name = ctx.unique('mp');
      assert.equal(await c.configValueAdd('mockpanel', name, 'a'), true);
      ctx.cleanup(() => c.configValueDelete('mockpanel', name).catch(() => undefined));
      assert.deepEqual(await c.configValueGet('mockpanel', name), { group: 'mockpanel', name, value: 'a' });
      await fault(c.configValueAdd('mockpanel', name, 'b'), 'record_unique_error', 'Group plus name field combination is not unique.');
      assert.equal(await c.configValueUpdate('mockpanel', name, 'b'), true);
      assert.equal(await c.configValueReplace('mockpanel', name, 'c'), true);
      assert.equal(((await c.configValueGet('mockpanel', name)) as Record<string, string>).value, 'c');
      assert.equal(await c.configValueDelete('mockpanel', name), true);
      assert.equal(await c.configValueGet('mockpanel', name), null);
      await fault(c.configValueUpdate('mockpanel', name, 'd'), 'record_nonexist_error', 'There is no record with this group plus name field combination.');
      await fault(c.configValueDelete('mockpanel', name), 'record_nonexist_error');
      await fault(c.configValueAdd('mockpanel', name, ''), 'field_empty_error', 'Group, name, and value parameter may not be empty.');
      await fault(c.configValueGet('', name), 'field_empty_error', 'Group and name parameter may not be empty.');
    },
  }),
  defineScenario({
    id: 'ispconfig/change-queue',
    panel: 'ispconfig',
    title: 'every write is queued in sys_datalog for the servers; the queue counts what they have not processed',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'sys_datalog_get_by_tstamp',
      'sys_datalog_get',
      'monitor_jobqueue_count',
      'domains_domain_add',
      'domains_domain_delete',
      'update_record_permissions',
      'domains_domain_get',
      'domains_get_all_by_user',
      'domains_domain_update',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const before = Number(await c.monitorJobqueueCount());
      const domain = `${ctx.unique('mpd')}.test`;
      const id = Number(await c.domainsDomainAdd(0, { domain }));
      ctx.cleanup(() => c.domainsDomainDelete(id));
      assert.equal(Number(await c.monitorJobqueueCount()), before + 1);
      const [entry] = (await c.sysDatalogGetByTstamp(1)) as IspRecord[];
      assert.equal(entry.dbtable, 'domain');
      assert.equal(entry.action, 'i');
      assert.equal(entry.dbidx, 'domain_id:', 'inserts queue an empty id (an undefined variable in remoting.inc.php)');
      assert.match(entry.data!, /^a:2:\{s:3:"new";a:\d+:\{/);
      assert.deepEqual(await c.sysDatalogGet(Number(entry.datalog_id)), [entry]);
      await fault(c.sysDatalogGet(0), 'invalid_datalog_id', 'The ID passed to the function must be > 0');
      assert.equal(await c.domainsDomainUpdate(0, id, { domain }), 0);
      assert.equal(await c.updateRecordPermissions('domain', 'domain_id', id, { sys_perm_group: 'ur' }), true);
      assert.equal((await c.domainsDomainGet(id))!.sys_perm_group, 'ru');
      await fault(c.updateRecordPermissions('domain', 'domain_id', id, { sys_perm_group: 'rw' }), 'invalid parameters', 'rw is no valid permission string.');
      await fault(
        c.updateRecordPermissions('domain', 'domain_id', id, { active: 'n' }),
        'invalid parameters',
        'Only sys_userid, sys_groupid, sys_perm_user and sys_perm_group parameters can be changed with this function.',
      );
      assert.ok(((await c.domainsGetAllByUser(1)) as IspRecord[]).some((r) => r.domain_id === String(id) && r.domain === domain));
      assert.equal(await c.domainsDomainDelete(id), 1);
    },
  }),
  defineScenario({
    id: 'ispconfig/openvz-records',
    panel: 'ispconfig',
    title: 'OpenVZ as the panel keeps it: templates, IP pool; a fresh 3.2.11 install cannot add VMs (its openvz_vm table misspells iptables)',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'openvz_ostemplate_get',
      'openvz_template_get',
      'openvz_ip_add',
      'openvz_ip_get',
      'openvz_ip_delete',
      'openvz_get_free_ip',
      'openvz_vm_add_from_template',
      'openvz_vm_get',
      'openvz_vm_get_by_client',
      'openvz_vm_start',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const ostemplates = await c.openvzOstemplateGet(-1);
      const templates = await c.openvzTemplateGet(-1);
      assert.ok(ostemplates.length >= 1 && templates.length >= 1, 'the installer ships one of each');
      const ip = Number(await c.openvzIpAdd(0, { server_id: 1, ip_address: '192.0.2.200', vm_id: 0, reserved: 'n' }));
      ctx.cleanup(() => c.openvzIpDelete(ip));
      assert.equal(((await c.openvzGetFreeIp(1)) as Record<string, string>).ip_address, '192.0.2.200');
      // install/sql/ispconfig3.sql of 3.2.11 creates the column as `iptabless`; only upgraded installs have `iptables` (upd_0081.sql).
      await fault(
        c.openvzVmAddFromTemplate(0, Number(ostemplates[0].ostemplate_id), Number(templates[0].template_id), { hostname: 'vm1.example.com' }),
        'database_error',
        /^Unknown column 'iptables' in 'field list' INSERT INTO `openvz_vm`/,
      );
      assert.deepEqual(await c.openvzVmGet({ hostname: 'vm1.example.com' }), []);
      await fault(c.openvzVmStart(99999999), 'action_pending', 'No VM with this ID available.');
      assert.ok(Array.isArray(await c.openvzVmGetByClient(1)));
      await fault(c.openvzVmAddFromTemplate(0, 1, 0), 'template_id_error', 'Template ID must be > 0.');
    },
  }),
];
