import { prepare, type DB } from '../../../state/database.js';
import type { ZoneRow } from './zones.js';

/** The zones an account user owns itself (the cPanel door: an account sees only its own). */
export function zonesOwnedBy(db: DB, user: string): ZoneRow[] {
  return prepare<[string], ZoneRow>(db, 'SELECT * FROM whm_zone WHERE owner = ? ORDER BY domain').all(user);
}
