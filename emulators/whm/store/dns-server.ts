import type { DB } from '../../../state/database.js';
import { nameservers, serverValue, setServerJson, setServerValue } from './server.js';

/*
 * The server's DNS set-up: which nameserver software runs (set_nameserver:
 * BIND, PowerDNS or none) and the default nameservers of wwwacct.conf
 * (update_nameservers_config; get_nameserver_config and new zones read them).
 */

export type NameserverSoftware = 'bind' | 'powerdns' | 'disabled';

/** The running nameserver software. inferred default: PowerDNS, what cPanel & WHM installs on new servers since version 78 (its release notes). */
export function nameserverSoftware(db: DB): NameserverSoftware {
  return (serverValue(db, 'nameserver_software') as NameserverSoftware | undefined) ?? 'powerdns';
}

export function setNameserverSoftware(db: DB, software: NameserverSoftware): void {
  setServerValue(db, 'nameserver_software', software);
}

/** Replaces the wwwacct.conf NS, NS2, NS3, NS4 entries that were sent (index 0–3); the others stay. */
export function updateNameservers(db: DB, changes: Map<number, string>): string[] {
  const list = nameservers(db).slice(0, 4);
  for (const [i, host] of changes) list[i] = host;
  const dense = Array.from({ length: list.length }, (_, i) => list[i] ?? '');
  while (dense.length && !dense[dense.length - 1]) dense.pop();
  setServerJson(db, 'nameservers', dense);
  return dense;
}
