import { prepare, type DB } from '../../../state/database.js';

/** An FTP account of a cPanel account (`login` is user@domain). */
export interface FtpRow {
  login: string;
  user: string;
  password: string;
  homedir: string;
  quota: number;
  created: number;
}

export function ftpAccount(db: DB, login: string): FtpRow | undefined {
  return prepare<[string], FtpRow>(db, 'SELECT * FROM cpanel_ftp WHERE login = ?').get(login);
}

export function ftpAccountsOf(db: DB, user: string): FtpRow[] {
  return prepare<[string], FtpRow>(db, 'SELECT * FROM cpanel_ftp WHERE user = ? ORDER BY login').all(user);
}

export function insertFtpAccount(db: DB, row: FtpRow): void {
  prepare(db, 'INSERT INTO cpanel_ftp (login, user, password, homedir, quota, created) VALUES (@login, @user, @password, @homedir, @quota, @created)').run(row);
}

export function deleteFtpAccount(db: DB, login: string): boolean {
  return prepare(db, 'DELETE FROM cpanel_ftp WHERE login = ?').run(login).changes > 0;
}
