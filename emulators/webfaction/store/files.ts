import { prepare, type DB } from '../../../state/database.js';

/** One row of `wf_file`: an account's file or directory by absolute path. */
export interface FileRow {
  path: string;
  kind: 'dir' | 'file';
  content: Buffer | null;
  mode: number;
  mtime: number;
}

const COLUMNS = 'path, kind, content, mode, mtime';
// '0' sorts right after '/', so `path > 'x/' AND path < 'x0'` holds exactly the paths under `x/`.
const AT_OR_BELOW = '(path = ? OR (path > ? AND path < ?))';

export function fileAt(db: DB, accountId: number, path: string): FileRow | undefined {
  return prepare<[number, string], FileRow>(db, `SELECT ${COLUMNS} FROM wf_file WHERE account_id = ? AND path = ?`).get(accountId, path);
}

/** Every entry under `prefix` (which ends in '/'), at any depth, sorted by path. */
export function filesUnder(db: DB, accountId: number, prefix: string): FileRow[] {
  return prepare<[number, string, string], FileRow>(db, `SELECT ${COLUMNS} FROM wf_file WHERE account_id = ? AND path > ? AND path < ? ORDER BY path`).all(
    accountId,
    prefix,
    `${prefix.slice(0, -1)}0`,
  );
}

/** The entry at `path` and everything below it, sorted by path. */
export function subtreeAt(db: DB, accountId: number, path: string): FileRow[] {
  return prepare<[number, string, string, string], FileRow>(db, `SELECT ${COLUMNS} FROM wf_file WHERE account_id = ? AND ${AT_OR_BELOW} ORDER BY path`).all(
    accountId,
    path,
    `${path}/`,
    `${path}0`,
  );
}

/** Writes a file's whole content (creating it with mode 0644). */
export function putFile(db: DB, accountId: number, path: string, content: Buffer, mtime: number): void {
  prepare(
    db,
    "INSERT INTO wf_file (account_id, path, kind, content, mode, mtime) VALUES (?, ?, 'file', ?, 420, ?) ON CONFLICT(account_id, path) DO UPDATE SET content = excluded.content, mtime = excluded.mtime",
  ).run(accountId, path, content, mtime);
}

/** Creates a directory (mode 0755). */
export function insertDirectory(db: DB, accountId: number, path: string, mtime: number): void {
  prepare(db, "INSERT INTO wf_file (account_id, path, kind, content, mode, mtime) VALUES (?, ?, 'dir', NULL, 493, ?)").run(accountId, path, mtime);
}

/** Inserts a copy of `entry` at `path`. */
export function insertEntry(db: DB, accountId: number, path: string, entry: FileRow, mtime: number): void {
  prepare(db, 'INSERT INTO wf_file (account_id, path, kind, content, mode, mtime) VALUES (?, ?, ?, ?, ?, ?)').run(
    accountId,
    path,
    entry.kind,
    entry.content,
    entry.mode,
    mtime,
  );
}

export function touchEntry(db: DB, accountId: number, path: string, mtime: number): void {
  prepare(db, 'UPDATE wf_file SET mtime = ? WHERE account_id = ? AND path = ?').run(mtime, accountId, path);
}

export function setMode(db: DB, accountId: number, path: string, mode: number): void {
  prepare(db, 'UPDATE wf_file SET mode = ? WHERE account_id = ? AND path = ?').run(mode, accountId, path);
}

export function deleteSubtree(db: DB, accountId: number, path: string): void {
  prepare(db, `DELETE FROM wf_file WHERE account_id = ? AND ${AT_OR_BELOW}`).run(accountId, path, `${path}/`, `${path}0`);
}

/** Total bytes of the files at or below `path`. */
export function bytesAt(db: DB, accountId: number, path: string): number {
  const row = prepare<[number, string, string, string], { bytes: number | null }>(
    db,
    `SELECT SUM(LENGTH(content)) AS bytes FROM wf_file WHERE account_id = ? AND ${AT_OR_BELOW}`,
  ).get(accountId, path, `${path}/`, `${path}0`);
  return row?.bytes ?? 0;
}
