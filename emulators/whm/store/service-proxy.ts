import type { DB } from '../../../state/database.js';
import { proxyBackendsList, readList, writeList } from './stored-settings.js';

/*
 * An account's service proxying (set_service_proxy_backends,
 * get_service_proxy_backends, unset_all_service_proxy_backends): the backend
 * server for the whole account (`general`, service_group null) and per
 * service group ("Mail"). One list per account; removeacct forgets it.
 */

export interface ProxyBackend {
  service_group: string | null;
  backend: string;
}

export function proxyBackends(db: DB, user: string): ProxyBackend[] {
  return readList<ProxyBackend[]>(db, proxyBackendsList(user), []);
}

export function saveProxyBackends(db: DB, user: string, backends: ProxyBackend[]): void {
  writeList(db, proxyBackendsList(user), backends);
}
