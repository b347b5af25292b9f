import { prepare, type DB } from '../../../state/database.js';

/** One cPanel API token of an account user (UAPI Tokens). */
export interface CpanelTokenRow {
  user: string;
  name: string;
  token: string;
  create_time: number;
  expires_at: number | null;
}

export function tokenByName(db: DB, user: string, name: string): CpanelTokenRow | undefined {
  return prepare<[string, string], CpanelTokenRow>(db, 'SELECT * FROM cpanel_token WHERE user = ? AND name = ?').get(user, name);
}

export function tokenBySecret(db: DB, user: string, token: string): CpanelTokenRow | undefined {
  return prepare<[string, string], CpanelTokenRow>(db, 'SELECT * FROM cpanel_token WHERE user = ? AND token = ?').get(user, token);
}

export function tokensOf(db: DB, user: string): CpanelTokenRow[] {
  return prepare<[string], CpanelTokenRow>(db, 'SELECT * FROM cpanel_token WHERE user = ? ORDER BY name').all(user);
}

export function insertToken(db: DB, row: CpanelTokenRow): void {
  prepare(db, 'INSERT INTO cpanel_token (user, name, token, create_time, expires_at) VALUES (@user, @name, @token, @create_time, @expires_at)').run(row);
}

export function deleteToken(db: DB, user: string, name: string): boolean {
  return prepare(db, 'DELETE FROM cpanel_token WHERE user = ? AND name = ?').run(user, name).changes > 0;
}

/** Removes an account's tokens (the account is gone). */
export function deleteTokensOf(db: DB, user: string): void {
  prepare(db, 'DELETE FROM cpanel_token WHERE user = ?').run(user);
}
