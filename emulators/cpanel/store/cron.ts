import { prepare, type DB } from '../../../state/database.js';

/** One line of an account's crontab. */
export interface CronRow {
  id: number;
  user: string;
  minute: string;
  hour: string;
  day: string;
  month: string;
  weekday: string;
  command: string;
}

/** The account's crontab in file order. */
export function cronLinesOf(db: DB, user: string): CronRow[] {
  return prepare<[string], CronRow>(db, 'SELECT * FROM cpanel_cron WHERE user = ? ORDER BY id').all(user);
}

export function insertCronLine(db: DB, row: Omit<CronRow, 'id'>): number {
  return Number(
    prepare(
      db,
      'INSERT INTO cpanel_cron (user, minute, hour, day, month, weekday, command) VALUES (@user, @minute, @hour, @day, @month, @weekday, @command)',
    ).run(row).lastInsertRowid,
  );
}

export function deleteCronLine(db: DB, id: number): void {
  prepare(db, 'DELETE FROM cpanel_cron WHERE id = ?').run(id);
}
