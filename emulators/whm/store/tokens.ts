import { prepare, type DB } from '../../../state/database.js';

/** An API token (`whm_token`): acls and whitelist_ips are JSON lists, null for none. */
export interface TokenRow {
  user: string;
  name: string;
  token: string;
  acls: string | null;
  create_time: number;
  expires_at: number | null;
  whitelist_ips: string | null;
}

export function tokenByName(db: DB, user: string, name: string): TokenRow | undefined {
  return prepare<[string, string], TokenRow>(db, 'SELECT * FROM whm_token WHERE user = ? AND name = ?').get(user, name);
}

/** The token whose secret this is, among the user's. */
export function tokenBySecret(db: DB, user: string, token: string): TokenRow | undefined {
  return prepare<[string, string], TokenRow>(db, 'SELECT * FROM whm_token WHERE user = ? AND token = ?').get(user, token);
}

export function tokensOf(db: DB, user: string): TokenRow[] {
  return prepare<[string], TokenRow>(db, 'SELECT * FROM whm_token WHERE user = ? ORDER BY name').all(user);
}

export function insertToken(db: DB, row: TokenRow): void {
  prepare(
    db,
    'INSERT INTO whm_token (user, name, token, acls, create_time, expires_at, whitelist_ips) VALUES (@user, @name, @token, @acls, @create_time, @expires_at, @whitelist_ips)',
  ).run(row);
}

/** Writes name, acls, expiry and whitelist of the token `row.token` of `row.user`. */
export function updateToken(db: DB, row: TokenRow): void {
  prepare(
    db,
    'UPDATE whm_token SET name = @name, acls = @acls, expires_at = @expires_at, whitelist_ips = @whitelist_ips WHERE user = @user AND token = @token',
  ).run(row);
}

export function deleteToken(db: DB, user: string, name: string): void {
  prepare(db, 'DELETE FROM whm_token WHERE user = ? AND name = ?').run(user, name);
}
