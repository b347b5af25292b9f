import { prepare, type DB } from '../../../state/database.js';

export interface OsRow {
  id: number;
  label: string;
  os_arch: string;
  date_created: number;
}

export function osList(db: DB): OsRow[] {
  return prepare<[], OsRow>(db, 'SELECT * FROM gandi_os ORDER BY id').all();
}

export function osExists(db: DB, id: number): boolean {
  return prepare<[number], { id: number }>(db, 'SELECT id FROM gandi_os WHERE id = ?').get(id) !== undefined;
}

export function insertOs(db: DB, os: OsRow): void {
  prepare(db, 'INSERT INTO gandi_os (id, label, os_arch, date_created) VALUES (?, ?, ?, ?)').run(os.id, os.label, os.os_arch, os.date_created);
}
