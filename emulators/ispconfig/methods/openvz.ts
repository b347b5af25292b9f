import { randomBytes } from 'node:crypto';
import type { Handler } from '../../core/panel.js';
import type { IspCall } from '../engine/context.js';
import { getRecord, insertRecord } from '../engine/crud.js';
import { empty, intval, isPhpArray, str, type PhpArray } from '../engine/php.js';
import { exec, queryAll, queryOne } from '../engine/query.js';
import { ispFault } from '../faults.js';
import { sqlName as t } from '../schema/index.js';
import { ispCall } from '../session.js';

// OpenVZ virtual machines as the panel keeps them (remote.d/openvz.inc.php): templates, IP pool, VM rows and the
// start/stop/restart actions it queues for the host. The host itself is outside the panel; the queue is the panel's state.

function freeIp(call: IspCall, serverId: number) {
  return serverId > 0
    ? queryOne(call, `SELECT ip_address_id, server_id, ip_address FROM ${t('openvz_ip')} WHERE reserved = 'n' AND vm_id = 0 AND server_id = ? ORDER BY ip_address_id LIMIT 1`, serverId)
    : queryOne(call, `SELECT ip_address_id, server_id, ip_address FROM ${t('openvz_ip')} WHERE reserved = 'n' AND vm_id = 0 ORDER BY ip_address_id LIMIT 1`);
}

const getFreeIp: Handler = (ctx) => {
  const ip = freeIp(ispCall(ctx), intval(ctx.args[1]));
  if (!ip) throw ispFault('no_free_ip', 'There is no free IP available.');
  return ip;
};

const vmGetByClient: Handler = (ctx) => {
  const call = ispCall(ctx);
  if (empty(ctx.args[1])) return false;
  const group = queryOne(call, `SELECT groupid FROM ${t('sys_group')} WHERE client_id = ?`, intval(ctx.args[1]));
  return queryAll(call, `SELECT * FROM ${t('openvz_vm')} WHERE sys_groupid = ? ORDER BY vm_id`, group?.groupid ?? null);
};

/** auth->get_random_password: letters and digits. */
function randomPassword(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A VM from an OS template and a VM template on the first free IP; override_params may set hostname, password, flags. */
const vmAddFromTemplate: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, clientId, ostemplateArg, templateArg, overrideArg] = ctx.args;
  const templateId = intval(templateArg);
  const ostemplateId = intval(ostemplateArg);
  const override: PhpArray = isPhpArray(overrideArg) ? overrideArg : {};
  if (templateId === 0) throw ispFault('template_id_error', 'Template ID must be > 0.');
  if (ostemplateId === 0) throw ispFault('ostemplate_id_error', 'OSTemplate ID must be > 0.');
  const template = queryOne(call, `SELECT * FROM ${t('openvz_template')} WHERE template_id = ?`, templateId);
  if (!template) throw ispFault('template_id_error', 'Template does not exist.');
  if (!queryOne(call, `SELECT ostemplate_id FROM ${t('openvz_ostemplate')} WHERE ostemplate_id = ?`, ostemplateId)) throw ispFault('ostemplate_id_error', 'OSTemplate does not exist.');
  const ip = freeIp(call, intval(override.server_id));
  if (!ip) throw ispFault('vm_ip_error', 'Unable to get a free VM IP.');
  const pick = (key: string, fallback: unknown) => (override[key] !== undefined && override[key] !== null ? override[key] : fallback);
  const params: PhpArray = {
    server_id: ip.server_id,
    ostemplate_id: ostemplateId,
    template_id: templateId,
    ip_address: ip.ip_address,
    hostname: pick('hostname', template.hostname),
    vm_password: pick('vm_password', randomPassword(10)),
    start_boot: pick('start_boot', 'y'),
    active: pick('active', 'y'),
    active_until_date: pick('active_until_date', null),
    description: pick('description', ''),
    // The remote API fills the resource fields with 1 and leaves the real values to the VM plugin.
    veid: 1,
    diskspace: 1,
    ram: 1,
    ram_burst: 1,
    cpu_units: 1,
    cpu_num: 1,
    cpu_limit: 1,
    io_priority: 1,
    nameserver: '8.8.8.8 8.8.4.4',
    create_dns: 'n',
    capability: '',
  };
  return insertRecord(call, 'openvz_vm', clientId, params).returned;
};

/** Queues an action for the host in sys_remoteaction; the method itself returns nothing (nil). */
function vmAction(action: string): Handler {
  return (ctx) => {
    const call = ispCall(ctx);
    const vm = getRecord(call, 'openvz_vm', ctx.args[1]);
    if (!vm || Array.isArray(vm)) throw ispFault('action_pending', 'No VM with this ID available.');
    if (vm.active === 'n') throw ispFault('action_pending', 'VM is not in active state.');
    const pending = queryOne(
      call,
      `SELECT count(action_id) AS n FROM ${t('sys_remoteaction')} WHERE server_id = ? AND action_type = ? AND action_param = ? AND action_state = 'pending'`,
      vm.server_id,
      action,
      vm.veid,
    );
    if (Number(pending?.n) > 0) throw ispFault('action_pending', 'There is already a action pending for this VM.');
    exec(
      call,
      `INSERT INTO ${t('sys_remoteaction')} (server_id, tstamp, action_type, action_param, action_state, response) VALUES (?, ?, ?, ?, 'pending', '')`,
      intval(vm.server_id),
      call.now,
      action,
      str(vm.veid),
    );
    return null;
  };
}

export const openvzHandlers: Record<string, Handler> = {
  openvz_get_free_ip: getFreeIp,
  openvz_vm_get_by_client: vmGetByClient,
  openvz_vm_add_from_template: vmAddFromTemplate,
  openvz_vm_start: vmAction('openvz_start_vm'),
  openvz_vm_stop: vmAction('openvz_stop_vm'),
  openvz_vm_restart: vmAction('openvz_restart_vm'),
};
