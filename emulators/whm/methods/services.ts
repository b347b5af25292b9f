import { defineMethods } from '../../core/define-methods.js';
import { accessibleAccount } from '../access.js';
import type { WhmCall } from '../call.js';
import { whmReply } from '../envelope/reply.js';
import { faults } from '../faults.js';
import { isIpv4, isIpv6 } from '../ip.js';
import { isDomain } from '../store/domain-names.js';
import { MAX_CONFIG_KEYS, serviceConfig, setServiceConfigKey } from '../store/service-config.js';
import { proxyBackends, saveProxyBackends, type ProxyBackend } from '../store/service-proxy.js';
import { getService, isRunning, listServices, updateService, type ServiceState } from '../store/services.js';

/*
 * The Service Manager (seed 004, "Server Administration / Services"):
 * configureservice enables, disables and monitors a service, servicestatus
 * shows it, restartservice starts it again (its start time on the world
 * clock: systemloadavg feels fresh starts), enable_monitor_all_enabled_services
 * monitors every enabled one; services' configuration keys; an account's
 * service proxying.
 */

function serviceNamed(call: WhmCall, name: string): ServiceState {
  const s = getService(call.db, name);
  if (!s)
    throw faults.unknownServiceName(
      name.slice(0, 100),
      listServices(call.db).map((x) => x.name),
    );
  return s;
}

function statusRecord(s: ServiceState): Record<string, unknown> {
  return { display_name: s.display_name, enabled: s.enabled, installed: s.installed, monitored: s.monitored, name: s.name, running: isRunning(s) ? 1 : 0 };
}

function servicestatus(call: WhmCall): unknown {
  const name = call.str('service');
  const services = name ? [serviceNamed(call, name)] : listServices(call.db);
  return { service: services.map(statusRecord) };
}

/** An optional 1/0 parameter: undefined when not sent (configureservice then leaves that setting as it is). */
function flag(call: WhmCall, name: string): 0 | 1 | undefined {
  if (!call.sent(name) || call.str(name) === '') return undefined;
  return call.bool(name) ? 1 : 0;
}

function configureservice(call: WhmCall): unknown {
  const s = serviceNamed(call, call.required('service'));
  const enabled = flag(call, 'enabled');
  const monitored = flag(call, 'monitored');
  if (enabled === 1 && !s.installed) throw faults.serviceNotInstalled(s.name);
  const ports = call.str('exim-altportnum');
  if (s.name === 'exim-altport' && ports !== undefined) {
    const list = ports.split(/[\s,]+/).filter(Boolean);
    if (!list.length || list.length > 20 || list.some((p) => !/^\d{1,5}$/.test(p) || Number(p) < 1 || Number(p) > 65535)) {
      throw faults.invalidParameter('exim-altportnum', ports.slice(0, 100), 'a comma-separated list of ports');
    }
    setServiceConfigKey(call.db, 'exim-altport', 'ports', list.join(','));
  }
  const change: Partial<Pick<ServiceState, 'enabled' | 'monitored' | 'since'>> = {};
  if (enabled !== undefined) change.enabled = enabled;
  if (monitored !== undefined) change.monitored = monitored;
  // Enabling a stopped service starts it now (world clock).
  if (enabled === 1 && !s.enabled) change.since = call.now();
  if (Object.keys(change).length) updateService(call.db, s.name, change);
  // The sample's wording ("Enabled monitoring for mysql."); without either parameter it states the monitoring as it stands (inferred).
  const after = { ...s, ...change };
  const said: string[] = [];
  if (enabled !== undefined) said.push(`${enabled ? 'Enabled' : 'Disabled'} ${s.name}.`);
  if (monitored !== undefined || enabled === undefined) said.push(`${after.monitored ? 'Enabled' : 'Disabled'} monitoring for ${s.name}.`);
  return whmReply({ reason: said.join(' ') });
}

function restartservice(call: WhmCall): unknown {
  const s = serviceNamed(call, call.required('service'));
  if (!s.installed) throw faults.serviceNotInstalled(s.name);
  if (!s.enabled) throw faults.serviceDisabled(s.name);
  updateService(call.db, s.name, { since: call.now() });
  // restartsrv's output as the sample shows it, for this service (the sample's PIDs and command lines are not kept).
  const output = call.bool('queue_task')
    ? `The restart of ${s.name} is queued.\n` // inferred: queue_task changes the output (seed 004)
    : `Waiting for ${s.name} to restart...finished.\n\n${s.name} started ok\n`;
  return { output, service: s.name };
}

