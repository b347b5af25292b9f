import { prepare, type DB } from '../../../state/database.js';
import type { DomainRow } from './domains.js';

/** Every web virtual host of the server, by name: main, sub and addon domains (a parked domain is an alias, not a vhost). */
export function webVhosts(db: DB): DomainRow[] {
  return prepare<[], DomainRow>(db, "SELECT * FROM whm_domain WHERE type != 'parked' ORDER BY domain").all();
}
