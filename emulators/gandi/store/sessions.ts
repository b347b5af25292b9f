import { prepare, type DB } from '../../../state/database.js';

export interface SessionRow {
  id: string;
  login_id: number;
  acting_id: number;
  safe: number;
  created_at: number;
  expires_at: number;
}

export function sessionById(db: DB, id: string): SessionRow | undefined {
  return prepare<[string], SessionRow>(db, 'SELECT * FROM gandi_session WHERE id = ?').get(id);
}

export function insertSession(db: DB, s: { id: string; loginId: number; actingId: number; safe: boolean; createdAt: number; expiresAt: number }): void {
  prepare(db, 'INSERT INTO gandi_session (id, login_id, acting_id, safe, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    s.id,
    s.loginId,
    s.actingId,
    s.safe ? 1 : 0,
    s.createdAt,
    s.expiresAt,
  );
}

export function deleteExpiredSessions(db: DB, now: number): void {
  prepare(db, 'DELETE FROM gandi_session WHERE expires_at <= ?').run(now);
}
