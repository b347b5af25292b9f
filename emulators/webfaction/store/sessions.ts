import { prepare, type DB } from '../../../state/database.js';

export interface SessionRow {
  id: string;
  account_id: number;
  username: string;
  machine_id: number;
  machine: string;
  version: number;
  cwd: string;
  expires_at: number;
}

export function findSession(db: DB, id: string): SessionRow | undefined {
  return prepare<[string], SessionRow>(db, 'SELECT id, account_id, username, machine_id, machine, version, cwd, expires_at FROM wf_session WHERE id = ?').get(
    id,
  );
}

/** Stores a new session, dropping the expired ones first so the table stays small. */
export function insertSession(db: DB, row: SessionRow, now: number): void {
  prepare(db, 'DELETE FROM wf_session WHERE expires_at <= ?').run(now);
  prepare(
    db,
    'INSERT INTO wf_session (id, account_id, username, machine_id, machine, version, cwd, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(row.id, row.account_id, row.username, row.machine_id, row.machine, row.version, row.cwd, now, row.expires_at);
}

export function setSessionCwd(db: DB, id: string, cwd: string): void {
  prepare(db, 'UPDATE wf_session SET cwd = ? WHERE id = ?').run(cwd, id);
}
