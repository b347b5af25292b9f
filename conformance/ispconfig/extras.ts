import assert from 'node:assert/strict';
import type { IspRecord } from '../../clients/ispconfig/index.js';
import { defineScenario, type Scenario } from '../scenario.js';
import { addClient, clientFor, fault } from './helpers.js';

// Backups, panel-login checks and OpenVZ templates: methods the larger scenarios do not reach.

export const extraScenarios: Scenario[] = [
  defineScenario({
    id: 'ispconfig/backups',
    panel: 'ispconfig',
    title: 'backup lists, and backup actions for ids that do not exist (queued only for backups the servers made)',
    access: 'read-only',
    basis: 'documented',
    methods: ['sites_web_domain_backup_list', 'sites_web_domain_backup', 'mail_user_backup_list', 'mail_user_backup'],
    async run(ctx) {
      const c = clientFor(ctx);
      assert.ok(Array.isArray(await c.sitesWebDomainBackupList()));
      assert.deepEqual(await c.sitesWebDomainBackupList(99999999), []);
      assert.ok(Array.isArray(await c.mailUserBackupList()));
      await fault(c.sitesWebDomainBackup(99999999, 'backup_restore'), 'invalid_backup_id', 'Invalid or non existant backup_id 99999999');
      await fault(c.mailUserBackup(99999999, 'backup_restore_mail'), 'invalid_backup_id', 'Invalid or non existant backup_id 99999999');
    },
  }),
  defineScenario({
    id: 'ispconfig/client-login-get',
    panel: 'ispconfig',
    title: "client_login_get checks a panel login by user name or by the client's e-mail address",
    access: 'mutating',
    basis: 'documented',
    methods: ['client_add', 'client_get', 'client_login_get'],
    async run(ctx) {
      const c = clientFor(ctx);
      const id = await addClient(ctx, c);
      const row = (await c.clientGet(id))!;
      const checked = (await c.clientLoginGet(row.username!, 'S3cret!pass-1', '192.0.2.1')) as Record<string, unknown>;
      // Panel users always get country "de" (hard-coded in remote.d/client.inc.php).
      assert.deepEqual(checked, { username: row.username, type: 'user', client_id: String(id), language: 'en', country: 'de' });
      await fault(c.clientLoginGet(row.username!, 'wrong', '192.0.2.1'), 'login_failed', 'Login failed.');
      await fault(c.clientLoginGet('bad name!', 'x'), 'user_regex_error', 'Username contains invalid characters.');
      await fault(c.clientLoginGet(row.username!, ''), 'password_length_error', 'Invalid password length or no password provided.');
      assert.deepEqual(await c.clientLoginGet(row.email!, 'S3cret!pass-1'), {
        username: row.username,
        type: 'user',
        client_id: String(id),
        language: 'en',
        country: '',
      });
      assert.equal(await c.clientLoginGet(row.email!, 'wrong', '192.0.2.2'), false, 'the e-mail branch answers false');
    },
  }),
  defineScenario({
    id: 'ispconfig/openvz-templates',
    panel: 'ispconfig',
    title: 'OpenVZ OS templates, VM templates and IP records: add, update, delete',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'openvz_ostemplate_add',
      'openvz_ostemplate_update',
      'openvz_ostemplate_delete',
      'openvz_ostemplate_get',
      'openvz_template_add',
      'openvz_template_update',
      'openvz_template_delete',
      'openvz_template_get',
      'openvz_ip_add',
      'openvz_ip_update',
      'openvz_ip_delete',
      'openvz_vm_add',
      'openvz_vm_update',
      'openvz_vm_delete',
      'openvz_vm_stop',
      'openvz_vm_restart',
    ],
    async run(ctx) {
      const c = clientFor(ctx);
      const os = Number(
        await c.openvzOstemplateAdd(0, { template_name: ctx.unique('os'), template_file: 'debian-12-x86_64', server_id: 1, allservers: 'y', active: 'y' }),
      );
      ctx.cleanup(() => c.openvzOstemplateDelete(os));
      assert.equal(await c.openvzOstemplateUpdate(0, os, { description: 'mockpanel' }), 1);
      // A copy of the template the installer ships, under a new name.
      const stock = ((await c.openvzTemplateGet(-1)) as IspRecord[])[0];
      const { template_id: _id, sys_userid: _u, sys_groupid: _g, sys_perm_user: _pu, sys_perm_group: _pg, sys_perm_other: _po, ...copy } = stock;
      const tpl = Number(await c.openvzTemplateAdd(0, { ...copy, template_name: ctx.unique('tpl') }));
      ctx.cleanup(() => c.openvzTemplateDelete(tpl));
      assert.equal((await c.openvzTemplateGet(tpl))!.ram, stock.ram);
      assert.equal(await c.openvzTemplateUpdate(0, tpl, { ram: 1024 }), 1);
      const ip = Number(await c.openvzIpAdd(0, { server_id: 1, ip_address: '192.0.2.201', vm_id: 0, reserved: 'y' }));
      ctx.cleanup(() => c.openvzIpDelete(ip));
      assert.equal(await c.openvzIpUpdate(0, ip, { reserved: 'n' }), 1);
      await fault(
        c.openvzVmAdd(0, {
          server_id: 1,
          ip_address: '192.0.2.201',
          hostname: 'vm.test',
          vm_password: 'x',
          veid: 101,
          diskspace: 10,
          ram: 256,
          ram_burst: 512,
          cpu_units: 1000,
          cpu_num: 1,
          cpu_limit: 100,
          io_priority: 4,
          nameserver: '8.8.8.8',
        }),
        'database_error',
      );
      await fault(c.openvzVmUpdate(0, 99999999, { hostname: 'x' }), 'data_processing_error');
      assert.equal(await c.openvzVmDelete(99999999), 0);
      await fault(c.openvzVmStop(99999999), 'action_pending', 'No VM with this ID available.');
      await fault(c.openvzVmRestart(99999999), 'action_pending', 'No VM with this ID available.');
      assert.equal(await c.openvzTemplateDelete(tpl), 1);
      assert.equal(await c.openvzOstemplateDelete(os), 1);
      assert.equal(await c.openvzIpDelete(ip), 1);
    },
  }),
];
