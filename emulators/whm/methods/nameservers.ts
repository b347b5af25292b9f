import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { isDomain } from '../validate.js';
import { nameserverSoftware, setNameserverSoftware, updateNameservers, type NameserverSoftware } from '../store/dns-server.js';
import { serverJson } from '../store/server.js';
import { rebuildUserDomains } from '../store/user-domains.js';

/*
 * The server's DNS set-up (seed 004, "DNS / DNS Cluster Settings",
 * "Nameservers", "Domain Management"): the nameserver software
 * (set_nameserver; DNSSEC and is_alias_available depend on it), the default
 * nameservers (update_nameservers_config; get_nameserver_config and new
 * zones' NS records read them) and the user-domain map (updateuserdomains).
 */

const SOFTWARE: Record<string, NameserverSoftware> = { bind: 'bind', powerdns: 'powerdns', disabled: 'disabled' };

function set_nameserver(call: WhmCall): unknown {
  const sent = call.required('nameserver');
  const software = SOFTWARE[sent.toLowerCase()];
  if (!software) throw faults.nameserverSoftwareInvalid(sent.slice(0, 40));
  setNameserverSoftware(call.db, software);
  // The sample names the software in lower case: "Queued task to set nameserver to bind successfully."
  return { message: `Queued task to set nameserver to ${software} successfully.`, nameserver: software };
}

function update_nameservers_config(call: WhmCall): unknown {
  const changes = new Map<number, string>();
  ['nameserver', 'nameserver2', 'nameserver3', 'nameserver4'].forEach((name, i) => {
    const host = call.str(name)?.trim().toLowerCase();
    // seed 004: "If you do not supply a value, the function does not update the setting."
    if (!host) return;
    if (!isDomain(host)) throw faults.invalidParameter(name, host.slice(0, 100), 'a nameserver’s fully qualified domain name');
    changes.set(i, host);
  });
  updateNameservers(call.db, changes);
  return undefined;
}

/**
 * ALIAS records need PowerDNS (seed 004, is_alias_available: "the value of
 * the running PowerDNS (PDNS) resolver setting, if any exists"); ANAME is
 * not offered (the sample's `aname: 0`). inferred: the resolver PowerDNS
 * uses is the server's first resolver (setresolvers), empty when none is set.
 */
function is_alias_available(call: WhmCall): unknown {
  const pdns = nameserverSoftware(call.db) === 'powerdns';
  const resolver = serverJson<string[]>(call.db, 'resolvers', [])[0] ?? '';
  return { alias: pdns ? 1 : 0, aname: 0, resolver: pdns ? resolver : '' };
}

function updateuserdomains(call: WhmCall): unknown {
  rebuildUserDomains(call.db, call.now());
  return undefined;
}

export const nameserverMethods = defineMethods<WhmCall>({
  set_nameserver: { acl: 'root', run: set_nameserver },
  update_nameservers_config: { acl: 'root', run: update_nameservers_config },
  is_alias_available: { acl: 'edit-dns', run: is_alias_available },
  updateuserdomains: { acl: 'root', run: updateuserdomains },
});
