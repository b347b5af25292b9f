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

/**
 * Token rows by user and secret, per database: every token-authenticated call looks its token up before anything
 * else, and that query was over half of the WHM gate's time (issue 21). Only what is read outside a transaction is
 * kept (what a transaction reads may still roll back), every write to whm_token forgets the database's entries
 * (forgetTokens), and a reset or restore swaps the database object, which drops its entries with it. Bounded: a
 * client trying many wrong secrets empties the map instead of growing it.
 */
const bySecret = new WeakMap<DB, Map<string, Readonly<TokenRow> | null>>();
const CACHED_SECRETS = 256;

/** The token whose secret this is, among the user's. */
export function tokenBySecret(db: DB, user: string, token: string): Readonly<TokenRow> | undefined {
  const key = `${user}\0${token}`;
  const cached = bySecret.get(db)?.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const row = prepare<[string, string], TokenRow>(db, 'SELECT * FROM whm_token WHERE user = ? AND token = ?').get(user, token);
  if (!db.inTransaction) {
    let cache = bySecret.get(db);
    if (!cache) bySecret.set(db, (cache = new Map()));
    if (cache.size >= CACHED_SECRETS) cache.clear();
    cache.set(key, row ? Object.freeze(row) : null);
  }
  return row;
}

/** Drops what tokenBySecret remembers for `db`: call it after any write to whm_token. */
export function forgetTokens(db: DB): void {
  bySecret.delete(db);
}

export function tokensOf(db: DB, user: string): TokenRow[] {
  return prepare<[string], TokenRow>(db, 'SELECT * FROM whm_token WHERE user = ? ORDER BY name').all(user);
}

export function insertToken(db: DB, row: TokenRow): void {
  prepare(
    db,
    'INSERT INTO whm_token (user, name, token, acls, create_time, expires_at, whitelist_ips) VALUES (@user, @name, @token, @acls, @create_time, @expires_at, @whitelist_ips)',
  ).run(row);
  forgetTokens(db);
}

/** Writes name, acls, expiry and whitelist of the token `row.token` of `row.user`. */
export function updateToken(db: DB, row: TokenRow): void {
  prepare(
    db,
    'UPDATE whm_token SET name = @name, acls = @acls, expires_at = @expires_at, whitelist_ips = @whitelist_ips WHERE user = @user AND token = @token',
  ).run(row);
  forgetTokens(db);
}

export function deleteToken(db: DB, user: string, name: string): void {
  prepare(db, 'DELETE FROM whm_token WHERE user = ? AND name = ?').run(user, name);
  forgetTokens(db);
}
