import { randomBytes } from 'node:crypto';
import { defineMethods } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { empty, intval, isPhpArray, str, type PhpArray } from '../engine/php.js';
import { faults } from '../faults.js';
import { groupOfClient } from '../store/groups.js';
import { freeIp, osTemplateExists, vmsOfGroup, vmTemplate } from '../store/openvz.js';
import { getRecord, insertRecord } from '../store/records.js';
import { pendingActionCount, queueRemoteAction } from '../store/remote-actions.js';

// OpenVZ virtual machines as the panel keeps them (remote.d/openvz.inc.php): templates, IP pool, VM rows and the
// start/stop/restart actions it queues for the host. The host itself is outside the panel; the queue is the panel's state.

/** auth->get_random_password: letters and digits. */
function randomPassword(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A VM from an OS template and a VM template on the first free IP; override_params may set hostname, password, flags. */
function vmAddFromTemplate(call: IspCall): unknown {
  const overrideArg = call.param('override_params');
  const templateId = intval(call.param('template_id'));
  const ostemplateId = intval(call.param('ostemplate_id'));
  const override: PhpArray = isPhpArray(overrideArg) ? overrideArg : {};
  if (templateId === 0) throw faults.templateId('Template ID must be > 0.');
  if (ostemplateId === 0) throw faults.ostemplateId('OSTemplate ID must be > 0.');
  const template = vmTemplate(call.db, templateId);
  if (!template) throw faults.templateId('Template does not exist.');
  if (!osTemplateExists(call.db, ostemplateId)) throw faults.ostemplateId('OSTemplate does not exist.');
  const ip = freeIp(call.db, intval(override.server_id));
  if (!ip) throw faults.vmIp();
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
  return insertRecord(call, 'openvz_vm', call.param('client_id'), params).returned;
}

/** Queues an action for the host in sys_remoteaction; the method itself returns nothing (nil). */
function vmAction(action: string): (call: IspCall) => null {
  return (call) => {
    const vm = getRecord(call, 'openvz_vm', call.param('vm_id'));
    if (!vm || Array.isArray(vm)) throw faults.actionPending('No VM with this ID available.');
    if (vm.active === 'n') throw faults.actionPending('VM is not in active state.');
    if (pendingActionCount(call.db, vm.server_id, action, vm.veid) > 0) throw faults.actionPending('There is already a action pending for this VM.');
    queueRemoteAction(call.db, intval(vm.server_id), call.now(), action, str(vm.veid));
    return null;
  };
}

export const openvzMethods = defineMethods<IspCall>({
  openvz_get_free_ip: {
    run(call) {
      const ip = freeIp(call.db, intval(call.param('server_id')));
      if (!ip) throw faults.noFreeIp();
      return ip;
    },
  },
  openvz_vm_get_by_client: {
    run(call) {
      const clientId = call.param('client_id');
      if (empty(clientId)) return false;
      return vmsOfGroup(call.db, groupOfClient(call.db, intval(clientId))?.groupid ?? null);
    },
  },
  openvz_vm_add_from_template: { run: vmAddFromTemplate },
  openvz_vm_start: { run: vmAction('openvz_start_vm') },
  openvz_vm_stop: { run: vmAction('openvz_stop_vm') },
  openvz_vm_restart: { run: vmAction('openvz_restart_vm') },
});
