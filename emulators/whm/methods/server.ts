import { whmReply } from '../envelope/reply.js';
import { authorize } from '../auth.js';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { isIpv4, isIpv6 } from '../ip.js';
import { resellerMainIp } from '../store/resellers.js';
import { addIp, deleteIp, ipUsed, getIp, hostname, listIps, serverJson, setServerJson, setServerValue } from '../store/server.js';
import { isDomain } from '../validate.js';

/** The cPanel & WHM version this world reports (setting `whm.version`). */
function version(call: WhmCall): unknown {
  return { version: call.setting('version', '11.124.0.21') };
}

/** Every function this caller may call: the contract's functions that have an implementation and whose privilege the caller holds. */
function applist(call: WhmCall): unknown {
  const app: string[] = [];
  const { methods } = call.ctx.panel;
  for (const m of call.ctx.panel.contract.methods) {
    const acl = methods?.[m.name]?.acl;
    if (acl === undefined) continue;
    try {
      authorize(call, acl);
      app.push(m.name);
    } catch {
      // not for this caller
    }
  }
  return { app: app.sort() };
}

function listips(call: WhmCall): unknown {
  const ip = listIps(call.db).map((r) => ({
    active: r.active,
    dedicated: r.dedicated,
    if: r.iface,
    ip: r.ip,
    mainaddr: r.mainaddr,
    netmask: r.netmask,
    network: r.network,
    public_ip: r.public_ip,
    removable: r.removable,
    used: ipUsed(call.db, r.ip) ? 1 : 0,
  }));
  return { ip };
}

function sethostname(call: WhmCall): unknown {
  const name = call.required('hostname').toLowerCase();
  // A hostname must be a fully qualified name with at least three labels (WHM refuses a bare domain).
  if (!isDomain(name) || name.split('.').length < 3) throw faults.hostnameInvalid(name);
  setServerValue(call.db, 'hostname', name);
  // [lumberg] sethostname.yml: "Hostname Changed to: myhost.com"
  return whmReply({ reason: `Hostname Changed to: ${name}`, metadata: { output: { messages: 'Updating Apache configuration', warnings: '' } } });
}

function setresolvers(call: WhmCall): unknown {
  const resolvers = ['nameserver1', 'nameserver2', 'nameserver3'].map((n) => call.str(n)).filter((v): v is string => !!v);
  for (const r of resolvers) if (!isIpv4(r) && !isIpv6(r)) throw faults.ipInvalid();
  if (!resolvers.length) throw faults.missingParameter('nameserver1');
  setServerJson(call.db, 'resolvers', resolvers);
  // The documented sample prints the list as one string.
  return whmReply({ reason: 'Your resolvers have been setup!', metadata: { output: { messages: `Listed in order they are:\n${resolvers.join('\n')}\n` } } });
}

function get_nameserver_config(call: WhmCall): unknown {
  return { nameservers: serverJson<string[]>(call.db, 'nameservers', []) };
}

function addips(call: WhmCall): unknown {
  const first = call.required('ips');
  const netmask = call.required('netmask');
  const wanted = first.split(/[\s,]+/).filter(Boolean);
  const added: string[] = [];
  for (const ip of wanted) {
    if (!isIpv4(ip)) throw faults.ipInvalid();
    if (getIp(call.db, ip)) throw faults.ipExists(ip);
    addIp(call.db, ip, netmask);
    added.push(ip);
  }
  return whmReply({ reason: 'Success', metadata: { output: { messages: added.map((ip) => `${ip}/${netmask} has been added.`) } } });
}

function delip(call: WhmCall): unknown {
  const ip = call.required('ip');
  const row = getIp(call.db, ip);
  if (!row) throw faults.ipNotAvailable(ip);
  if (row.mainaddr) throw faults.ipMain(ip);
  if (ipUsed(call.db, ip)) throw faults.ipInUse(ip);
  deleteIp(call.db, ip);
  return whmReply({ reason: `${ip} has been removed.` });
}

function get_shared_ip(call: WhmCall): unknown {
  const user = call.session.user;
  const main = listIps(call.db).find((r) => r.mainaddr)?.ip ?? '';
  return { ip: resellerMainIp(call.db, user) ?? main };
}

export const serverMethods = defineMethods<WhmCall>({
  version: { acl: 'any', run: version },
  applist: { acl: 'any', run: applist },
  gethostname: { acl: 'any', run: (call) => ({ hostname: hostname(call.db) }) },
  listips: { acl: 'list-accts', run: listips },
  sethostname: { acl: 'root', run: sethostname },
  setresolvers: { acl: 'root', run: setresolvers },
  get_nameserver_config: { acl: 'any', run: get_nameserver_config },
  addips: { acl: 'root', run: addips },
  delip: { acl: 'root', run: delip },
  get_shared_ip: { acl: 'any', run: get_shared_ip },
});