function enable_monitor_all_enabled_services(call: WhmCall): unknown {
  const changed = listServices(call.db).filter((s) => s.enabled && !s.monitored);
  for (const s of changed) updateService(call.db, s.name, { monitored: 1 });
  // The services whose monitoring it turned on (the sample lists one, cphulkd).
  return { services: changed.map((s) => ({ monitored: 1, service: s.name })) };
}

/** Services whose configuration the functions read: those under /var/cpanel/conf (the reference documents Dovecot's). */
const CONFIGURABLE = ['dovecot', 'exim', 'exim-altport', 'cpsrvd', 'ftpd', 'named'];

function configService(call: WhmCall): string {
  const service = call.required('service');
  if (!CONFIGURABLE.includes(service)) throw faults.unknownServiceName(service.slice(0, 100), CONFIGURABLE);
  return service;
}

function get_service_config(call: WhmCall): unknown {
  return serviceConfig(call.db, configService(call));
}

function get_service_config_key(call: WhmCall): unknown {
  const service = configService(call);
  const key = call.required('key');
  // The key and its value; null for a key the service has not set (the sample shows `mail_process_size: null`).
  return { [key]: serviceConfig(call.db, service)[key] ?? null };
}

function set_service_config_key(call: WhmCall): unknown {
  const service = configService(call);
  const key = call.required('key');
  const value = call.required('value');
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(key)) throw faults.invalidParameter('key', key.slice(0, 100), 'a configuration key name');
  if (value.length > 4096) throw faults.invalidParameter('value', `${value.slice(0, 40)}…`, 'at most 4096 characters');
  if (!setServiceConfigKey(call.db, service, key, value)) throw faults.listFull(MAX_CONFIG_KEYS, `configuration keys for ${service}`);
  return whmReply({ reason: 'Succeeded' });
}

/** A proxy backend: a hostname or an IP address (seed 004, set_service_proxy_backends). */
function backendValue(name: string, value: string): string {
  const v = value.trim().toLowerCase();
  if (!isDomain(v) && !isIpv4(v) && !isIpv6(v)) throw faults.invalidParameter(name, value.slice(0, 100), 'a hostname or an IP address');
  return v;
}

function set_service_proxy_backends(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('username'));
  // Each setting defaults to the existing one (seed 004): sent values replace their group's entry only.
  const backends = new Map(proxyBackends(call.db, row.user).map((b) => [b.service_group, b.backend]));
  const general = call.str('general');
  if (general) backends.set(null, backendValue('general', general));
  const groups = call.list('service_group');
  const servers = call.list('service_group_backend');
  if (groups.length > 20) throw faults.invalidParameter('service_group', `${groups.length} groups`, 'at most 20 service groups');
  groups.forEach((group, i) => {
    if (group !== 'Mail') throw faults.invalidParameter('service_group', group.slice(0, 100), '“Mail”');
    const server = servers[i];
    if (!server) throw faults.proxyGroupWithoutBackend(group);
    backends.set(group, backendValue('service_group_backend', server));
  });
  const list: ProxyBackend[] = [...backends].map(([service_group, backend]) => ({ service_group, backend }));
  saveProxyBackends(call.db, row.user, list);
  return undefined;
}

function get_service_proxy_backends(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('username'));
  // The sample's records: the backend and its group (null for the account-wide `general` backend, inferred).
  return { payload: proxyBackends(call.db, row.user).map((b) => ({ backend: b.backend, service_group: b.service_group })) };
}

function unset_all_service_proxy_backends(call: WhmCall): unknown {
  const row = accessibleAccount(call, call.required('username'));
  saveProxyBackends(call.db, row.user, []);
  return undefined;
}

export const serviceManagerMethods = defineMethods<WhmCall>({
  servicestatus: { acl: 'root', run: servicestatus },
  configureservice: { acl: 'root', run: configureservice },
  restartservice: { acl: 'root', run: restartservice },
  enable_monitor_all_enabled_services: { acl: 'root', run: enable_monitor_all_enabled_services },
  get_service_config: { acl: 'root', run: get_service_config },
  get_service_config_key: { acl: 'root', run: get_service_config_key },
  set_service_config_key: { acl: 'root', run: set_service_config_key },
  set_service_proxy_backends: { acl: 'root', run: set_service_proxy_backends },
  get_service_proxy_backends: { acl: 'root', run: get_service_proxy_backends },
  unset_all_service_proxy_backends: { acl: 'root', run: unset_all_service_proxy_backends },
});
