import { prepare, type DB } from '../../../state/database.js';

/** The account's crontab lines, in the order they were added. */
export function crontabOf(db: DB, accountId: number): string[] {
  return prepare<[number], { line: string }>(db, 'SELECT line FROM wf_cronjob WHERE account_id = ? ORDER BY id')
    .all(accountId)
    .map((r) => r.line);
}

export function hasCronjob(db: DB, accountId: number, line: string): boolean {
  return !!prepare(db, 'SELECT 1 FROM wf_cronjob WHERE account_id = ? AND line = ?').get(accountId, line);
}

export function insertCronjob(db: DB, accountId: number, line: string): void {
  prepare(db, 'INSERT INTO wf_cronjob (account_id, line) VALUES (?, ?)').run(accountId, line);
}

/** Removes the line; false when it was not there. */
export function deleteCronjob(db: DB, accountId: number, line: string): boolean {
  return prepare(db, 'DELETE FROM wf_cronjob WHERE account_id = ? AND line = ?').run(accountId, line).changes > 0;
}
